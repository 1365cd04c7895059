#include "core/scoring/rubric_version.h"

#include "core/scoring/rubric.h"

#include <charconv>

namespace pinpoint::core {

namespace {

// One part of a version: digits only, no leading zero unless it is "0".
std::optional<int> part(std::string_view text) {
    if (text.empty() || text.size() > 6 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
    for (const char c : text)
        if (c < '0' || c > '9') return std::nullopt;  // from_chars would take a sign
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::string RubricVersion::text() const {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<RubricVersion> parseRubricVersion(std::string_view text) {
    const std::size_t first = text.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    const std::size_t second = text.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const auto major = part(text.substr(0, first));
    const auto minor = part(text.substr(first + 1, second - first - 1));
    const auto patch = part(text.substr(second + 1));
    if (!major || !minor || !patch) return std::nullopt;
    return RubricVersion{*major, *minor, *patch};
}

VersionFit versionFit(std::string_view scenarioVersion, std::string_view rubricVersion) {
    const auto written = parseRubricVersion(scenarioVersion);
    const auto inUse = parseRubricVersion(rubricVersion);
    if (!written || !inUse) return VersionFit::Unreadable;
    if (written->major < inUse->major) return VersionFit::OlderMajor;
    if (written->major > inUse->major) return VersionFit::NewerMajor;
    if (*written == *inUse) return VersionFit::Same;
    return *written < *inUse ? VersionFit::OlderMinor : VersionFit::NewerMinor;
}

std::vector<RubricChange> changesSince(const Rubric& rubric, std::string_view from) {
    std::vector<RubricChange> since;
    const auto start = parseRubricVersion(from);
    const auto end = parseRubricVersion(rubric.version);
    if (!start || !end) return since;
    for (const RubricChange& c : rubric.changes) {
        const auto v = parseRubricVersion(c.version);
        if (v && *v > *start && *v <= *end) since.push_back(c);
    }
    return since;
}

std::string olderMinorNote(const Rubric& rubric, std::string_view scenarioVersion) {
    if (versionFit(scenarioVersion, rubric.version) != VersionFit::OlderMinor) return {};
    std::string note = "written for rubric " + std::string(scenarioVersion) + "; scored under " + rubric.version +
                       " (a minor update: the scenario's keys mean the same";
    const std::vector<RubricChange> since = changesSince(rubric, scenarioVersion);
    if (!since.empty()) {
        note += "; since then:";
        for (std::size_t i = 0; i < since.size(); ++i) note += (i ? "; " : " ") + since[i].version + ": " + since[i].summary;
    }
    return note + ")";
}

}  // namespace pinpoint::core
