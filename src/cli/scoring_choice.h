#pragma once
// Which scenario a recorded session is scored against, and what the result is worth as evidence
// (docs/scoring.md, "Evidence"). Shared by score (one session or a cohort), report and review.
//
// - Without options, a session is scored against the scenario its header names, found by id in the
//   scenario library (io::scenarioDir()); a header that names none is scored against the default
//   scenario (and is not certifiable).
// - `--scenario FILE` must have the id the header names: another id is refused, exit 2.
// - `--rescore-against FILE` scores it against any scenario, never certifiably.
// - `--trusted-keys FILE` lists the trusted recorders; without it, io::defaultTrustedRecordersPath()
//   when that file exists.
#include "cli/commands.h"
#include "cli/session_input.h"
#include "cli/treatment_context.h"
#include "core/scoring/evidence.h"
#include "core/scoring/scenario_library.h"
#include "core/session/trusted_recorders.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::cli {

struct ScoringChoice {
    std::string scenario;        // --scenario FILE
    std::string rescoreAgainst;  // --rescore-against FILE
    std::string trustedKeys;     // --trusted-keys FILE
};

void addScoringChoiceOptions(CLI::App& command, ScoringChoice& choice);

// The trusted recorders: the file given, else the default file when there is one, else an empty list.
// A file given that is missing, or any file that does not read, prints its located error: nullopt.
std::optional<core::TrustedRecorders> loadTrustedRecordersOrReport(const std::string& given);

struct ChosenScenario {
    const core::Scenario* scenario = nullptr;  // null when refused or not loadable: see errors
    bool rescored = false;
    bool refused = false;                     // recorded for another scenario and not asked to rescore
    std::vector<core::Error> errors;
};

class ScenarioChooser {
public:
    ScenarioChooser(const TreatmentContext& context, ScoringChoice choice);
    // The scenario for one session (loaded once per file and kept).
    ChosenScenario choose(const core::Session& session);

private:
    const core::Scenario* load(const std::string& path, std::vector<core::Error>& errors);
    std::vector<std::string> libraryFiles(const std::string& id);
    const TreatmentContext& context_;
    ScoringChoice choice_;
    std::map<std::string, core::ScenarioReadResult> loaded_;    // by path
    std::optional<std::vector<core::LibraryScenario>> library_;  // scanned on first use
};

// The evidence for a session scored against a scenario.
core::Evidence sessionEvidence(const TreatmentContext& context, const LoadedSession& loaded, const ChosenScenario& chosen,
                               const core::TrustedRecorders& trusted);

// Prints each error as "pinpoint: file:line:col: message (hint)".
void reportErrors(const std::vector<core::Error>& errors);

}  // namespace pinpoint::cli
