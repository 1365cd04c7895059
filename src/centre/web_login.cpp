// Logging people in to the web dashboard by cookie, and what every page and form checks.
#include "centre/web_login.h"

#include "centre/dashboard_html.h"
#include "centre/http_replies.h"
#include "centre/people.h"
#include "core/session/session_signing.h"

#include <sodium.h>

#include <array>
#include <cctype>
#include <iostream>

namespace pinpoint::centre::web {

namespace {

std::string firstOf(const std::string& listHeader) {  // "a, b" -> "a"
    std::string v = listHeader.substr(0, listHeader.find(','));
    while (!v.empty() && v.front() == ' ') v.erase(v.begin());
    while (!v.empty() && v.back() == ' ') v.pop_back();
    return v;
}

bool plainHost(const std::string& host) {
    if (host.empty() || host.size() > 255) return false;
    for (const unsigned char c : host)
        if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') return false;
    return true;
}

std::string randomHex() {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return core::toHex(bytes);
}

bool equalSecrets(const std::string& a, const std::string& b) {
    return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string cookieHeader(const WebState& web, const httplib::Request& req, const std::string& name, const std::string& value,
                         const std::string& path, long maxAgeSeconds) {
    std::string c = name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict";
    if (maxAgeSeconds >= 0) c += "; Max-Age=" + std::to_string(maxAgeSeconds);
    if (web.secureCookies || viaHttps(req)) c += "; Secure";
    return c;
}

// Where to go after logging in: a path on this centre only (never "//elsewhere").
std::string safeNext(const std::string& next) {
    if (next.size() < 1 || next.size() > 300 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
        return "/";
    for (const unsigned char c : next)
        if (c < 0x21 || c == 0x7f) return "/";
    return next;
}

void loginPage(const WebState& web, const httplib::Request& req, httplib::Response& res, int status, const std::string& message,
               const std::string& login = "") {
    // The form is tied to this browser by a random value in a cookie and in the form (a login CSRF guard).
    const std::string formToken = randomHex();
    res.set_header("Set-Cookie", cookieHeader(web, req, kLoginFormCookie, formToken, "/login", 1800));
    const std::string next = safeNext(req.has_param("next") ? req.get_param_value("next") : "/");
    std::string body;
    if (!message.empty()) body += "<p class=\"error\" role=\"alert\">" + html::escape(message) + "</p>";
    body += "<form class=\"box\" method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"" + formToken +
            "\"><input type=\"hidden\" name=\"next\" value=\"" + html::escape(next) +
            "\"><label for=\"login\">Login</label><input type=\"text\" id=\"login\" name=\"login\" autocomplete=\"username\" "
            "autocapitalize=\"none\" required value=\"" + html::escape(login) +
            "\"><label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" "
            "autocomplete=\"current-password\" required><p><button type=\"submit\">Log in</button></p></form>"
            "<p class=\"note\">Ask the centre's administrator for a login (<code>pinpoint centre add-person</code>).</p>";
    sendPage(res, status, html::page("Log in", body));
}

// "40 seconds", "3 minutes": how long a refused login waits, for the form's message.
std::string waitInWords(std::chrono::seconds wait) {
    const long long s = std::max<long long>(wait.count(), 1);
    if (s < 120) return std::to_string(s) + (s == 1 ? " second" : " seconds");
    return std::to_string((s + 59) / 60) + " minutes";
}

void postLogin(CentreContext& centre, WebState& web, const httplib::Request& req, httplib::Response& res) {
    if (!sameOrigin(req)) return sendForbidden(res, "This form was sent from another site.");
    if (!equalSecrets(cookie(req, kLoginFormCookie), req.get_param_value("csrf")))
        return loginPage(web, req, res, 403, "The login form had expired or came from elsewhere: log in again.");
    const std::string login = req.get_param_value("login");
    const std::string password = req.get_param_value("password");
    // Too many failures: refused without looking at the password, so guessing gains nothing. The
    // check is counted before it runs (sign_in_throttle.h), so logins sent together cannot race past it.
    const SignInThrottle::Reservation reserved = centre.signIns.reserve(login, clientAddress(centre, req), SignInThrottle::Clock::now());
    if (!reserved.allowed) {
        res.set_header("Retry-After", std::to_string(reserved.retryAfter.count()));
        return loginPage(web, req, res, 429,
                         "Too many failed logins: wait " + waitInWords(reserved.retryAfter) + " and try again.", login);
    }
    Result<std::optional<Person>> person = login.empty() || login.size() > 200 ? Result<std::optional<Person>>(std::nullopt)
                                                                                : centre.store.findPerson(login);
    if (!person) {  // no password was checked
        centre.signIns.giveBack(reserved);
        return sendPage(res, 503, html::page("The centre cannot answer", "<p>The database failed; try again.</p>"));
    }
    if (!centre.passwords.matches(*person, password)) return loginPage(web, req, res, 401, "The login or the password is wrong.", login);
    centre.signIns.giveBack(reserved);
    if ((*person)->disabled)  // said only to whoever knows the password
        return loginPage(web, req, res, 403, "This login has been disabled by an administrator of the centre.", login);
    Result<NewWebLogin> started = centre.store.startWebLogin((*person)->id, nowMillis());
    if (!started) return sendPage(res, 503, html::page("The centre cannot answer", "<p>The database failed; try again.</p>"));
    res.set_header("Set-Cookie", cookieHeader(web, req, kLoginCookie, started->token, "/", -1));
    res.set_header("Set-Cookie", cookieHeader(web, req, kLoginFormCookie, "", "/login", 0));
    redirect(res, safeNext(req.get_param_value("next")));
}

void postLogout(CentreContext& centre, WebState& web, const httplib::Request& req, httplib::Response& res) {
    const std::optional<WebLogin> login = requireLogin(centre, web, req, res);
    if (!login) return;
    if (!checkForm(*login, req, res)) return;
    // A login the store could not end would still open the centre to anyone holding its cookie: say so,
    // and keep the cookie, so that logging out can be tried again.
    if (Result<Done> ended = centre.store.endWebLogin(cookie(req, kLoginCookie)); !ended) {
        std::cerr << "pinpoint centre: cannot end a login: " << ended.error().describe() << "\n";
        return sendPage(res, 503, html::page("You are still logged in",
                                             "<p>You are still logged in: the centre's database could not end your "
                                             "login. Try logging out again; if it keeps failing, tell the centre's "
                                             "administrator.</p>"));
    }
    res.set_header("Set-Cookie", cookieHeader(web, req, kLoginCookie, "", "/", 0));
    redirect(res, "/login");
}

}  // namespace

std::string cookie(const httplib::Request& req, const std::string& name) {
    const auto range = req.headers.equal_range("Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        const std::string& header = it->second;
        for (std::size_t at = 0; at < header.size();) {
            const std::size_t end = std::min(header.find(';', at), header.size());
            std::string pair = header.substr(at, end - at);
            while (!pair.empty() && pair.front() == ' ') pair.erase(pair.begin());
            const std::size_t eq = pair.find('=');
            if (eq != std::string::npos && pair.compare(0, eq, name) == 0 && eq == name.size()) return pair.substr(eq + 1);
            at = end + 1;
        }
    }
    return "";
}

bool viaHttps(const httplib::Request& req) { return firstOf(req.get_header_value("X-Forwarded-Proto")) == "https"; }

std::string baseUrl(const httplib::Request& req) {
    const std::string forwarded = firstOf(req.get_header_value("X-Forwarded-Host"));
    const std::string host = forwarded.empty() ? req.get_header_value("Host") : forwarded;
    if (!plainHost(host)) return "";
    return std::string(viaHttps(req) ? "https://" : "http://") + host;
}

bool sameOrigin(const httplib::Request& req) {
    if (!req.has_header("Origin")) return true;  // older browsers and tools; SameSite and the CSRF token still hold
    const std::string own = baseUrl(req);
    return !own.empty() && req.get_header_value("Origin") == own;
}

void sendPage(httplib::Response& res, int status, const std::string& page) {
    res.status = status;
    // The pages are scriptless and self-contained: nothing may run, load or frame them.
    res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                              "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the forms, which the
    // origin check must refuse.
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("Cache-Control", "no-store");
    res.set_content(page, "text/html; charset=utf-8");
}

void sendNotFound(httplib::Response& res) {
    sendPage(res, 404, html::page("Not found", "<p>There is no such page, or it is not yours to see.</p><p><a href=\"/\">Home</a></p>"));
}

void sendForbidden(httplib::Response& res, const std::string& why) {
    sendPage(res, 403, html::page("Refused", "<p>" + html::escape(why) + " Nothing was changed.</p><p><a href=\"/\">Home</a></p>"));
}

void redirect(httplib::Response& res, const std::string& to) {
    res.status = 303;
    res.set_header("Location", to);
    res.set_header("Cache-Control", "no-store");
}

std::optional<WebLogin> requireLogin(CentreContext& centre, WebState& web, const httplib::Request& req, httplib::Response& res) {
    const std::string token = cookie(req, kLoginCookie);
    if (!token.empty()) {
        Result<std::optional<WebLogin>> found = centre.store.webLogin(token, nowMillis(), web.limits);
        if (!found) {
            sendPage(res, 503, html::page("The centre cannot answer", "<p>The database failed; try again.</p>"));
            return std::nullopt;
        }
        if (*found) return **found;
    }
    redirect(res, "/login?next=" + html::percentEncoded(req.method == "GET" ? req.path : "/"));
    return std::nullopt;
}

bool checkForm(const WebLogin& login, const httplib::Request& req, httplib::Response& res) {
    if (!sameOrigin(req)) return sendForbidden(res, "This form was sent from another site."), false;
    if (!equalSecrets(login.csrf, req.get_param_value("csrf")))
        return sendForbidden(res, "This form is out of date or was not made by this centre: open the page again."), false;
    return true;
}

std::string csrfField(const WebLogin& login) { return "<input type=\"hidden\" name=\"csrf\" value=\"" + login.csrf + "\">"; }

std::string navigation(const WebLogin& login) {
    const Person& p = login.person;
    std::string nav = "<nav class=\"top\"><a href=\"/\">Home</a>";
    if (p.role == Role::Trainee) nav += "<a href=\"/trainees/" + html::percentEncoded(p.login) + "\">My progress</a>";
    else nav += "<a href=\"/queue\">Review queue</a><a href=\"/assessment\">Assessment quality</a>";
    nav += "<span class=\"who\">" + html::escape(p.displayName.empty() ? p.login : p.displayName) + " &middot; " + roleName(p.role) +
           "</span><form method=\"post\" action=\"/logout\">" + csrfField(login) + "<button type=\"submit\">Log out</button></form></nav>";
    return nav;
}

void addLoginRoutes(httplib::Server& http, CentreContext& centre, std::shared_ptr<WebState> web) {
    http.Get("/login", [web](const httplib::Request& req, httplib::Response& res) { loginPage(*web, req, res, 200, ""); });
    http.Post("/login", [&centre, web](const httplib::Request& req, httplib::Response& res) { postLogin(centre, *web, req, res); });
    http.Post("/logout", [&centre, web](const httplib::Request& req, httplib::Response& res) { postLogout(centre, *web, req, res); });
}

}  // namespace pinpoint::centre::web

namespace pinpoint::centre {

void addWebRoutes(httplib::Server& http, CentreContext& centre) {
    auto web = std::make_shared<web::WebState>();
    web->secureCookies = centre.limits.secureCookies;
    web::addLoginRoutes(http, centre, web);
    web::addPageRoutes(http, centre, web);
    web::addFormRoutes(http, centre, web);
}

}  // namespace pinpoint::centre
