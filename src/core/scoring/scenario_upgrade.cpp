#include "core/scoring/scenario_upgrade.h"

#include <toml++/toml.h>

#include <algorithm>

namespace pinpoint::core {

namespace {

// The byte range of `line` (1-based) in `text`; npos when the text is shorter.
std::pair<std::size_t, std::size_t> lineBytes(const std::string& text, int line) {
    std::size_t begin = 0;
    for (int l = 1; l < line; ++l) {
        begin = text.find('\n', begin);
        if (begin == std::string::npos) return {std::string::npos, std::string::npos};
        ++begin;
    }
    const std::size_t end = text.find('\n', begin);
    return {begin, end == std::string::npos ? text.size() : end};
}

// Where on its line the quoted value `version` stands after the '=' (a string in double or single
// quotes, as TOML allows); npos unless it stands there exactly once.
std::size_t versionValueAt(const std::string& text, std::size_t lineBegin, std::size_t lineEnd, const std::string& version) {
    const std::string line = text.substr(lineBegin, lineEnd - lineBegin);
    const std::size_t equals = line.find('=');
    if (equals == std::string::npos) return std::string::npos;
    std::size_t found = std::string::npos;
    for (const char quote : {'"', '\''}) {
        const std::string wanted = quote + version + quote;
        const std::size_t at = line.find(wanted, equals);
        if (at == std::string::npos) continue;
        if (found != std::string::npos || line.find(wanted, at + 1) != std::string::npos) return std::string::npos;
        found = at;
    }
    return found == std::string::npos ? found : lineBegin + found + 1;  // just inside the quote
}

Error upgradeProblem(const std::string& file, int line, int column, std::string message, std::string hint = {}) {
    return Error{file, line, column, std::move(message), std::move(hint)};
}

}  // namespace

ScenarioUpgradeResult upgradeScenario(const std::string& text, const std::string& sourceName, const Rubric& rubric,
                                      const ConditionCatalogue& conditions, const Bvh* skin) {
    ScenarioUpgradeResult result;
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& e) {
        result.errors.push_back(upgradeProblem(sourceName, static_cast<int>(std::max<toml::source_index>(e.source().begin.line, 1)),
                                        static_cast<int>(std::max<toml::source_index>(e.source().begin.column, 1)),
                                        std::string(e.description()), "the scenario is not valid TOML"));
        return result;
    }
    const toml::node* node = root.at_path("scenario.rubric_version").node();
    const std::optional<std::string> written = node ? node->value<std::string>() : std::nullopt;
    if (!written) {
        result.errors.push_back(upgradeProblem(sourceName, 1, 1, "the scenario names no rubric_version in [scenario]",
                                        "add rubric_version = \"" + rubric.version + "\" to [scenario]"));
        return result;
    }
    const int line = static_cast<int>(node->source().begin.line);
    const int column = static_cast<int>(std::max<toml::source_index>(node->source().begin.column, 1));
    ScenarioUpgrade upgrade{text, false, *written, line, {}};
    switch (versionFit(*written, rubric.version)) {
        case VersionFit::Same: result.upgrade = std::move(upgrade); return result;
        case VersionFit::OlderMinor:
        case VersionFit::OlderMajor: break;
        case VersionFit::NewerMinor:
        case VersionFit::NewerMajor:
            result.errors.push_back(upgradeProblem(sourceName, line, column,
                                            "the scenario is written for rubric " + *written + ", newer than the rubric in use (" +
                                                rubric.version + "): a case cannot be moved back to an older rubric",
                                            "install the Pinpoint that ships rubric " + *written));
            return result;
        case VersionFit::Unreadable:
            result.errors.push_back(upgradeProblem(sourceName, line, column, "rubric_version '" + *written + "' is not a version",
                                            "write the version the case was written for as MAJOR.MINOR.PATCH, then upgrade"));
            return result;
    }
    const auto [lineBegin, lineEnd] = lineBytes(text, line);
    const std::size_t at = lineBegin == std::string::npos ? lineBegin : versionValueAt(text, lineBegin, lineEnd, *written);
    if (at == std::string::npos) {
        result.errors.push_back(upgradeProblem(sourceName, line, column, "cannot rewrite this rubric_version in place",
                                        "write rubric_version = \"" + rubric.version + "\" on a line of its own, then validate"));
        return result;
    }
    upgrade.text.replace(at, written->size(), rubric.version);
    ScenarioReadResult check = parseScenario(upgrade.text, sourceName, rubric, conditions, skin);
    if (!check.errors.empty()) {
        result.errors = std::move(check.errors);
        return result;
    }
    upgrade.changed = true;
    upgrade.changes = changesSince(rubric, *written);
    result.upgrade = std::move(upgrade);
    return result;
}

}  // namespace pinpoint::core
