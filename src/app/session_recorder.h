#pragma once
// The session file written while the trainee works (design.md, "Session file"): the header at once,
// then every event the moment it happens, each line flushed (poses included, so a crash loses at
// most the line being written). The clock starts when the file is created; event times are seconds
// since then.
#include "core/common/error.h"
#include "core/scoring/scenario.h"
#include "core/session/session_file.h"

#include <chrono>
#include <memory>
#include <string>

namespace pinpoint::app {

class SessionRecorder {
public:
    // Creates `dir` if needed and a new file `<scenario id>-<UTC timestamp>.pps` in it.
    static core::Result<std::unique_ptr<SessionRecorder>> create(const std::string& dir, const core::Scenario& scenario,
                                                                 const std::string& trainee,
                                                                 const std::string& softwareVersion);

    double now() const;  // seconds since the session started
    // Writes the event; a time earlier than the last line's (a pose on the fixed step just behind a
    // key press) is moved up to it, so times never go backwards. False when the line could not be
    // written (disk full).
    bool record(core::SessionEvent event);
    // Ends the recording with its closing signature (when signing); nothing is recorded after it.
    bool close();
    bool signing() const { return writer_->signing(); }
    const std::string& path() const { return writer_->path(); }
    std::size_t events() const { return events_; }
    double lastTime() const { return lastT_; }
    bool failed() const { return failed_; }

private:
    SessionRecorder(std::unique_ptr<core::SessionWriter> writer, std::chrono::steady_clock::time_point start)
        : writer_(std::move(writer)), start_(start) {}
    std::unique_ptr<core::SessionWriter> writer_;
    std::chrono::steady_clock::time_point start_;
    std::size_t events_ = 0;
    double lastT_ = 0.0;
    bool failed_ = false;
    bool closed_ = false;
};

}  // namespace pinpoint::app
