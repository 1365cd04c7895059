#pragma once
// Password guessing, slowed down where it happens and counted before it happens (the web form and the
// API share one throttle). Every password check is reserved before it runs: the reservation counts as
// a failure of the login and of the address at once, so checks sent together cannot race past the
// limit, and a right password gives its reservation back. After `freeFailures` failures a login, or
// an address, must wait before its next check: `firstDelay`, doubling with each further failure up to
// `maxDelay`; failures are forgotten after `forgetAfter` without one.
//
// A login's wait holds only addresses that have failed themselves lately (on any login): the person
// typing the right password from elsewhere is never locked out by someone guessing at their login,
// while a guesser's addresses are slowed down both by their own failures and by the login's. The
// clock is the caller's (`now`), so the rules are tested without waiting. Thread-safe; the tables are
// bounded (the oldest quiet entries go first).
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pinpoint::centre {

struct SignInRules {
    int freeFailures = 5;                                    // per login
    int freeAddressFailures = 20;                            // per address (many people share an office's address)
    std::chrono::seconds firstDelay{30};
    std::chrono::seconds maxDelay{15 * 60};
    std::chrono::seconds forgetAfter{60 * 60};
    std::size_t maxEntries = 20000;
};

class SignInThrottle {
public:
    using Clock = std::chrono::steady_clock;
    explicit SignInThrottle(SignInRules rules = {}) : rules_(rules) {}

    struct Reservation {
        bool allowed = false;
        std::chrono::seconds retryAfter{0};  // when refused: how long to wait
        std::string login, address;          // what was reserved (for giveBack())
    };
    // Before a password check: refused (with how long to wait), or counted as a failure until
    // giveBack() returns it.
    Reservation reserve(const std::string& login, const std::string& address, Clock::time_point now);
    // The password was right (or the check never ran): the reservation is given back.
    void giveBack(const Reservation& r);

    // Logins with more failures than they are allowed lately, most failures first (for administrators).
    struct Guessed {
        std::string login;
        int failures = 0;
        std::size_t addresses = 0;                 // addresses that failed on it lately
        std::chrono::seconds sinceLastFailure{0};
        std::chrono::seconds waitLeft{0};          // until the next check a failing address may make
    };
    std::vector<Guessed> beingGuessed(Clock::time_point now) const;

private:
    struct Entry {
        int failures = 0;
        Clock::time_point last;      // of the last failure counted
        Clock::time_point nextAllowed;
        std::unordered_map<std::string, int> addresses;  // logins only: failures by address (bounded)
    };
    std::chrono::seconds delay(int failures, int free) const;
    Entry& entry(std::unordered_map<std::string, Entry>& table, const std::string& key, Clock::time_point now);
    void forgetQuiet(std::unordered_map<std::string, Entry>& table, Clock::time_point now);
    bool failingLately(const std::unordered_map<std::string, Entry>& table, const std::string& key, Clock::time_point now) const;

    SignInRules rules_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> logins_, addresses_;
};

}  // namespace pinpoint::centre
