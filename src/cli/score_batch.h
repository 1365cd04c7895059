#pragma once
// Scoring a cohort: many sessions against one scenario, one CSV row per session.
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
// stderr when it is a terminal. A session that cannot be read gets a row with its error. Returns 0
// when every session was scored, 2 when one or more could not be read.
int scoreBatch(const std::vector<std::string>& files, const TreatmentContext& context, const core::Scenario& scenario,
               std::ostream& out);

// The CSV columns, in order.
const std::vector<std::string>& batchColumns();

}  // namespace pinpoint::cli
