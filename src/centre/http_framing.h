#pragma once
// What the centre's front door (front_door.h) needs to know about HTTP/1.1 messages: where a request
// ends (its head, then a Content-Length body), what to refuse before it reaches the routes, the
// request as it is handed on to the routes, and the routes' response as it goes back to the client.
// Pure functions over bytes, no sockets: tests/centre/http_framing_test.cpp.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pinpoint::centre {

struct FramingLimits {
    std::size_t maxHeadBytes = 16 * 1024;  // request line and headers; above it 431
    std::size_t maxBodyBytes = 4u << 20;   // Content-Length above it: 413
};

// The request whose head has arrived (the body may not have yet).
struct RequestHead {
    std::size_t headBytes = 0;  // through the blank line
    std::size_t bodyBytes = 0;  // Content-Length (0 without one)
    bool keepAlive = true;      // HTTP/1.1 without "Connection: close"
    bool expectsContinue = false;
};

// Why a request is answered by the front door itself, with the status it gets.
struct Refusal {
    int status = 400;
    std::string error;    // as the routes' errors: "bad_request", "too_large", ...
    std::string message;  // for a person
};

// Reads what has arrived of a request: its head once complete, nothing yet (std::nullopt, and
// `refusal` untouched) while it is still arriving, or a refusal when it cannot be served.
std::optional<RequestHead> readRequestHead(std::string_view received, const FramingLimits& limits,
                                           std::optional<Refusal>& refusal);

// The request as handed to the routes: the same request line, headers and body, without hop-by-hop
// headers (Connection, Keep-Alive, Expect) or any front-door header the client sent, plus
// "Connection: close" and the front door's own headers naming its secret and the client's address.
std::string handedOnRequest(std::string_view request, const RequestHead& head, const std::string& secret,
                            const std::string& clientAddress);
inline constexpr const char* kFrontDoorSecretHeader = "X-Pinpoint-Front-Door";
inline constexpr const char* kClientAddressHeader = "X-Pinpoint-Client-Address";

// The routes' whole response (read to its end) made ready for the client: its Connection header set
// for `keepAlive`. False in `keepAlive` when the connection must close after it (the response has no
// length of its own). nullopt when it is not an HTTP response.
std::optional<std::string> responseForClient(const std::string& response, bool& keepAlive);

// A complete JSON error response the front door sends itself, closing the connection.
std::string refusalResponse(const Refusal& refusal, int retryAfterSeconds = 0);

}  // namespace pinpoint::centre
