#pragma once
// Reading and writing session files. Reading is strict where a mistake would change a score and
// lenient where a recorder may have crashed: a last line cut off mid-way is dropped with a warning.
#include "core/common/error.h"
#include "core/session/session.h"
#include "core/tools/tool_catalogue.h"

#include <cstdio>
#include <memory>
#include <string>

namespace pinpoint::core {

// With a catalogue, cartridge ids and roller needle counts are checked against it too.
Result<Session> readSessionFile(const std::string& path, const ToolCatalogue* catalogue = nullptr);
Result<Session> parseSession(const std::string& text, const std::string& sourceName,
                             const ToolCatalogue* catalogue = nullptr);

// One line of JSON for an event / a header (no newline). Numbers are written so that reading them
// back gives the same double.
std::string sessionHeaderLine(const SessionHeader& header);
std::string sessionEventLine(const SessionEvent& event);

// Appends lines to a session file, flushing after each; never rewrites what is written.
class SessionWriter {
public:
    static Result<std::unique_ptr<SessionWriter>> create(const std::string& path, const SessionHeader& header);
    ~SessionWriter();
    SessionWriter(const SessionWriter&) = delete;
    SessionWriter& operator=(const SessionWriter&) = delete;

    // False on an I/O error, and for an event whose t the reader would reject (not finite, negative,
    // or before the previous event's): nothing is written then.
    bool append(const SessionEvent& event);
    const std::string& path() const { return path_; }

private:
    SessionWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
    std::string path_;
    std::FILE* file_ = nullptr;
    double lastT_ = 0.0;  // the time of the last event written
};

}  // namespace pinpoint::core
