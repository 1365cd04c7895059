#include "centre/centre_server.h"

#include "centre/centre_routes.h"
#include "centre/http_replies.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace pinpoint::centre {

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
    SignInThrottle signIns;
    static SignInRules signInRules(const ServerLimits& l) {
        SignInRules rules;
        rules.firstDelay = std::chrono::seconds(l.signInWaitSeconds);
        rules.maxDelay = std::max(rules.maxDelay, rules.firstDelay);
        return rules;
    }
    PasswordChecks passwords;
    ScoringWorker scoring;
    core::RatingScale ratingItems;
    httplib::Server http;
    CentreContext context{store, key, limits, rate, signIns, passwords, scoring, ratingItems};

    Impl(Store& s, core::SigningKey k, ServerLimits l, SessionScorer scorer, core::RatingScale items)
        : store(s), key(std::move(k)), limits(l), rate(l.requestsPerSecond, l.burst), signIns(signInRules(l)), scoring(s, std::move(scorer)),
          ratingItems(std::move(items)) {}

    void routes() {
        // A connection holds a worker while it is kept alive: enough workers that many stations sending
        // at once wait on the store, not on each other's idle connections. A station streaming a session
        // sends a batch every second, inside the 2 s keep-alive, so it holds its worker for good (until
        // cpp-httplib closes the connection after 5 requests): with fewer workers than stations the rest
        // wait seconds for one (bench/centre_stations: 100 stations on 32 workers, p99 1.3 s at 250 ms
        // and 3.8 s at 1 s). Idle workers cost only their stacks.
        const std::size_t workers = std::max<std::size_t>(160, 4 * std::thread::hardware_concurrency());
        http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
        http.set_keep_alive_timeout(2);
        http.set_payload_max_length(limits.maxBodyBytes);
        http.set_read_timeout(10, 0);
        http.set_write_timeout(10, 0);
        http.Get("/api/v1/health", [this](const httplib::Request&, httplib::Response& res) {
            reply(res, 200, {{"status", "ok"}, {"backend", store.backend()}, {"key", core::publicKeyText(key.publicKey())}});
        });
        addPeopleRoutes(http, context);  // .../file, .../scenario, .../reviews: a person's login, not a station token
        addStationRoutes(http, context);
        addLibraryRoutes(http, context);
        addWebRoutes(http, context);
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

CentreServer::CentreServer(Store& store, core::SigningKey key, ServerLimits limits, SessionScorer scorer,
                           core::RatingScale ratingItems)
    : impl_(std::make_unique<Impl>(store, std::move(key), limits, std::move(scorer), std::move(ratingItems))) {
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
