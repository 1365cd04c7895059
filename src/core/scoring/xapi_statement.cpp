#include "core/scoring/xapi_statement.h"

#include "core/common/sha256.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace pinpoint::core {

namespace {

constexpr const char* kVerbBase = "http://adlnet.gov/expapi/verbs/";  // ADL's verb vocabulary
constexpr const char* kSimulation = "http://adlnet.gov/expapi/activities/simulation";

std::string withoutTrailingSlash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

// An IRI path segment: unreserved characters as they are, anything else percent-encoded.
std::string pathSegment(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

// A report's property of the expected type, else the fallback: a report with parts of the wrong type
// makes a statement with less in it, never an exception (json::value() throws on a wrong type).
std::string textOf(const nlohmann::json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}
double numberOf(const nlohmann::json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
}

Error exportError(std::string message, std::string hint = {}) {
    return Error{"", 0, 0, std::move(message), std::move(hint)};
}

}  // namespace

std::string xapiExtensionIri(const std::string& homePage, std::string_view name) {
    return withoutTrailingSlash(homePage) + "/xapi/extensions/" + std::string(name);
}

std::string nameBasedUuid(std::string_view name) {
    const std::string hex = sha256Hex("pinpoint:" + std::string(name));
    std::string digits = hex.substr(0, 32);
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    static const char* kHex = "0123456789abcdef";
    digits[12] = '5';                                     // version 5: name-based
    digits[16] = kHex[(nibble(digits[16]) & 0x3) | 0x8];  // variant 10xx: RFC 4122
    return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" + digits.substr(16, 4) +
           "-" + digits.substr(20, 12);
}

std::string isoDuration(double seconds) {
    long long centis = std::llround(std::max(0.0, seconds) * 100.0);
    const long long hours = centis / 360000;
    centis %= 360000;
    const long long minutes = centis / 6000;
    centis %= 6000;
    std::string out = "PT";
    if (hours) out += std::to_string(hours) + "H";
    if (minutes) out += std::to_string(minutes) + "M";
    if (centis || out == "PT") {
        char s[32];
        if (centis % 100 == 0)
            std::snprintf(s, sizeof s, "%lldS", centis / 100);
        else if (centis % 10 == 0)
            std::snprintf(s, sizeof s, "%lld.%lldS", centis / 100, (centis % 100) / 10);
        else
            std::snprintf(s, sizeof s, "%lld.%02lldS", centis / 100, centis % 100);
        out += s;
    }
    return out;
}

Result<nlohmann::json> xapiStatement(const XapiSession& session, const nlohmann::json& report,
                                     const XapiSettings& settings) {
    const SessionHeader& header = session.header;
    if (!isHttpUrl(settings.homePage))
        return exportError("the centre's home page '" + settings.homePage + "' is not an http or https URL",
                           "give --home-page, e.g. https://academy.example.org");
    const std::string activityBase =
        withoutTrailingSlash(settings.activityBase.empty() ? withoutTrailingSlash(settings.homePage) + "/xapi/scenarios"
                                                           : settings.activityBase);
    if (!isIri(activityBase))
        return exportError("the activity base '" + settings.activityBase + "' is not an absolute IRI",
                           "give --activity-base, e.g. https://academy.example.org/scenarios");
    if (header.demo)
        return exportError("a demo session (written by `pinpoint demo`) is no trainee's work",
                           "export sessions that trainees recorded");
    if (header.trainee.empty())
        return exportError("the session names no trainee, so the statement would have no actor",
                           "only sessions recorded for a trainee can go to the learning record store");
    if (header.startTime.empty())
        return exportError("the session has no start_time, so the statement would have no timestamp");
    if (!isRfc3339DateTime(header.startTime))
        return exportError(
            "the session's start_time '" + header.startTime + "' is not an RFC 3339 date-time with a time zone",
            "e.g. 2024-05-01T09:30:00Z");
    const auto field = [&](const char* key) { return report.contains(key) ? report[key] : nlohmann::json(); };
    const nlohmann::json scenario = field("scenario");
    if (!field("passed").is_boolean() || !field("score").is_number() || textOf(scenario, "id").empty())
        return exportError("the score report lacks passed, score or the scenario's id");
    const std::string scenarioId = textOf(scenario, "id");
    const std::string scenarioSha256 = textOf(scenario, "sha256");
    const bool passed = field("passed");
    const double score = std::clamp(field("score").get<double>(), 0.0, 100.0);

    const std::string verb = passed ? "passed" : "failed";
    nlohmann::json result = {
        {"score", {{"scaled", std::round(score * 100.0) / 10000.0}, {"raw", score}, {"min", 0}, {"max", 100}}},
        {"success", passed},
        // Complete unless the plan was left unfinished (the score report's unmet requirements).
        {"completion", !field("unmet_requirements").is_array() || field("unmet_requirements").empty()},
        {"duration", isoDuration(session.durationSeconds)},
    };
    nlohmann::json critical = nlohmann::json::array();
    if (field("critical_errors").is_array())
        for (const nlohmann::json& e : field("critical_errors"))
            critical.push_back(
                {{"code", textOf(e, "code")}, {"t", numberOf(e, "t")}, {"message", textOf(e, "message")}});
    nlohmann::json extensions = {
        {xapiExtensionIri(settings.homePage, "components"),
         field("components").is_object() ? field("components") : nlohmann::json::object()},
        {xapiExtensionIri(settings.homePage, "critical-errors"), critical},
        {xapiExtensionIri(settings.homePage, "session-sha256"), session.contentSha256},
    };
    if (field("pass_mark").is_number())
        extensions[xapiExtensionIri(settings.homePage, "pass-mark")] = field("pass_mark");
    // Whether the session counts as evidence (docs/scoring.md, "Evidence"), when the report says.
    const nlohmann::json evidence = field("evidence");
    if (evidence.is_object() && evidence.contains("certifiable") && evidence["certifiable"].is_boolean())
        extensions[xapiExtensionIri(settings.homePage, "certifiable")] = evidence["certifiable"];
    if (!scenarioSha256.empty()) extensions[xapiExtensionIri(settings.homePage, "scenario-sha256")] = scenarioSha256;
    nlohmann::json context = {{"platform", "Pinpoint"}, {"language", "en-US"}, {"extensions", extensions}};
    // A registration is one enrolment of a trainee in something: here, a patient's course of visits.
    if (!header.courseId.empty())
        context["registration"] =
            nameBasedUuid("registration|" + settings.homePage + "|" + header.trainee + "|" + header.courseId);

    // The id names everything that shaped the score: the session's bytes, the scenario version, and
    // (from the report's evidence) the rubric, devices, zones, conditions, head and program version. A
    // session scored again the same way keeps its id; scored anew (a new rubric or program), it gets a
    // new one, which a learning record store takes as a new statement rather than ignoring it.
    std::string shapedBy = "statement|" + session.contentSha256 + "|" + scenarioSha256;
    if (evidence.is_object()) {
        if (evidence.contains("sha256") && evidence["sha256"].is_object()) shapedBy += "|" + evidence["sha256"].dump();
        shapedBy += "|" + textOf(evidence, "software_version");
    }
    return nlohmann::json{
        {"id", nameBasedUuid(shapedBy)},
        {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", settings.homePage}, {"name", header.trainee}}}}},
        {"verb", {{"id", kVerbBase + verb}, {"display", {{"en-US", verb}}}}},
        {"object",
         {{"objectType", "Activity"},
          {"id", activityBase + "/" + pathSegment(scenarioId)},
          {"definition",
           {{"name", {{"en-US", session.scenarioTitle.empty() ? scenarioId : session.scenarioTitle}}},
            {"type", kSimulation}}}}},
        {"result", result},
        {"context", context},
        {"timestamp", header.startTime},
        {"version", "1.0.3"},
    };
}

}  // namespace pinpoint::core
