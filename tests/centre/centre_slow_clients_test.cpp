// Slow and many clients against the real `pinpoint centre serve` (docs/centre.md, "Slow and many
// clients"): hundreds of connections that trickle header bytes do not hold back the health check or a
// station's batch; a request that never arrives whole is answered 408 and closed at its deadline;
// connections per address are capped while another address still gets in. Raw sockets, so that the
// test can be the slow client and pick its own loopback address (127.0.0.2 is this machine too).
#include "centre_server_support.h"
#include "raw_client.h"

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace centre_test;

namespace {

using Clock = std::chrono::steady_clock;

// The test process opens hundreds of sockets: as many as its hard limit allows.
void allowManyFiles() {
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
}

// One request on a connection of its own from `from`; the whole response ("" when none came).
std::string requestFrom(const std::string& from, int port, const std::string& request) {
    const int fd = connectFrom(from, port);
    if (fd < 0) return "";
    sendAll(fd, request);
    bool closed = false;
    std::string response = readUntilClosed(fd, closed);
    ::close(fd);
    return response;
}

std::string healthRequest() { return "GET /api/v1/health HTTP/1.1\r\nHost: centre\r\nConnection: close\r\n\r\n"; }

std::string batchRequest(const std::string& token, const std::string& key, const json& body) {
    const std::string text = body.dump();
    return "POST /api/v1/sessions/" + key + "/lines HTTP/1.1\r\nHost: centre\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
           "\r\nConnection: close\r\n\r\n" + text;
}

// Connections that send a request line, then its headers one byte a second, never finishing them.
class SlowClients {
public:
    SlowClients(int count, int port, const std::string& from = "127.0.0.1") {
        for (int i = 0; i < count; ++i) {
            const int fd = connectFrom(from, port);
            REQUIRE(fd >= 0);
            sendAll(fd, "GET /api/v1/health HTTP/1.1\r\n");  // the request line at once, then headers never ending
            fds_.push_back(fd);
        }
        trickle_ = std::thread([this] {
            const std::string header = "X-Slow: ";
            for (std::size_t at = 0; !stop_; ++at) {
                for (int fd : fds_) ::send(fd, at < header.size() ? &header[at] : "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
                for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
    }
    ~SlowClients() {
        stop_ = true;
        trickle_.join();
        for (int fd : fds_) ::close(fd);
    }
    // How many the centre still holds open, neither answered nor closed.
    int stillOpen() const {
        int open = 0;
        for (int fd : fds_) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 0) == 0) ++open;
        }
        return open;
    }

private:
    std::vector<int> fds_;
    std::atomic<bool> stop_{false};
    std::thread trickle_;
};

double millisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("300 slow connections do not hold back the health check or a station's batch") {
    allowManyFiles();
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-slow", "default", 200);
    // All 300 held open (the cap per address raised above them), not refused.
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--max-connections-per-address", "1000"});
    SlowClients slow(300, centre.port());

    Clock::time_point start = Clock::now();
    const std::string health = requestFrom("127.0.0.1", centre.port(), healthRequest());
    const double healthMs = millisSince(start);
    CHECK(statusOf(health) == 200);
    start = Clock::now();
    const std::string stored = requestFrom("127.0.0.1", centre.port(), batchRequest(token, session.key, batch(0, session.lines, 0, 100)));
    const double batchMs = millisSince(start);
    CHECK_MESSAGE(statusOf(stored) == 200, stored);
    CHECK(slow.stillOpen() == 300);
    MESSAGE("with 300 slow connections open: health answered in " << healthMs << " ms, a station's batch of 100 lines in "
            << batchMs << " ms");
}

TEST_CASE("connections per address are capped, and another address still gets in") {
    allowManyFiles();
    TestDatabase db;
    Folder f;
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--max-connections-per-address", "4"});
    SlowClients slow(4, centre.port());
    // The fifth from the same address is told why and closed; it is not left waiting.
    const int fifth = connectFrom("127.0.0.1", centre.port());
    REQUIRE(fifth >= 0);
    bool closed = false;
    const std::string refused = readUntilClosed(fifth, closed);
    ::close(fifth);
    CHECK(closed);
    CHECK(statusOf(refused) == 429);
    CHECK(refused.find("too_many_connections") != std::string::npos);
    // 127.0.0.2 is another address: it gets in.
    CHECK(statusOf(requestFrom("127.0.0.2", centre.port(), healthRequest())) == 200);
    CHECK(slow.stillOpen() == 4);
}

TEST_CASE("300 slow connections from one address leave the others answered (the default cap)") {
    allowManyFiles();
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-capped", "default", 200);
    CentreProcess centre(db.where(), f.path("keys"));
    SlowClients slow(300, centre.port());
    CHECK(statusOf(requestFrom("127.0.0.2", centre.port(), healthRequest())) == 200);
    const std::string stored = requestFrom("127.0.0.2", centre.port(), batchRequest(token, session.key, batch(0, session.lines, 0, 100)));
    CHECK_MESSAGE(statusOf(stored) == 200, stored);
    CHECK(slow.stillOpen() == 128);  // the default cap per address holds these; the rest were refused
}

TEST_CASE("a request that does not arrive whole by its deadline is answered 408 and closed") {
    TestDatabase db;
    Folder f;
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--request-deadline", "1"});
    const std::vector<std::string> unfinished = {
        "",                                                                  // nothing at all after connecting
        "GET /api/v1/health HTTP/1.1\r\nHost: centre\r\n",                   // headers that never end
        "POST /api/v1/sessions/x/lines HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"first\":0,",  // a body cut short
    };
    for (const std::string& part : unfinished) {
        CAPTURE(part);
        const int fd = connectFrom("127.0.0.1", centre.port());
        REQUIRE(fd >= 0);
        sendAll(fd, part);
        bool closed = false;
        const std::string response = readUntilClosed(fd, closed);  // waits for the centre, not on a clock
        ::close(fd);
        CHECK(closed);
        CHECK(statusOf(response) == 408);
        CHECK(response.find("too_slow") != std::string::npos);
    }
    // A whole request in time is answered as ever, twice on one kept-alive connection.
    const int fd = connectFrom("127.0.0.1", centre.port());
    REQUIRE(fd >= 0);
    sendAll(fd, "GET /api/v1/health HTTP/1.1\r\nHost: centre\r\n\r\n" + healthRequest());
    bool closed = false;
    const std::string both = readUntilClosed(fd, closed);
    ::close(fd);
    CHECK(closed);
    CHECK(statusOf(both) == 200);
    CHECK(both.find("Connection: keep-alive") != std::string::npos);
    CHECK(both.find("HTTP/1.1 200", 12) != std::string::npos);
}
