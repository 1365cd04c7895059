#pragma once
// The score report (design.md, "Score report"): `passed`, `score`, `components`, `zones`,
// `decision`, `critical_errors`, `deductions`, `punctures`, the rubric's and scenario's identity.
// Keys are sorted and numbers rounded, so the same inputs always give byte-identical output.
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/session.h"

#include <nlohmann/json.hpp>

namespace pinpoint::core {

nlohmann::json scoreReportJson(const ScoreResult& result, const Scenario& scenario, const Rubric& rubric,
                               const Session& session, const SimulationOutput& simulation);

// A readable report for a terminal.
std::string scoreReportText(const ScoreResult& result, const Scenario& scenario, const Session& session);

}  // namespace pinpoint::core
