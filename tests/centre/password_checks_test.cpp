// The centre's password checks (src/centre/password_checks.h), with a verify function that counts
// what it is asked: no Argon2id, no clock.
#include "centre/password_checks.h"

#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace pinpoint::centre;

namespace {

Person personWithHash(const std::string& login, const std::string& hash) {
    Person p;
    p.login = login;
    p.passwordHash = hash;
    return p;
}

}  // namespace

TEST_CASE("a login nobody has costs a password check, as a wrong password does, and never matches") {
    std::vector<std::string> hashesChecked;
    PasswordChecks checks(4, [&](const std::string& hash, std::string_view password) {
        hashesChecked.push_back(hash);
        return hash == "hash-of-right" && password == "right";
    }, "hash-nobody-knows");

    CHECK(checks.matches(personWithHash("anna", "hash-of-right"), "right"));
    CHECK_FALSE(checks.matches(personWithHash("anna", "hash-of-right"), "wrong"));
    CHECK_FALSE(checks.matches(std::nullopt, "wrong"));
    // Even a verify that would accept the unknown-login hash gives no login to a person who does not exist.
    PasswordChecks accepting(4, [](const std::string&, std::string_view) { return true; }, "hash-nobody-knows");
    CHECK_FALSE(accepting.matches(std::nullopt, "anything"));

    CHECK(hashesChecked == std::vector<std::string>{"hash-of-right", "hash-of-right", "hash-nobody-knows"});
}

TEST_CASE("the hash unknown logins are checked against is a real Argon2id hash, as costly as a person's") {
    std::string checked;
    PasswordChecks checks(4, [&](const std::string& hash, std::string_view password) {
        checked = hash;
        return passwordMatches(hash, password);
    });  // the unknown-login hash made as at the centre's start
    CHECK_FALSE(checks.matches(std::nullopt, "a password somebody might try"));
    CHECK(checked.rfind("$argon2id$", 0) == 0);
    const Result<std::string> persons = hashPassword("a password of ten or more");
    REQUIRE(persons);
    // The same algorithm and cost (what comes before the salt), so the same work per check.
    const auto costOf = [](const std::string& h) { return h.substr(0, h.find("$", h.find("$p=") + 1)); };
    CHECK(costOf(checked) == costOf(*persons));
    CHECK_FALSE(passwordMatches(checked, ""));
}

TEST_CASE("no more password checks run at once than allowed, the others wait their turn, and all are answered") {
    std::mutex m;
    std::condition_variable cv;
    int inside = 0, most = 0, finished = 0;
    bool open = false;
    PasswordChecks checks(2, [&](const std::string&, std::string_view) {
        std::unique_lock lock(m);
        most = std::max(most, ++inside);
        cv.notify_all();
        cv.wait(lock, [&] { return open; });  // held until the test has seen the gate full
        --inside;
        return false;
    }, "unknown");
    std::vector<std::thread> guessers;
    for (int i = 0; i < 6; ++i)
        guessers.emplace_back([&] {
            checks.matches(std::nullopt, "guess");
            std::lock_guard lock(m);
            ++finished;
            cv.notify_all();
        });
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return inside == 2; });
        CHECK(finished == 0);  // two are checking, four wait at the gate: none answered yet
        open = true;
        cv.notify_all();
        cv.wait(lock, [&] { return finished == 6; });
    }
    for (std::thread& t : guessers) t.join();
    CHECK(most == 2);
}
