#include "core/scoring/score_report.h"

#include "core/scoring/treatment_report.h"

#include <algorithm>
#include <cstdio>

namespace pinpoint::core {

namespace {

bool hashMatches(const Session& session, const Scenario& scenario) {
    return session.header.scenarioSha256.empty() || session.header.scenarioSha256 == scenario.sha256;
}

}  // namespace

nlohmann::json aftercareJson(const AftercareOutcome& a) {
    nlohmann::json j = {{"recorded", a.recorded}};
    if (!a.recorded) return j;
    j["t"] = roundTo(a.t, 3);
    j["given"] = a.given;
    j["missed"] = a.missed;
    j["wrong"] = a.wrong;
    if (!a.unknown.empty()) j["unknown"] = a.unknown;
    return j;
}

nlohmann::json courseJson(const Course& course) {
    nlohmann::json visits = nlohmann::json::array();
    for (const EarlierVisit& v : course.visits) {
        nlohmann::json depths = nlohmann::json::object();
        for (const auto& [zone, depth] : v.depthMm) depths[zone] = depth;
        visits.push_back({{"date", v.date}, {"days_before_today", v.daysBeforeToday}, {"device", v.device},
                          {"depth_mm", depths}, {"seen_after", v.seenAfter}});
    }
    nlohmann::json j = {{"id", course.id}, {"visit", course.visit}, {"today", course.today}, {"skin", course.skin},
                        {"skin_note", course.skinNote}, {"earlier_visits", visits}};
    j["days_since_last_visit"] = course.daysSinceLastVisit() ? nlohmann::json(*course.daysSinceLastVisit()) : nlohmann::json(nullptr);
    return j;
}

std::vector<std::string> courseLines(const Course& course) {
    std::vector<std::string> out;
    std::string head = "Course " + course.id + ", visit " + std::to_string(course.visit) + " on " + course.today;
    if (course.daysSinceLastVisit()) head += ", " + std::to_string(*course.daysSinceLastVisit()) + " days after the last session";
    out.push_back(head);
    for (std::size_t i = 0; i < course.visits.size(); ++i) {
        const EarlierVisit& v = course.visits[i];
        std::string line = "visit " + std::to_string(i + 1) + " on " + v.date + " (" + std::to_string(v.daysBeforeToday) +
                           " days ago), " + v.device + ":";
        for (std::size_t k = 0; k < v.depthMm.size(); ++k) {
            char d[64];
            std::snprintf(d, sizeof d, "%s %s %.2f mm", k ? "," : "", v.depthMm[k].first.c_str(), v.depthMm[k].second);
            line += d;
        }
        if (!v.seenAfter.empty()) line += ". Afterwards: " + v.seenAfter;
        out.push_back(line);
    }
    std::string skin = course.skin;  // in words: "still red", "allergic reaction"
    std::replace(skin.begin(), skin.end(), '_', ' ');
    out.push_back("today's skin: " + skin + (course.skinNote.empty() ? "" : " - " + course.skinNote));
    return out;
}

nlohmann::json scoreReportJson(const ScoreResult& r, const Scenario& scenario, const Rubric& rubric,
                               const Session& session, const SimulationOutput& sim) {
    nlohmann::json components = nlohmann::json::object();
    for (std::size_t i = 0; i < kComponents.size(); ++i)
        components[kComponents[i]] = r.components[i] ? nlohmann::json(roundTo(*r.components[i], 2)) : nlohmann::json(nullptr);

    nlohmann::json zones = zonesJson(r.measurement);
    for (auto& [name, z] : zones.items())
        z["in_plan"] = std::find(r.planZones.begin(), r.planZones.end(), name) != r.planZones.end();

    nlohmann::json decision = {
        {"made", r.decision.made ? nlohmann::json(r.decision.made->name) : nlohmann::json(nullptr)},
        {"expected", decisionName(r.decision.expected)},
        {"correct", r.decision.correct},
        {"acceptable_alternative", r.decision.acceptable},
        {"t", r.decision.made ? nlohmann::json(roundTo(r.decision.made->t, 3)) : nlohmann::json(nullptr)},
        {"questions_asked_before", r.decision.questionsAskedBefore},
        {"actions", r.decision.made ? r.decision.made->actions : std::vector<std::string>{}},
        {"avoid_zones", r.decision.made ? r.decision.made->avoidZones : std::vector<std::string>{}},
    };
    if (r.decision.made && r.decision.made->depthCapMm) decision["depth_cap_mm"] = *r.decision.made->depthCapMm;
    if (!r.decision.supportedBy.empty()) decision["supported_by_source"] = r.decision.supportedBy;

    nlohmann::json critical = nlohmann::json::array();
    for (const CriticalError& e : r.criticalErrors) critical.push_back({{"code", e.code}, {"t", roundTo(e.t, 3)}, {"message", e.message}});
    nlohmann::json deductions = nlohmann::json::array();
    for (const Deduction& d : r.deductions)
        deductions.push_back({{"component", d.component}, {"points", roundTo(d.points, 2)}, {"reason", d.reason}});

    nlohmann::json punctures = puncturesJson(r.measurement);
    punctures["lesion"] = r.lesionPunctures;

    nlohmann::json warnings = nlohmann::json::array();
    for (const SessionWarning& w : session.warnings) warnings.push_back({{"line", w.line}, {"message", w.message}});
    if (!hashMatches(session, scenario))
        warnings.push_back({{"line", 1}, {"message", "the session was recorded with a different version of this scenario "
                                                      "(its SHA-256 differs); scored against the scenario given"}});

    nlohmann::json j = {
        {"passed", r.passed},
        {"score", roundTo(r.score, 2)},
        {"pass_mark", roundTo(scenario.passMark, 2)},
        {"min_coverage", roundTo(scenario.minCoverage, 2)},
        {"unmet_requirements", r.unmetRequirements},
        {"decision_only", r.decisionOnly},
        {"components", components},
        {"zones", zones},
        {"decision", decision},
        {"critical_errors", critical},
        {"deductions", deductions},
        {"punctures", punctures},
        {"contact", contactJson(sim)},
        {"rubric", rubricJson(rubric)},
        {"scenario", {{"id", scenario.id}, {"sha256", scenario.sha256}, {"session_hash_matches", hashMatches(session, scenario)}}},
        {"session", {{"events", session.events.size()}, {"warnings", warnings}}},
        {"aftercare", aftercareJson(r.aftercare)},
    };
    if (const std::string note = olderMinorNote(rubric, scenario.rubricVersion); !note.empty()) {
        j["rubric"]["scenario_written_for"] = scenario.rubricVersion;  // an older minor version: accepted
        j["rubric"]["note"] = note;
    }
    if (scenario.course) j["course"] = courseJson(*scenario.course);
    if (!scenario.counsel.empty()) {  // the case's own counselling at the decision: judged even when none was told
        const AftercareOutcome& c = r.counsel;
        j["counsel"] = {{"recorded", c.recorded}, {"given", c.given}, {"missed", c.missed}, {"wrong", c.wrong}};
        if (!c.unknown.empty()) j["counsel"]["unknown"] = c.unknown;
    }
    if (!session.header.courseId.empty())
        j["session"]["course"] = {{"id", session.header.courseId}, {"visit", session.header.courseVisit}};
    return j;
}

std::string scoreReportText(const ScoreResult& r, const Scenario& scenario, const Session& session) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%s: %s  score %.1f / 100 (pass mark %.0f)%s\n", scenario.id.c_str(),
                  r.passed ? "PASSED" : "FAILED", r.score, scenario.passMark,
                  r.decisionOnly ? "  [scored on the decision alone]" : "");
    out += line;
    if (!hashMatches(session, scenario)) out += "warning: the session was recorded with a different version of this scenario\n";
    for (const SessionWarning& w : session.warnings) out += "warning: line " + std::to_string(w.line) + ": " + w.message + "\n";
    std::snprintf(line, sizeof line, "Decision: %s (expected %s)%s\n",
                  r.decision.made ? r.decision.made->name.c_str() : "none", decisionName(r.decision.expected),
                  r.decision.correct ? (r.decision.acceptable ? ", acceptable" : ", correct") : ", WRONG");
    out += line;
    if (scenario.course) {
        const std::vector<std::string> course = courseLines(*scenario.course);
        out += course.front() + "\n";
        for (std::size_t i = 1; i < course.size(); ++i) out += "  " + course[i] + "\n";
    }
    for (const std::string& u : r.unmetRequirements) out += "Not finished: " + u + "\n";
    if (!r.criticalErrors.empty()) {
        out += "\nCritical errors (the session fails whatever the points):\n";
        for (const CriticalError& e : r.criticalErrors) {
            std::snprintf(line, sizeof line, "  %8.2f s  %-24s %s\n", e.t, e.code.c_str(), e.message.c_str());
            out += line;
        }
    }
    out += "\nComponent            score\n";
    for (std::size_t i = 0; i < kComponents.size(); ++i) {
        if (r.components[i]) std::snprintf(line, sizeof line, "  %-18s %6.1f\n", kComponents[i], *r.components[i]);
        else std::snprintf(line, sizeof line, "  %-18s    n/a\n", kComponents[i]);
        out += line;
    }
    if (!r.deductions.empty()) {
        out += "\nDeductions:\n";
        for (const Deduction& d : r.deductions) {
            std::snprintf(line, sizeof line, "  %-18s -%5.1f  %s\n", d.component.c_str(), d.points, d.reason.c_str());
            out += line;
        }
    }
    if (!scenario.counsel.empty()) {
        std::snprintf(line, sizeof line, "\nTold the patient with the decision: %zu statement(s), %zu right one(s) missed, %zu wrong\n",
                      r.counsel.given.size(), r.counsel.missed.size(), r.counsel.wrong.size());
        out += line;
    }
    if (r.aftercare.recorded) {
        std::snprintf(line, sizeof line, "\nAftercare advice: %zu given, %zu right advice missed, %zu wrong\n", r.aftercare.given.size(),
                      r.aftercare.missed.size(), r.aftercare.wrong.size());
        out += line;
    } else if (!r.decisionOnly) {
        out += "\nAftercare advice: not recorded\n";
    }
    if (!r.decisionOnly) {
        out += "\nZone               plan  coverage  over  depth ok  dirs\n";
        for (const ZoneMeasurement& z : r.measurement.zones) {
            const bool inPlan = std::find(r.planZones.begin(), r.planZones.end(), z.name) != r.planZones.end();
            if (!inPlan && z.punctures == 0) continue;
            std::snprintf(line, sizeof line, "  %-17s %4s  %7.1f%% %5.1f%%  %6.1f%%  %4d\n", z.name.c_str(), inPlan ? "yes" : "no",
                          100 * z.coverage, 100 * z.overTreated, 100 * z.depthInRange, z.directions);
            out += line;
        }
    }
    return out;
}

}  // namespace pinpoint::core
