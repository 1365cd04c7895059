#pragma once
// The treatment parts of the score report (design.md, "Score report"): `zones` and `punctures`, with
// the contact summary and the rubric's identity. Values are rounded to fixed decimals and keys are
// sorted, so the same session always gives byte-identical output.
#include "core/coverage/treatment_measurement.h"
#include "core/scoring/rubric.h"
#include "core/sim/treatment_simulation.h"

#include <nlohmann/json.hpp>

namespace pinpoint::core {

nlohmann::json zonesJson(const TreatmentMeasurement& m);
nlohmann::json puncturesJson(const TreatmentMeasurement& m);
nlohmann::json contactJson(const SimulationOutput& sim);
nlohmann::json rubricJson(const Rubric& rubric);

// Rounds to a fixed number of decimals (half away from zero) for stable output.
double roundTo(double value, int decimals);

}  // namespace pinpoint::core
