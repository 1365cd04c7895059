#pragma once
// The centre's dashboard pages, as self-contained HTML with inline SVG (no scripts, nothing fetched
// from elsewhere), readable on a laptop and a tablet: the cohort table and a trainee's progress over
// time. Built from what the store holds (sessions and their latest score report); the server decides
// who may see which page (people.h).
#include "centre/session_summary.h"
#include "centre/store.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::centre {

// A row of the cohort table.
struct CohortRow {
    std::string login;
    std::string displayName;
    int sessions = 0;                       // recorded, scored or not
    std::optional<double> lastScore;        // of the newest scored session
    int certifiablePasses = 0;              // passed and certifiable
    std::string weakestComponent;           // lowest mean over the scored sessions ("" when none)
    double weakestMean = 0.0;
};

// One row per trainee (in the order given), their sessions picked by login.
std::vector<CohortRow> cohortRows(const std::vector<Person>& trainees, const std::vector<SessionSummary>& sessions);

std::string cohortPage(const std::string& cohort, const std::vector<CohortRow>& rows);
// Score and each component over time, one line each, sessions in the order they were recorded.
std::string progressSvg(const std::vector<SessionSummary>& sessions, int width = 720);
std::string traineePage(const Person& trainee, const std::vector<SessionSummary>& sessions);

}  // namespace pinpoint::centre
