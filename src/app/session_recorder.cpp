#include "app/session_recorder.h"

#include "io/signing_key_store.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <system_error>

namespace pinpoint::app {

namespace {

std::string utcStamp(const char* format) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[64];
    std::strftime(text, sizeof text, format, &utc);
    return text;
}

}  // namespace

core::Result<std::unique_ptr<SessionRecorder>> SessionRecorder::create(const std::string& dir,
                                                                       const core::Scenario& scenario,
                                                                       const std::string& trainee,
                                                                       const std::string& softwareVersion) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return core::Error{dir, 0, 0, "cannot create the sessions folder: " + ec.message(), "choose another with --sessions-dir"};
    const std::string base = dir + "/" + (scenario.id.empty() ? "session" : scenario.id) + "-" + utcStamp("%Y%m%dT%H%M%SZ");
    std::string path = base + ".pps";
    for (int i = 2; std::filesystem::exists(path); ++i) path = base + "-" + std::to_string(i) + ".pps";

    core::SessionHeader header;
    header.scenarioId = scenario.id;
    header.scenarioSha256 = scenario.sha256;
    if (scenario.course) {  // a visit of a course: the session is linked to the others of the course
        header.courseId = scenario.course->id;
        header.courseVisit = scenario.course->visit;
    }
    header.trainee = trainee;
    header.startTime = utcStamp("%Y-%m-%dT%H:%M:%SZ");
    header.softwareVersion = softwareVersion;
    const auto start = std::chrono::steady_clock::now();
    // Signed with this installation's key (docs/session-format.md, "Signed sessions"); a machine
    // where no key can be kept still records, unsigned, rather than lose the session.
    const core::Result<core::SigningKey> key = io::installationSigningKey();
    auto writer = core::SessionWriter::create(path, header, key ? &*key : nullptr);
    if (!writer) return writer.error();
    return std::unique_ptr<SessionRecorder>(new SessionRecorder(std::move(*writer), start));
}

double SessionRecorder::now() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool SessionRecorder::close() {
    if (closed_) return true;
    closed_ = true;
    return writer_->close();
}

bool SessionRecorder::record(core::SessionEvent event) {
    if (closed_) return false;
    std::visit([&](auto& e) { e.t = std::max(e.t, lastT_); }, event);
    lastT_ = core::eventTime(event);
    if (!writer_->append(event)) {
        failed_ = true;
        return false;
    }
    ++events_;
    return true;
}

}  // namespace pinpoint::app
