#pragma once
// The question a window asks before unsaved work is lost (close_guard.h): a modal in the middle of
// the window with Save and close, Close without saving, and Keep (Escape keeps too). The review window
// and the case editor both ask it; each button's place goes to the test hooks as close_save,
// close_discard and close_keep, and the answer as a line ("closing saved", "closing discarded",
// "close_kept").
#include "app/close_guard.h"
#include "app/test_hooks.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::app {

struct CloseQuestion {
    const char* title;               // "Unsaved review"
    std::vector<std::string> lines;  // what is unsaved, then the question
    bool canSave = true;             // false: Save and close is off (and `whyNot` says why)
    std::string whyNot;
    const char* keepLabel;           // "Keep reviewing"
};

// Draws the question while `guard` is asking; once answered, true when the window is to close now
// (`save` is called for Save and close, and a failed save keeps it open).
template <class Entries>
bool askBeforeClosing(const CloseQuestion& question, CloseGuard<Entries>& guard, TestHooks& hooks,
                      const std::function<bool()>& save);

// The drawing alone: the choice made this frame, if any.
std::optional<CloseChoice> drawCloseQuestion(const CloseQuestion& question, TestHooks& hooks);
// The hook line for an answer.
const char* closeAnswerLine(CloseChoice choice, bool closing);

template <class Entries>
bool askBeforeClosing(const CloseQuestion& question, CloseGuard<Entries>& guard, TestHooks& hooks,
                      const std::function<bool()>& save) {
    if (!guard.asking()) return false;
    const std::optional<CloseChoice> choice = drawCloseQuestion(question, hooks);
    if (!choice) return false;
    const bool closing = guard.answer(*choice, save);
    hooks.line(closeAnswerLine(*choice, closing));
    return closing;
}

}  // namespace pinpoint::app
