#include "centre/centre_server.h"

#include "centre/rate_limit.h"
#include "centre/scoring_worker.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace pinpoint::centre {

namespace {

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

void fail(httplib::Response& res, int status, const std::string& error, const std::string& message, int stored = -1) {
    json body = {{"error", error}, {"message", message}};
    if (stored >= 0) body["stored"] = stored;
    reply(res, status, body);
}

void fail(httplib::Response& res, const StoreError& e) {
    fail(res, statusFor(e.problem), problemName(e.problem), e.message, e.storedLines);
}

// The bearer token of the request, "" when there is none.
std::string bearerToken(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return "";
    return header.substr(prefix.size());
}

// The request's body as {"first": N, "lines": [...]}, or why not.
struct Batch {
    int first = 0;
    std::vector<std::string> lines;
};
std::optional<Batch> parseBatch(const std::string& body, int maxLines, std::string& why, bool& tooMany) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return why = "the body is not a JSON object", std::nullopt;
    const auto first = j.find("first");
    if (first == j.end() || !first->is_number_integer() || first->get<std::int64_t>() < 0 ||
        first->get<std::int64_t>() > 100'000'000)
        return why = "\"first\" must be the 0-based index of the batch's first line", std::nullopt;
    const auto lines = j.find("lines");
    if (lines == j.end() || !lines->is_array() || lines->empty())
        return why = "\"lines\" must be a non-empty array of strings", std::nullopt;
    if (static_cast<int>(lines->size()) > maxLines) {
        tooMany = true;
        return why = "at most " + std::to_string(maxLines) + " lines in one request", std::nullopt;
    }
    Batch batch{static_cast<int>(first->get<std::int64_t>()), {}};
    for (std::size_t i = 0; i < lines->size(); ++i) {
        const json& line = (*lines)[i];
        if (!line.is_string()) return why = "line " + std::to_string(i) + " of the batch is not a string", std::nullopt;
        const std::string& text = line.get_ref<const std::string&>();
        if (text.find_first_of("\r\n") != std::string::npos)
            return why = "line " + std::to_string(i) + " of the batch holds a line break", std::nullopt;
        batch.lines.push_back(text);
    }
    return batch;
}

}  // namespace

std::string receiptMessage(const std::string& sessionKey, int lineIndex, const std::string& chainHead,
                           UnixMillis receivedAt) {
    return "pinpoint centre receipt v1\n" + sessionKey + "\n" + std::to_string(lineIndex) + "\n" + chainHead + "\n" +
           std::to_string(receivedAt) + "\n";
}

bool isLoopbackHost(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    in_addr address{};
    return ::inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

struct CentreServer::Impl {
    Store& store;
    core::SigningKey key;
    ServerLimits limits;
    RateLimit rate;
    ScoringWorker scoring;
    httplib::Server http;

    Impl(Store& s, core::SigningKey k, ServerLimits l, SessionScorer scorer)
        : store(s), key(std::move(k)), limits(l), rate(l.requestsPerSecond, l.burst), scoring(s, std::move(scorer)) {}

    // The station behind the request's token, within its rate; nullopt once `res` holds the error.
    // Known stations are limited by station; requests with a wrong token by the address they come
    // from, so made-up tokens neither fill the table nor take a real station's place in it.
    std::optional<Station> authorise(const httplib::Request& req, httplib::Response& res) {
        const std::string token = bearerToken(req);
        if (token.empty()) return fail(res, 401, "unauthorised", "send the station's token: Authorization: Bearer TOKEN"), std::nullopt;
        Result<std::optional<Station>> station = store.stationForToken(token);
        if (!station) return fail(res, station.error()), std::nullopt;
        const std::string bucket = *station ? "station:" + std::to_string((*station)->id) : "address:" + req.remote_addr;
        if (!rate.allow(bucket)) {
            res.set_header("Retry-After", "1");
            return fail(res, 429, "too_many_requests", "this station sends faster than the centre allows; wait and resend"),
                   std::nullopt;
        }
        if (!*station) return fail(res, 401, "unauthorised", "unknown or revoked station token"), std::nullopt;
        return **station;
    }

    void postLines(const httplib::Request& req, httplib::Response& res) {
        const std::optional<Station> station = authorise(req, res);
        if (!station) return;
        std::string why;
        bool tooMany = false;
        const std::optional<Batch> batch = parseBatch(req.body, limits.maxLinesPerBatch, why, tooMany);
        if (!batch) return fail(res, tooMany ? 413 : 400, tooMany ? "too_large" : "bad_input", why);
        const std::string sessionKey = req.matches[1];
        Result<AppendResult> appended = store.appendLines(station->id, sessionKey, batch->first, batch->lines);
        if (!appended) return fail(res, appended.error());
        // The head the centre now holds, read back with its chain hash in one row: a concurrent batch
        // for the same session can only make it later, and a receipt for a later head is as true.
        Result<std::optional<SessionRecord>> held = store.findSession(sessionKey);
        if (!held || !*held) return fail(res, 503, "database", held ? "the session just stored is gone" : held.error().message);
        const SessionRecord& session = **held;
        const int head = session.lines - 1;
        const UnixMillis at = nowMillis();
        const auto signature = key.sign(receiptMessage(session.key, head, session.chainHead, at));
        Result<Receipt> receipt = store.recordReceipt(session.id, head, at, core::toHex(signature));
        if (!receipt) return fail(res, receipt.error());
        if (session.finished && appended->added > 0) scoring.enqueue(session.key);
        reply(res, 200, {{"stored", appended->stored},
                         {"added", appended->added},
                         {"receipt", {{"line", receipt->lineIndex},
                                      {"seal", receipt->seal},
                                      {"chain", session.chainHead},
                                      {"received_ms", receipt->receivedAt},
                                      {"signature", receipt->signature},
                                      {"key", core::publicKeyText(key.publicKey())}}}});
    }

    void getSession(const httplib::Request& req, httplib::Response& res) {
        const std::optional<Station> station = authorise(req, res);
        if (!station) return;
        Result<std::optional<SessionRecord>> found = store.findSession(req.matches[1]);
        if (!found) return fail(res, found.error());
        // Another station's session is as unknown as a missing one: keys are not secrets, sessions are.
        if (!*found || (*found)->station != station->id) return fail(res, 404, "not_found", "no such session from this station");
        Result<std::vector<ScoreReportRecord>> reports = store.scoreReports((*found)->id);
        if (!reports) return fail(res, reports.error());
        reply(res, 200, {{"stored", (*found)->lines},
                         {"finished", (*found)->finished.has_value()},
                         {"witnessed", (*found)->witnessed},
                         {"score_reports", reports->size()}});
    }

    void routes() {
        // A connection holds a worker while it is kept alive: enough workers that many stations sending
        // at once wait on the store, not on each other's idle connections.
        const std::size_t workers = std::max<std::size_t>(32, 4 * std::thread::hardware_concurrency());
        http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
        http.set_keep_alive_timeout(2);
        http.set_payload_max_length(limits.maxBodyBytes);
        http.set_read_timeout(10, 0);
        http.set_write_timeout(10, 0);
        http.Get("/api/v1/health", [this](const httplib::Request&, httplib::Response& res) {
            reply(res, 200, {{"status", "ok"}, {"backend", store.backend()}, {"key", core::publicKeyText(key.publicKey())}});
        });
        http.Post(R"(/api/v1/sessions/([^/]+)/lines)",
                  [this](const httplib::Request& req, httplib::Response& res) { postLines(req, res); });
        http.Get(R"(/api/v1/sessions/([^/]+))",
                 [this](const httplib::Request& req, httplib::Response& res) { getSession(req, res); });
        // Errors the library answers itself (413 for a body over the limit, 404, 400) get a reason too.
        http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            if (res.status == 413) fail(res, 413, "too_large", "the request body is larger than the centre accepts");
            else if (res.status == 404) fail(res, 404, "not_found", "no such endpoint");
            else fail(res, res.status, "bad_request", "the request could not be read");
            return httplib::Server::HandlerResponse::Handled;
        }));
        http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            fail(res, 500, "internal", "the centre failed on this request; ask for the session to see what it holds");
        });
    }
};

CentreServer::CentreServer(Store& store, core::SigningKey key, ServerLimits limits, SessionScorer scorer)
    : impl_(std::make_unique<Impl>(store, std::move(key), limits, std::move(scorer))) {
    impl_->routes();
}

CentreServer::~CentreServer() {
    stop();
    impl_->scoring.stop();
}

std::optional<int> CentreServer::bind(const std::string& host, int port, std::string& why) {
    const int bound = port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
        why = "cannot listen on " + host + ":" + std::to_string(port) + " (in use, or not an address of this machine)";
        return std::nullopt;
    }
    return bound;
}

bool CentreServer::run() {
    impl_->scoring.start();  // also picks up sessions finished but not scored before a restart
    return impl_->http.listen_after_bind();
}

void CentreServer::stop() { impl_->http.stop(); }

bool CentreServer::stopScoring(std::chrono::milliseconds grace) { return impl_->scoring.stopWithin(grace); }

}  // namespace pinpoint::centre
