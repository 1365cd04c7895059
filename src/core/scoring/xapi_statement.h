#pragma once
// The LMS export (issue 13, item 6): one xAPI statement per scored session (xAPI 1.0.3, standardised as
// IEEE 9274.1.1-2023), made from the session's header and its score report (core/scoring/score_report.h,
// what `pinpoint score --json` prints). Which properties and extension IRIs: docs/xapi.md.
// Sending statements to a learning record store is not done here.
#include "core/common/error.h"
#include "core/session/session.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core {

struct XapiSettings {
    // The centre's URL (an absolute http or https URL): trainees' accounts live there and our extension
    // IRIs sit under <homePage>/xapi/extensions/.
    std::string homePage;
    // Scenario activity ids are <activityBase>/<scenario id>; empty: <homePage>/xapi/scenarios.
    std::string activityBase;
};

// What the statement says about the session besides its score.
struct XapiSession {
    SessionHeader header;        // trainee, start time, course
    double durationSeconds = 0;  // the session's length (the time of its last event)
    std::string contentSha256;   // SHA-256 of the session file's bytes, lower-case hex
    std::string scenarioTitle;   // the activity's name; the scenario id when empty
};

// The statement for a scored session. Its id is a name-based UUID of the session's bytes, the scenario
// version it was scored against and the rest of what shaped the score (the report's evidence: rubric,
// devices, zones, conditions, head, program version), so exporting the same score again gives the same
// statement id (a learning record store keeps one), and a score made anew gets a new one. An error, for the user to fix, when the session is a demo or
// names no trainee, its start time is missing or not an RFC 3339 date-time with a time zone, or the
// settings are not URLs.
Result<nlohmann::json> xapiStatement(const XapiSession& session, const nlohmann::json& scoreReport,
                                     const XapiSettings& settings);

// Every way `statement` breaks the xAPI 1.0.3 rules a learning record store enforces (required
// properties, the actor's single identifier, IRIs, UUIDs, the score's range, ISO 8601 durations,
// RFC 3339 timestamps, language maps), each as "property: problem"; empty when it is valid.
std::vector<std::string> xapiProblems(const nlohmann::json& statement);

// The extension IRIs under a centre's home page, by their last part ("components", "critical-errors",
// "pass-mark", "certifiable", "scenario-sha256", "session-sha256").
std::string xapiExtensionIri(const std::string& homePage, std::string_view name);

// A UUID made from a name: the first 16 bytes of SHA-256("pinpoint:" + name) laid out as a version-5
// (name-based) RFC 4122 UUID, lower-case. (RFC 4122's own version 5 hashes with SHA-1; libsodium has none.)
std::string nameBasedUuid(std::string_view name);

// An ISO 8601 duration to 0.01 s, as xAPI asks: "PT1H2M3.45S", "PT0S".
std::string isoDuration(double seconds);

// The format checks the validator uses, for the export to check its inputs with the same rules.
bool isIri(std::string_view text);              // an absolute IRI: a scheme, ':', no white space
bool isHttpUrl(std::string_view text);          // http:// or https:// and a host
bool isUuid(std::string_view text);             // 8-4-4-4-12 hex digits, RFC 4122 variant
bool isRfc3339DateTime(std::string_view text);  // 2024-05-01T09:30:00Z, with a zone, real date and time
bool isIsoDuration(std::string_view text);

}  // namespace pinpoint::core
