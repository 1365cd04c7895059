#include "centre/web_data.h"

#include "centre/dashboard_html.h"

namespace pinpoint::centre::web {

SessionOwner Visible::ownerOf(const SessionRecord& s) const {
    const Person* trainee = find(s.trainee);
    return SessionOwner{s.trainee, trainee ? trainee->cohort : ""};
}

const Person* Visible::find(const std::string& login) const {
    const auto it = byLogin.find(login);
    return it == byLogin.end() ? nullptr : &it->second;
}

std::optional<std::string> Visible::latestReport(Id session) const {
    const auto it = records.latestReports.find(session);
    return it == records.latestReports.end() ? std::nullopt : std::optional(it->second);
}

std::vector<ReviewRecord> Visible::reviewsOf(Id session) const {
    const auto it = records.reviews.find(session);
    return it == records.reviews.end() ? std::vector<ReviewRecord>{} : it->second;
}

std::vector<Id> Visible::assessorsOf(Id session) const {
    const auto it = records.assessors.find(session);
    return it == records.assessors.end() ? std::vector<Id>{} : it->second;
}

std::optional<Mark> Visible::markOf(Id session) const {
    const auto it = records.marks.find(session);
    return it == records.marks.end() ? std::nullopt : std::optional(it->second);
}

std::vector<SessionSummary> Visible::summaries() const {
    std::vector<SessionSummary> out;
    out.reserve(sessions.size());
    for (const SessionRecord& s : sessions) {
        out.push_back(summarizeReport(s, latestReport(s.id)));
        const auto known = byLogin.find(s.trainee);  // a map: lists of many sessions look each name up once
        out.back().traineeName = html::traineeName(s.trainee, known == byLogin.end() ? nullptr : &known->second);
    }
    return out;
}

Visible visibleTo(Store& store, const Person& viewer, const SessionFilter& filter, bool withRecords) {
    Visible v;
    v.people = need(store.people(std::nullopt));
    for (const Person& p : v.people) v.byLogin.emplace(p.login, p);
    // A trainee's own sessions are all they may see: ask the store for those only.
    SessionFilter asked = filter;
    if (viewer.role == Role::Trainee) {
        if (filter.trainee && *filter.trainee != viewer.login) return v;
        asked.trainee = viewer.login;
    }
    for (SessionRecord& s : need(store.sessions(asked)))
        if (maySee(viewer, v.ownerOf(s))) v.sessions.push_back(std::move(s));
    if (withRecords && !v.sessions.empty()) v.records = need(store.sessionRecords(asked));
    return v;
}

std::optional<ScoreReportRecord> latestReport(Store& store, Id session) {
    std::vector<ScoreReportRecord> reports = need(store.scoreReports(session));
    if (reports.empty()) return std::nullopt;
    return std::move(reports.back());
}

httplib::Server::Handler guarded(CentreContext& centre, std::shared_ptr<WebState> web, LoggedInHandler handler) {
    return [&centre, web, handler](const httplib::Request& req, httplib::Response& res) {
        const std::optional<WebLogin> login = requireLogin(centre, *web, req, res);
        if (!login) return;
        try {
            handler(*login, req, res);
            // "Not found", "Refused" and the like keep the bar, so the person can go on from there.
            if (res.status >= 400 && res.body.find("<nav class=\"top\">") == std::string::npos)
                res.body = html::framed(res.body, navigation(*login), "");
        } catch (const StoreFailed& failed) {
            if (failed.error.problem == Problem::NotFound || failed.error.problem == Problem::BadInput) return sendNotFound(res);
            sendPage(res, 503, html::page("The centre cannot answer", "<p>The database failed; try again in a moment.</p>"));
        }
    };
}

}  // namespace pinpoint::centre::web
