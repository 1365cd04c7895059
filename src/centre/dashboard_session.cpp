// One session's page: its score and components, critical errors, whether it can count toward
// certification and why, what the centre witnessed live, the reviews so far, and how to open it in
// `pinpoint review`.
#include "centre/dashboard_html.h"
#include "centre/dashboard_pages.h"
#include "centre/live_witness.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace pinpoint::centre {

using html::escape;
using html::number;

std::string reviewLink(const std::string& sessionKey, const std::string& centreUrl) {
    // The key is 16 hex digits; the centre's address is encoded whole, so `pinpoint review` reads it back
    // as one query value (and a link without one still opens the session if it is on the station).
    std::string link = "pinpoint://review/" + html::percentEncoded(sessionKey);
    if (!centreUrl.empty()) link += "?centre=" + html::percentEncoded(centreUrl);
    return link;
}

namespace {

std::string scoreSection(const SessionSummary& s, const nlohmann::json& report) {
    if (!s.scored) return "<h2>Score</h2><p class=\"muted\">Not scored yet.</p>";
    std::string body = "<h2>Score</h2><p><b style=\"font-size:22px\">" + number(s.score) + "</b> &nbsp;<span class=\"" +
                       (s.passed ? "pass\">Passed" : "fail\">Failed") + "</span></p>";
    if (!s.components.empty()) {
        body += "<div class=\"scroll\"><table><thead><tr><th>Component</th><th>Score</th></tr></thead><tbody>";
        for (const auto& [name, value] : s.components)
            body += "<tr><td>" + escape(name) + "</td><td class=\"num\">" + number(value) + "</td></tr>";
        body += "</tbody></table></div>";
    }
    body += "<h2>Critical errors</h2>";
    const nlohmann::json* errors = report.contains("critical_errors") && report["critical_errors"].is_array() ? &report["critical_errors"] : nullptr;
    if (!errors || errors->empty()) return body + "<p class=\"muted\">None.</p>";
    body += "<ul>";
    for (const nlohmann::json& e : *errors) {
        if (!e.is_object()) continue;
        const std::string code = e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : "?";
        const std::string message = e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>() : "";
        body += "<li><code>" + escape(code) + "</code>";
        if (e.contains("t") && e["t"].is_number()) body += " at " + number(e["t"].get<double>()) + " s";
        if (!message.empty()) body += ": " + escape(message);
        body += "</li>";
    }
    return body + "</ul>";
}

std::string evidenceSection(const SessionSummary& s, const nlohmann::json& report) {
    std::string body = "<h2>Counts toward certification?</h2>";
    if (!s.scored) return body + "<p class=\"muted\">Not known until the session is scored.</p>";
    body += s.certifiable ? "<p class=\"pass\">Yes: certifiable.</p>" : "<p class=\"fail\">No: not certifiable.</p>";
    const nlohmann::json* evidence = report.contains("evidence") && report["evidence"].is_object() ? &report["evidence"] : nullptr;
    if (evidence && evidence->contains("reasons") && (*evidence)["reasons"].is_array() && !(*evidence)["reasons"].empty()) {
        body += "<ul>";
        for (const nlohmann::json& r : (*evidence)["reasons"])
            if (r.is_string()) body += "<li>" + escape(r.get<std::string>()) + "</li>";
        body += "</ul>";
    } else if (!s.certifiable) {
        body += "<p class=\"muted\">The score report gives no reason.</p>";
    }
    return body;
}

// When it was recorded (the header's start_time, by the station's clock) and when the centre received
// its first line: they differ for a file uploaded after the recording, or a station whose clock is off.
std::string recordedAndReceived(const SessionRecord& session) {
    const nlohmann::json header = nlohmann::json::parse(session.headerLine, nullptr, false);
    std::string recorded = header.is_object() && header.contains("start_time") && header["start_time"].is_string()
                               ? header["start_time"].get<std::string>()
                               : "";
    // 2026-12-01T10:00:05Z reads as the centre's own times do: 2026-12-01 10:00:05 UTC.
    if (recorded.size() == 20 && recorded[10] == 'T' && recorded[19] == 'Z') recorded = recorded.substr(0, 10) + " " + recorded.substr(11, 8) + " UTC";
    const std::string received = "received by the centre " + html::dateTime(session.started);
    if (recorded.empty()) return received + " (its header gives no recording time)";
    return "recorded " + escape(recorded) + " (the station's clock), " + received;
}

std::string receiptsSection(const SessionRecord& session, const std::vector<Receipt>& receipts) {
    std::string body = "<h2>Witnessed by the centre</h2>";
    const WitnessVerdict v = judgeWitnessing(session.started, receipts);
    const std::string heads = std::to_string(v.receipts) + (v.receipts == 1 ? " receipt" : " receipts");
    const std::string when = html::dateTime(v.firstReceived) +
                             (v.lastReceived != v.firstReceived ? " to " + html::dateTime(v.lastReceived) : std::string());
    switch (v.kind) {
        case Witnessing::NotWitnessed:
            return body + "<p class=\"muted\">Not witnessed: the centre has signed no receipt for it yet.</p>";
        case Witnessing::Live:
            return body + "<p><b>Witnessed live</b>: the centre received its lines while it was recorded, in step with "
                          "their own times (" + heads + ", " + when + ").</p>";
        case Witnessing::PartlyLive:
            return body + "<p><b>Partly live</b>: witnessed in step with the recording through " +
                   html::number(static_cast<double>(v.liveThroughMs) / 1000.0, 0) + " s of it; the rest reached the centre "
                   "later (" + heads + ", " + when + ").</p>";
        case Witnessing::CannotTell:
            return body + "<p>Witnessed (" + heads + ", " + when + "), but its receipts cannot tell whether live: the "
                          "recording is a few seconds long, or they were kept before the centre noted recording times.</p>";
        case Witnessing::Afterwards:
            break;
    }
    return body + "<p><b>Uploaded afterwards</b>, " + when + ": its lines reached the centre after they were recorded, "
                  "so the centre vouches only that it held them from then on (" + heads + ").</p>";
}

std::string reviewsSection(const std::vector<ReviewRecord>& reviews, const std::vector<Person>& people) {
    std::string body = "<h2>Reviews</h2>";
    if (reviews.empty()) return body + "<p class=\"muted\">No reviews yet.</p>";
    body += "<div class=\"scroll\"><table><thead><tr><th>Assessor</th><th>Saved</th><th>Sign-off</th><th>Ratings</th></tr></thead><tbody>";
    for (const ReviewRecord& r : reviews) {
        std::string ratings;
        const nlohmann::json j = nlohmann::json::parse(r.ratingsJson, nullptr, false);
        if (j.is_object() && j.contains("ratings") && j["ratings"].is_array()) {
            for (const nlohmann::json& x : j["ratings"])
                if (x.is_object() && x.contains("item") && x["item"].is_string() && x.contains("score") && x["score"].is_number())
                    ratings += (ratings.empty() ? "" : ", ") + escape(x["item"].get<std::string>()) + " " + number(x["score"].get<double>(), 0);
        } else if (j.is_object()) {
            for (const auto& [item, v] : j.items())
                if (v.is_number()) ratings += (ratings.empty() ? "" : ", ") + escape(item) + " " + number(v.get<double>(), 0);
        }
        body += "<tr><td>" + escape(html::personName(r.assessor, people)) + "</td><td>" + html::dateTime(r.created) + "</td><td class=\"" +
                (r.pass ? "pass\">pass" : "fail\">fail") + "</td><td>" + (ratings.empty() ? "<span class=\"muted\">none</span>" : ratings) +
                "</td></tr>";
    }
    return body + "</tbody></table></div>";
}

}  // namespace

std::string sessionPage(const SessionPageInput& in) {
    const SessionSummary s = summarize(in.session, in.latest);
    const nlohmann::json report = in.latest ? nlohmann::json::parse(in.latest->reportJson, nullptr, false) : nlohmann::json();
    const nlohmann::json& r = report.is_object() ? report : nlohmann::json::object();
    std::string body = "<p>" + escape(html::traineeName(in.session.trainee, in.people)) + " &middot; scenario " +
                       (in.session.scenario.empty() ? std::string("(not named)") : escape(in.session.scenario)) + " &middot; " +
                       recordedAndReceived(in.session) + " &middot; " + std::to_string(in.session.lines) + " lines" +
                       (in.session.finished ? "" : " <span class=\"muted\">(not closed yet)</span>") + "</p>";
    body += scoreSection(s, r) + evidenceSection(s, r) + receiptsSection(in.session, in.receipts) + reviewsSection(in.reviews, in.people);
    const std::string link = reviewLink(in.session.key, in.centreUrl);
    body += "<h2>Review it</h2><p><a href=\"" + escape(link) + "\">Open in pinpoint review</a></p><p class=\"note\">Or on a "
            "station, from a terminal: <code>pinpoint review '" + escape(link) + "'</code></p>";
    return html::page("Session " + in.session.key, body);
}

}  // namespace pinpoint::centre
