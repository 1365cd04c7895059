#pragma once
// Scoring a cohort: many sessions, each against the scenario it was recorded for (or the one chosen),
// one CSV row per session with its result and whether it is certifiable.
#include "cli/scoring_choice.h"
#include "cli/treatment_context.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pinpoint::cli {

// The session files named: files as given, folders searched for *.pps (sorted). nullopt (after a
// message) when a name does not exist or nothing is found.
std::optional<std::vector<std::string>> sessionFiles(const std::vector<std::string>& names);

// Scores every file, writing the CSV header and a row per session to `out`, with a progress bar on
// stderr when it is a terminal. A session that cannot be read, or whose scenario cannot be found, gets
// a row with result "error" and its error; one recorded for another scenario than --scenario gets a
// row with result "refused" (the batch goes on). Returns 0 when every session was scored, else 2.
int scoreBatch(const std::vector<std::string>& files, const TreatmentContext& context, const ScoringChoice& choice,
               const core::TrustedRecorders& trusted, std::ostream& out);

// The CSV columns, in order.
const std::vector<std::string>& batchColumns();

}  // namespace pinpoint::cli
