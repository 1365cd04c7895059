#pragma once
// Scoring a cohort: many sessions, each against the scenario it was recorded for (or the one chosen),
// one CSV row per session with its result and whether it is certifiable.
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "cli/treatment_context.h"
#include "core/scoring/scoring_engine.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pinpoint::cli {

// The session files named: files as given, folders searched for *.pps (sorted). nullopt (after a
// message) when a name does not exist or nothing is found.
// Messages name `command` ("pinpoint score: ...").
std::optional<std::vector<std::string>> sessionFiles(const std::vector<std::string>& names, const std::string& command = "score");

// Scores every file, writing the CSV header and a row per session to `out`, with a progress bar on
// stderr when it is a terminal. A session that cannot be read, or whose scenario cannot be found, gets
// a row with result "error" and its error; one recorded for another scenario than --scenario gets a
// row with result "refused" (the batch goes on). Returns 0 when every session was scored, else 2.
int scoreBatch(const std::vector<std::string>& files, const TreatmentContext& context, const ScoringChoice& choice,
               const core::TrustedRecorders& trusted, std::ostream& out);

// The report `score --json` prints (and `xapi` reads): the core score report with the session's
// signature check under session.signature and the evidence under evidence.
nlohmann::json scoreReportWithEvidence(const core::ScoreResult& result, const core::Scenario& scenario,
                                       const TreatmentContext& context, const LoadedSession& loaded,
                                       const core::SimulationOutput& simulation, const core::Evidence& evidence);

// The CSV columns, in order.
const std::vector<std::string>& batchColumns();

}  // namespace pinpoint::cli
