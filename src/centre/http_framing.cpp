#include "centre/http_framing.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

namespace pinpoint::centre {

namespace {

bool sameName(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

bool isTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Where the head ends (after its blank line), or npos. Lines end in CRLF or a bare LF.
std::size_t headEnd(std::string_view bytes) {
    for (std::size_t at = bytes.find('\n'); at != std::string_view::npos; at = bytes.find('\n', at + 1)) {
        if (at + 1 < bytes.size() && bytes[at + 1] == '\n') return at + 2;
        if (at + 2 < bytes.size() && bytes[at + 1] == '\r' && bytes[at + 2] == '\n') return at + 3;
    }
    return std::string_view::npos;
}

struct Header {
    std::string_view name, value, line;
};

// The head's lines (without their line ends): the first line, then its headers; false when a line is
// not a header (no name, no colon, or an obsolete folded line).
bool splitHead(std::string_view head, std::string_view& firstLine, std::vector<Header>& headers) {
    bool first = true;
    while (!head.empty()) {
        const std::size_t end = head.find('\n');
        std::string_view line = head.substr(0, end);
        head.remove_prefix(end == std::string_view::npos ? head.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;
        if (first) {
            firstLine = line;
            first = false;
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos) return false;
        const std::string_view name = line.substr(0, colon);
        if (!std::all_of(name.begin(), name.end(), isTokenChar)) return false;
        headers.push_back({name, trimmed(line.substr(colon + 1)), line});
    }
    return !first;
}

bool hasToken(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        if (sameName(trimmed(list.substr(0, comma)), token)) return true;
        list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
    }
    return false;
}

Refusal refusal(int status, std::string error, std::string message) { return {status, std::move(error), std::move(message)}; }

// The request line "METHOD TARGET HTTP/1.x": its version's minor number, or -1.
int requestLineVersion(std::string_view line) {
    const std::size_t space1 = line.find(' '), space2 = line.rfind(' ');
    if (space1 == 0 || space1 == std::string_view::npos || space2 == space1 || space2 == space1 + 1) return -1;
    if (!std::all_of(line.begin(), line.begin() + space1, isTokenChar)) return -1;
    const std::string_view version = line.substr(space2 + 1);
    if (version == "HTTP/1.1") return 1;
    if (version == "HTTP/1.0") return 0;
    return -1;
}

}  // namespace

std::optional<RequestHead> readRequestHead(std::string_view received, const FramingLimits& limits,
                                           std::optional<Refusal>& refused) {
    const std::size_t end = headEnd(received);
    if (end == std::string_view::npos ? received.size() > limits.maxHeadBytes : end > limits.maxHeadBytes) {
        refused = refusal(431, "headers_too_large", "the request's headers are larger than the centre accepts");
        return std::nullopt;
    }
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view firstLine;
    std::vector<Header> headers;
    const int minor = splitHead(received.substr(0, end), firstLine, headers) ? requestLineVersion(firstLine) : -1;
    if (minor < 0) {
        refused = refusal(400, "bad_request", "the request could not be read (not HTTP/1.1)");
        return std::nullopt;
    }
    RequestHead head;
    head.headBytes = end;
    head.keepAlive = minor == 1;
    std::optional<std::size_t> length;
    for (const Header& h : headers) {
        if (sameName(h.name, "Transfer-Encoding")) {
            refused = refusal(411, "length_required", "send the request's body with a Content-Length, not in chunks");
            return std::nullopt;
        }
        if (sameName(h.name, "Connection")) {
            if (hasToken(h.value, "close")) head.keepAlive = false;
            if (minor == 0 && hasToken(h.value, "keep-alive")) head.keepAlive = true;
        } else if (sameName(h.name, "Expect")) {
            head.expectsContinue = sameName(h.value, "100-continue");
        } else if (sameName(h.name, "Content-Length")) {
            const bool digits = !h.value.empty() && h.value.size() <= 18 &&
                                std::all_of(h.value.begin(), h.value.end(), [](char c) { return c >= '0' && c <= '9'; });
            const std::size_t value = digits ? std::stoull(std::string(h.value)) : 0;
            if (!digits || (length && *length != value)) {
                refused = refusal(400, "bad_request", "the request's Content-Length could not be read");
                return std::nullopt;
            }
            length = value;
        }
    }
    head.bodyBytes = length.value_or(0);
    if (head.bodyBytes > limits.maxBodyBytes) {
        refused = refusal(413, "too_large", "the request body is larger than the centre accepts");
        return std::nullopt;
    }
    return head;
}

std::string handedOnRequest(std::string_view request, const RequestHead& head, const std::string& secret,
                            const std::string& clientAddress) {
    std::string_view firstLine;
    std::vector<Header> headers;
    splitHead(request.substr(0, head.headBytes), firstLine, headers);
    std::vector<std::string_view> hopByHop = {"Connection", "Keep-Alive", "Expect", "Proxy-Connection", "TE", "Upgrade",
                                              kFrontDoorSecretHeader, kClientAddressHeader};
    std::string out;
    out.reserve(head.headBytes + head.bodyBytes + secret.size() + 128);
    out.append(firstLine).append("\r\n");
    for (const Header& h : headers) {
        const bool dropped = std::any_of(hopByHop.begin(), hopByHop.end(), [&](std::string_view n) { return sameName(h.name, n); });
        if (!dropped) out.append(h.line).append("\r\n");
    }
    out.append("Connection: close\r\n");
    out.append(kFrontDoorSecretHeader).append(": ").append(secret).append("\r\n");
    out.append(kClientAddressHeader).append(": ").append(clientAddress).append("\r\n\r\n");
    out.append(request.substr(head.headBytes, head.bodyBytes));
    return out;
}

std::optional<std::string> responseForClient(const std::string& response, bool& keepAlive) {
    const std::size_t end = headEnd(response);
    std::string_view statusLine;
    std::vector<Header> headers;
    if (end == std::string_view::npos || !splitHead(std::string_view(response).substr(0, end), statusLine, headers) ||
        statusLine.size() < 12 || statusLine.substr(0, 7) != "HTTP/1.")
        return std::nullopt;
    const int status = std::atoi(std::string(statusLine.substr(9, 3)).c_str());
    const std::size_t bodyBytes = response.size() - end;
    bool framed = status < 200 || status == 204 || status == 304;
    std::string out;
    out.reserve(response.size() + 32);
    out.append(statusLine).append("\r\n");
    for (const Header& h : headers) {
        if (sameName(h.name, "Connection") || sameName(h.name, "Keep-Alive")) continue;
        if (sameName(h.name, "Transfer-Encoding") && hasToken(h.value, "chunked")) framed = true;
        if (sameName(h.name, "Content-Length") && h.value == std::to_string(bodyBytes)) framed = true;
        out.append(h.line).append("\r\n");
    }
    keepAlive = keepAlive && framed;
    out.append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
    out.append(response, end, std::string::npos);
    return out;
}

std::string refusalResponse(const Refusal& r, int retryAfterSeconds) {
    static const std::pair<int, const char*> reasons[] = {
        {400, "Bad Request"},       {408, "Request Timeout"},     {411, "Length Required"},
        {413, "Payload Too Large"}, {429, "Too Many Requests"},   {431, "Request Header Fields Too Large"},
        {502, "Bad Gateway"},       {503, "Service Unavailable"}};
    const char* reason = "Error";
    for (const auto& [code, text] : reasons)
        if (code == r.status) reason = text;
    const std::string body = nlohmann::json{{"error", r.error}, {"message", r.message}}.dump() + "\n";
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason + "\r\nContent-Type: application/json\r\n";
    if (retryAfterSeconds > 0) out += "Retry-After: " + std::to_string(retryAfterSeconds) + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return out;
}

}  // namespace pinpoint::centre
