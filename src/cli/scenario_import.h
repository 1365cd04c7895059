#pragma once
// Scenario files into the centre's library, checked by the same reader as `pinpoint validate`
// (core::parseScenario against the rubric, the condition catalogue and, when given, the head's skin).
// Used by `pinpoint centre add-scenario`, by `centre serve` for its scenario folder, and by
// `pinpoint scenarios fetch` for what it downloads.
#include "centre/store.h"
#include "core/geometry/bvh.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace pinpoint::cli {

struct ScenarioCheck {
    const core::Rubric* rubric = nullptr;
    const core::Bvh* skin = nullptr;  // null: the checks that need the head are left out
};

// The scenario in `text` (named `sourceName` in messages), or every located problem in `errors`.
std::optional<core::Scenario> checkScenarioText(const std::string& text, const std::string& sourceName,
                                                const ScenarioCheck& check, std::vector<core::Error>& errors);

// Who has the last word on which version is current.
enum class ImportRule {
    // `add-scenario`: the file given is current from now on (an older version given again too).
    GivenByHand,
    // `serve`'s scenario folder at each start: a file goes in only when it is newer than the library's
    // current version (changed after that version was added); an older version is never made current
    // again, so a restart never undoes what an instructor added by hand.
    FolderAtStart,
};

// Reads, checks and adds each file to the library; prints "FILE: scenario ID, new version SHA" (or
// "already in the library", "made current again", "left as it is: ...") to `log`. Files with problems
// are reported and left out; the count of files refused (0 when all went in), or -1 when the store failed.
int importScenarioFiles(centre::Store& store, const std::vector<std::string>& files, const ScenarioCheck& check,
                        std::ostream& log, ImportRule rule = ImportRule::GivenByHand);

// The *.toml files directly in `dir`, sorted (none when it is missing).
std::vector<std::string> scenarioFilesIn(const std::string& dir);

}  // namespace pinpoint::cli
