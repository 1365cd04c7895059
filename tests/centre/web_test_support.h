#pragma once
// Helpers for the web dashboard's server tests (centre_web_test.cpp, centre_web_roles_test.cpp): people
// and scored sessions seeded into the store before the centre starts, and a browser-like client that
// logs in through the real form and keeps its cookie.
#include "centre/people.h"
#include "centre_server_support.h"

#include <map>
#include <regex>

namespace centre_test {

inline const std::string kPassword = "correct horse battery";

// Trainees anna and ben (cohort spring) and cara (autumn); instructors ida (spring) and ivo (autumn);
// assessors asa and alf (spring) and axel (autumn); the administrator root. One session each for anna,
// ben and cara, scored: anna's certifiable.
struct SeededCentre {
    std::map<std::string, pinpoint::centre::Person> people;
    std::map<std::string, std::string> sessionOf;  // trainee -> session key
    pinpoint::centre::Id idOf(const std::string& key, pinpoint::centre::Store& store) const {
        return store_test::require(store.findSession(key))->id;
    }
};

inline SeededCentre seedCentre(const TestDatabase& db) {
    using namespace pinpoint::centre;
    auto store = db.open();
    static const std::string hash = *hashPassword(kPassword);
    SeededCentre seeded;
    const std::vector<std::tuple<std::string, Role, std::string, std::string>> people = {
        {"anna", Role::Trainee, "spring", "Anna Ames"},     {"ben", Role::Trainee, "spring", "Ben Bell"},
        {"cara", Role::Trainee, "autumn", "Cara Cole"},     {"ida", Role::Instructor, "spring", "Ida Ince"},
        {"ivo", Role::Instructor, "autumn", "Ivo Ide"},     {"asa", Role::Assessor, "spring", "Asa Ash"},
        {"alf", Role::Assessor, "spring", "Alf Ayre"},      {"axel", Role::Assessor, "autumn", "Axel Ark"},
        {"root", Role::Admin, "", "Rita Root"}};
    for (const auto& [login, role, cohort, name] : people) {
        Person p;
        p.login = login;
        p.role = role;
        p.cohort = cohort;
        p.displayName = name;
        p.passwordHash = hash;
        seeded.people[login] = store_test::require(store->addPerson(p));
    }
    const Id station = store_test::require(store->addStation("bay 1")).station.id;
    for (const auto& [trainee, score] : std::vector<std::pair<std::string, int>>{{"anna", 82}, {"ben", 55}, {"cara", 71}}) {
        const store_test::TestSession s = store_test::makeSession(trainee, "forehead-basic", 30);
        const Id id = store_test::require(store->appendLines(station, s.key, 0, s.lines)).session;
        ScoreReportRecord report;
        report.session = id;
        report.reportJson = json{{"score", score}, {"passed", score >= 60},
                                 {"components", {{"coverage", score}, {"depth", score - 10}}},
                                 {"critical_errors", json::array()},
                                 {"evidence", {{"certifiable", trainee == "anna"}, {"reasons", json::array()}}}}
                                .dump();
        report.rubricVersion = std::string(64, 'b');
        report.scenarioVersion = std::string(64, 'a');
        report.softwareVersion = "pinpoint test";
        store_test::require(store->saveScoreReport(report));
        seeded.sessionOf[trainee] = s.key;
    }
    return seeded;
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A browser: keeps the login cookie, sends forms with the CSRF token of the last page it read.
class Browser {
public:
    explicit Browser(const CentreProcess& centre) : Browser(centre.url()) {}
    // At another address (the centre behind a proxy); for https, trusting the certificate in `caCert`.
    explicit Browser(const std::string& url, const std::string& caCert = "") : http_(url) {
        http_.set_connection_timeout(5, 0);
        http_.set_read_timeout(30, 0);
        if (!caCert.empty()) http_.set_ca_cert_path(caCert.c_str());
    }

    httplib::Result get(const std::string& path, httplib::Headers extra = {}) {
        httplib::Result r = http_.Get(path.c_str(), withCookies(extra));
        remember(r);
        return r;
    }
    // A form: `fields` as given, plus the page's CSRF token unless `csrf` says otherwise ("-": none).
    httplib::Result post(const std::string& path, httplib::Params fields, const std::string& csrf = "",
                         httplib::Headers extra = {}) {
        if (csrf != "-") fields.emplace("csrf", csrf.empty() ? csrf_ : csrf);
        httplib::Result r = http_.Post(path.c_str(), withCookies(extra), fields);
        remember(r);
        return r;
    }
    // Through the real form: GET /login, then POST it. The POST's answer.
    httplib::Result login(const std::string& login, const std::string& password, httplib::Headers extra = {}) {
        REQUIRE(get("/login", extra));
        return post("/login", {{"login", login}, {"password", password}}, "", extra);
    }
    const std::string& csrf() const { return csrf_; }
    std::string cookie(const std::string& name) const {
        const auto it = cookies_.find(name);
        return it == cookies_.end() ? "" : it->second;
    }
    void setCookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    std::vector<std::string> setCookieHeaders;  // of the last answer

private:
    httplib::Headers withCookies(httplib::Headers extra) const {
        std::string header;
        for (const auto& [name, value] : cookies_)
            if (!value.empty()) header += (header.empty() ? "" : "; ") + name + "=" + value;
        if (!header.empty()) extra.emplace("Cookie", header);
        return extra;
    }
    void remember(const httplib::Result& r) {
        setCookieHeaders.clear();
        if (!r) return;
        for (std::size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
            const std::string c = r->get_header_value("Set-Cookie", i);
            setCookieHeaders.push_back(c);
            const std::size_t eq = c.find('='), end = c.find(';');
            cookies_[c.substr(0, eq)] = c.substr(eq + 1, end - eq - 1);
        }
        std::smatch m;
        static const std::regex csrfField(R"re(name="csrf" value="([0-9a-f]+)")re");
        if (std::regex_search(r->body, m, csrfField)) csrf_ = m[1];
    }
    httplib::Client http_;
    std::map<std::string, std::string> cookies_;
    std::string csrf_;
};

// A browser logged in as `login` (REQUIREd to work).
inline std::unique_ptr<Browser> loggedIn(const CentreProcess& centre, const std::string& login) {
    auto b = std::make_unique<Browser>(centre);
    const httplib::Result r = b->login(login, kPassword);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 303, r->body);
    REQUIRE(b->get("/"));
    return b;
}

}  // namespace centre_test
