#pragma once
// An assessor's review of one session (docs/review-format.md): global rating items scored 1-5 in the
// manner of OSATS, comments pinned to moments of the session, and a pass/fail sign-off. Kept in its
// own file next to the session (`NAME.review.json` beside `NAME.pps`), never in the session.
#include "core/common/error.h"
#include "core/review/rating_scale.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core {

struct Rating {
    std::string item;  // a rating item's id (assets/rating_items.toml)
    int score = 0;     // 1-5
    bool operator==(const Rating&) const = default;
};

struct ReviewComment {
    double t = 0.0;     // seconds from the session start: the moment the comment is pinned to
    std::string text;
    std::string item;   // optional: the rating item it supports
    bool operator==(const ReviewComment&) const = default;
};

enum class SignOffResult { Pass, Fail };

struct SignOff {
    SignOffResult result = SignOffResult::Fail;
    std::string by;    // the assessor's name
    std::string at;    // ISO 8601
    std::string note;  // optional
    bool operator==(const SignOff&) const = default;
};

struct Review {
    int version = 1;
    std::string sessionFile;     // the session's file name (no folder)
    std::string sessionSha256;   // SHA-256 of the session file as reviewed
    std::string assessor;
    std::string updated;         // ISO 8601, when last saved
    std::vector<Rating> ratings;          // in the rating scale's order; unrated items absent
    std::vector<ReviewComment> comments;  // by time
    std::optional<SignOff> signOff;
    bool operator==(const Review&) const = default;

    const Rating* rating(std::string_view item) const;
    void setRating(const RatingScale& scale, std::string_view item, int score);  // keeps the scale's order
    void addComment(ReviewComment comment);            // keeps time order (stable for equal times)
};

// The review file of a session: `demo.pps` -> `demo.review.json` in the same folder.
std::string reviewPathFor(const std::string& sessionPath);

// The file's text: two-space indented JSON with keys in a fixed order, ending with a newline.
std::string reviewText(const Review& review);
// Parses and checks a review against the rating items in use; errors are located (file:line:col).
Result<Review> parseReview(std::string_view text, const std::string& sourceName, const RatingScale& scale);
Result<Review> readReviewFile(const std::string& path, const RatingScale& scale);
// Writes atomically (a temporary file renamed over the old one). Refuses a path that is a session
// file (*.pps): a review never goes into the session.
Result<bool> writeReviewFile(const std::string& path, const Review& review);

const char* signOffName(SignOffResult r);  // "pass", "fail"

}  // namespace pinpoint::core
