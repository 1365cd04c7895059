#pragma once
// How the centre answers over HTTP, shared by its route groups: JSON bodies, errors with a reason
// (a 4xx for the caller's fault, a 503 for the centre's), the bearer token of a request.
#include "centre/store.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace pinpoint::centre {

UnixMillis nowMillis();
int statusFor(Problem problem);
void reply(httplib::Response& res, int status, const nlohmann::json& body);
void fail(httplib::Response& res, int status, const std::string& error, const std::string& message, int stored = -1);
void fail(httplib::Response& res, const StoreError& e);
// The bearer token of the request, "" when there is none.
std::string bearerToken(const httplib::Request& req);

}  // namespace pinpoint::centre
