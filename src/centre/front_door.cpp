#include "centre/front_door.h"

#include "centre/front_door_sockets.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <deque>
#include <map>
#include <unordered_map>

namespace pinpoint::centre {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kListening = 0, kWakeUp = 1, kFirstId = 2;  // epoll tags; connection i: 2i (client), 2i+1 (routes)
constexpr auto kLinger = std::chrono::seconds(2);           // after a last response: the client's leftovers are read and dropped

}  // namespace

namespace front_door_parts {

using Clock = std::chrono::steady_clock;
enum class Phase { Reading, Queued, WithRoutes, Writing, Lingering };

struct Connection {
    int fd = -1;
    std::string address;
    bool counted = false;  // in its address's count
    Phase phase = Phase::Reading;
    bool idle = false;     // between requests, nothing of the next one yet
    Clock::time_point deadline = Clock::time_point::max();
    std::string in;        // received, not yet handed on
    std::optional<RequestHead> head;
    bool continued = false;  // "100 Continue" sent
    std::string out;       // to send to the client
    std::size_t sent = 0;
    bool closeAfter = false;
    int routesFd = -1;     // the connection to the routes while they answer this request
    std::string toRoutes, fromRoutes;
    std::size_t sentToRoutes = 0;
};

}  // namespace front_door_parts

using namespace front_door_parts;

struct FrontDoor::Impl {
    FrontDoorLimits limits;
    int routesPort;
    std::string secret;
    int listening = -1, epoll = -1, wakeUp = -1;
    std::size_t maxOpen = 0;
    std::atomic<bool> stopping{false};
    std::unordered_map<std::uint64_t, Connection> connections;
    std::map<std::string, std::size_t> perAddress;
    std::deque<std::uint64_t> queue;
    std::size_t withRoutes = 0;
    std::uint64_t nextId = kFirstId;
    Clock::time_point nextCheck = Clock::time_point::max(), acceptPausedUntil{};

    Impl(FrontDoorLimits l, int port, std::string s) : limits(std::move(l)), routesPort(port), secret(std::move(s)) {
        epoll = ::epoll_create1(EPOLL_CLOEXEC);
        wakeUp = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        watch(wakeUp, kWakeUp, EPOLLIN, EPOLL_CTL_ADD);
        maxOpen = openFilesAllowingConnections(limits.maxConnections);
    }
    ~Impl() {
        for (auto& [id, c] : connections) closeSockets(c);
        for (int fd : {listening, epoll, wakeUp})
            if (fd >= 0) ::close(fd);
    }

    void watch(int fd, std::uint64_t tag, std::uint32_t events, int op) {
        epoll_event e{};
        e.events = events;
        e.data.u64 = tag;
        ::epoll_ctl(epoll, op, fd, &e);
    }
    void setDeadline(Connection& c, Clock::time_point at) {
        c.deadline = at;
        nextCheck = std::min(nextCheck, at);
    }
    static void closeSockets(Connection& c) {
        if (c.routesFd >= 0) ::close(c.routesFd);
        if (c.fd >= 0) ::close(c.fd);
        c.routesFd = c.fd = -1;
    }
    void drop(std::uint64_t id) {
        auto it = connections.find(id);
        if (it == connections.end()) return;
        Connection& c = it->second;
        if (c.routesFd >= 0) --withRoutes;
        if (c.counted && --perAddress[c.address] == 0) perAddress.erase(c.address);
        closeSockets(c);
        connections.erase(it);
    }

    // --- taking connections ---
    void acceptAll(Clock::time_point now) {
        for (int n = 0; n < 256 && !stopping; ++n) {
            std::string address;
            const int fd = acceptClient(listening, address);
            if (fd < 0) {
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                    watch(listening, kListening, 0, EPOLL_CTL_MOD);  // out of files: wait for some to close
                    acceptPausedUntil = now + std::chrono::milliseconds(100);
                    nextCheck = std::min(nextCheck, acceptPausedUntil);
                }
                return;
            }
            const std::uint64_t id = nextId++;
            Connection& c = connections[id];
            c.fd = fd;
            c.address = address;
            watch(fd, id << 1, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_ADD);
            const bool uncapped = std::find(limits.uncappedAddresses.begin(), limits.uncappedAddresses.end(), address) !=
                                  limits.uncappedAddresses.end();
            if (connections.size() > maxOpen) {
                refuse(id, {503, "busy", "the centre has as many connections open as it takes; try again shortly"}, 1, now);
            } else if (!uncapped && perAddress[address] >= limits.maxConnectionsPerAddress) {
                refuse(id, {429, "too_many_connections", "too many connections open from your address; close some and retry"}, 1, now);
            } else {
                ++perAddress[address];
                c.counted = true;
                setDeadline(c, now + limits.requestDeadline);
            }
        }
    }

    // --- the client's side ---
    void refuse(std::uint64_t id, const Refusal& why, int retryAfter, Clock::time_point now) {
        Connection& c = connections[id];
        c.in.clear();
        respond(id, refusalResponse(why, retryAfter), true, now);
    }
    void respond(std::uint64_t id, std::string response, bool close, Clock::time_point now) {
        Connection& c = connections[id];
        c.out = std::move(response);
        c.sent = 0;
        c.closeAfter = close || stopping;
        c.phase = Phase::Writing;
        setDeadline(c, now + limits.writeDeadline);
        watch(c.fd, id << 1, EPOLLOUT, EPOLL_CTL_MOD);
        writeClient(id, now);
    }
    void readClient(std::uint64_t id, Clock::time_point now) {
        Connection& c = connections[id];
        if (c.phase == Phase::Lingering) {
            if (discardAvailable(c.fd) != ReadResult::More) drop(id);
            return;
        }
        const ReadResult r = readAvailable(c.fd, c.in, limits.framing.maxHeadBytes + limits.framing.maxBodyBytes + 1);
        if (r == ReadResult::Failed || (r == ReadResult::Ended && c.in.empty())) return drop(id);
        if (c.idle && !c.in.empty()) {
            c.idle = false;
            setDeadline(c, now + limits.requestDeadline);
        }
        takeRequest(id, now);
        if (r == ReadResult::Ended && connections.count(id) && connections[id].phase == Phase::Reading) drop(id);
    }
    // Once a whole request has arrived: queued for the routes (or refused).
    void takeRequest(std::uint64_t id, Clock::time_point now) {
        Connection& c = connections[id];
        if (!c.head) {
            std::optional<Refusal> refused;
            c.head = readRequestHead(c.in, limits.framing, refused);
            if (refused) return refuse(id, *refused, 0, now);
            if (!c.head) return;
        }
        const std::size_t whole = c.head->headBytes + c.head->bodyBytes;
        if (c.in.size() < whole) {
            if (c.head->expectsContinue && !c.continued) {
                c.continued = true;
                sendSome(c.fd, "HTTP/1.1 100 Continue\r\n\r\n");
            }
            return;
        }
        c.toRoutes = handedOnRequest(c.in, *c.head, secret, c.address);
        c.in.erase(0, whole);  // what follows is the next request (pipelined)
        c.phase = Phase::Queued;
        c.deadline = Clock::time_point::max();
        watch(c.fd, id << 1, 0, EPOLL_CTL_MOD);  // only its hang-up (always reported) while the routes answer
        queue.push_back(id);
        startRelays(now);
    }
    void writeClient(std::uint64_t id, Clock::time_point now) {
        Connection& c = connections[id];
        const ssize_t n = c.sent < c.out.size() ? ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL) : 0;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return drop(id);
        if (n > 0) c.sent += static_cast<std::size_t>(n);
        if (c.sent < c.out.size()) return;
        c.out.clear();
        if (c.closeAfter && stopping) return drop(id);
        if (c.closeAfter) {  // read and drop what the client still sends, so that it gets the response, not a reset
            ::shutdown(c.fd, SHUT_WR);
            c.phase = Phase::Lingering;
            setDeadline(c, now + kLinger);
            watch(c.fd, id << 1, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_MOD);
            return;
        }
        c.phase = Phase::Reading;
        c.head.reset();
        c.continued = false;
        c.idle = c.in.empty();
        setDeadline(c, now + (c.idle ? limits.keepAliveIdle : limits.requestDeadline));
        watch(c.fd, id << 1, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_MOD);
        if (!c.idle) takeRequest(id, now);
    }

    // --- the routes' side ---
    void startRelays(Clock::time_point now) {
        while (withRoutes < kRequestsWithRoutesAtOnce && !queue.empty()) {
            const std::uint64_t id = queue.front();
            queue.pop_front();
            auto it = connections.find(id);
            if (it == connections.end() || it->second.phase != Phase::Queued) continue;
            Connection& c = it->second;
            c.routesFd = connectToRoutes(routesPort);
            if (c.routesFd < 0) {
                refuse(id, {503, "unavailable", "the centre could not take this request now; send it again"}, 1, now);
                continue;
            }
            ++withRoutes;
            c.phase = Phase::WithRoutes;
            c.sentToRoutes = 0;
            c.fromRoutes.clear();
            watch(c.routesFd, (id << 1) | 1, EPOLLOUT, EPOLL_CTL_ADD);
        }
    }
    void onRoutes(std::uint64_t id, std::uint32_t events, Clock::time_point now) {
        Connection& c = connections[id];
        if (c.sentToRoutes < c.toRoutes.size() && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
            const ssize_t n = ::send(c.routesFd, c.toRoutes.data() + c.sentToRoutes, c.toRoutes.size() - c.sentToRoutes, MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return routesFailed(id, now);
            if (n > 0) c.sentToRoutes += static_cast<std::size_t>(n);
            if (c.sentToRoutes == c.toRoutes.size()) {
                c.toRoutes.clear();
                c.toRoutes.shrink_to_fit();
                watch(c.routesFd, (id << 1) | 1, EPOLLIN, EPOLL_CTL_MOD);
            }
            return;
        }
        const ReadResult r = readAvailable(c.routesFd, c.fromRoutes, std::string::npos);
        if (r == ReadResult::More) return;
        if (r == ReadResult::Failed && c.fromRoutes.empty()) return routesFailed(id, now);
        ::close(c.routesFd);
        c.routesFd = -1;
        --withRoutes;
        bool keepAlive = c.head->keepAlive;
        std::optional<std::string> response = responseForClient(c.fromRoutes, keepAlive);
        c.fromRoutes.clear();
        if (!response) return routesFailed(id, now);
        respond(id, std::move(*response), !keepAlive, now);
        startRelays(now);
    }
    void routesFailed(std::uint64_t id, Clock::time_point now) {
        Connection& c = connections[id];
        if (c.routesFd >= 0) {
            ::close(c.routesFd);
            c.routesFd = -1;
            --withRoutes;
        }
        refuse(id, {502, "unavailable", "the centre failed to answer this request; send it again"}, 1, now);
        startRelays(now);
    }

    // --- deadlines ---
    void checkDeadlines(Clock::time_point now) {
        if (acceptPausedUntil != Clock::time_point{} && now >= acceptPausedUntil && !stopping) {
            acceptPausedUntil = {};
            watch(listening, kListening, EPOLLIN, EPOLL_CTL_MOD);
        }
        if (now < nextCheck) return;
        nextCheck = acceptPausedUntil == Clock::time_point{} ? Clock::time_point::max() : acceptPausedUntil;
        std::vector<std::uint64_t> due;
        for (auto& [id, c] : connections) {
            if (c.deadline <= now) due.push_back(id);
            else nextCheck = std::min(nextCheck, c.deadline);
        }
        for (std::uint64_t id : due) {
            Connection& c = connections[id];
            if (c.phase == Phase::Reading && !c.idle)
                refuse(id, {408, "too_slow", "the request did not arrive whole in time; send it again, all at once"}, 0, now);
            else
                drop(id);
        }
    }
    void beginStopping() {
        if (listening >= 0) {
            ::epoll_ctl(epoll, EPOLL_CTL_DEL, listening, nullptr);
            ::close(listening);
            listening = -1;
        }
        std::vector<std::uint64_t> waiting;
        for (auto& [id, c] : connections)
            if (c.phase == Phase::Reading || c.phase == Phase::Lingering) waiting.push_back(id);
            else c.closeAfter = true;
        for (std::uint64_t id : waiting) drop(id);
    }

    void loop() {
        std::vector<epoll_event> events(256);
        bool stopSeen = false;
        while (!(stopSeen && connections.empty())) {
            const Clock::time_point now = Clock::now();
            const auto wait = nextCheck == Clock::time_point::max() ? -1
                              : std::max<long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(nextCheck - now).count() + 1);
            const int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), static_cast<int>(std::min<long>(wait, 1000)));
            const Clock::time_point after = Clock::now();
            for (int i = 0; i < std::max(n, 0); ++i) {
                const std::uint64_t tag = events[i].data.u64;
                if (tag == kWakeUp) {
                    std::uint64_t count = 0;
                    [[maybe_unused]] const ssize_t r = ::read(wakeUp, &count, sizeof count);
                    continue;
                }
                if (tag == kListening) { acceptAll(after); continue; }
                const std::uint64_t id = tag >> 1;
                auto it = connections.find(id);
                if (it == connections.end()) continue;
                if (tag & 1) { if (it->second.routesFd >= 0) onRoutes(id, events[i].events, after); continue; }
                Connection& c = it->second;
                if (c.phase == Phase::Writing && (events[i].events & EPOLLOUT)) writeClient(id, after);
                else if (c.phase == Phase::Reading || c.phase == Phase::Lingering) readClient(id, after);
                else if (events[i].events & (EPOLLERR | EPOLLHUP)) drop(id);  // gone while the routes answer
            }
            if (stopping && !stopSeen) {
                stopSeen = true;
                beginStopping();
            }
            checkDeadlines(after);
        }
    }
};

FrontDoor::FrontDoor(FrontDoorLimits limits, int routesPort, std::string secret)
    : impl_(std::make_unique<Impl>(std::move(limits), routesPort, std::move(secret))) {}

FrontDoor::~FrontDoor() = default;

std::optional<int> FrontDoor::bind(const std::string& host, int port, std::string& why) {
    const std::optional<int> bound = listenOn(host, port, impl_->listening, why);
    if (bound) impl_->watch(impl_->listening, kListening, EPOLLIN, EPOLL_CTL_ADD);
    return bound;
}

std::size_t FrontDoor::maxConnections() const { return impl_->maxOpen; }

void FrontDoor::run() { impl_->loop(); }

void FrontDoor::stop() {
    impl_->stopping = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(impl_->wakeUp, &one, sizeof one);
}

}  // namespace pinpoint::centre
