#pragma once
// A station's session files as the centre sees them: the complete lines of a file that may still be
// growing (the recorder flushes each line, so the file itself is the durable queue), and beside each
// file what the centre has acknowledged of it (NAME.pps.centre, written atomically), so that a
// restarted station neither loses nor resends everything.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::station {

// The complete lines of a session file, read again as it grows. A line is complete once its "\n" is
// written: half a line (being written, or cut off by a crash) is left for later.
class GrowingSession {
public:
    explicit GrowingSession(std::string path) : path_(std::move(path)) {}
    // Reads the lines appended since the last call; false (with why()) when the file cannot be read.
    bool poll();
    const std::string& path() const { return path_; }
    const std::vector<std::string>& lines() const { return lines_; }
    // The session's key, the seal ("h") of line 1; "" before line 1 is complete, or when it has none.
    const std::string& key() const { return key_; }
    // The last line is the closing signature: nothing more will be written.
    bool closed() const { return closed_; }
    const std::string& why() const { return why_; }

private:
    std::string path_;
    std::uint64_t offset_ = 0;  // bytes read up to the end of the last complete line
    std::vector<std::string> lines_;
    std::string key_, why_;
    bool closed_ = false;
};

// What the centre has acknowledged of one session file.
struct Acknowledgement {
    std::string session;     // the session's key
    int stored = 0;          // lines the centre holds for good
    nlohmann::json receipt;  // the last receipt, as the centre signed it
    std::string refused;     // why the centre refused the file ("" unless it did): it is not sent again
};
std::string acknowledgementPath(const std::string& sessionFile);  // NAME.pps.centre
std::optional<Acknowledgement> readAcknowledgement(const std::string& sessionFile);
// Written to a temporary file, flushed and renamed over the old one: a crash leaves the old or the new.
bool writeAcknowledgement(const std::string& sessionFile, const Acknowledgement& ack);

// The session files (*.pps) in `folder` with complete lines the centre has not acknowledged and has
// not refused, oldest first: the station's queue.
std::vector<std::string> pendingSessions(const std::string& folder);

}  // namespace pinpoint::station
