#include "centre/dashboard.h"

#include "centre/dashboard_html.h"
#include "report/timeline_svg.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace pinpoint::centre {

namespace {

using report::escapeHtml;

constexpr std::array<const char*, 5> kComponents = {"coverage", "overlap", "depth", "contraindications", "technique"};
// One colour a line, told apart without colour too (the legend names them in order).
constexpr std::array<const char*, 6> kLineColours = {"#0f172a", "#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626"};

using html::date;
using html::number;
using html::page;

}  // namespace

std::vector<CohortRow> cohortRows(const std::vector<Person>& trainees, const std::vector<SessionSummary>& sessions) {
    std::vector<CohortRow> rows;
    for (const Person& p : trainees) {
        CohortRow row;
        row.login = p.login;
        row.displayName = p.displayName.empty() ? p.login : p.displayName;
        std::map<std::string, std::pair<double, int>> sums;
        const SessionSummary* newest = nullptr;
        for (const SessionSummary& s : sessions) {
            if (s.trainee != p.login) continue;
            ++row.sessions;
            if (!s.scored) continue;
            if (!newest || s.started >= newest->started) newest = &s;
            if (s.passed && s.certifiable) ++row.certifiablePasses;
            for (const auto& [name, value] : s.components) {
                sums[name].first += value;
                ++sums[name].second;
            }
        }
        if (newest) row.lastScore = newest->score;
        for (const auto& [name, sum] : sums) {
            const double mean = sum.first / sum.second;
            if (row.weakestComponent.empty() || mean < row.weakestMean) {
                row.weakestComponent = name;
                row.weakestMean = mean;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string cohortPage(const std::string& cohort, const std::vector<CohortRow>& rows) {
    std::string body = "<div class=\"scroll\"><table><thead><tr><th>Trainee</th><th>Sessions</th><th>Last score</th>"
                       "<th>Certifiable passes</th><th>Weakest component</th></tr></thead><tbody>";
    for (const CohortRow& r : rows) {
        body += "<tr><td><a href=\"/trainees/" + html::percentEncoded(r.login) + "\">" + escapeHtml(r.displayName) +
                "</a> <span class=\"muted\">(" + escapeHtml(r.login) + ")</span></td>";
        body += "<td class=\"num\">" + std::to_string(r.sessions) + "</td>";
        body += "<td class=\"num\">" + (r.lastScore ? number(*r.lastScore) : std::string("<span class=\"muted\">none</span>")) + "</td>";
        body += "<td class=\"num\">" + std::to_string(r.certifiablePasses) + "</td>";
        body += "<td>" + (r.weakestComponent.empty() ? std::string("<span class=\"muted\">not scored yet</span>")
                                                      : escapeHtml(r.weakestComponent) + " (mean " + number(r.weakestMean) + ")") +
                "</td></tr>";
    }
    if (rows.empty()) body += "<tr><td colspan=\"5\" class=\"muted\">No trainees in this cohort yet.</td></tr>";
    body += "</tbody></table></div>";
    return page("Cohort " + cohort, body);
}

std::string progressSvg(const std::vector<SessionSummary>& sessions, int width) {
    std::vector<const SessionSummary*> scored;
    for (const SessionSummary& s : sessions)
        if (s.scored) scored.push_back(&s);
    std::stable_sort(scored.begin(), scored.end(), [](const auto* a, const auto* b) { return a->started < b->started; });
    const int height = 260, left = 40, right = 16, top = 12, bottom = 28;
    const double plotW = width - left - right, plotH = height - top - bottom;
    const auto x = [&](std::size_t i) {
        return left + (scored.size() < 2 ? plotW / 2 : plotW * static_cast<double>(i) / static_cast<double>(scored.size() - 1));
    };
    const auto y = [&](double v) { return top + plotH * (1.0 - std::clamp(v, 0.0, 100.0) / 100.0); };
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\" role=\"img\" aria-label=\"Score and components over the sessions\">";
    for (int v = 0; v <= 100; v += 25)
        svg += "<line x1=\"" + number(left, 0) + "\" x2=\"" + number(width - right, 0) + "\" y1=\"" + number(y(v)) + "\" y2=\"" +
               number(y(v)) + "\" stroke=\"#e2e8f0\"/><text x=\"" + number(left - 6, 0) + "\" y=\"" + number(y(v) + 4) +
               "\" font-size=\"11\" text-anchor=\"end\" fill=\"#64748b\">" + std::to_string(v) + "</text>";
    std::vector<std::string> lines = {"score"};
    lines.insert(lines.end(), kComponents.begin(), kComponents.end());
    for (std::size_t k = 0; k < lines.size(); ++k) {
        std::string points;
        for (std::size_t i = 0; i < scored.size(); ++i) {
            const SessionSummary& s = *scored[i];
            const auto c = s.components.find(lines[k]);
            if (k > 0 && c == s.components.end()) continue;
            points += number(x(i)) + "," + number(y(k == 0 ? s.score : c->second)) + " ";
        }
        if (points.empty()) continue;
        svg += "<polyline fill=\"none\" stroke=\"" + std::string(kLineColours[k]) + "\" stroke-width=\"" +
               (k == 0 ? "3" : "1.5") + "\" points=\"" + points + "\"/>";
    }
    // The score's points say passed (filled) or failed (hollow).
    for (std::size_t i = 0; i < scored.size(); ++i)
        svg += "<circle cx=\"" + number(x(i)) + "\" cy=\"" + number(y(scored[i]->score)) + "\" r=\"4\" stroke=\"#0f172a\" fill=\"" +
               (scored[i]->passed ? "#0f172a" : "#ffffff") + "\"><title>" + escapeHtml(date(scored[i]->started)) + " " +
               escapeHtml(scored[i]->scenario) + ": " + number(scored[i]->score) + (scored[i]->passed ? " passed" : " failed") +
               "</title></circle>";
    if (scored.empty())
        svg += "<text x=\"" + number(width / 2.0) + "\" y=\"" + number(height / 2.0) +
               "\" text-anchor=\"middle\" fill=\"#64748b\">No scored sessions yet</text>";
    return svg + "</svg>";
}

std::string traineePage(const Person& trainee, const std::vector<SessionSummary>& sessions) {
    std::string body = progressSvg(sessions) + "<p class=\"legend\">";
    std::vector<std::string> lines = {"score"};
    lines.insert(lines.end(), kComponents.begin(), kComponents.end());
    for (std::size_t k = 0; k < lines.size(); ++k)
        body += "<span><i style=\"background:" + std::string(kLineColours[k]) + "\"></i>" + lines[k] + "</span>";
    body += "<span class=\"muted\">filled point: passed</span></p>";
    body += "<div class=\"scroll\"><table><thead><tr><th>Date</th><th>Scenario</th><th>Score</th><th>Result</th>"
            "<th>Critical errors</th></tr></thead><tbody>";
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
        const SessionSummary& s = *it;
        body += "<tr><td style=\"white-space:nowrap\"><a href=\"/sessions/" + html::percentEncoded(s.key) + "\">" + date(s.started) +
                "</a></td><td>" + escapeHtml(s.scenario) + "</td>";
        if (!s.scored) {
            body += "<td class=\"muted\" colspan=\"3\">not scored yet</td></tr>";
            continue;
        }
        std::string errors;
        for (const std::string& e : s.criticalErrors) errors += (errors.empty() ? "" : ", ") + escapeHtml(e);
        body += "<td class=\"num\">" + number(s.score) + "</td><td class=\"" + (s.passed ? "pass\">Passed" : "fail\">Failed") +
                (s.certifiable ? "" : " <span class=\"muted\">(not certifiable)</span>") + "</td><td>" +
                (errors.empty() ? "<span class=\"muted\">none</span>" : errors) + "</td></tr>";
    }
    if (sessions.empty()) body += "<tr><td colspan=\"5\" class=\"muted\">No sessions yet.</td></tr>";
    body += "</tbody></table></div>";
    return page((trainee.displayName.empty() ? trainee.login : trainee.displayName) + ": progress", body);
}

}  // namespace pinpoint::centre
