#pragma once
// Raw HTTP/1.1 over a socket for the centre's server tests: a connection from a loopback address of the
// test's choosing (127.0.0.2 is this machine too, and another client address), bytes sent as given, the
// answer read until the other side closes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace centre_test {

constexpr int kHangGuardMs = 20'000;  // not a speed target: only so that a hang fails instead of waiting forever

// A blocking connection from `from` (a loopback address) to the centre's port; -1 when refused.
inline int connectFrom(const std::string& from, int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in local{}, centre{};
    local.sin_family = centre.sin_family = AF_INET;
    ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    ::inet_pton(AF_INET, "127.0.0.1", &centre.sin_addr);
    centre.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&centre), sizeof centre) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

inline void sendAll(int fd, const std::string& bytes) {
    for (std::size_t sent = 0; sent < bytes.size();) {
        const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

// Everything the centre sends until it closes the connection (or the hang guard runs out: `closed` false).
inline std::string readUntilClosed(int fd, bool& closed) {
    std::string got;
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::milliseconds(kHangGuardMs);
    closed = false;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(giveUp - std::chrono::steady_clock::now()).count();
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return got;
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            closed = true;
            return got;
        }
        got.append(buffer, static_cast<std::size_t>(n));
    }
}

// The status of a response ("HTTP/1.1 200 OK..." gives 200), 0 when it is not one.
inline int statusOf(const std::string& response) {
    return response.rfind("HTTP/1.1 ", 0) == 0 && response.size() >= 12 ? std::stoi(response.substr(9, 3)) : 0;
}

}  // namespace centre_test
