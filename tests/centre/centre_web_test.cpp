// The web dashboard's logins against the real `pinpoint centre serve` (SQLite, and PostgreSQL in the
// postgresql build): the login form and its cookie, logging out, wrong passwords and their limit,
// expired and tampered cookies, and `pinpoint centre add-person` / `set-password`.
#include "web_test_support.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace centre_test;

namespace {

std::string headerOf(const httplib::Result& r, const std::string& name) { return r ? r->get_header_value(name) : ""; }

}  // namespace

TEST_CASE("web: not logged in goes to the login form - logging in sets a strict HttpOnly cookie - logging out ends it") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    Browser b(centre);

    httplib::Result r = b.get("/sessions/" + seeded.sessionOf.at("anna"));
    REQUIRE(r);
    CHECK(r->status == 303);
    // (httplib's client hands the Location back percent-decoded: the centre sends next=%2Fsessions%2F...)
    CHECK(headerOf(r, "Location") == "/login?next=/sessions/" + seeded.sessionOf.at("anna"));
    r = b.get("/login");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(has(r->body, "<form class=\"box\" method=\"post\" action=\"/login\">"));
    CHECK(has(headerOf(r, "Content-Security-Policy"), "default-src 'none'"));
    CHECK(has(headerOf(r, "Content-Security-Policy"), "frame-ancestors 'none'"));
    CHECK(headerOf(r, "X-Content-Type-Options") == "nosniff");
    CHECK(headerOf(r, "Cache-Control") == "no-store");

    r = b.post("/login", {{"login", "anna"}, {"password", kPassword + "x"}});
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(has(r->body, "The login or the password is wrong."));
    CHECK(b.cookie("pinpoint_session").empty());

    r = b.login("anna", kPassword);
    REQUIRE(r);
    CHECK(r->status == 303);
    CHECK(headerOf(r, "Location") == "/");
    const std::string token = b.cookie("pinpoint_session");
    CHECK(token.size() == 64);
    bool sawCookie = false;
    for (const std::string& c : b.setCookieHeaders)
        if (c.rfind("pinpoint_session=", 0) == 0) {
            sawCookie = true;
            CHECK(has(c, "HttpOnly"));
            CHECK(has(c, "SameSite=Strict"));
            CHECK(has(c, "Path=/"));
            CHECK_FALSE(has(c, "Secure"));  // plain http on the loopback address
        }
    CHECK(sawCookie);
    r = b.get("/");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(has(r->body, "Anna Ames"));
    // The store keeps only the token's hash.
    for (const auto& row : store_test::require(db.raw()->query("SELECT token_hash FROM web_logins")))
        CHECK(pinpoint::centre::sql::text(row[0]) != token);

    // Behind a TLS proxy the cookie is Secure.
    Browser viaProxy(centre);
    REQUIRE(viaProxy.login("ben", kPassword, {{"X-Forwarded-Proto", "https"}}));
    bool secure = false;
    for (const std::string& c : viaProxy.setCookieHeaders)
        if (c.rfind("pinpoint_session=", 0) == 0) secure = has(c, "; Secure");
    CHECK(secure);

    // Logging out needs the form's CSRF token; then the cookie no longer works.
    r = b.post("/logout", {}, "-");
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(b.get("/")->status == 200);
    r = b.post("/logout", {});
    REQUIRE(r);
    CHECK(r->status == 303);
    CHECK(headerOf(r, "Location") == "/login");
    b.setCookie("pinpoint_session", token);  // a copy kept from before: refused too
    CHECK(b.get("/")->status == 303);
    CHECK(viaProxy.get("/")->status == 200);  // ben's login is his own
}

TEST_CASE("web: a tampered or made-up cookie, a login form from elsewhere and an expired login get nobody in") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    auto anna = loggedIn(centre, "anna");
    std::string token = anna->cookie("pinpoint_session");
    std::string changed = token;
    changed[20] = changed[20] == 'a' ? 'b' : 'a';
    Browser other(centre);
    for (const std::string& made : {changed, token.substr(0, 63), std::string(64, '0'), std::string("x' OR '1'='1")}) {
        other.setCookie("pinpoint_session", made);
        const httplib::Result r = other.get("/trainees/anna");
        REQUIRE(r);
        CHECK(r->status == 303);
    }

    // The login form is tied to its browser and its site.
    Browser noForm(centre);
    httplib::Result r = noForm.post("/login", {{"login", "anna"}, {"password", kPassword}}, "-");
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(noForm.cookie("pinpoint_session").empty());
    Browser foreign(centre);
    REQUIRE(foreign.get("/login"));
    r = foreign.post("/login", {{"login", "anna"}, {"password", kPassword}}, "", {{"Origin", "https://evil.example"}});
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(foreign.cookie("pinpoint_session").empty());

    // Idle for 13 hours: logged out. Then a login 8 days old, however busy: logged out.
    auto raw = db.raw();
    store_test::require(raw->query("UPDATE web_logins SET last_seen_ms = last_seen_ms - 13 * 3600 * 1000"));
    CHECK(anna->get("/")->status == 303);
    auto ben = loggedIn(centre, "ben");
    store_test::require(raw->query("UPDATE web_logins SET created_ms = created_ms - 8 * 24 * 3600 * 1000"));
    CHECK(ben->get("/")->status == 303);
    CHECK(store_test::require(raw->query("SELECT COUNT(*) FROM web_logins")).at(0).at(0) == std::optional<std::string>("0"));
}

TEST_CASE("web: failed logins are limited per login, and an unknown login answers as a wrong password does") {
    TestDatabase db;
    Folder f;
    seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--sign-in-wait", "3600"});  // no wait runs out mid-test
    auto attempt = [&](const std::string& login, const std::string& password) {
        Browser b(centre);
        REQUIRE(b.get("/login"));
        const httplib::Result r = b.post("/login", {{"login", login}, {"password", password}});
        REQUIRE(r);
        const std::size_t main = r->body.find("<main>");
        return std::make_pair(r->status, main == std::string::npos ? r->body : r->body.substr(main));
    };
    const auto wrong = attempt("ben", "not the password");
    const auto unknown = attempt("nobody-here", "not the password");
    CHECK(wrong.first == 401);
    CHECK(unknown.first == 401);
    // The same words (only the login typed and the form's token differ). That an unknown login costs
    // a hash as a wrong password does is password_checks_test.cpp's, without a clock.
    CHECK(has(unknown.second, "The login or the password is wrong."));

    for (int i = 1; i < 5; ++i) CHECK(attempt("anna", "guess " + std::to_string(i)).first == 401);
    CHECK(attempt("anna", "guess 5").first == 401);
    const auto limited = attempt("anna", kPassword);  // the right password, but after five failures: wait
    CHECK(limited.first == 429);
    CHECK(has(limited.second, "Too many failed logins"));
    CHECK(attempt("ida", kPassword).first == 303);  // another login is not held up
}

TEST_CASE("web: failed logins are limited per address too, whatever logins they try") {
    TestDatabase db;
    Folder f;
    seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--sign-in-wait", "3600"});  // no wait runs out mid-test
    Browser b(centre);
    for (int i = 0; i < 20; ++i) {
        REQUIRE(b.get("/login"));
        const httplib::Result r = b.post("/login", {{"login", "made-up-" + std::to_string(i)}, {"password", "guess"}});
        REQUIRE(r);
        CHECK(r->status == 401);
    }
    REQUIRE(b.get("/login"));
    const httplib::Result r = b.post("/login", {{"login", "anna"}, {"password", kPassword}});
    REQUIRE(r);
    CHECK(r->status == 429);
}

TEST_CASE("centre add-person and set-password: the password from PINPOINT_PASSWORD or standard input, bad input refused") {
    TestDatabase db;
    Folder f;
    const std::string dbArg = " --db '" + db.where() + "'";
    ::setenv("PINPOINT_PASSWORD", "a long enough secret", 1);
    Run r = runPinpoint("centre add-person dana --role assessor --cohort spring --name 'Dana Dee'" + dbArg);
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    r = runPinpoint("centre add-person dana --role trainee" + dbArg);
    CHECK(r.exitCode == 2);
    CHECK(has(r.err, "the login 'dana' is taken"));
    r = runPinpoint("centre add-person eve --role superuser" + dbArg);
    CHECK(r.exitCode == 2);
    CHECK(has(r.err, "--role superuser: one of trainee, instructor, assessor, admin"));
    r = runPinpoint("centre add-person 'eve smith' --role trainee" + dbArg);
    CHECK(r.exitCode == 2);
    CHECK(has(r.err, "is not a login"));
    ::setenv("PINPOINT_PASSWORD", "short", 1);
    r = runPinpoint("centre add-person eve --role trainee" + dbArg);
    CHECK(r.exitCode == 2);
    CHECK(has(r.err, "at least 10 characters"));
    ::unsetenv("PINPOINT_PASSWORD");
    writeLines(f.path("password.txt"), {"from standard input"});
    r = runPinpoint("centre add-person eve --role trainee --cohort spring" + dbArg + " < " + f.path("password.txt"));
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    writeLines(f.path("new.txt"), {"a new password here"});
    r = runPinpoint("centre set-password eve" + dbArg + " < " + f.path("new.txt"));
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    r = runPinpoint("centre set-password nobody" + dbArg + " < " + f.path("new.txt"));
    CHECK(r.exitCode == 2);

    auto store = db.open();
    const auto dana = *store_test::require(store->findPerson("dana"));
    CHECK(dana.role == pinpoint::centre::Role::Assessor);
    CHECK(dana.cohort == "spring");
    CHECK(dana.displayName == "Dana Dee");
    CHECK(pinpoint::centre::passwordMatches(dana.passwordHash, "a long enough secret"));
    const auto eve = *store_test::require(store->findPerson("eve"));
    CHECK(pinpoint::centre::passwordMatches(eve.passwordHash, "a new password here"));
    CHECK_FALSE(store_test::require(store->findPerson("eve smith")).has_value());

    CentreProcess centre(db.where(), f.path("keys"));
    Browser b(centre);
    CHECK(b.login("eve", "a new password here")->status == 303);
}

TEST_CASE("web: with --secure-cookies the login cookie is Secure on plain http too - behind a proxy its Origin is the proxy's") {
    TestDatabase db;
    Folder f;
    seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--secure-cookies"});
    Browser b(centre);
    REQUIRE(b.login("anna", kPassword)->status == 303);
    bool secure = false;
    for (const std::string& c : b.setCookieHeaders)
        if (c.rfind("pinpoint_session=", 0) == 0) secure = has(c, "; Secure");
    CHECK(secure);

    // The browser's Origin is the address it used, which only the proxy's headers tell the centre.
    const httplib::Headers proxied = {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "centre.academy.example"}};
    httplib::Headers fromBrowser = proxied;
    fromBrowser.emplace("Origin", "https://centre.academy.example");
    Browser viaProxy(centre);
    REQUIRE(viaProxy.get("/login", proxied));
    httplib::Result r = viaProxy.post("/login", {{"login", "ida"}, {"password", kPassword}}, "", fromBrowser);
    REQUIRE(r);
    CHECK(r->status == 303);
    httplib::Headers elsewhere = proxied;
    elsewhere.emplace("Origin", "http://centre.academy.example");  // http, not https: another origin
    REQUIRE(viaProxy.get("/", proxied));
    r = viaProxy.post("/logout", {}, "", elsewhere);
    REQUIRE(r);
    CHECK(r->status == 403);
    r = viaProxy.post("/logout", {}, "", fromBrowser);
    REQUIRE(r);
    CHECK(r->status == 303);
}

TEST_CASE("web and API: 120 wrong passwords for one login sent at once get at most five password checks") {
    TestDatabase db;
    Folder f;
    seedCentre(db);
    // A wait longer than any run of this test, however slow the machine: no second burst of checks.
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--sign-in-wait", "3600"});
    // 60 through the login form and 60 over the API's Basic auth, all at once: each check is counted
    // before it runs, so the race that let 97 through cannot happen. A connection the centre could not
    // take (a burst this size overflows its accept queue) is tried again, as a client would.
    std::atomic<int> checked{0}, refused{0}, other{0};
    std::vector<std::thread> senders;
    for (int i = 0; i < 120; ++i)
        senders.emplace_back([&, i] {
            int status = 0;
            for (int attempt = 0; attempt < 4 && status == 0; ++attempt) {
                if (i % 2 == 0) {
                    Browser b(centre);
                    if (!b.get("/login")) continue;
                    const httplib::Result r = b.post("/login", {{"login", "anna"}, {"password", "guess " + std::to_string(i)}});
                    status = r ? r->status : 0;
                } else {
                    httplib::Client api = clientFor(centre, "");
                    api.set_basic_auth("anna", "guess " + std::to_string(i));
                    const httplib::Result r = api.Get("/api/v1/sessions/no-such-session/file");
                    status = r ? r->status : 0;
                }
            }
            if (status == 401) ++checked;
            else if (status == 429) ++refused;
            else ++other;
        });
    for (std::thread& s : senders) s.join();
    CHECK(checked <= 5);
    CHECK(checked >= 1);
    CHECK(checked + refused == 120);
    CHECK(other == 0);
    // Another login from the same address is still answered: the address has failed 5 times of its 20.
    Browser b(centre);
    const httplib::Result r = b.login("ida", kPassword);
    REQUIRE(r);
    CHECK(r->status == 303);
}

TEST_CASE("web: administrators see a login being guessed - others do not") {
    TestDatabase db;
    Folder f;
    seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--sign-in-wait", "3600"});  // no wait runs out mid-test
    for (int i = 0; i < 6; ++i) {
        Browser guesser(centre);
        REQUIRE(guesser.login("anna", "guess " + std::to_string(i)));
    }
    Browser admin(centre);
    REQUIRE(admin.login("root", kPassword));
    const httplib::Result page = admin.get("/");
    REQUIRE(page);
    CHECK(page->body.find("Logins being guessed") != std::string::npos);
    const std::size_t table = page->body.find("<table id=\"guessed\">");
    REQUIRE(table != std::string::npos);
    CHECK(page->body.find("<td>anna</td><td>5</td>", table) != std::string::npos);  // the sixth waited: never checked
    Browser instructor(centre);
    REQUIRE(instructor.login("ida", kPassword));
    const httplib::Result other = instructor.get("/");
    REQUIRE(other);
    CHECK(other->body.find("Logins being guessed") == std::string::npos);
}

TEST_CASE("web: behind a trusted proxy, one client's guessing does not hold up the others - from anyone else X-Real-IP is ignored") {
    TestDatabase db;
    Folder f;
    seedCentre(db);
    const auto guessFrom = [](const CentreProcess& centre, const std::string& client) {
        for (int i = 0; i < 20; ++i) {
            Browser b(centre);
            const httplib::Result r = b.login("made-up-" + std::to_string(i), "guess", {{"X-Real-IP", client}});
            REQUIRE(r);
            REQUIRE(r->status == 401);
        }
    };
    {
        CentreProcess proxied(db.where(), f.path("keys"), 0, {"--trusted-proxy", "127.0.0.1", "--sign-in-wait", "3600"});
        guessFrom(proxied, "203.0.113.9");
        Browser guesser(proxied);
        const httplib::Result again = guesser.login("anna", kPassword, {{"X-Real-IP", "203.0.113.9"}});
        REQUIRE(again);
        CHECK(again->status == 429);  // the guessing client waits ...
        Browser colleague(proxied);
        const httplib::Result other = colleague.login("anna", kPassword, {{"X-Real-IP", "198.51.100.20"}});
        REQUIRE(other);
        CHECK(other->status == 303);  // ... the others behind the same proxy do not
    }
    {
        CentreProcess direct(db.where(), f.path("keys2"), 0, {"--sign-in-wait", "3600"});
        guessFrom(direct, "203.0.113.10");
        Browser b(direct);
        const httplib::Result r = b.login("anna", kPassword, {{"X-Real-IP", "198.51.100.21"}});  // a header anyone can send
        REQUIRE(r);
        CHECK(r->status == 429);
    }
}

TEST_CASE("web: a logout the database could not carry out says so, and the login is not pretended ended") {
    TestDatabase db;
    Folder f;
    seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    Browser b(centre);
    REQUIRE(b.login("anna", kPassword));
    REQUIRE(b.get("/")->status == 200);
    // The database refuses to delete logins (as a failing disk or a lost connection would).
    auto raw = db.raw();
    if (store_test::isPostgres()) {
        store_test::require(raw->query("CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
                                       "'refused by the test'; END $$ LANGUAGE plpgsql"));
        store_test::require(raw->query("CREATE TRIGGER refuse_logout BEFORE DELETE ON web_logins FOR EACH ROW "
                                       "EXECUTE FUNCTION refuse_delete()"));
    } else {
        store_test::require(raw->query("CREATE TRIGGER refuse_logout BEFORE DELETE ON web_logins BEGIN "
                                       "SELECT RAISE(ABORT, 'refused by the test'); END"));
    }
    httplib::Result r = b.post("/logout", {});
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK_MESSAGE(has(r->body, "You are still logged in"), r->body);
    CHECK(b.get("/")->status == 200);  // the cookie was kept, so logging out can be tried again

    store_test::require(raw->query("DROP TRIGGER refuse_logout" + std::string(store_test::isPostgres() ? " ON web_logins" : "")));
    r = b.post("/logout", {});
    REQUIRE(r);
    CHECK(r->status == 303);
    CHECK(b.get("/")->status == 303);
}

TEST_CASE("centre disable-person: their logins end, neither the dashboard nor the API lets them in - enable-person lets them back") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    Browser anna(centre);
    REQUIRE(anna.login("anna", kPassword)->status == 303);
    REQUIRE(anna.get("/")->status == 200);
    httplib::Client api(centre.url());
    api.set_basic_auth("anna", kPassword.c_str());
    const std::string fileOfHers = "/api/v1/sessions/" + seeded.sessionOf.at("anna") + "/file";
    REQUIRE(api.Get(fileOfHers)->status == 200);

    const Run disabled = runPinpoint("centre disable-person anna --db '" + db.where() + "'");
    REQUIRE_MESSAGE(disabled.exitCode == 0, disabled.err);
    CHECK(has(disabled.err, "'anna' is disabled"));
    CHECK(anna.get("/")->status == 303);  // the login she had is ended
    httplib::Result again = anna.login("anna", kPassword);
    REQUIRE(again);
    CHECK(again->status == 403);
    CHECK(has(again->body, "disabled"));
    httplib::Result viaApi = api.Get(fileOfHers);
    REQUIRE(viaApi);
    CHECK(viaApi->status == 403);
    CHECK(has(viaApi->body, "disabled"));
    // The others are not touched.
    Browser ben(centre);
    CHECK(ben.login("ben", kPassword)->status == 303);

    CHECK(runPinpoint("centre disable-person nobody --db '" + db.where() + "'").exitCode == 2);
    const Run enabled = runPinpoint("centre enable-person anna --db '" + db.where() + "'");
    REQUIRE_MESSAGE(enabled.exitCode == 0, enabled.err);
    CHECK(anna.login("anna", kPassword)->status == 303);
    CHECK(anna.get("/")->status == 200);
    CHECK(api.Get(fileOfHers)->status == 200);
}
