// `pinpoint upload FILE... --centre URL --token TOKEN`: sends finished session files to the training
// centre (docs/centre.md, "Running a centre"), in batches, from where the centre says it stands.
// Resending is harmless (the centre keeps each line once), so a station killed mid-upload, or a
// centre restarted, just resumes. Exit 0 when every file is stored whole; 2 when a file is not a
// signed session or the centre refuses it (a located message says why); 1 when the centre cannot be
// reached after the retries.
#include "cli/commands.h"
#include "cli/http_retry.h"
#include "core/session/session_signing.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace pinpoint::cli {

namespace {

using nlohmann::json;

struct UploadOptions {
    std::vector<std::string> files;
    std::string centre;
    std::string token;
    int batchLines = 500;
    int retries = 6;
};

// A session file ready to send: its lines and its key (the seal of line 1), or a located error.
struct SessionToSend {
    std::vector<std::string> lines;
    std::string key;
};
std::optional<SessionToSend> readSessionToSend(const std::string& path) {
    std::error_code ec;
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path, ec) || !in) {
        std::cerr << "pinpoint upload: " << path << ": cannot read this file\n";
        return std::nullopt;
    }
    std::ostringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    const core::SignatureCheck check = core::verifySessionText(text);
    if (check.status != core::SignatureStatus::Intact && check.status != core::SignatureStatus::Truncated) {
        std::cerr << "pinpoint upload: " << path << ":" << std::max(check.line, 1) << ": " << check.message
                  << " (the centre keeps only signed sessions whose lines verify)\n";
        return std::nullopt;
    }
    if (check.status == core::SignatureStatus::Truncated)
        std::cerr << "pinpoint upload: warning: " << path << ": " << check.message << "; sending the lines there are\n";
    SessionToSend out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) out.lines.push_back(line);
    // A recording cut off mid-line (a crash) ends in half a line, which no chain continues: the lines
    // before it are the session as far as it goes.
    if (check.status == core::SignatureStatus::Truncated && out.lines.size() > 1 &&
        json::parse(out.lines.back(), nullptr, false).is_discarded())
        out.lines.pop_back();
    const json header = json::parse(out.lines.empty() ? std::string() : out.lines.front(), nullptr, false);
    if (!header.is_object() || !header.contains("h") || !header["h"].is_string()) {
        std::cerr << "pinpoint upload: " << path << ":1: the header line carries no seal (\"h\")\n";
        return std::nullopt;
    }
    out.key = header["h"].get<std::string>();
    return out;
}

class Uploader {
public:
    // `centre` is the scheme, host and port; `prefix` the path the centre is served under ("" or "/x").
    Uploader(const UploadOptions& o, const std::string& centre, std::string prefix)
        : o_(o), client_(centre), prefix_(std::move(prefix)) {
        client_.set_connection_timeout(5, 0);
        client_.set_read_timeout(30, 0);
        client_.set_write_timeout(30, 0);
        client_.set_bearer_token_auth(o.token);
    }
    bool valid() { return client_.is_valid(); }

    // Sends one session; the exit code for it.
    int send(const std::string& path, const SessionToSend& session) {
        const std::string base = prefix_ + "/api/v1/sessions/" + session.key;
        // Resume from the last line the centre holds, sent again: the centre compares it with its own,
        // and since each line's seal covers the chain before it, a match there means the file and the
        // centre agree on every line up to it (and a different file under the same key is refused).
        int next = 0;
        if (auto held = requestWithRetries([&] { return client_.Get(base); }, o_.retries, lastProblem_); held && held->status == 200) {
            const json answer = json::parse(held->body, nullptr, false);
            const int stored = answer.is_object() ? answer.value("stored", 0) : 0;
            next = std::max(0, std::min<int>(stored, static_cast<int>(session.lines.size())) - 1);
        }
        int added = 0;
        json lastReceipt;
        while (next < static_cast<int>(session.lines.size())) {  // at least once: next <= lines - 1
            const int count = std::min<int>(o_.batchLines, static_cast<int>(session.lines.size()) - next);
            const json body = {{"first", next},
                               {"lines", std::vector<std::string>(session.lines.begin() + next,
                                                                  session.lines.begin() + next + count)}};
            const std::string text = body.dump();
            auto res = requestWithRetries([&] { return client_.Post(base + "/lines", text, "application/json"); }, o_.retries, lastProblem_);
            if (!res) {
                std::cerr << "pinpoint upload: " << path << ": the centre at " << o_.centre << " did not answer after "
                          << o_.retries << " retries (" << lastProblem_ << "); " << next
                          << " lines are stored there, run again to resume\n";
                return kExitUnreachable;
            }
            const json answer = json::parse(res->body, nullptr, false);
            const int stored = answer.is_object() ? answer.value("stored", -1) : -1;
            if (res->status == 200 && stored >= 0) {
                next = stored;
                added += answer.value("added", 0);
                lastReceipt = answer.value("receipt", json::object());
            } else if (res->status == 409 && answer.value("error", "") == "gap" && stored >= 0 && stored < next) {
                next = stored;  // the centre holds less than we thought (a restored backup): resend from there
            } else {
                const std::string message = answer.is_object() ? answer.value("message", res->body) : res->body;
                const int line = stored >= 0 ? stored + 1 : next + 1;
                std::cerr << "pinpoint upload: " << path << ":" << line << ": the centre refused the batch from line "
                          << next + 1 << " (HTTP " << res->status << "): " << message << "\n";
                return kExitBadInput;
            }
        }
        std::cout << path << ": " << session.lines.size() << " lines stored at the centre (" << added
                  << " new), session " << session.key;
        if (lastReceipt.contains("received_ms"))
            std::cout << ", witnessed through line " << lastReceipt.value("line", 0) + 1;
        std::cout << std::endl;
        return kExitOk;
    }

private:
    const UploadOptions& o_;
    httplib::Client client_;
    std::string prefix_;
    std::string lastProblem_;
};

}  // namespace

Runner addUploadCommand(CLI::App& app) {
    auto o = std::make_shared<UploadOptions>();
    CLI::App* cmd = app.add_subcommand("upload", "Send finished session files to the training centre");
    cmd->add_option("files", o->files, "Session files (*.pps)")->required();
    cmd->add_option("--centre", o->centre, "The centre's URL, e.g. https://centre.example or http://127.0.0.1:8750")
        ->required();
    // From the environment too: a token on the command line shows in every user's process list.
    cmd->add_option("--token", o->token, "This station's token (pinpoint centre add-station)")
        ->envname("PINPOINT_CENTRE_TOKEN")
        ->required();
    cmd->add_option("--batch-lines", o->batchLines, "Lines per request")->capture_default_str()->check(CLI::Range(1, 5000));
    cmd->add_option("--retries", o->retries, "Retries when the centre does not answer or is busy")
        ->capture_default_str()
        ->check(CLI::Range(0, 20));
    return [o]() {
        // A centre behind a proxy may be served under a path: https://academy.example/pinpoint
        const std::optional<HttpTarget> target = httpTarget(o->centre);
        if (!target) {
            std::cerr << "pinpoint upload: --centre " << o->centre
                      << ": give a URL starting http:// or https://, such as http://127.0.0.1:8750\n";
            return kExitBadInput;
        }
        Uploader uploader(*o, target->origin, target->prefix);
        if (!uploader.valid()) {
            std::cerr << "pinpoint upload: --centre " << o->centre << ": not a URL this program can reach\n";
            return kExitBadInput;
        }
        int worst = kExitOk;
        for (const std::string& path : o->files) {
            const std::optional<SessionToSend> session = readSessionToSend(path);
            const int code = session ? uploader.send(path, *session) : kExitBadInput;
            if (code == kExitBadInput) worst = kExitBadInput;  // a refused file outweighs an unreachable centre
            else if (code != kExitOk && worst == kExitOk) worst = code;
        }
        return worst;
    };
}

}  // namespace pinpoint::cli
