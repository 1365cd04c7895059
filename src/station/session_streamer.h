#pragma once
// A station streaming its sessions to the centre while they are recorded (docs/centre.md, "Stations").
// The recorder writes and flushes each line to the session file; the streamer, on a thread of its
// own, reads the new complete lines from the file and sends them about once a second (and at once
// when nudged, e.g. when the session closes), in order. The file is the durable queue: nothing the
// recorder does waits for the network. While the centre is away it backs off (1 s, 2 s, ... 30 s) and
// then resumes from what the centre acknowledged, remembered beside each file (NAME.pps.centre), so
// a restarted station resumes too. Files from earlier (the offline queue) are sent after the live one.
#include "core/session/session_signing.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pinpoint::station {

class CentreLink;

struct StreamerSettings {
    std::string centre;                        // the centre's URL
    std::string token;                         // the station's token
    std::optional<core::PublicKey> centreKey;  // the key the station pinned; nullopt: pinned on first contact
    std::function<void(const core::PublicKey&)> pin;  // called once with the centre's key when none was pinned
    std::chrono::milliseconds interval{1000};  // how often new lines are sent
    std::chrono::milliseconds longestWait{30000};  // the longest wait between tries while the centre is away
    int batchLines = 2000;                     // lines per request (a backlog goes in several)
    std::chrono::seconds answerWait{30};       // how long one request waits for the centre's answer
    // A folder whose session files the centre has not acknowledged whole are queued when the streamer
    // starts (station::pendingSessions, read on the streamer's thread); "" for none.
    std::string queueFolder;
};

// What the station shows about its centre.
struct CentreState {
    enum class Link { Connecting, Online, Offline, Refused };
    Link link = Link::Connecting;
    long witnessed = 0;    // lines of the latest session followed that the centre acknowledged
    int queued = 0;        // session files with lines the centre has not acknowledged yet
    std::string message;   // why it is offline or refused
};
// One line for people: "Centre: witnessed 1,234 lines", "Centre offline: 3 sessions queued", ...
std::string describe(const CentreState& state);

class SessionStreamer {
public:
    explicit SessionStreamer(StreamerSettings settings);
    ~SessionStreamer();  // stop()
    SessionStreamer(const SessionStreamer&) = delete;
    SessionStreamer& operator=(const SessionStreamer&) = delete;

    // A session being recorded: streamed as it grows, until its closing signature is acknowledged.
    void follow(const std::string& file);
    // A file from earlier (finished, or cut off by a crash): its lines are sent once.
    void queue(const std::string& file);
    // Send now rather than at the next interval (a session just closed).
    void nudge();
    // No file is being recorded any more (the app is closing): each is done once its complete lines
    // are acknowledged, closed or not.
    void stopFollowing();
    CentreState state() const;
    // Waits until every file given has been sent (true), or `limit` passed (false).
    bool waitUntilSent(std::chrono::milliseconds limit);
    // Stops the thread: a batch in flight finishes (or times out), nothing more is sent.
    void stop();

private:
    struct Tracked;
    void run();
    bool sendRound(CentreLink& link);  // false when the centre could not be reached
    void add(const std::string& file, bool live);

    StreamerSettings settings_;
    mutable std::mutex mutex_;
    std::condition_variable wake_, sent_;
    std::vector<std::shared_ptr<Tracked>> files_;
    CentreLink* link_ = nullptr;  // the streamer thread's, while it runs: stop() aborts its request in flight
    CentreState state_;
    bool stopping_ = false, nudged_ = false;
    std::thread thread_;
};

}  // namespace pinpoint::station
