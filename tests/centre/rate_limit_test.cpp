// The per-token rate limit on its own, on a clock the test moves.
#include "centre/rate_limit.h"

#include <doctest/doctest.h>

using pinpoint::centre::RateLimit;
using namespace std::chrono_literals;

TEST_CASE("rate limit: a burst at once, then the rate, each token on its own, the table bounded") {
    RateLimit limit(2.0, 4.0, 3);
    const RateLimit::Clock::time_point t0{};
    for (int i = 0; i < 4; ++i) CHECK(limit.allow("a", t0));
    CHECK_FALSE(limit.allow("a", t0));
    CHECK(limit.allow("b", t0));            // another token has its own bucket
    CHECK_FALSE(limit.allow("a", t0 + 400ms));  // 0.8 of a request earned
    CHECK(limit.allow("a", t0 + 500ms));        // one earned
    CHECK_FALSE(limit.allow("a", t0 + 500ms));
    CHECK(limit.allow("a", t0 + 1500ms));
    // Idle for long enough, a token is back to a full burst, never more.
    for (int i = 0; i < 4; ++i) CHECK(limit.allow("a", t0 + 60s));
    CHECK_FALSE(limit.allow("a", t0 + 60s));
    // Made-up tokens fill the table (3 here) and then are refused: a busy token keeps its bucket.
    CHECK(limit.allow("x", t0 + 60s));
    CHECK(limit.allow("y", t0 + 60s));  // "b" refilled long ago: forgotten to make room
    CHECK_FALSE(limit.allow("z", t0 + 60s));  // "a", "x", "y" all busy
    CHECK_FALSE(limit.allow("a", t0 + 60s));  // still empty: not reset
    // Once a bucket has refilled, a newcomer gets its place.
    CHECK(limit.allow("z", t0 + 63s));
}

TEST_CASE("rate limit: asking whether a token is spent counts nothing") {
    RateLimit limit(1.0, 2.0, 2);
    const RateLimit::Clock::time_point t0{};
    for (int i = 0; i < 10; ++i) CHECK_FALSE(limit.spent("a", t0));  // asked often, never counted
    CHECK(limit.allow("a", t0));
    CHECK_FALSE(limit.spent("a", t0));
    CHECK(limit.allow("a", t0));
    CHECK(limit.spent("a", t0));
    CHECK_FALSE(limit.spent("a", t0 + 1s));  // one earned again
    CHECK(limit.allow("b", t0));
    CHECK(limit.spent("c", t0));  // the table is full of busy tokens: a newcomer would be refused
}
