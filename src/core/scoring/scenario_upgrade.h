#pragma once
// `pinpoint validate --upgrade`: rewrites a scenario written for an older rubric so that it names the
// rubric in use. Only the value of `rubric_version` changes; every comment and every other byte stay
// as they were. It is done only when the case is valid under the rubric in use; otherwise nothing
// is rewritten and the problems that stand in the way are returned.
#include "core/scoring/scenario.h"

#include <string>
#include <vector>

namespace pinpoint::core {

struct ScenarioUpgrade {
    std::string text;                   // the scenario, upgraded (the same text when nothing changed)
    bool changed = false;               // false: it was written for the rubric in use already
    std::string from;                   // the version it was written for
    int line = 0;                       // where rubric_version is
    std::vector<RubricChange> changes;  // what the rubric changed since `from`, oldest first
};

struct ScenarioUpgradeResult {
    std::optional<ScenarioUpgrade> upgrade;
    std::vector<Error> errors;  // why it cannot be upgraded, each located
};

ScenarioUpgradeResult upgradeScenario(const std::string& text, const std::string& sourceName, const Rubric& rubric,
                                      const ConditionCatalogue& conditions, const Bvh* skin = nullptr);

}  // namespace pinpoint::core
