#include "core/review/review_file.h"
#include "core/common/safe_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace pinpoint::core {

namespace {

using ojson = nlohmann::ordered_json;

constexpr std::string_view kFormat = "pinpoint-review";

// Where the n-th (0-based) `"key"` occurs in the text, as line and column; {1, 1} when it does not.
std::pair<int, int> locateKey(std::string_view text, std::string_view key, std::size_t n) {
    const std::string quoted = "\"" + std::string(key) + "\"";
    std::size_t at = std::string_view::npos, from = 0;
    for (std::size_t i = 0; i <= n; ++i) {
        at = text.find(quoted, from);
        if (at == std::string_view::npos) return {1, 1};
        from = at + 1;
    }
    const std::string_view before = text.substr(0, at);
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t lineStart = before.rfind('\n');
    const int column = static_cast<int>(at - (lineStart == std::string_view::npos ? 0 : lineStart + 1)) + 1;
    return {line, column};
}

struct Problem {
    std::string key;
    std::size_t occurrence = 0;
    std::string message;
    std::string hint;
};

std::string optionalString(const nlohmann::json& j, const char* key, std::size_t occurrence = 0) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_string()) throw Problem{key, occurrence, std::string(key) + " must be a string", ""};
    return it->get<std::string>();
}

Review parseChecked(const nlohmann::json& j, const RatingScale& scale) {
    if (!j.is_object()) throw Problem{"", 0, "a review file is one JSON object", ""};
    if (optionalString(j, "format") != kFormat)
        throw Problem{"format", 0, "this is not a Pinpoint review file", "the file starts with {\"format\": \"pinpoint-review\", ...}"};
    Review r;
    const auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer() || *version < 1)
        throw Problem{"version", 0, "version must be a whole number, 1 for this format", ""};
    if (*version > 1) throw Problem{"version", 0, "review format version " + version->dump() + " is newer than this Pinpoint reads (1)", "update Pinpoint"};
    if (const auto s = j.find("session"); s != j.end()) {
        if (!s->is_object()) throw Problem{"session", 0, "session must be an object {\"file\": ..., \"sha256\": ...}", ""};
        r.sessionFile = optionalString(*s, "file");
        r.sessionSha256 = optionalString(*s, "sha256");
    }
    r.assessor = optionalString(j, "assessor");
    r.updated = optionalString(j, "updated");
    std::size_t itemKeys = 0;
    if (const auto ratings = j.find("ratings"); ratings != j.end()) {
        if (!ratings->is_array()) throw Problem{"ratings", 0, "ratings must be an array", ""};
        for (std::size_t i = 0; i < ratings->size(); ++i, ++itemKeys) {
            const nlohmann::json& v = (*ratings)[i];
            if (!v.is_object()) throw Problem{"ratings", 0, "each rating is an object {\"item\": ..., \"score\": 1-5}", ""};
            const std::string item = optionalString(v, "item", itemKeys);
            if (!scale.find(item))
                throw Problem{"item", itemKeys, "unknown rating item '" + item + "'", "the items are " + scale.idList()};
            if (r.rating(item)) throw Problem{"item", itemKeys, "'" + item + "' is rated twice", "keep one score per item"};
            const auto score = v.find("score");
            if (score == v.end() || !score->is_number_integer() || *score < 1 || *score > 5)
                throw Problem{"score", i, "the score of '" + item + "' must be a whole number from 1 to 5", "1 poor, 3 competent, 5 excellent"};
            r.setRating(scale, item, score->get<int>());
        }
    }
    if (const auto comments = j.find("comments"); comments != j.end()) {
        if (!comments->is_array()) throw Problem{"comments", 0, "comments must be an array", ""};
        for (std::size_t i = 0; i < comments->size(); ++i) {
            const nlohmann::json& v = (*comments)[i];
            if (!v.is_object()) throw Problem{"comments", 0, "each comment is an object {\"t\": seconds, \"text\": ...}", ""};
            const auto t = v.find("t");
            if (t == v.end() || !t->is_number() || !std::isfinite(t->get<double>()) || t->get<double>() < 0)
                throw Problem{"t", i, "a comment needs t, the seconds into the session it is pinned to (0 or more)", ""};
            ReviewComment c{t->get<double>(), optionalString(v, "text", i), {}};
            if (c.text.empty()) throw Problem{"text", i, "a comment needs text", ""};
            if (v.contains("item")) {
                c.item = optionalString(v, "item", itemKeys);
                if (!c.item.empty() && !scale.find(c.item))
                    throw Problem{"item", itemKeys, "unknown rating item '" + c.item + "'", "the items are " + scale.idList()};
                ++itemKeys;
            }
            r.addComment(std::move(c));
        }
    }
    if (const auto s = j.find("sign_off"); s != j.end() && !s->is_null()) {
        if (!s->is_object()) throw Problem{"sign_off", 0, "sign_off must be an object or null", ""};
        const std::string result = optionalString(*s, "result");
        if (result != "pass" && result != "fail") throw Problem{"result", 0, "the sign-off result must be \"pass\" or \"fail\"", ""};
        SignOff off{result == "pass" ? SignOffResult::Pass : SignOffResult::Fail, optionalString(*s, "by"),
                    optionalString(*s, "at"), optionalString(*s, "note")};
        if (off.by.empty()) throw Problem{"sign_off", 0, "a sign-off names the assessor who gives it (\"by\")", ""};
        r.signOff = std::move(off);
    }
    return r;
}

}  // namespace

const Rating* Review::rating(std::string_view item) const {
    for (const Rating& r : ratings)
        if (r.item == item) return &r;
    return nullptr;
}

void Review::setRating(const RatingScale& scale, std::string_view item, int score) {
    auto order = [&](std::string_view id) { return scale.order(id); };
    for (Rating& r : ratings)
        if (r.item == item) {
            r.score = score;
            return;
        }
    const auto at = std::find_if(ratings.begin(), ratings.end(), [&](const Rating& r) { return order(r.item) > order(item); });
    ratings.insert(at, Rating{std::string(item), score});
}

void Review::addComment(ReviewComment comment) {
    const auto at = std::upper_bound(comments.begin(), comments.end(), comment.t,
                                     [](double t, const ReviewComment& c) { return t < c.t; });
    comments.insert(at, std::move(comment));
}

std::string reviewPathFor(const std::string& sessionPath) {
    std::filesystem::path p(sessionPath);
    if (p.extension() == ".pps") p.replace_extension();
    return p.string() + ".review.json";
}

const char* signOffName(SignOffResult r) { return r == SignOffResult::Pass ? "pass" : "fail"; }

std::string reviewText(const Review& r) {
    ojson j = ojson::object();
    j["format"] = kFormat;
    j["version"] = r.version;
    j["session"] = {{"file", r.sessionFile}, {"sha256", r.sessionSha256}};
    j["assessor"] = r.assessor;
    j["updated"] = r.updated;
    j["ratings"] = ojson::array();
    for (const Rating& rating : r.ratings) j["ratings"].push_back({{"item", rating.item}, {"score", rating.score}});
    j["comments"] = ojson::array();
    for (const ReviewComment& c : r.comments) {
        ojson comment = {{"t", c.t}, {"text", c.text}};
        if (!c.item.empty()) comment["item"] = c.item;
        j["comments"].push_back(comment);
    }
    if (r.signOff) {
        j["sign_off"] = {{"result", signOffName(r.signOff->result)}, {"by", r.signOff->by}, {"at", r.signOff->at}};
        if (!r.signOff->note.empty()) j["sign_off"]["note"] = r.signOff->note;
    } else {
        j["sign_off"] = nullptr;
    }
    return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

Result<Review> parseReview(std::string_view text, const std::string& sourceName, const RatingScale& scale) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        const std::string_view before = text.substr(0, std::min<std::size_t>(e.byte ? e.byte - 1 : 0, text.size()));
        const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
        const std::size_t lineStart = before.rfind('\n');
        const int column = static_cast<int>(before.size() - (lineStart == std::string_view::npos ? 0 : lineStart + 1)) + 1;
        std::string what = e.what();
        if (const auto colon = what.rfind(": "); colon != std::string::npos) what.erase(0, colon + 2);
        return Error{sourceName, line, column, "invalid JSON: " + what, "a review file is one JSON object"};
    } catch (const nlohmann::json::exception& e) {
        return Error{sourceName, 1, 1, std::string("invalid JSON: ") + e.what(), ""};
    }
    try {
        return parseChecked(j, scale);
    } catch (const Problem& p) {
        const auto [line, column] = p.key.empty() ? std::pair{1, 1} : locateKey(text, p.key, p.occurrence);
        return Error{sourceName, line, column, p.message, p.hint};
    } catch (const nlohmann::json::exception& e) {
        return Error{sourceName, 1, 1, std::string("unexpected value: ") + e.what(), ""};
    }
}

Result<Review> readReviewFile(const std::string& path, const RatingScale& scale) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path, 0, 0, "cannot open the review file", "check the path (a review is NAME.review.json beside NAME.pps)"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseReview(text.str(), path, scale);
}

Result<bool> writeReviewFile(const std::string& path, const Review& review) {
    namespace fs = std::filesystem;
    if (fs::path(path).extension() == ".pps")
        return Error{path, 0, 0, "a review is never written into a session file", "write it to " + reviewPathFor(path)};
    return replaceFile(path, reviewText(review));
}

}  // namespace pinpoint::core
