#include "centre/http_replies.h"

#include <chrono>

namespace pinpoint::centre {

using nlohmann::json;

UnixMillis nowMillis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int statusFor(Problem problem) {
    switch (problem) {
    case Problem::BadInput: return 400;
    case Problem::NotFound: return 404;
    case Problem::Refused: return 403;
    case Problem::Gap:
    case Problem::Conflict: return 409;
    case Problem::Tampered: return 422;
    case Problem::Database: return 503;
    }
    return 500;
}

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump() + "\n", "application/json");
}

void fail(httplib::Response& res, int status, const std::string& error, const std::string& message, int stored) {
    json body = {{"error", error}, {"message", message}};
    if (stored >= 0) body["stored"] = stored;
    reply(res, status, body);
}

void fail(httplib::Response& res, const StoreError& e) {
    fail(res, statusFor(e.problem), problemName(e.problem), e.message, e.storedLines);
}

std::string bearerToken(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return "";
    return header.substr(prefix.size());
}

}  // namespace pinpoint::centre
