#pragma once
// Rubric versions an instructor can live with. A rubric's version is MAJOR.MINOR.PATCH: a minor or
// patch release adds or clarifies without changing what a scenario's keys mean, so a scenario written
// for an older one of the same major version is scored under the current rubric, with a note; a
// major release changes what a score means, so such a scenario is refused until it is upgraded
// (`pinpoint validate --upgrade`), and one written for a newer rubric than this Pinpoint's is refused.
// The rubric's own history ([[change]] in assets/rubric.toml) says what each release changed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core {

struct Rubric;

struct RubricVersion {
    int major = 0, minor = 0, patch = 0;
    auto operator<=>(const RubricVersion&) const = default;
    std::string text() const;
};

// "3.1.0" -> {3, 1, 0}; nullopt for anything else (two or four parts, signs, letters, leading zeros).
std::optional<RubricVersion> parseRubricVersion(std::string_view text);

// How a scenario's rubric_version stands to the rubric in use.
enum class VersionFit {
    Same,
    OlderMinor,     // same major, older: scored under the current rubric, with a note
    NewerMinor,     // same major, newer than the rubric in use: refused (update Pinpoint)
    OlderMajor,     // written for an earlier major version: refused until upgraded
    NewerMajor,     // written for a later major version: refused (update Pinpoint)
    Unreadable,     // not MAJOR.MINOR.PATCH
};
VersionFit versionFit(std::string_view scenarioVersion, std::string_view rubricVersion);

// One release in the rubric's history.
struct RubricChange {
    std::string version;
    std::string summary;
};

// The releases after `from` up to and including the rubric's own version, oldest first: what
// changed for a scenario written for `from`.
std::vector<RubricChange> changesSince(const Rubric& rubric, std::string_view from);

// What a trainee, instructor or assessor reads about a scenario scored under a newer minor rubric:
// "written for rubric 3.0.0; scored under 3.1.1 (a minor update: ...)". Empty when the versions match.
std::string olderMinorNote(const Rubric& rubric, std::string_view scenarioVersion);

}  // namespace pinpoint::core
