#include "centre/scoring_worker.h"

#include <iostream>

namespace pinpoint::centre {

void ScoringWorker::start() {
    if (!scorer_ || thread_.joinable()) return;
    if (Result<std::vector<SessionRecord>> all = store_.sessions({}); all) {
        for (const SessionRecord& s : *all)
            if (s.finished) enqueue(s.key);  // scoreOne skips those already scored
    } else {
        std::cerr << "pinpoint centre: cannot list sessions to score: " << all.error().describe() << "\n";
    }
    thread_ = std::thread([this] { work(); });
}

void ScoringWorker::enqueue(const std::string& sessionKey) {
    if (!scorer_) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(sessionKey);
    }
    wake_.notify_one();
}

void ScoringWorker::waitUntilIdle() {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !thread_.joinable() || (queue_.empty() && !busy_); });
}

void ScoringWorker::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool ScoringWorker::stopWithin(std::chrono::milliseconds grace) {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        stopping_ = true;
        wake_.notify_all();
        if (!wake_.wait_for(lock, grace, [this] { return !busy_; })) return false;
    }
    if (thread_.joinable()) thread_.join();
    return true;
}

void ScoringWorker::work() {
    for (;;) {
        std::string session;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            session = queue_.front();
            queue_.pop_front();
            busy_ = true;
        }
        scoreOne(session);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            busy_ = false;
        }
        wake_.notify_all();
    }
}

void ScoringWorker::scoreOne(const std::string& sessionKey) {
    Result<std::optional<SessionRecord>> found = store_.findSession(sessionKey);
    if (!found || !*found || !(*found)->finished) return;
    const SessionRecord* session = &**found;
    const Id id = session->id;
    Result<std::vector<ScoreReportRecord>> kept = store_.scoreReports(id);
    if (!kept) return;  // the database is down: retried on restart
    if (!kept->empty()) {
        // Scored already; but a session the library lacked the scenario version for (an error report,
        // no scenario version) is scored once that version has been added.
        if (!kept->back().scenarioVersion.empty() || session->scenarioSha256.empty()) return;
        Result<std::optional<ScenarioVersion>> version = store_.scenarioVersion(session->scenarioSha256);
        if (!version || !*version) return;
    }
    Result<std::vector<std::string>> lines = store_.sessionLines(id, 0, session->lines);
    if (!lines) return;
    std::string text;
    for (const std::string& line : *lines) text += line + "\n";
    const ScoreOutcome outcome = scorer_(*session, text);
    // The same failure again (the same reason, the same software) adds nothing: one error report per
    // reason and version, not one per start of the centre.
    if (!kept->empty() && kept->back().reportJson == outcome.reportJson &&
        kept->back().softwareVersion == outcome.softwareVersion && kept->back().scenarioVersion == outcome.scenarioVersion)
        return;
    ScoreReportRecord report{0, id, outcome.reportJson, outcome.rubricVersion, outcome.scenarioVersion,
                             outcome.softwareVersion, 0};
    if (Result<ScoreReportRecord> saved = store_.saveScoreReport(report); !saved)
        std::cerr << "pinpoint centre: cannot save the score of session " << session->key << ": "
                  << saved.error().describe() << "\n";
}

}  // namespace pinpoint::centre
