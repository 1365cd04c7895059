#pragma once
// Closing the review window without losing the assessor's work (close_guard.h): what has been
// entered is the ratings, comments, the assessor's name and the sign-off.
#include "app/close_guard.h"
#include "core/review/review_file.h"

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

using ReviewCloseGuard = CloseGuard<AssessorEntries>;

}  // namespace pinpoint::app
