// The assessor's queue: sessions still waiting for a review. A certification session (one whose score
// report says it is certifiable) needs two assessors' reviews, so that their marks can be compared
// (the assessment quality page); any other session needs one.
#include "centre/dashboard_html.h"
#include "centre/dashboard_pages.h"

#include <algorithm>
#include <set>

namespace pinpoint::centre {

using html::escape;

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + escape(n);
    return out;
}

}  // namespace

std::vector<QueueRow> reviewQueue(const std::vector<QueueInput>& sessions, const std::vector<Person>& people,
                                  std::optional<Id> forAssessor) {
    std::vector<QueueRow> rows;
    for (const QueueInput& in : sessions) {
        std::set<Id> reviewers;
        for (const ReviewRecord& r : in.reviews) reviewers.insert(r.assessor);
        QueueRow row;
        row.session = in.session;
        row.needed = in.session.certifiable ? 2 : 1;
        row.reviewsIn = static_cast<int>(reviewers.size());
        if (row.reviewsIn >= row.needed) continue;  // reviewed enough
        std::set<Id> assigned;
        for (const Id a : in.assigned) {
            if (!assigned.insert(a).second) continue;
            row.assigned.push_back(html::personName(a, people));
            if (!reviewers.count(a)) row.awaiting.push_back(html::personName(a, people));
        }
        if (forAssessor && (!assigned.count(*forAssessor) || reviewers.count(*forAssessor))) continue;
        // Reviews still needed that no assigned assessor who has yet to review can give.
        row.unassignedSlots = std::max(0, row.needed - row.reviewsIn - static_cast<int>(row.awaiting.size()));
        rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const QueueRow& a, const QueueRow& b) {
        return a.session.started != b.session.started ? a.session.started < b.session.started : a.session.id < b.session.id;
    });
    return rows;
}

std::string queuePage(const std::vector<QueueRow>& rows, const std::optional<Person>& forAssessor) {
    std::string body = "<p class=\"note\">A certification session needs reviews from two assessors; any other session from one. "
                       "Oldest first; the date opens the session.</p>";
    body += "<div class=\"scroll\"><table><thead><tr><th>Recorded</th><th>Trainee and scenario</th><th>Kind</th>"
            "<th>Reviews</th><th>Assigned</th><th>Still missing</th></tr></thead><tbody>";
    for (const QueueRow& r : rows) {
        const SessionSummary& s = r.session;
        body += "<tr><td style=\"white-space:nowrap\"><a href=\"/sessions/" + escape(s.key) + "\">" + html::date(s.started) +
                "</a></td><td>" + escape(s.traineeName.empty() ? "(unnamed trainee)" : s.traineeName) + "<br><span class=\"muted\">" +
                escape(s.scenario) + "</span></td><td>" +
                (s.certifiable ? "certification" : (s.scored ? "practice" : "<span class=\"muted\">not scored yet</span>")) +
                "<br>" + html::witnessingWords(s.witnessing) +
                "</td><td class=\"num\">" + std::to_string(r.reviewsIn) + " of " + std::to_string(r.needed) + "</td><td>" +
                (r.assigned.empty() ? "<span class=\"muted\">nobody</span>" : joined(r.assigned)) + "</td><td>";
        std::string missing;
        if (!r.awaiting.empty()) missing = "a review from " + joined(r.awaiting);
        if (r.unassignedSlots > 0)
            missing += (missing.empty() ? "" : "; ") + std::string("<span class=\"fail\">") + std::to_string(r.unassignedSlots) +
                       (r.unassignedSlots == 1 ? " more assessor to assign" : " more assessors to assign") + "</span>";
        body += missing + "</td></tr>";
    }
    if (rows.empty())
        body += "<tr><td colspan=\"6\" class=\"muted\">" +
                std::string(forAssessor ? "Nothing waiting for your review." : "No session is waiting for a review.") + "</td></tr>";
    body += "</tbody></table></div>";
    const std::string who = forAssessor ? (forAssessor->displayName.empty() ? forAssessor->login : forAssessor->displayName) : "";
    return html::page(forAssessor ? "Review queue of " + who : "Sessions awaiting review", body);
}

}  // namespace pinpoint::centre
