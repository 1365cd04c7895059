#pragma once
// Closing the review window without losing the assessor's work: what has been entered (ratings,
// comments, the assessor's name, the sign-off) is compared with what was last loaded or saved, and
// a close request (the window's close button or Close) with anything unsaved asks first: Save and
// close, Close without saving, or Keep reviewing. No window here, so it is unit-tested.
#include "core/review/review_file.h"

#include <functional>
#include <string>
#include <vector>

namespace pinpoint::app {

enum class SignOffChoice { None, Pass, Fail };

// What the assessor has entered in the window.
struct AssessorEntries {
    std::vector<core::Rating> ratings;
    std::vector<core::ReviewComment> comments;
    std::string assessor;
    SignOffChoice signOff = SignOffChoice::None;
    bool operator==(const AssessorEntries&) const = default;
};

enum class CloseChoice { SaveAndClose, CloseWithoutSaving, KeepReviewing };

class ReviewCloseGuard {
public:
    // What is on disk now: after loading (or starting with no review file) and after each save.
    void saved(const AssessorEntries& entries) { saved_ = entries; }
    bool unsaved(const AssessorEntries& current) const { return !(current == saved_); }

    // The window is asked to close. True: close now (nothing unsaved). False: keep the window open
    // and ask (asking() stays true until answered; asking again changes nothing).
    bool requestClose(const AssessorEntries& current);
    bool asking() const { return asking_; }
    // The assessor's answer. `save` writes the review and says whether it worked. True: close now.
    // Save and close that fails keeps the window open (the window shows why).
    bool answer(CloseChoice choice, const std::function<bool()>& save);

private:
    AssessorEntries saved_;
    bool asking_ = false;
};

}  // namespace pinpoint::app
