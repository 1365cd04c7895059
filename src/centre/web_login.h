#pragma once
// Internal to the centre's web routes: logging people in by cookie, what every page and form checks
// (the login, the CSRF token, the Origin), and how pages are sent (no caching, no scripts, no framing).
#include "centre/centre_routes.h"

#include <httplib.h>

#include <memory>
#include <optional>
#include <string>

namespace pinpoint::centre::web {

inline constexpr const char* kLoginCookie = "pinpoint_session";  // the web login's token
inline constexpr const char* kLoginFormCookie = "pinpoint_login_form";  // ties the login form to its browser

// What the web routes share beyond the centre's context.
struct WebState {
    WebLoginLimits limits;
    bool secureCookies = false;
};

std::string cookie(const httplib::Request& req, const std::string& name);  // "" when absent
// The centre's address as the browser sees it: X-Forwarded-Proto and X-Forwarded-Host from the proxy
// when given, else http and the Host header. "" when the host is not a plain host[:port].
std::string baseUrl(const httplib::Request& req);
bool viaHttps(const httplib::Request& req);
// True unless the request has an Origin header that is not the centre's own address.
bool sameOrigin(const httplib::Request& req);

// Sends a page with the headers every dashboard page carries.
void sendPage(httplib::Response& res, int status, const std::string& html);
void sendNotFound(httplib::Response& res);  // also for what exists but the viewer may not see
void sendForbidden(httplib::Response& res, const std::string& why);
void redirect(httplib::Response& res, const std::string& to);  // 303 See Other

// The person logged in on this request; nullopt once `res` redirects to /login (or holds an error).
std::optional<WebLogin> requireLogin(CentreContext& centre, WebState& web, const httplib::Request& req,
                                     httplib::Response& res);
// A state-changing form's checks: from the centre's own origin and carrying the login's CSRF token.
// False once `res` holds the 403; nothing may change then.
bool checkForm(const WebLogin& login, const httplib::Request& req, httplib::Response& res);
// The hidden field every form of this login carries.
std::string csrfField(const WebLogin& login);
// The bar at the top of every page: home, the staff pages, who is logged in, the logout button.
std::string navigation(const WebLogin& login);

void addLoginRoutes(httplib::Server& http, CentreContext& centre, std::shared_ptr<WebState> web);
void addPageRoutes(httplib::Server& http, CentreContext& centre, std::shared_ptr<WebState> web);
void addFormRoutes(httplib::Server& http, CentreContext& centre, std::shared_ptr<WebState> web);

}  // namespace pinpoint::centre::web
