// The dashboard's forms: an instructor marks a session expert or novice (the contrasting groups), and
// an instructor or administrator assigns assessors to a session awaiting review. Each is checked for
// its CSRF token and origin before anything is read, and against people.h before anything is written.
#include "centre/dashboard_html.h"
#include "centre/http_replies.h"
#include "centre/web_data.h"

namespace pinpoint::centre::web {

namespace {

// The session named by a form, if the viewer may see it (else nullopt: answered as not found).
std::optional<SessionRecord> visibleSession(Store& store, const Person& viewer, const std::string& key, Visible& v) {
    const std::optional<SessionRecord> found = need(store.findSession(key));
    if (!found) return std::nullopt;
    v = visibleTo(store, viewer, SessionFilter{found->trainee, std::nullopt, std::nullopt}, false);
    if (!maySee(viewer, v.ownerOf(*found))) return std::nullopt;
    return found;
}

void mark(CentreContext& centre, const WebLogin& login, const std::string& key, const httplib::Request& req,
          httplib::Response& res) {
    if (!checkForm(login, req, res)) return;
    Visible v;
    const std::optional<SessionRecord> s = visibleSession(centre.store, login.person, key, v);
    if (!s) return sendNotFound(res);
    if (!mayMarkGroups(login.person, v.ownerOf(*s)))
        return sendForbidden(res, "Only an instructor of the trainee's cohort (or an administrator) marks a session.");
    const std::string value = req.get_param_value("mark");
    if (value != "expert" && value != "novice")
        return sendPage(res, 400, html::page("Not marked", "<p>A mark is expert or novice.</p>"));
    need(centre.store.markSession(s->id, value == "expert" ? Mark::Expert : Mark::Novice, login.person.id));
    redirect(res, "/sessions/" + html::percentEncoded(s->key));
}

void assign(CentreContext& centre, const WebLogin& login, const httplib::Request& req, httplib::Response& res) {
    if (!checkForm(login, req, res)) return;
    Visible v;
    const std::optional<SessionRecord> s = visibleSession(centre.store, login.person, req.get_param_value("session"), v);
    if (!s) return sendNotFound(res);
    if (!mayAssignAssessors(login.person, v.ownerOf(*s)))
        return sendForbidden(res, "Only an instructor of the trainee's cohort (or an administrator) assigns assessors.");
    const std::size_t count = req.get_param_value_count("assessor");
    if (count == 0 || count > 2)
        return sendPage(res, 400, html::page("Not assigned", "<p>Choose one or two assessors.</p>"));
    std::vector<Id> chosen;
    for (std::size_t i = 0; i < count; ++i) {
        const Person* assessor = v.find(req.get_param_value("assessor", i));
        if (!assessor || !mayReview(*assessor, v.ownerOf(*s)))
            return sendPage(res, 400, html::page("Not assigned", "<p>" + html::escape(req.get_param_value("assessor", i)) +
                                                                     " may not review this session.</p>"));
        chosen.push_back(assessor->id);
    }
    // (httplib already reads `assessor=asa&assessor=asa` as one value; kept for any other way of reading forms.)
    if (chosen.size() == 2 && chosen[0] == chosen[1])
        return sendPage(res, 400, html::page("Not assigned", "<p>Two reviews must come from two different assessors.</p>"));
    for (const Id a : chosen) need(centre.store.assignAssessor(s->id, a));
    redirect(res, "/queue");
}

}  // namespace

void addFormRoutes(httplib::Server& http, CentreContext& centre, std::shared_ptr<WebState> web) {
    http.Post(R"(/sessions/([^/]+)/mark)", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request& req, httplib::Response& res) {
        mark(centre, l, req.matches[1], req, res);
    }));
    http.Post("/queue/assign", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request& req, httplib::Response& res) {
        assign(centre, l, req, res);
    }));
}

}  // namespace pinpoint::centre::web
