#pragma once
// The centre's HTTP routes come in groups, one file each, all over the same parts of the server:
// its store, the key it signs receipts with, its limits, the per-token rate limit and the scoring
// worker. centre_server.cpp owns these parts and registers every group.
#include "centre/centre_server.h"
#include "centre/password_checks.h"
#include "centre/rate_limit.h"
#include "centre/sign_in_throttle.h"
#include "centre/scoring_worker.h"
#include "core/review/rating_scale.h"

#include <httplib.h>

#include <optional>

namespace pinpoint::centre {

struct CentreContext {
    Store& store;
    const core::SigningKey& key;
    const ServerLimits& limits;
    RateLimit& rate;
    SignInThrottle& signIns;  // password checks of the web form and the API alike
    PasswordChecks& passwords;  // the same two: a few hashes at once, unknown logins hashed too
    ScoringWorker& scoring;
    const core::RatingScale& ratingItems;  // what a review posted to the centre is checked against
};

// Where the request comes from, for limits: the connection's address, or, from a trusted proxy, the
// client address its X-Real-IP gives (when it looks like an IP address).
std::string clientAddress(const CentreContext& centre, const httplib::Request& req);

// The station behind the request's bearer token, within its rate; nullopt once `res` holds the
// error. Known stations are limited by station; requests with a wrong token by the address they come
// from, so made-up tokens neither fill the table nor take a real station's place in it.
std::optional<Station> authoriseStation(CentreContext& centre, const httplib::Request& req, httplib::Response& res);

// Stations streaming sessions (station_routes.cpp):
//   POST /api/v1/sessions/{key}/lines, GET /api/v1/sessions/{key}
void addStationRoutes(httplib::Server& http, CentreContext& centre);

// People with a login and password (HTTP Basic), for `pinpoint review` (people_routes.cpp):
//   GET /api/v1/sessions/{key}/file, GET /api/v1/sessions/{key}/scenario, POST /api/v1/sessions/{key}/reviews
void addPeopleRoutes(httplib::Server& http, CentreContext& centre);

// The scenario library for stations (library_routes.cpp):
//   GET /api/v1/scenarios, GET /api/v1/scenarios/{id}[?sha256=HEX]
void addLibraryRoutes(httplib::Server& http, CentreContext& centre);
// People on the web dashboard (web_login.cpp, web_routes.cpp, web_forms.cpp): GET/POST /login, POST /logout,
// the pages (/, /cohorts/C, /trainees/LOGIN, /scenarios/ID, /queue, /assessment, /sessions/KEY) and their
// forms (POST /queue/assign, POST /sessions/KEY/mark).
void addWebRoutes(httplib::Server& http, CentreContext& centre);

}  // namespace pinpoint::centre
