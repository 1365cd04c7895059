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

Visible visibleTo(Store& store, const Person& viewer, const SessionFilter& filter) {
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
    return v;
}

std::optional<ScoreReportRecord> latestReport(Store& store, Id session) {
    std::vector<ScoreReportRecord> reports = need(store.scoreReports(session));
    if (reports.empty()) return std::nullopt;
    return std::move(reports.back());
}

std::vector<SessionSummary> summaries(Store& store, const std::vector<SessionRecord>& sessions) {
    std::vector<SessionSummary> out;
    out.reserve(sessions.size());
    for (const SessionRecord& s : sessions) out.push_back(summarize(s, latestReport(store, s.id)));
    return out;
}

httplib::Server::Handler guarded(CentreContext& centre, std::shared_ptr<WebState> web, LoggedInHandler handler) {
    return [&centre, web, handler](const httplib::Request& req, httplib::Response& res) {
        const std::optional<WebLogin> login = requireLogin(centre, *web, req, res);
        if (!login) return;
        try {
            handler(*login, req, res);
        } catch (const StoreFailed& failed) {
            if (failed.error.problem == Problem::NotFound || failed.error.problem == Problem::BadInput) return sendNotFound(res);
            sendPage(res, 503, html::page("The centre cannot answer", "<p>The database failed; try again in a moment.</p>"));
        }
    };
}

}  // namespace pinpoint::centre::web
