#pragma once
// The score report (design.md, "Score report"): `passed`, `score`, `components`, `zones`,
// `decision`, `critical_errors`, `deductions`, `punctures`, the rubric's and scenario's identity.
// Keys are sorted and numbers rounded, so the same inputs always give byte-identical output.
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/session.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pinpoint::core {

nlohmann::json scoreReportJson(const ScoreResult& result, const Scenario& scenario, const Rubric& rubric,
                               const Session& session, const SimulationOutput& simulation);

// The parts the HTML report and review share: the aftercare advice, and a course's earlier visits.
nlohmann::json aftercareJson(const AftercareOutcome& aftercare);
nlohmann::json courseJson(const Course& course);
// The course in lines: a heading ("Course ID, visit N on DATE, D days after the last session"), one
// line per earlier visit (date, device, depth per zone, what was seen after it), then today's skin.
std::vector<std::string> courseLines(const Course& course);

// A readable report for a terminal.
std::string scoreReportText(const ScoreResult& result, const Scenario& scenario, const Session& session);

}  // namespace pinpoint::core
