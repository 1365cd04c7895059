#include "centre/password_checks.h"

#include "centre/people.h"
#include "core/session/session_signing.h"

#include <sodium.h>

#include <array>

namespace pinpoint::centre {

namespace {

std::string hashOfAPasswordNobodyKnows() {
    std::array<unsigned char, 24> random{};
    randombytes_buf(random.data(), random.size());
    // A 48-character password is never refused for its length; should hashing fail all the same, an
    // empty hash still costs a verify call and matches nothing.
    Result<std::string> hash = hashPassword(core::toHex(random));
    return hash ? *hash : std::string();
}

}  // namespace

PasswordChecks::PasswordChecks(int atOnce, Verify verify, std::optional<std::string> unknownLoginHash)
    : atOnce_(atOnce), verify_(std::move(verify)),
      unknown_(unknownLoginHash ? std::move(*unknownLoginHash) : hashOfAPasswordNobodyKnows()) {}

bool PasswordChecks::matches(const std::optional<Person>& person, std::string_view password) {
    const std::string& hash = person ? person->passwordHash : unknown_;
    {
        std::unique_lock lock(mutex_);
        free_.wait(lock, [&] { return running_ < atOnce_; });
        ++running_;
    }
    const bool matches = verify_(hash, password);
    {
        std::lock_guard lock(mutex_);
        --running_;
    }
    free_.notify_one();
    return matches && person.has_value();
}

}  // namespace pinpoint::centre
