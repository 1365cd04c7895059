// The front door's reading of HTTP/1.1 requests and responses (src/centre/http_framing.h), on bytes.
#include "centre/http_framing.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using namespace pinpoint::centre;

namespace {

struct Read {
    std::optional<RequestHead> head;
    std::optional<Refusal> refused;
};

Read readHead(const std::string& bytes, FramingLimits limits = {}) {
    Read r;
    r.head = readRequestHead(bytes, limits, r.refused);
    return r;
}

int refusedWith(const std::string& bytes, FramingLimits limits = {}) {
    const Read r = readHead(bytes, limits);
    REQUIRE_FALSE(r.head);
    return r.refused ? r.refused->status : 0;
}

}  // namespace

TEST_CASE("front door: a request's head is read once its blank line has come, with its body's length") {
    const std::string get = "GET /api/v1/health HTTP/1.1\r\nHost: centre\r\n\r\n";
    for (std::size_t cut = 0; cut < get.size(); ++cut) {  // byte by byte: nothing yet, and nothing refused
        const Read partial = readHead(get.substr(0, cut));
        CHECK_FALSE(partial.head);
        CHECK_FALSE(partial.refused);
    }
    const Read whole = readHead(get + "GET /next");
    REQUIRE(whole.head);
    CHECK(whole.head->headBytes == get.size());
    CHECK(whole.head->bodyBytes == 0);
    CHECK(whole.head->keepAlive);
    CHECK_FALSE(whole.head->expectsContinue);

    const Read post = readHead("POST /x HTTP/1.1\nContent-Length: 12\nexpect: 100-Continue\nconnection: Close\n\n{}");
    REQUIRE(post.head);  // bare line feeds too
    CHECK(post.head->bodyBytes == 12);
    CHECK(post.head->expectsContinue);
    CHECK_FALSE(post.head->keepAlive);
    const Read old = readHead("GET / HTTP/1.0\r\n\r\n");
    REQUIRE(old.head);
    CHECK_FALSE(old.head->keepAlive);
    const Read oldKept = readHead("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    REQUIRE(oldKept.head);
    CHECK(oldKept.head->keepAlive);
}

TEST_CASE("front door: what it cannot frame or will not take is refused with its status") {
    FramingLimits small;
    small.maxHeadBytes = 64;
    small.maxBodyBytes = 100;
    CHECK(refusedWith("GET / HTTP/1.1\r\nCookie: " + std::string(80, 'a'), small) == 431);  // still coming, already too long
    CHECK(refusedWith("GET / HTTP/1.1\r\nCookie: " + std::string(60, 'a') + "\r\n\r\n", small) == 431);
    CHECK(refusedWith("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", small) == 413);
    CHECK(readHead("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n", small).head);
    CHECK(refusedWith("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == 411);
    CHECK(refusedWith("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n") == 400);
    CHECK(refusedWith("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n") == 400);
    CHECK(refusedWith("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") == 400);
    CHECK(refusedWith("GET / HTTP/2.0\r\n\r\n") == 400);
    CHECK(refusedWith("hello\r\n\r\n") == 400);
    CHECK(refusedWith("GET / HTTP/1.1\r\nno colon here\r\n\r\n") == 400);
    CHECK(refusedWith("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n") == 400);
    const Read refused = readHead("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    REQUIRE(refused.refused);
    const std::string response = refusalResponse(*refused.refused, 3);
    CHECK(response.rfind("HTTP/1.1 411 Length Required\r\n", 0) == 0);
    CHECK(response.find("Retry-After: 3\r\n") != std::string::npos);
    CHECK(response.find("Connection: close\r\n") != std::string::npos);
    CHECK(response.find(R"("error":"length_required")") != std::string::npos);
}

TEST_CASE("front door: the request handed to the routes carries the front door's secret and the client's address, "
          "never the client's own") {
    const std::string request = "POST /api/v1/x HTTP/1.1\r\nHost: centre\r\nConnection: keep-alive\r\n"
                                "x-pinpoint-client-address: 10.9.9.9\r\nX-Pinpoint-Front-Door: guessed\r\n"
                                "Expect: 100-continue\r\nContent-Length: 4\r\nX-Real-IP: 10.1.1.1\r\n\r\nbodyGET /next";
    std::optional<Refusal> refused;
    const std::optional<RequestHead> head = readRequestHead(request, {}, refused);
    REQUIRE(head);
    const std::string handed = handedOnRequest(request, *head, "s3cret", "127.0.0.2");
    CHECK(handed == "POST /api/v1/x HTTP/1.1\r\nHost: centre\r\nContent-Length: 4\r\nX-Real-IP: 10.1.1.1\r\n"
                    "Connection: close\r\nX-Pinpoint-Front-Door: s3cret\r\nX-Pinpoint-Client-Address: 127.0.0.2\r\n\r\nbody");
}

TEST_CASE("front door: the routes' response goes back kept alive when it has a length of its own") {
    const std::string framed = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";
    bool keepAlive = true;
    std::optional<std::string> out = responseForClient(framed, keepAlive);
    REQUIRE(out);
    CHECK(keepAlive);
    CHECK(*out == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\n\r\nok");
    keepAlive = false;  // the client asked to close
    out = responseForClient(framed, keepAlive);
    REQUIRE(out);
    CHECK(out->find("Connection: close\r\n\r\nok") != std::string::npos);
    keepAlive = true;  // no length: the end of the body is the end of the connection
    out = responseForClient("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nstreamed", keepAlive);
    REQUIRE(out);
    CHECK_FALSE(keepAlive);
    keepAlive = true;  // a length that does not match what came: closed too
    CHECK(responseForClient("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", keepAlive));
    CHECK_FALSE(keepAlive);
    keepAlive = true;
    CHECK_FALSE(responseForClient("not http", keepAlive));
    CHECK_FALSE(responseForClient("", keepAlive));
}
