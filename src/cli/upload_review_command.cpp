// `pinpoint upload-review FILE... --centre URL [--user LOGIN]`: sends review files that `pinpoint
// review` could not send (the centre was away) to the training centre. The session each review is of
// is the one beside it (the file its "session" names, in the same folder), found at the centre by its
// header's seal. Exit 0 when the centre has every review; 2 when one is refused or its session is not
// beside it; 1 when the centre did not answer (run again).
#include "cli/centre_client.h"
#include "station/http_retry.h"
#include "cli/commands.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

using station::httpTarget;

namespace {

struct UploadReviewOptions {
    std::vector<std::string> files;
    std::string centre;
    std::string user;
    int retries = 6;
};

// The session key of the review's session (the seal of its header line), or "" after a message.
std::string sessionKeyOf(const std::string& reviewPath) {
    using nlohmann::json;
    std::ifstream in(reviewPath, std::ios::binary);
    if (!in) {
        std::cerr << "pinpoint upload-review: " << reviewPath << ": cannot read this file\n";
        return "";
    }
    const json review = json::parse(in, nullptr, false);
    if (!review.is_object() || !review.contains("session") || !review["session"].is_object() ||
        !review["session"].value("file", json()).is_string()) {
        std::cerr << "pinpoint upload-review: " << reviewPath << ":1: not a review file (no \"session\": {\"file\": ...})\n";
        return "";
    }
    const std::filesystem::path session =
        std::filesystem::path(reviewPath).parent_path() / review["session"]["file"].get<std::string>();
    std::ifstream sessionIn(session);
    std::string header;
    std::getline(sessionIn, header);
    const json parsed = json::parse(header, nullptr, false);
    if (!parsed.is_object() || !parsed.value("h", json()).is_string() || !isSessionKey(parsed["h"].get<std::string>())) {
        std::cerr << "pinpoint upload-review: " << reviewPath << ": its session " << session.string()
                  << " is not beside it, or is not a signed session (the centre knows sessions by their header's seal)\n";
        return "";
    }
    return parsed["h"].get<std::string>();
}

int uploadReviews(const UploadReviewOptions& o) {
    if (!httpTarget(o.centre)) {
        std::cerr << "pinpoint upload-review: --centre " << o.centre << ": give a URL starting http:// or https://\n";
        return kExitBadInput;
    }
    std::vector<std::pair<std::string, std::string>> reviews;  // file, session key
    for (const std::string& file : o.files) {
        const std::string key = sessionKeyOf(file);
        if (key.empty()) return kExitBadInput;
        reviews.emplace_back(file, key);
    }
    const std::optional<CentreLogin> login = centreLogin(o.user, "pinpoint upload-review");
    if (!login) return kExitBadInput;
    int worst = kExitOk;
    for (const auto& [file, key] : reviews) {
        const ReviewSendResult sent = sendReviewFile(o.centre, key, *login, file, o.retries);
        (sent.sent ? std::cout : std::cerr) << (sent.sent ? "" : "pinpoint upload-review: ") << file << ": " << sent.message
                                             << " (session " << key << ")\n";
        if (!sent.sent) worst = sent.refused ? kExitBadInput : (worst == kExitOk ? kExitUnreachable : worst);
    }
    return worst;
}

}  // namespace

Runner addUploadReviewCommand(CLI::App& app) {
    auto o = std::make_shared<UploadReviewOptions>();
    CLI::App* cmd = app.add_subcommand("upload-review", "Send review files to the training centre (those not sent yet)");
    cmd->add_option("files", o->files, "Review files (*.review.json), each beside its session")->required();
    cmd->add_option("--centre", o->centre, "The centre's URL, e.g. https://centre.example")->required();
    cmd->add_option("--user", o->user, "Your centre login (default: $PINPOINT_CENTRE_USER, else asked)");
    cmd->add_option("--retries", o->retries, "Retries when the centre does not answer or is busy")
        ->capture_default_str()
        ->check(CLI::Range(0, 20));
    return [o]() { return uploadReviews(*o); };
}

}  // namespace pinpoint::cli
