#pragma once
// The centre's front door: the one thread that owns the centre's listening socket. It takes every
// connection, reads each request whole (head and body) without blocking on anyone, and only then
// hands it to the routes; slow or idle connections cost a file descriptor and a buffer here, never
// one of the routes' worker threads (docs/centre.md, "Slow and many clients").
//
// It caps connections per client address (the addresses of trusted proxies are not capped: their
// clients are, by the proxy) and in all; a request must arrive whole within its deadline, a
// response must be taken by the client within its own; it answers 408, 411, 413, 429, 431 and 503
// itself, with a JSON reason like the routes. Complete requests go to the routes over a loopback
// connection of their own, with a secret only this process knows and the client's address
// (http_framing.h); the routes refuse a request without the secret. Keep-alive works as before.
#include "centre/http_framing.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::centre {

struct FrontDoorLimits {
    std::chrono::milliseconds requestDeadline{30'000};  // first byte (or connecting) to the whole request: else 408
    std::chrono::milliseconds keepAliveIdle{5'000};     // an idle connection between requests is closed after it
    std::chrono::milliseconds writeDeadline{30'000};    // a response not taken by the client in it: closed
    std::size_t maxConnectionsPerAddress = 128;          // open at once from one address; more: 429
    std::size_t maxConnections = 1000;                  // open at once in all; more: 503
    FramingLimits framing;
    std::vector<std::string> uncappedAddresses;         // trusted proxies: only the overall cap holds for them
};

// Requests handed to the routes at once; further complete requests wait their turn in the front door.
inline constexpr std::size_t kRequestsWithRoutesAtOnce = 100;

class FrontDoor {
public:
    // Requests go to the routes listening on 127.0.0.1:`routesPort`, carrying `secret`.
    FrontDoor(FrontDoorLimits limits, int routesPort, std::string secret);
    ~FrontDoor();
    FrontDoor(const FrontDoor&) = delete;
    FrontDoor& operator=(const FrontDoor&) = delete;

    // Listens on `host`:`port` (0: a free port): the port, or nullopt with `why` set.
    std::optional<int> bind(const std::string& host, int port, std::string& why);
    // The overall cap in force: the limit, or less when the process may not open that many files.
    std::size_t maxConnections() const;
    // Serves until stop(); then answers the requests already handed to the routes and returns.
    void run();
    void stop();  // from any thread

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pinpoint::centre
