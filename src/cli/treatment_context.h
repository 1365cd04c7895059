#pragma once
// Everything a command needs to simulate and measure a treatment: the head, the devices, the rubric,
// and the structures built from them once.
#include "cli/commands.h"
#include "core/coverage/density_field.h"
#include "core/face/head.h"
#include "core/face/skin_tones.h"
#include "core/review/rating_scale.h"
#include "core/scoring/evidence.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"

#include <memory>
#include <optional>

namespace pinpoint::cli {

struct TreatmentContext {
    core::Head head;
    core::ToolCatalogue tools;
    core::Rubric rubric;
    core::ConditionCatalogue conditions;  // assets/conditions.toml: the conditions and the plan's modifications
    core::RatingScale ratings;  // the assessor's rating items
    core::SkinTones skinTones;  // skin colour by Fitzpatrick type (assets/skin_tones.toml)
    std::unique_ptr<core::TreatmentSurface> surface;  // refers to head: the context never moves
    core::DensityField density;
    // SHA-256 of the files behind it (the score's evidence): scenario left empty, filled per scenario.
    core::InputHashes hashes;
};

// On failure prints the located error to stderr and returns null.
std::unique_ptr<TreatmentContext> loadTreatmentContext(const HeadOptions& options);

// The scenario named (or the default one) with the condition catalogue, checked against the
// context's rubric and skin; on failure prints every located error and returns nullopt.
std::optional<core::Scenario> loadScenarioOrReport(const TreatmentContext& context, const std::string& path);

// The same without printing: the scenario, or every located error.
core::ScenarioReadResult loadScenario(const TreatmentContext& context, const std::string& path);

}  // namespace pinpoint::cli
