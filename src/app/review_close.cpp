#include "app/review_close.h"

namespace pinpoint::app {

bool ReviewCloseGuard::requestClose(const AssessorEntries& current) {
    if (asking_) return false;
    asking_ = unsaved(current);
    return !asking_;
}

bool ReviewCloseGuard::answer(CloseChoice choice, const std::function<bool()>& save) {
    asking_ = false;
    switch (choice) {
    case CloseChoice::SaveAndClose: return save();
    case CloseChoice::CloseWithoutSaving: return true;
    case CloseChoice::KeepReviewing: return false;
    }
    return false;
}

}  // namespace pinpoint::app
