// `pinpoint upload FILE... [--centre URL --token TOKEN]`: sends session files to the training centre
// (docs/centre.md, "Running a centre" and "Stations"), in batches, from where the centre says it
// stands, with the station's sending rule (src/station/session_sending.h). Resending is harmless (the
// centre keeps each line once), so a station killed mid-upload, or a centre restarted, just resumes.
// `--pending` sends the station's queue (the session files the centre has not acknowledged whole);
// `--follow` streams files that are still being written, as the simulator does, until each is closed.
// Exit 0 when every file is stored whole; 2 when a file is not a signed session or the centre refuses
// it (a located message says why); 1 when the centre cannot be reached after the retries.
#include "app/app.h"
#include "cli/commands.h"
#include "cli/station_setup.h"
#include "core/session/session_signing.h"
#include "station/centre_link.h"
#include "station/session_files.h"
#include "station/session_sending.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

namespace pinpoint::cli {

namespace {

using nlohmann::json;

struct UploadOptions {
    std::vector<std::string> files;
    CentreOptions centre;
    bool pending = false;
    bool follow = false;
    std::string dataFolder;
    int batchLines = 500;
    int retries = 6;
};

// A finished session file ready to send: its lines and its key (the seal of line 1), or a located error.
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
    const core::SignatureCheck check = core::verifySessionText(s.str());
    if (check.status != core::SignatureStatus::Intact && check.status != core::SignatureStatus::Truncated) {
        std::cerr << "pinpoint upload: " << path << ":" << std::max(check.line, 1) << ": " << check.message
                  << " (the centre keeps only signed sessions whose lines verify)\n";
        return std::nullopt;
    }
    if (check.status == core::SignatureStatus::Truncated)
        std::cerr << "pinpoint upload: warning: " << path << ": " << check.message << "; sending the lines there are\n";
    // The complete lines, as the streamer reads them: a recording cut off mid-line (a crash) ends in half
    // a line, which no chain continues, so the lines before it are the session as far as it goes.
    station::GrowingSession file(path);
    file.poll();
    if (file.key().empty()) {
        std::cerr << "pinpoint upload: " << path << ":1: the header line carries no seal (\"h\")\n";
        return std::nullopt;
    }
    return SessionToSend{file.lines(), file.key()};
}

// Sends one finished file; the exit code for it.
int sendFile(station::CentreLink& link, const UploadOptions& o, const std::string& path, const SessionToSend& session) {
    const int total = static_cast<int>(session.lines.size());
    // Where the centre stands (it may hold more than this station remembers, or less after a restore).
    std::optional<int> held = link.heldLines(session.key);
    if (!held) {
        const std::optional<station::Acknowledgement> ack = station::readAcknowledgement(path);
        held = ack && ack->session == session.key ? ack->stored : 0;
    }
    const station::SendResult r =
        station::sendLines(link, session.key, session.lines, station::resumePoint(*held, total), o.batchLines);
    if (r.stored > 0 || !r.receipt.empty())
        station::writeAcknowledgement(path, {session.key, r.stored, r.receipt,
                                             station::refusesFile(r) ? r.message : ""});
    switch (r.kind) {
    case station::SendResult::Kind::Done:
        break;
    case station::SendResult::Kind::Unreachable:
        std::cerr << "pinpoint upload: " << path << ": the centre at " << link.url() << " did not answer after " << o.retries
                  << " retries (" << r.message << "); " << r.stored << " lines are stored there, run again to resume\n";
        return kExitUnreachable;
    case station::SendResult::Kind::Refused:
    case station::SendResult::Kind::BadReceipt:
        std::cerr << "pinpoint upload: " << path << ":" << std::max(r.stored, r.from) + 1
                  << ": the centre refused the batch from line " << r.from + 1 << " (HTTP " << r.status << "): " << r.message
                  << "\n";
        return kExitBadInput;
    }
    std::cout << path << ": " << total << " lines stored at the centre (" << r.added << " new), session " << session.key;
    if (r.receipt.contains("received_ms")) std::cout << ", witnessed through line " << r.receipt.value("line", 0) + 1;
    std::cout << std::endl;
    return kExitOk;
}

// Streams files still being written until the centre holds each whole and closed; the exit code.
int follow(const station::StreamerSettings& settings, const std::vector<std::string>& files) {
    station::SessionStreamer streamer(settings);
    for (const std::string& f : files) streamer.follow(f);
    std::string shown;
    while (!streamer.waitUntilSent(std::chrono::milliseconds(200))) {
        const station::CentreState state = streamer.state();
        const std::string line = station::describe(state);
        if (state.link != station::CentreState::Link::Online && line != shown) std::cerr << "pinpoint upload: " << line << "\n";
        shown = line;
        if (state.link == station::CentreState::Link::Refused) return kExitBadInput;
    }
    int worst = kExitOk;
    for (const std::string& f : files) {
        const std::optional<station::Acknowledgement> ack = station::readAcknowledgement(f);
        if (ack && !ack->refused.empty()) {
            std::cerr << "pinpoint upload: " << f << ":" << ack->stored + 1 << ": the centre refused it: " << ack->refused << "\n";
            worst = kExitBadInput;
        } else if (ack) {
            std::cout << f << ": " << ack->stored << " lines stored at the centre, session " << ack->session
                      << ", witnessed live through line " << ack->receipt.value("line", 0) + 1 << std::endl;
        }
    }
    return worst;
}

}  // namespace

Runner addUploadCommand(CLI::App& app) {
    auto o = std::make_shared<UploadOptions>();
    CLI::App* cmd = app.add_subcommand("upload", "Send session files to the training centre");
    cmd->add_option("files", o->files, "Session files (*.pps)");
    addCentreOptions(*cmd, o->centre);
    cmd->add_flag("--pending", o->pending,
                  "Send the station's queue: every session file in the data folder the centre has not acknowledged whole");
    cmd->add_option("--data-folder", o->dataFolder, "Where --pending looks (default: the simulator's sessions folder)");
    cmd->add_flag("--follow", o->follow,
                  "Stream the files while they are being written, until each ends with its closing signature");
    cmd->add_option("--batch-lines", o->batchLines, "Lines per request")->capture_default_str()->check(CLI::Range(1, 5000));
    cmd->add_option("--retries", o->retries, "Retries when the centre does not answer or is busy")
        ->capture_default_str()
        ->check(CLI::Range(0, 20));
    return [o]() {
        if (o->pending) {
            const std::string folder = o->dataFolder.empty() ? app::defaultSessionsDir() : o->dataFolder;
            for (const std::string& f : station::pendingSessions(folder)) o->files.push_back(f);
            if (o->files.empty()) {
                std::cout << "pinpoint upload: nothing to send: the centre has acknowledged every session in " << folder << "\n";
                return kExitOk;
            }
        } else if (o->files.empty()) {
            std::cerr << "pinpoint upload: name the session files to send, or give --pending\n";
            return kExitBadInput;
        }
        bool configured = false;
        std::optional<station::StreamerSettings> settings = stationSettings("upload", o->centre, false, configured);
        if (!settings) {
            if (!configured)
                std::cerr << "pinpoint upload: no centre: give --centre URL (and --token), or write centre = \"URL\" in the "
                             "station's configuration (docs/centre.md, \"Stations\")\n";
            return kExitBadInput;
        }
        settings->batchLines = o->batchLines;
        if (o->follow) return follow(*settings, o->files);

        station::CentreLink link(settings->centre, settings->token, settings->centreKey, o->retries);
        if (!link.valid()) {
            std::cerr << "pinpoint upload: --centre " << link.why() << "\n";
            return kExitBadInput;
        }
        bool keyChecked = false;
        int worst = kExitOk;
        for (const std::string& path : o->files) {
            const std::optional<SessionToSend> session = readSessionToSend(path);
            // The centre's key, before the first line goes to it (a file refused here never reaches the network).
            if (session && !keyChecked) {
                const bool pinned = settings->centreKey.has_value();
                if (!link.checkCentreKey()) {
                    std::cerr << "pinpoint upload: " << link.why() << (link.unreachable() ? "; run again to resume\n" : "\n");
                    return link.unreachable() ? kExitUnreachable : kExitBadInput;
                }
                if (!pinned && settings->pin) settings->pin(*link.centreKey());
                keyChecked = true;
            }
            if (!session && o->pending) {  // not a session the centre keeps: out of the queue, with why
                station::GrowingSession file(path);
                file.poll();
                station::writeAcknowledgement(path, {file.key(), 0, json::object(), "not a signed session whose lines verify"});
            }
            const int code = session ? sendFile(link, *o, path, *session) : kExitBadInput;
            if (code == kExitBadInput) worst = kExitBadInput;  // a refused file outweighs an unreachable centre
            else if (code != kExitOk && worst == kExitOk) worst = code;
        }
        return worst;
    };
}

}  // namespace pinpoint::cli
