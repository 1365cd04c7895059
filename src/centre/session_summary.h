#pragma once
// What the centre's lists show of a session: the store's record and what its newest score report
// says (score, pass, certifiable, components, critical errors). A full report is about 20 KB; its
// digest, kept beside it when it is saved, holds only these fields, so a list of thousands of
// sessions reads a few hundred bytes for each. One reading of a report serves both.
#include "centre/live_witness.h"
#include "centre/store.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::centre {

// One session as the dashboards show it: the store's record and what its latest score report says.
struct SessionSummary {
    Id id = 0;
    std::string key;
    std::string trainee;      // the login the header names
    std::string traineeName;  // how pages show them: their name where the centre knows them, else the login
    std::string scenario;
    UnixMillis started = 0;
    bool scored = false;                        // a score report exists
    double score = 0.0;                         // 0-100
    bool passed = false;
    bool certifiable = false;
    Witnessing witnessing = Witnessing::NotWitnessed;  // how the centre witnessed it (live_witness.h)
    std::map<std::string, double> components;   // coverage, overlap, depth, contraindications, technique
    std::vector<std::string> criticalErrors;    // their codes
};

// `latest`: the session's newest score report, if any (a report that is not the expected JSON counts
// as none).
SessionSummary summarize(const SessionRecord& session, const std::optional<ScoreReportRecord>& latest);
// The same from a report's text (the full report or its digest); nullopt-like when there is none.
SessionSummary summarizeReport(const SessionRecord& session, const std::optional<std::string>& reportJson);

// A report's digest: a JSON object with only what summarize reads ("score", "passed",
// "evidence.certifiable", "components", "critical_errors[].code"); "" for a report summarize would
// not count as scored, which then has no digest.
std::string reportDigest(const std::string& reportJson);

}  // namespace pinpoint::centre
