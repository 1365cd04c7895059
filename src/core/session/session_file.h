#pragma once
// Reading and writing session files. Reading is strict where a mistake would change a score and
// lenient where a recorder may have crashed: a last line cut off mid-way is dropped with a warning.
#include "core/common/error.h"
#include "core/session/session.h"
#include "core/session/session_signing.h"
#include "core/tools/tool_catalogue.h"

#include <cstdio>
#include <memory>
#include <optional>
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

struct SigningOptions {
    // A checkpoint signature is added after the first event at least this many seconds (of session
    // time) after the previous signature, so a recording cut off by a crash is signed up to there.
    double checkpointSeconds = 10.0;
};

// Appends lines to a session file, flushing after each; never rewrites what is written.
// With a key every line is sealed into the hash chain, checkpoint signatures are added as the
// session goes on, and close() writes the closing signature (docs/session-format.md, "Signed
// sessions"). A writer destroyed without close() leaves the file as a crash would: readable, not closed.
// Seals and signature events of a session that was read are never copied: append() skips
// `signature` events and writes every line afresh.
class SessionWriter {
public:
    static Result<std::unique_ptr<SessionWriter>> create(const std::string& path, const SessionHeader& header,
                                                         const SigningKey* key = nullptr, SigningOptions signing = {});
    ~SessionWriter();
    SessionWriter(const SessionWriter&) = delete;
    SessionWriter& operator=(const SessionWriter&) = delete;

    // False on an I/O error, and for an event whose t the reader would reject (not finite, negative,
    // or before the previous event's): nothing is written then.
    bool append(const SessionEvent& event);
    // Ends the recording: the closing signature when signing, then the file is closed. False on an
    // I/O error. Nothing can be appended afterwards.
    bool close();
    const std::string& path() const { return path_; }
    bool signing() const { return key_.has_value(); }

private:
    SessionWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
    bool writeSealed(const std::string& line);
    std::string path_;
    std::FILE* file_ = nullptr;
    double lastT_ = 0.0;  // the time of the last event written
    std::optional<SigningKey> key_;
    SessionChain chain_;
    SigningOptions options_;
    double lastSignedT_ = 0.0;
};

}  // namespace pinpoint::core
