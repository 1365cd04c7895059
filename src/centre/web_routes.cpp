// The dashboard's pages as the centre serves them: each fetched from the store for the person logged
// in, filtered by people.h, and drawn by the pure page functions of dashboard.h and dashboard_pages.h.
#include "centre/dashboard_html.h"
#include "centre/dashboard_pages.h"
#include "centre/web_data.h"

#include <algorithm>
#include <set>

namespace pinpoint::centre::web {

namespace {

using html::escape;

constexpr std::size_t kQueueRows = 200;  // rows of the review queue on one page

std::string nameOf(const Person& p) { return p.displayName.empty() ? p.login : p.displayName; }

void send(httplib::Response& res, const WebLogin& login, const std::string& page, const std::string& bottom = "") {
    sendPage(res, 200, html::framed(page, navigation(login), bottom));
}

// A session's header may name no scenario: such sessions have no statistics page.
std::string scenarioLink(const std::string& scenario) {
    if (scenario.empty()) return "<span class=\"muted\">(not named)</span>";
    return "<a href=\"/scenarios/" + html::percentEncoded(scenario) + "\">" + escape(scenario) + "</a>";
}

std::string sessionLinks(const std::vector<SessionSummary>& sessions, std::size_t most) {
    std::string rows;
    std::size_t shown = 0;
    for (auto it = sessions.rbegin(); it != sessions.rend() && shown < most; ++it, ++shown) {
        const SessionSummary& s = *it;
        rows += "<tr><td style=\"white-space:nowrap\"><a href=\"/sessions/" + html::percentEncoded(s.key) + "\">" +
                html::dateTime(s.started) + "</a></td><td>" + escape(s.traineeName) + "</td><td>" + scenarioLink(s.scenario) +
                "</td><td>" + html::witnessingWords(s.witnessing) + "</td><td class=\"num\">" +
                (s.scored ? html::number(s.score) + (s.passed ? " <span class=\"pass\">passed</span>" : " <span class=\"fail\">failed</span>")
                          : std::string("<span class=\"muted\">not scored</span>")) + "</td></tr>";
    }
    if (rows.empty()) return "<p class=\"muted\">No sessions yet.</p>";
    std::string table = "<div class=\"scroll\"><table><thead><tr><th>Recorded</th><th>Trainee</th><th>Scenario</th><th>Witnessed</th><th>Score</th>"
                        "</tr></thead><tbody>" + rows + "</tbody></table></div>";
    if (sessions.size() > most)
        table += "<p class=\"note\">The newest " + std::to_string(most) + " of " + std::to_string(sessions.size()) + " sessions.</p>";
    return table;
}

// Home: what this person may see, with links.
// For administrators: logins with more wrong passwords lately than a person mistypes (sign_in_throttle.h).
std::string loginsBeingGuessed(const CentreContext& centre) {
    const std::vector<SignInThrottle::Guessed> guessed = centre.signIns.beingGuessed(SignInThrottle::Clock::now());
    if (guessed.empty()) return {};
    std::string out = "<h2>Logins being guessed</h2><p>More wrong passwords lately than a person mistypes. Each check "
                      "waits longer than the last; the right password from an address that has not failed still gets in.</p>"
                      "<table id=\"guessed\"><tr><th>Login</th><th>Wrong passwords</th><th>Addresses</th><th>Last one</th>"
                      "<th>Next check waits</th></tr>";
    for (const SignInThrottle::Guessed& g : guessed)
        out += "<tr><td>" + escape(g.login) + "</td><td>" + std::to_string(g.failures) + "</td><td>" + std::to_string(g.addresses) +
               "</td><td>" + std::to_string(g.sinceLastFailure.count()) + " s ago</td><td>" + std::to_string(g.waitLeft.count()) +
               " s</td></tr>";
    return out + "</table>";
}

void home(CentreContext& centre, const WebLogin& login, httplib::Response& res) {
    const Person& me = login.person;
    const Visible v = visibleTo(centre.store, me);
    const std::vector<SessionSummary> all = v.summaries();
    std::string body = "<p>Logged in as <b>" + escape(nameOf(me)) + "</b> (" + roleName(me.role) +
                       (me.cohort.empty() ? std::string("") : ", cohort " + escape(me.cohort)) + ").</p>";
    if (mayAdminister(me)) body += loginsBeingGuessed(centre);
    if (me.role == Role::Trainee) {
        body += "<ul class=\"links\"><li><a href=\"/trainees/" + html::percentEncoded(me.login) + "\">My progress</a></li></ul>";
    } else {
        // Cohorts whose trainees this person may see: asked of people.h with a trainee of each cohort.
        std::map<std::string, int> cohorts;
        for (const Person& p : v.people)
            if (p.role == Role::Trainee && maySee(me, SessionOwner{p.login, p.cohort})) ++cohorts[p.cohort];
        body += "<h2>Cohorts</h2>";
        if (cohorts.empty()) body += "<p class=\"muted\">No trainees you may see yet.</p>";
        else {
            body += "<ul class=\"links\">";
            for (const auto& [cohort, n] : cohorts)
                body += "<li><a href=\"/cohorts/" + html::percentEncoded(cohort) + "\">" + (cohort.empty() ? "(no cohort)" : escape(cohort)) +
                        "</a> <span class=\"muted\">" + std::to_string(n) + (n == 1 ? " trainee" : " trainees") + "</span></li>";
            body += "</ul>";
        }
        body += "<h2>Reviews</h2><ul class=\"links\"><li><a href=\"/queue\">" +
                std::string(me.role == Role::Assessor ? "My review queue" : "Sessions awaiting review") +
                "</a></li><li><a href=\"/assessment\">Assessment quality and pass mark</a></li></ul>";
    }
    std::map<std::string, int> scenarios;
    for (const SessionSummary& s : all) ++scenarios[s.scenario];
    body += "<h2>Scenarios</h2>";
    if (scenarios.empty()) body += "<p class=\"muted\">None recorded yet.</p>";
    else {
        body += "<ul class=\"links\">";
        for (const auto& [scenario, n] : scenarios)
            body += "<li>" + scenarioLink(scenario) + " <span class=\"muted\">" +
                    std::to_string(n) + (n == 1 ? " session" : " sessions") + "</span></li>";
        body += "</ul>";
    }
    body += std::string("<h2>") + (me.role == Role::Trainee ? "My sessions" : "Recent sessions") + "</h2>" + sessionLinks(all, 20);
    send(res, login, html::page("Pinpoint centre", body));
}

void cohort(CentreContext& centre, const WebLogin& login, const std::string& name, httplib::Response& res) {
    const Person& me = login.person;
    // A cohort's table is for who may see any trainee of it (asked of people.h for a trainee of that
    // cohort who is nobody in particular): its staff and the administrators, not its trainees.
    if (!maySee(me, SessionOwner{"", name})) return sendNotFound(res);
    const Visible v = visibleTo(centre.store, me);
    std::vector<Person> trainees;
    for (const Person& p : v.people)
        if (p.role == Role::Trainee && p.cohort == name && maySee(me, SessionOwner{p.login, p.cohort})) trainees.push_back(p);
    if (trainees.empty()) return sendNotFound(res);
    // cohortRows picks each trainee's sessions from all those given.
    send(res, login, cohortPage(name.empty() ? "(no cohort)" : name, cohortRows(trainees, v.summaries())));
}

void trainee(CentreContext& centre, const WebLogin& login, const std::string& who, httplib::Response& res) {
    const Visible v = visibleTo(centre.store, login.person, SessionFilter{who, std::nullopt, std::nullopt});
    const Person* person = v.find(who);
    if (!person || !maySee(login.person, SessionOwner{person->login, person->cohort})) return sendNotFound(res);
    send(res, login, traineePage(*person, v.summaries()));
}

void scenario(CentreContext& centre, const WebLogin& login, const std::string& id, httplib::Response& res) {
    const Visible v = visibleTo(centre.store, login.person, SessionFilter{std::nullopt, std::nullopt, id});
    if (v.sessions.empty()) return sendNotFound(res);
    send(res, login, scenarioPage(id, v.summaries(), std::nullopt));
}

// The form under the queue: choose the assessors still missing, among those people.h lets review it.
std::string assignForms(const WebLogin& login, const Visible& v, const std::vector<QueueRow>& rows) {
    std::string forms;
    for (const QueueRow& r : rows) {
        if (r.unassignedSlots <= 0) continue;
        const SessionRecord* record = nullptr;
        for (const SessionRecord& s : v.sessions)
            if (s.id == r.session.id) record = &s;
        if (!record || !mayAssignAssessors(login.person, v.ownerOf(*record))) continue;
        std::string options;
        for (const Person& p : v.people)
            if (mayReview(p, v.ownerOf(*record)))
                options += "<option value=\"" + escape(p.login) + "\">" + escape(nameOf(p)) + "</option>";
        forms += "<tr><td><a href=\"/sessions/" + html::percentEncoded(r.session.key) + "\">" + html::date(r.session.started) + "</a> " +
                 escape(r.session.traineeName) + "</td><td>";
        if (options.empty()) {
            forms += "<span class=\"muted\">no assessor of this cohort</span></td></tr>";
            continue;
        }
        forms += "<form class=\"inline\" method=\"post\" action=\"/queue/assign\">" + csrfField(login) +
                 "<input type=\"hidden\" name=\"session\" value=\"" + escape(r.session.key) + "\">";
        for (int slot = 0; slot < std::min(r.unassignedSlots, 2); ++slot)
            forms += "<select name=\"assessor\" aria-label=\"Assessor " + std::to_string(slot + 1) + "\">" + options + "</select>";
        forms += "<button type=\"submit\">Assign</button></form></td></tr>";
    }
    if (forms.empty()) return "";
    return "<h2>Assign assessors</h2><p class=\"note\">A certification session needs two different assessors.</p>"
           "<div class=\"scroll\"><table><thead><tr><th>Session</th><th>Assessors</th></tr></thead><tbody>" + forms +
           "</tbody></table></div>";
}

void queue(CentreContext& centre, const WebLogin& login, httplib::Response& res) {
    const Person& me = login.person;
    if (me.role == Role::Trainee) return sendNotFound(res);
    const Visible v = visibleTo(centre.store, me);
    std::vector<QueueInput> inputs;
    for (const SessionSummary& s : v.summaries()) inputs.push_back({s, v.assessorsOf(s.id), v.reviewsOf(s.id)});
    std::vector<QueueRow> rows = me.role == Role::Assessor ? reviewQueue(inputs, v.people, me.id) : reviewQueue(inputs, v.people);
    // A page a person can use: the oldest sessions first, so a long backlog is worked from its start.
    const std::size_t waiting = rows.size();
    std::string note;
    if (waiting > kQueueRows) {
        rows.resize(kQueueRows);
        note = "<p class=\"note\">The oldest " + std::to_string(kQueueRows) + " of " + std::to_string(waiting) +
               " sessions awaiting review are shown.</p>";
    }
    if (me.role == Role::Assessor) return send(res, login, queuePage(rows, me), note);
    send(res, login, queuePage(rows, std::nullopt), note + assignForms(login, v, rows));
}

void assessment(CentreContext& centre, const WebLogin& login, httplib::Response& res) {
    if (login.person.role == Role::Trainee) return sendNotFound(res);
    const Visible v = visibleTo(centre.store, login.person);
    std::vector<ReviewedSession> reviewed;
    std::vector<MarkedScore> marked;
    for (const SessionRecord& s : v.sessions) {
        reviewed.push_back({s.id, v.reviewsOf(s.id)});
        const std::optional<Mark> mark = v.markOf(s.id);
        if (!mark) continue;
        const SessionSummary summary = summarizeReport(s, v.latestReport(s.id));
        if (summary.scored) marked.push_back({summary.score, *mark});
    }
    send(res, login, assessmentPage("Assessment quality", assessmentQuality(reviewed, marked), v.people));
}

std::string markForm(const WebLogin& login, const SessionRecord& s, const std::optional<Mark>& mark) {
    const std::string now = mark ? (*mark == Mark::Expert ? "expert" : "novice") : "";
    std::string form = "<h2>Contrasting groups</h2><p>" +
                       (mark ? "Marked <b>" + now + "</b>." : std::string("Not marked.")) +
                       " <span class=\"note\">Sessions marked expert and novice set the pass mark (Assessment quality).</span></p>"
                       "<form class=\"inline\" method=\"post\" action=\"/sessions/" + html::percentEncoded(s.key) + "/mark\">" +
                       csrfField(login);
    for (const char* m : {"expert", "novice"})
        form += std::string("<button type=\"submit\" name=\"mark\" value=\"") + m + "\"" + (now == m ? " disabled" : "") +
                ">Mark " + m + "</button>";
    return form + "</form>";
}

void session(CentreContext& centre, const WebLogin& login, const std::string& key, const httplib::Request& req,
             httplib::Response& res) {
    const std::optional<SessionRecord> found = need(centre.store.findSession(key));
    if (!found) return sendNotFound(res);
    const Visible v = visibleTo(centre.store, login.person, SessionFilter{found->trainee, std::nullopt, std::nullopt}, false);
    if (!maySee(login.person, v.ownerOf(*found))) return sendNotFound(res);
    SessionPageInput in{*found, latestReport(centre.store, found->id), need(centre.store.receipts(found->id)),
                        need(centre.store.reviews(found->id)), v.people, baseUrl(req)};
    std::string bottom;
    if (mayMarkGroups(login.person, v.ownerOf(*found))) bottom = markForm(login, *found, need(centre.store.markOf(found->id)));
    send(res, login, sessionPage(in), bottom);
}

}  // namespace

void addPageRoutes(httplib::Server& http, CentreContext& centre, std::shared_ptr<WebState> web) {
    http.Get("/", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request&, httplib::Response& res) {
        home(centre, l, res);
    }));
    http.Get(R"(/cohorts/(.*))", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request& req, httplib::Response& res) {
        cohort(centre, l, req.matches[1], res);
    }));
    http.Get(R"(/trainees/([^/]+))", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request& req, httplib::Response& res) {
        trainee(centre, l, req.matches[1], res);
    }));
    http.Get(R"(/scenarios/(.+))", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request& req, httplib::Response& res) {
        scenario(centre, l, req.matches[1], res);
    }));
    http.Get("/queue", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request&, httplib::Response& res) {
        queue(centre, l, res);
    }));
    http.Get("/assessment", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request&, httplib::Response& res) {
        assessment(centre, l, res);
    }));
    http.Get(R"(/sessions/([^/]+))", guarded(centre, web, [&centre](const WebLogin& l, const httplib::Request& req, httplib::Response& res) {
        session(centre, l, req.matches[1], req, res);
    }));
}

}  // namespace pinpoint::centre::web
