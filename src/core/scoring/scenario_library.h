#pragma once
// The scenario library: a folder of scenario files (scenarios/*.toml), looked up by scenario id, so a
// session is scored against the scenario its header names.
#include <string>
#include <vector>

namespace pinpoint::core {

struct LibraryScenario {
    std::string file;  // path of the .toml file
    std::string id;    // its [scenario] id
};

// Every *.toml file directly in `dir` whose [scenario] table has a string `id`, sorted by file name.
// Files that are not TOML or have no id are left out (validate reports them); a missing folder gives
// an empty list.
std::vector<LibraryScenario> scanScenarioLibrary(const std::string& dir);

// The files in `dir` with that id (none, one, or more when the library is inconsistent).
std::vector<std::string> scenarioFilesWithId(const std::string& dir, const std::string& id);

}  // namespace pinpoint::core
