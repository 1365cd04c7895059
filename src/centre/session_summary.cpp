#include "centre/session_summary.h"

#include <nlohmann/json.hpp>

namespace pinpoint::centre {

namespace {

using nlohmann::json;

// The report as JSON when summarize would count it as scored, else a discarded value.
json scoredReport(const std::string& text) {
    json report = json::parse(text, nullptr, false);
    if (!report.is_object() || !report.contains("score") || !report["score"].is_number()) return json(json::value_t::discarded);
    return report;
}

}  // namespace

SessionSummary summarizeReport(const SessionRecord& session, const std::optional<std::string>& reportJson) {
    SessionSummary s;
    s.id = session.id;
    s.key = session.key;
    s.trainee = session.trainee;
    s.traineeName = session.trainee;
    s.scenario = session.scenario;
    s.started = session.started;
    s.witnessing = witnessingFrom(session.receipts, session.receiptsInStep, session.receiptsOutOfStep);
    if (!reportJson) return s;
    const json report = scoredReport(*reportJson);
    if (report.is_discarded()) return s;
    s.scored = true;
    s.score = report["score"].get<double>();
    s.passed = report.value("passed", false);
    if (report.contains("evidence") && report["evidence"].is_object())
        s.certifiable = report["evidence"].value("certifiable", false);
    if (report.contains("components") && report["components"].is_object())
        for (const auto& [name, value] : report["components"].items())
            if (value.is_number()) s.components[name] = value.get<double>();
    if (report.contains("critical_errors") && report["critical_errors"].is_array())
        for (const json& e : report["critical_errors"])
            if (e.is_object() && e.contains("code") && e["code"].is_string()) s.criticalErrors.push_back(e["code"]);
    return s;
}

SessionSummary summarize(const SessionRecord& session, const std::optional<ScoreReportRecord>& latest) {
    return summarizeReport(session, latest ? std::optional<std::string>(latest->reportJson) : std::nullopt);
}

std::string reportDigest(const std::string& reportJson) {
    // Read back through summarize, so the digest holds exactly what a summary takes from the report.
    const SessionSummary s = summarizeReport(SessionRecord{}, std::optional<std::string>(reportJson));
    if (!s.scored) return "";
    json errors = json::array();
    for (const std::string& code : s.criticalErrors) errors.push_back({{"code", code}});
    return json{{"score", s.score},
                {"passed", s.passed},
                {"evidence", {{"certifiable", s.certifiable}}},
                {"components", s.components},
                {"critical_errors", errors}}
        .dump();
}

}  // namespace pinpoint::centre
