#pragma once
// Scores finished sessions for the centre off the request path: one thread, a queue of session keys.
// A session that already has a score report is not scored again; on start, every finished session
// without one is queued, so a centre stopped (or killed) between storing a closing signature and
// scoring it catches up when it starts again.
#include "centre/centre_server.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace pinpoint::centre {

class ScoringWorker {
public:
    ScoringWorker(Store& store, SessionScorer scorer) : store_(store), scorer_(std::move(scorer)) {}
    ~ScoringWorker() { stop(); }
    void start();
    void enqueue(const std::string& sessionKey);
    void stop();  // finishes the session being scored, drops the rest (they are queued again on start)

private:
    void work();
    void scoreOne(const std::string& sessionKey);
    Store& store_;
    SessionScorer scorer_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;  // session keys
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace pinpoint::centre
