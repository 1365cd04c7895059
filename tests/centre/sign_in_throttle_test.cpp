// The password-guessing throttle's rules on an injected clock (no waiting, no wall clock).
#include "centre/sign_in_throttle.h"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

using namespace pinpoint::centre;
using namespace std::chrono_literals;
using Clock = SignInThrottle::Clock;

namespace {

const Clock::time_point t0 = Clock::time_point() + 1000h;

// n wrong passwords for `login` from `address` at `now`; how many were checked.
int guess(SignInThrottle& t, const std::string& login, const std::string& address, int n, Clock::time_point now) {
    int checked = 0;
    for (int i = 0; i < n; ++i) checked += t.reserve(login, address, now).allowed;
    return checked;
}

}  // namespace

TEST_CASE("sign-ins: five wrong passwords for a login, then waits that double up to the limit") {
    SignInThrottle t;
    CHECK(guess(t, "asha", "10.0.0.9", 5, t0) == 5);
    const SignInThrottle::Reservation sixth = t.reserve("asha", "10.0.0.9", t0);
    CHECK_FALSE(sixth.allowed);
    CHECK(sixth.retryAfter == 30s);
    CHECK(t.reserve("asha", "10.0.0.9", t0 + 29s).allowed == false);
    CHECK(t.reserve("asha", "10.0.0.9", t0 + 30s).allowed);     // the sixth check, then 60 s
    CHECK(t.reserve("asha", "10.0.0.9", t0 + 89s).allowed == false);
    CHECK(t.reserve("asha", "10.0.0.9", t0 + 90s).allowed);     // the seventh, then 120 s
    CHECK(t.reserve("asha", "10.0.0.9", t0 + 90s + 119s).retryAfter == 1s);
    // Doubling stops at 15 minutes.
    Clock::time_point now = t0 + 90s + 120s;
    for (int i = 0; i < 10; ++i) {
        const auto r = t.reserve("asha", "10.0.0.9", now);
        REQUIRE(r.allowed);
        const auto next = t.reserve("asha", "10.0.0.9", now);
        CHECK(next.retryAfter <= 15min);
        now += next.retryAfter;
    }
    CHECK(t.reserve("asha", "10.0.0.9", now).allowed);
    CHECK(t.reserve("asha", "10.0.0.9", now).retryAfter == 15min);
    // An hour without a failure forgets them.
    CHECK(guess(t, "asha", "10.0.0.9", 5, now + 61min) == 5);
}

TEST_CASE("sign-ins: checks sent together are counted before they run - at most five of 120 get checked") {
    SignInThrottle t;
    std::vector<std::thread> senders;
    std::atomic<int> checked{0};
    for (int i = 0; i < 120; ++i)
        senders.emplace_back([&] { checked += t.reserve("admin", "192.0.2.7", t0).allowed; });
    for (std::thread& s : senders) s.join();
    CHECK(checked == 5);
}

TEST_CASE("sign-ins: someone guessing at a login never locks out its right password from another address") {
    SignInThrottle t;
    guess(t, "admin", "198.51.100.1", 5, t0);
    guess(t, "admin", "198.51.100.2", 1, t0);  // a second guessing address
    CHECK_FALSE(t.reserve("admin", "198.51.100.1", t0 + 1s).allowed);  // the guessers wait for the login
    CHECK_FALSE(t.reserve("admin", "198.51.100.2", t0 + 1s).allowed);
    const SignInThrottle::Reservation own = t.reserve("admin", "203.0.113.5", t0 + 1s);  // the administrator's desk
    REQUIRE(own.allowed);
    t.giveBack(own);  // the right password: nothing counted against the desk or the login
    const SignInThrottle::Reservation again = t.reserve("admin", "203.0.113.5", t0 + 2s);
    CHECK(again.allowed);
    t.giveBack(again);
    // A mistyped password from the desk makes it a failing address: it then waits like the others.
    CHECK(t.reserve("admin", "203.0.113.5", t0 + 3s).allowed);
    CHECK_FALSE(t.reserve("admin", "203.0.113.5", t0 + 4s).allowed);
}

TEST_CASE("sign-ins: an address guessing many logins waits after twenty failures, whatever the logins") {
    SignInThrottle t;
    for (int i = 0; i < 20; ++i) CHECK(t.reserve("made-up-" + std::to_string(i), "192.0.2.50", t0).allowed);
    const SignInThrottle::Reservation next = t.reserve("anna", "192.0.2.50", t0);
    CHECK_FALSE(next.allowed);
    CHECK(next.retryAfter == 30s);
    CHECK(t.reserve("anna", "192.0.2.51", t0).allowed);  // another address is not held up
}

TEST_CASE("sign-ins: a right password gives its reservation back - people who type well are never slowed") {
    SignInThrottle t;
    for (int i = 0; i < 50; ++i) {
        const SignInThrottle::Reservation r = t.reserve("ida", "10.1.1.1", t0 + std::chrono::seconds(i));
        REQUIRE(r.allowed);
        t.giveBack(r);
    }
    CHECK(t.beingGuessed(t0 + 60s).empty());
    // Four wrong, then right: still allowed, and the wrong ones still count.
    CHECK(guess(t, "ida", "10.1.1.1", 4, t0 + 100s) == 4);
    const SignInThrottle::Reservation right = t.reserve("ida", "10.1.1.1", t0 + 101s);
    REQUIRE(right.allowed);
    t.giveBack(right);
    CHECK(t.reserve("ida", "10.1.1.1", t0 + 102s).allowed);  // the fifth failure
    CHECK_FALSE(t.reserve("ida", "10.1.1.1", t0 + 103s).allowed);
}

TEST_CASE("sign-ins: administrators see the logins being guessed, most failures first") {
    SignInThrottle t;
    guess(t, "asha", "198.51.100.1", 5, t0);
    guess(t, "asha", "198.51.100.2", 1, t0);   // checked: this address had not failed, so the login's wait does not hold it
    guess(t, "admin", "198.51.100.3", 3, t0);
    guess(t, "admin", "198.51.100.4", 3, t0 + 10s);  // two checked; the third waits for the login
    guess(t, "ben", "198.51.100.5", 2, t0);    // within what a person may mistype: not shown
    const std::vector<SignInThrottle::Guessed> g = t.beingGuessed(t0 + 20s);
    REQUIRE(g.size() == 2);
    CHECK(g[0].login == "asha");
    CHECK(g[0].failures == 6);
    CHECK(g[0].addresses == 2);
    CHECK(g[0].sinceLastFailure == 20s);
    CHECK(g[1].login == "admin");
    CHECK(g[1].failures == 5);
    CHECK(g[1].addresses == 2);
    CHECK(g[1].sinceLastFailure == 10s);
    CHECK(g[1].waitLeft == 20s);
    CHECK(t.beingGuessed(t0 + 2h).empty());
}

TEST_CASE("sign-ins: the tables stay bounded under a flood of made-up logins and addresses") {
    SignInRules rules;
    rules.maxEntries = 100;
    SignInThrottle t(rules);
    for (int i = 0; i < 1000; ++i) t.reserve("login-" + std::to_string(i), "addr-" + std::to_string(i), t0 + std::chrono::seconds(i));
    // The newest are still counted: a guesser cannot push its own failures out by flooding.
    CHECK(guess(t, "login-999", "addr-999", 10, t0 + 1000s) == 4);
}
