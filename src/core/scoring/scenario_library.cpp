#include "core/scoring/scenario_library.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

namespace pinpoint::core {

std::vector<LibraryScenario> scanScenarioLibrary(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->path().extension() == ".toml" && it->is_regular_file(ec)) files.push_back(it->path().string());
    std::sort(files.begin(), files.end());
    std::vector<LibraryScenario> out;
    for (const std::string& file : files) {
        try {
            const toml::table root = toml::parse_file(file);
            if (const std::optional<std::string> id = root["scenario"]["id"].value<std::string>(); id && !id->empty())
                out.push_back({file, *id});
        } catch (const std::exception&) {  // toml::parse_error, or the file could not be read
            // not a scenario this lookup can use; `pinpoint validate` says what is wrong with it
        }
    }
    return out;
}

std::vector<std::string> scenarioFilesWithId(const std::string& dir, const std::string& id) {
    std::vector<std::string> out;
    for (const LibraryScenario& s : scanScenarioLibrary(dir))
        if (s.id == id) out.push_back(s.file);
    return out;
}

}  // namespace pinpoint::core
