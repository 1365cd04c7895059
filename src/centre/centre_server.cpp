#include "centre/centre_server.h"

#include "centre/centre_routes.h"
#include "centre/front_door.h"
#include "centre/http_replies.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
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
    httplib::Server http;  // the routes, on a loopback port of their own, behind the front door
    std::string frontDoorSecret = randomSecret();
    std::unique_ptr<FrontDoor> front;
    int routesSocket = -1;  // the routes' listening socket, as cpp-httplib made it
    CentreContext context{store, key, limits, rate, signIns, passwords, scoring, ratingItems};

    Impl(Store& s, core::SigningKey k, ServerLimits l, SessionScorer scorer, core::RatingScale items)
        : store(s), key(std::move(k)), limits(l), rate(l.requestsPerSecond, l.burst), signIns(signInRules(l)), scoring(s, std::move(scorer)),
          ratingItems(std::move(items)) {}

    static std::string randomSecret() {
        unsigned char bytes[32];
        randombytes_buf(bytes, sizeof bytes);
        char hex[2 * sizeof bytes + 1];
        sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
        return hex;
    }

    FrontDoorLimits frontDoorLimits() const {
        FrontDoorLimits front;
        front.requestDeadline = std::chrono::milliseconds(static_cast<long>(limits.requestDeadlineSeconds * 1000));
        front.maxConnectionsPerAddress = limits.maxConnectionsPerAddress;
        front.maxConnections = limits.maxConnections;
        front.framing.maxBodyBytes = limits.maxBodyBytes;
        front.uncappedAddresses = limits.trustedProxies;
        return front;
    }

    void routes() {
        // The front door hands the routes whole requests only, at most kRequestsWithRoutesAtOnce at a
        // time, each on a connection of its own that closes after the response: a worker each, busy
        // only while the request is answered. Slow and idle clients wait in the front door.
        const std::size_t workers = kRequestsWithRoutesAtOnce + 4;
        http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
        // The routes' socket is kept to widen its accept queue after cpp-httplib listens on it (Debian's
        // compiled library queues 5): the front door may connect 100 at once, and a full queue drops
        // connections for the kernel to retry seconds later. No SO_REUSEPORT (httplib's default): this
        // port is this process's alone.
        http.set_socket_options([this](int sock) {
            const int on = 1;
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
            routesSocket = sock;
        });
        http.set_keep_alive_timeout(2);
        http.set_payload_max_length(limits.maxBodyBytes);
        http.set_read_timeout(10, 0);
        http.set_write_timeout(10, 0);
        // Only the front door talks to the routes' port: anyone else on this machine who connects to it
        // is refused, so nobody can name a client address of their choice or bypass the front's limits.
        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            const std::string given = req.get_header_value(kFrontDoorSecretHeader);
            if (given.size() == frontDoorSecret.size() &&
                sodium_memcmp(given.data(), frontDoorSecret.data(), given.size()) == 0)
                return httplib::Server::HandlerResponse::Unhandled;
            fail(res, 403, "forbidden", "this port answers the centre's own front door only");
            return httplib::Server::HandlerResponse::Handled;
        });
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
    const int routesPort = impl_->http.bind_to_any_port("127.0.0.1");
    if (routesPort <= 0 || impl_->routesSocket < 0 || ::listen(impl_->routesSocket, 1024) != 0) {
        why = "cannot listen on a loopback port for the centre's routes";
        return std::nullopt;
    }
    impl_->front = std::make_unique<FrontDoor>(impl_->frontDoorLimits(), routesPort, impl_->frontDoorSecret);
    return impl_->front->bind(host, port, why);
}

std::size_t CentreServer::maxConnections() const { return impl_->front ? impl_->front->maxConnections() : 0; }

bool CentreServer::run() {
    if (!impl_->front) return false;
    impl_->scoring.start();  // also picks up sessions finished but not scored before a restart
    std::atomic<bool> served{true};
    std::thread routes([this, &served] { served = impl_->http.listen_after_bind(); });
    while (!impl_->http.is_running() && served) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (served) impl_->front->run();  // until stop(): then the requests the routes have are answered
    impl_->http.stop();
    routes.join();
    return served;
}

void CentreServer::stop() {
    if (impl_->front) impl_->front->stop();
    else impl_->http.stop();
}

bool CentreServer::stopScoring(std::chrono::milliseconds grace) { return impl_->scoring.stopWithin(grace); }

}  // namespace pinpoint::centre
