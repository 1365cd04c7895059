#pragma once
// Scores finished sessions for the centre off the request path: one thread, a queue of session keys.
// A session that already has a score report is not scored again; on start, every finished session
// without one is queued, so a centre stopped (or killed) between storing a closing signature and
// scoring it catches up when it starts again. A session that could not be scored (an error report) is
// tried again at each start, but the same failure is stored only once.
#include "centre/centre_server.h"

#include <chrono>
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
    // Returns once nothing is queued and nothing is being scored (or the worker is stopping).
    void waitUntilIdle();
    void stop();  // finishes the session being scored, drops the rest (they are queued again on start)
    // The same, waiting at most `grace` for the session being scored: false when it is still being
    // scored (the thread runs on; the process may exit: nothing of a score is saved until it is whole).
    bool stopWithin(std::chrono::milliseconds grace);

private:
    void work();
    void scoreOne(const std::string& sessionKey);
    Store& store_;
    SessionScorer scorer_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;  // session keys
    bool stopping_ = false;
    bool busy_ = false;  // a session is being scored
    std::thread thread_;
};

}  // namespace pinpoint::centre
