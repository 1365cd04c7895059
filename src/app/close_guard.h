#pragma once
// Closing a window without losing unsaved work: what is entered is compared with what was last loaded
// or saved, and a close request (the window's close button or a Close button) with anything unsaved
// asks first: Save and close, Close without saving, or Keep it open. Used by the review window (the
// assessor's ratings and sign-off) and the case editor (the case as it would be written). No window
// here, so it is unit-tested.
#include <functional>

namespace pinpoint::app {

enum class CloseChoice { SaveAndClose, CloseWithoutSaving, KeepOpen };

// `Entries`: what the window holds that a save would write, comparable with ==.
template <class Entries>
class CloseGuard {
public:
    // What is on disk now: after loading (or starting with nothing) and after each save.
    void saved(const Entries& entries) { saved_ = entries; }
    bool unsaved(const Entries& current) const { return !(current == saved_); }

    // The window is asked to close. True: close now (nothing unsaved). False: keep the window open
    // and ask (asking() stays true until answered; asking again changes nothing).
    bool requestClose(const Entries& current) {
        if (asking_) return false;
        asking_ = unsaved(current);
        return !asking_;
    }
    bool asking() const { return asking_; }
    // The answer. `save` writes and says whether it worked. True: close now. Save and close that
    // fails keeps the window open (the window shows why).
    bool answer(CloseChoice choice, const std::function<bool()>& save) {
        asking_ = false;
        switch (choice) {
        case CloseChoice::SaveAndClose: return save();
        case CloseChoice::CloseWithoutSaving: return true;
        case CloseChoice::KeepOpen: return false;
        }
        return false;
    }

private:
    Entries saved_{};
    bool asking_ = false;
};

}  // namespace pinpoint::app
