// A scenario's statistics page: how many sessions and trainees, the pass rate, the score distribution
// against the pass mark, and the critical errors trainees make most often.
#include "centre/dashboard_html.h"
#include "centre/dashboard_pages.h"

#include <algorithm>
#include <map>
#include <set>

namespace pinpoint::centre {

using html::escape;
using html::number;

ScenarioStats scenarioStats(const std::vector<SessionSummary>& sessions) {
    ScenarioStats st;
    std::set<std::string> trainees;
    std::vector<double> scores;
    std::map<std::string, int> errorSessions;
    for (const SessionSummary& s : sessions) {
        ++st.sessions;
        trainees.insert(s.trainee);
        if (!s.scored) continue;
        ++st.scored;
        if (s.passed) ++st.passed;
        scores.push_back(s.score);
        // A session counts once per error code, however often it made that error.
        const std::set<std::string> codes(s.criticalErrors.begin(), s.criticalErrors.end());
        for (const std::string& code : codes) ++errorSessions[code];
    }
    st.trainees = static_cast<int>(trainees.size());
    st.passRate = st.scored > 0 ? static_cast<double>(st.passed) / st.scored : 0.0;
    st.bins = html::scoreBins(scores);
    for (const auto& [code, n] : errorSessions)
        st.errors.push_back({code, n, static_cast<double>(n) / st.scored});
    std::stable_sort(st.errors.begin(), st.errors.end(),
                     [](const ErrorCount& a, const ErrorCount& b) { return a.sessions > b.sessions; });
    return st;
}

namespace {
std::string tile(const std::string& value, const std::string& caption) {
    return "<div class=\"tile\"><b>" + value + "</b><span>" + caption + "</span></div>";
}
}  // namespace

std::string scenarioPage(const std::string& scenario, const std::vector<SessionSummary>& sessions,
                         std::optional<double> passMark) {
    const ScenarioStats st = scenarioStats(sessions);
    std::string body = "<div class=\"tiles\">" + tile(std::to_string(st.sessions), "sessions recorded") +
                       tile(std::to_string(st.trainees), st.trainees == 1 ? "trainee" : "trainees") +
                       tile(std::to_string(st.scored), "sessions scored") +
                       tile(st.scored > 0 ? number(100.0 * st.passRate, 0) + "%" : "&ndash;",
                            st.scored > 0 ? "passed (" + std::to_string(st.passed) + " of " + std::to_string(st.scored) + ")"
                                          : "passed (none scored yet)") +
                       "</div>";
    body += "<h2>Score distribution</h2>";
    if (st.scored == 0) {
        body += "<p class=\"muted\">No scored sessions yet.</p>";
    } else {
        body += html::histogramSvg({{"sessions", "#2563eb", st.bins}}, "Sessions by score, in 10-point bins", passMark,
                                   passMark ? "pass mark " + number(*passMark) : "");
        body += "<p class=\"note\">Scored sessions in 10-point bins (the last bin holds 90 to 100)." +
                std::string(passMark ? " The dashed line is the scenario's pass mark." : " The scenario's pass mark is not known here.") +
                "</p>";
    }
    body += "<h2>Most common critical errors</h2>";
    if (st.errors.empty()) {
        body += st.scored == 0 ? "<p class=\"muted\">No scored sessions yet.</p>"
                               : "<p class=\"muted\">No critical errors in the scored sessions.</p>";
    } else {
        body += "<div class=\"scroll\"><table><thead><tr><th>Critical error</th><th>Sessions</th><th>Share of scored sessions</th>"
                "</tr></thead><tbody>";
        for (const ErrorCount& e : st.errors)
            body += "<tr><td><code>" + escape(e.code) + "</code></td><td class=\"num\">" + std::to_string(e.sessions) +
                    "</td><td class=\"num\">" + number(100.0 * e.share, 0) + "%</td></tr>";
        body += "</tbody></table></div>";
    }
    return html::page("Scenario " + scenario, body);
}

}  // namespace pinpoint::centre
