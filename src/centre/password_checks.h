#pragma once
// Password checks for the web form and the people's API alike. Argon2id takes 64 MiB and a good part
// of a second a check, so only a few run at once and the rest wait their turn. A login nobody has is
// checked against a hash of a password nobody knows, the same work as a wrong password, so neither the
// answer nor its time tells which logins exist.
#include "centre/people.h"
#include "centre/store.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace pinpoint::centre {

class PasswordChecks {
public:
    // Whether `password` is the one `hash` was made from (people.h's passwordMatches; tests count calls).
    using Verify = std::function<bool(const std::string& hash, std::string_view password)>;
    static constexpr int kAtOnce = 4;

    // Without `unknownLoginHash`, makes the hash unknown logins are checked against: one Argon2id hash
    // of random bytes, at start rather than at the first sign-in.
    explicit PasswordChecks(int atOnce = kAtOnce, Verify verify = passwordMatches,
                            std::optional<std::string> unknownLoginHash = std::nullopt);

    // True only for a person whose password this is; a hash is checked in every case.
    bool matches(const std::optional<Person>& person, std::string_view password);

private:
    int atOnce_;
    Verify verify_;
    std::string unknown_;
    std::mutex mutex_;
    std::condition_variable free_;
    int running_ = 0;
};

}  // namespace pinpoint::centre
