#include "cli/scenario_import.h"

#include "io/paths.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace pinpoint::cli {

std::optional<core::Scenario> checkScenarioText(const std::string& text, const std::string& sourceName,
                                                const ScenarioCheck& check, std::vector<core::Error>& errors) {
    const core::Result<core::ConditionCatalogue> conditions = core::readConditionCatalogue(io::assetDir() + "/conditions.toml");
    if (!conditions) {
        errors.push_back(conditions.error());
        return std::nullopt;
    }
    core::ScenarioReadResult r = core::parseScenario(text, sourceName, *check.rubric, *conditions, check.skin);
    if (!r.errors.empty() || !r.scenario) {
        errors.insert(errors.end(), r.errors.begin(), r.errors.end());
        if (r.errors.empty()) errors.push_back(core::Error{sourceName, 1, 1, "not a scenario", {}});
        return std::nullopt;
    }
    return std::move(r.scenario);
}

int importScenarioFiles(centre::Store& store, const std::vector<std::string>& files, const ScenarioCheck& check,
                        std::ostream& log) {
    int refused = 0;
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::error_code ec;
        if (!in || !std::filesystem::is_regular_file(file, ec)) {
            std::cerr << "pinpoint: " << file << ": cannot read this file\n";
            ++refused;
            continue;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        std::vector<core::Error> errors;
        const std::optional<core::Scenario> scenario = checkScenarioText(bytes.str(), file, check, errors);
        if (!scenario) {
            for (const core::Error& e : errors) std::cerr << "pinpoint: " << e.describe() << "\n";
            ++refused;
            continue;
        }
        centre::ScenarioVersion version;
        version.scenario = scenario->id;
        version.title = scenario->title;
        version.text = bytes.str();
        version.source = std::filesystem::path(file).filename().string();
        centre::Result<centre::AddedScenario> added = store.addScenarioVersion(version);
        if (!added) {
            std::cerr << "pinpoint: " << file << ": " << added.error().describe() << "\n";
            if (added.error().problem == centre::Problem::Database) return -1;
            ++refused;
            continue;
        }
        log << file << ": scenario " << scenario->id << ", "
            << (added->isNew ? "new version " : added->madeCurrent ? "made current again, version " : "already in the library, version ")
            << added->version.sha256 << "\n";
    }
    return refused;
}

std::vector<std::string> scenarioFilesIn(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec) && entry.path().extension() == ".toml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace pinpoint::cli
