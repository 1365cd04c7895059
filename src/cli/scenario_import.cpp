#include "cli/scenario_import.h"

#include "centre/dashboard_html.h"
#include "core/common/sha256.h"
#include "io/paths.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
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

namespace {

// When the file was last changed, in the store's unit (milliseconds since 1970).
std::optional<centre::UnixMillis> changedAt(const std::string& file) {
    std::error_code ec;
    const std::filesystem::file_time_type t = std::filesystem::last_write_time(file, ec);
    if (ec) return std::nullopt;
    const auto utc = std::chrono::file_clock::to_sys(t);
    return std::chrono::duration_cast<std::chrono::milliseconds>(utc.time_since_epoch()).count();
}

// Under ImportRule::FolderAtStart: why `file` (text hashing to `sha256`) must not change what is current,
// or nothing when it may go in. `current` is the library's current version of its scenario, if any.
centre::Result<std::optional<std::string>> reasonToLeaveOut(centre::Store& store, const std::string& file,
                                                           const std::string& sha256,
                                                           const std::optional<centre::ScenarioVersion>& current) {
    if (!current || current->sha256 == sha256) return std::optional<std::string>();
    centre::Result<std::optional<centre::ScenarioVersion>> held = store.scenarioVersion(sha256);
    if (!held) return held.error();
    const std::string kept = "left as it is: version " + current->sha256 + " stays current";
    if (*held)
        return std::optional<std::string>(kept + " (this file is an older version, added " + centre::html::dateTime((*held)->added) +
                                          "; `pinpoint centre add-scenario` makes it current again)");
    const std::optional<centre::UnixMillis> changed = changedAt(file);
    if (changed && *changed <= current->added)
        return std::optional<std::string>(kept + ": it was added " + centre::html::dateTime(current->added) +
                                          ", which is newer than this file (changed " + centre::html::dateTime(*changed) + ")");
    return std::optional<std::string>();
}

}  // namespace

int importScenarioFiles(centre::Store& store, const std::vector<std::string>& files, const ScenarioCheck& check,
                        std::ostream& log, ImportRule rule) {
    std::map<std::string, centre::ScenarioVersion> current;  // by scenario id, read once
    if (rule == ImportRule::FolderAtStart) {
        centre::Result<std::vector<centre::ScenarioVersion>> all = store.currentScenarios();
        if (!all) {
            std::cerr << "pinpoint: the scenario library: " << all.error().describe() << "\n";
            return -1;
        }
        for (centre::ScenarioVersion& v : *all) current.emplace(v.scenario, std::move(v));
    }
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
        if (rule == ImportRule::FolderAtStart) {
            const auto held = current.find(scenario->id);
            centre::Result<std::optional<std::string>> leaveOut =
                reasonToLeaveOut(store, file, core::sha256Hex(bytes.str()),
                                 held == current.end() ? std::nullopt : std::optional<centre::ScenarioVersion>(held->second));
            if (!leaveOut) {
                std::cerr << "pinpoint: " << file << ": " << leaveOut.error().describe() << "\n";
                return -1;
            }
            if (*leaveOut) {
                log << file << ": scenario " << scenario->id << ", " << **leaveOut << "\n";
                continue;
            }
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
