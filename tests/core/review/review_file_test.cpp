// The assessor's review file: it round-trips exactly, and mistakes are located.
#include "core/review/review_file.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace pinpoint::core;
namespace fs = std::filesystem;

namespace {

// The shipped rating items (assets/rating_items.toml).
const RatingScale& scale() {
    static const RatingScale s = [] {
        Result<RatingScale> read = readRatingScale(std::string(PINPOINT_SOURCE_DIR) + "/assets/rating_items.toml");
        REQUIRE_MESSAGE(read.ok(), read.error().describe());
        return *read;
    }();
    return s;
}

Review sample() {
    Review r;
    r.sessionFile = "trainee-7.pps";
    r.sessionSha256 = std::string(64, 'c');
    r.assessor = "Dr Maria \"Mia\" Keller";
    r.updated = "2024-05-02T10:15:00Z";
    r.setRating(scale(), "time_and_motion", 3);
    r.setRating(scale(), "respect_for_tissue", 4);
    r.setRating(scale(), "patient_safety", 5);
    r.addComment({125.25, "Pen tilted on the left temple", "instrument_handling"});
    r.addComment({12.0 + 1.0 / 3.0, "Asked about anticoagulants: good", ""});
    r.addComment({125.25, "Second comment at the same moment, ünïcode ✓", ""});
    r.signOff = SignOff{SignOffResult::Pass, "Dr Maria Keller", "2024-05-02T10:20:00Z", "Safe and competent"};
    return r;
}

}  // namespace

TEST_CASE("ratings keep the items' order and comments keep time order") {
    const Review r = sample();
    REQUIRE(r.ratings.size() == 3);
    CHECK(r.ratings[0].item == "respect_for_tissue");
    CHECK(r.ratings[1].item == "time_and_motion");
    CHECK(r.ratings[2].item == "patient_safety");
    REQUIRE(r.comments.size() == 3);
    CHECK(r.comments[0].t == doctest::Approx(12.333333));
    CHECK(r.comments[1].text == "Pen tilted on the left temple");  // equal times keep the order added
    CHECK(scale().items.size() == 7);
    CHECK(scale().find("flow_of_operation") != nullptr);
    CHECK(scale().items.front().id == "respect_for_tissue");
}

TEST_CASE("a review round-trips: text -> review -> the same text, values bit for bit") {
    const Review r = sample();
    const std::string text = reviewText(r);
    Result<Review> back = parseReview(text, "r.review.json", scale());
    REQUIRE_MESSAGE(back.ok(), back.error().describe());
    CHECK(*back == r);
    CHECK(reviewText(*back) == text);

    Review empty;
    Result<Review> emptyBack = parseReview(reviewText(empty), "e.review.json", scale());
    REQUIRE(emptyBack.ok());
    CHECK(*emptyBack == empty);
    CHECK_FALSE(emptyBack->signOff);
}

TEST_CASE("review files are written beside the session, never into it") {
    const fs::path dir = fs::temp_directory_path() / ("pinpoint-review-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string session = (dir / "trainee-7.pps").string();
    CHECK(reviewPathFor(session) == (dir / "trainee-7.review.json").string());
    CHECK(reviewPathFor("x/y.session") == "x/y.session.review.json");
    CHECK_FALSE(writeReviewFile(session, sample()).ok());
    CHECK_FALSE(fs::exists(session));
    REQUIRE(writeReviewFile(reviewPathFor(session), sample()).ok());
    Result<Review> read = readReviewFile(reviewPathFor(session), scale());
    REQUIRE(read.ok());
    CHECK(*read == sample());
    // Saving again replaces the file whole.
    Review changed = sample();
    changed.setRating(scale(), "time_and_motion", 2);
    REQUIRE(writeReviewFile(reviewPathFor(session), changed).ok());
    CHECK(readReviewFile(reviewPathFor(session), scale())->rating("time_and_motion")->score == 2);
    fs::remove_all(dir);
}

TEST_CASE("mistakes in a review file are located") {
    std::string text = reviewText(sample());
    auto errorFor = [](const std::string& t) {
        Result<Review> r = parseReview(t, "r.review.json", scale());
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    std::string bad = text;
    bad.replace(bad.find("\"score\": 3"), 10, "\"score\": 6");
    Error e = errorFor(bad);
    CHECK(e.message.find("1 to 5") != std::string::npos);
    const std::size_t at = bad.find("\"score\": 6");
    CHECK(e.line == 1 + std::count(bad.begin(), bad.begin() + static_cast<std::ptrdiff_t>(at), '\n'));  // that score's line
    CHECK(e.column == 7);
    bad = text;
    bad.replace(bad.find("time_and_motion"), 15, "time_and_motio");
    CHECK(errorFor(bad).message.find("unknown rating item") != std::string::npos);
    bad = text;
    bad.replace(bad.find("\"pass\""), 6, "\"maybe\"");
    CHECK(errorFor(bad).message.find("pass") != std::string::npos);
    e = errorFor(text.substr(0, 100));
    CHECK(e.message.find("invalid JSON") != std::string::npos);
    CHECK(e.line > 1);
    CHECK(errorFor("{\"format\":\"pinpoint-review\",\"version\":2}").message.find("newer") != std::string::npos);
    CHECK(errorFor("{\"format\":\"other\",\"version\":1}").message.find("not a Pinpoint review") != std::string::npos);
}

TEST_CASE("the rating items are data: read, checked and located") {
    CHECK(scale().source.find("OSATS") != std::string::npos);
    const std::string text = "format = \"pinpoint-rating-items\"\nversion = 1\nsource = \"ours\"\n"
                             "[[item]]\nid = \"hands\"\ntitle = \"Hands\"\nanchor_1 = \"a\"\nanchor_3 = \"b\"\nanchor_5 = \"c\"\n";
    Result<RatingScale> own = parseRatingScale(text, "own.toml");
    REQUIRE(own.ok());
    REQUIRE(own->items.size() == 1);
    CHECK(own->items[0].title == "Hands");
    // A review rated on the shipped items does not read against a course's own items: located, named.
    Result<Review> wrong = parseReview(reviewText(sample()), "r.review.json", *own);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().line > 1);
    CHECK(wrong.error().message.find("unknown rating item") != std::string::npos);
    std::string twice = text + "[[item]]\nid = \"hands\"\ntitle = \"Again\"\nanchor_1 = \"a\"\nanchor_3 = \"b\"\nanchor_5 = \"c\"\n";
    Result<RatingScale> bad = parseRatingScale(twice, "twice.toml");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().line == 11);  // the second id
    CHECK(bad.error().message.find("twice") != std::string::npos);
}
