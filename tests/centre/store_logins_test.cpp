// People's logins to the web dashboard (schema version 2): kept by the hash of their token, ended by
// idleness, age, logging out or a new password.
#include "store_test_support.h"

using namespace store_test;

namespace {

Person someone(const std::string& login, Role role = Role::Trainee) {
    Person p;
    p.login = login;
    p.displayName = login;
    p.role = role;
    p.passwordHash = "$argon2id$not-checked-by-the-store";
    p.cohort = "spring";
    return p;
}

constexpr UnixMillis kHour = 3600 * 1000;

}  // namespace

TEST_CASE("a web login: found by its token at once, kept only as a hash, with its own CSRF token") {
    TestDatabase database;
    auto store = database.open();
    CHECK(require(store->schemaVersion()) >= 2);
    const Person anna = require(store->addPerson(someone("anna")));
    const Person ben = require(store->addPerson(someone("ben", Role::Assessor)));
    const UnixMillis t0 = 1'800'000'000'000;
    const NewWebLogin a = require(store->startWebLogin(anna.id, t0));
    const NewWebLogin b = require(store->startWebLogin(ben.id, t0));
    CHECK(a.token.size() == 64);
    CHECK(a.csrf.size() == 64);
    CHECK(a.token != b.token);
    CHECK(a.csrf != a.token);
    CHECK(a.csrf != b.csrf);

    const auto found = require(store->webLogin(a.token, t0 + 1000, {}));
    REQUIRE(found);
    CHECK(found->person.login == "anna");
    CHECK(found->person.role == Role::Trainee);
    CHECK(found->csrf == a.csrf);
    CHECK(found->created == t0);
    CHECK(require(store->webLogin(b.token, t0, {}))->person.login == "ben");
    // A token differing in one digit, a short one, an empty one: nobody.
    std::string changed = a.token;
    changed[10] = changed[10] == '0' ? '1' : '0';
    CHECK_FALSE(require(store->webLogin(changed, t0, {})).has_value());
    CHECK_FALSE(require(store->webLogin(a.token.substr(1), t0, {})).has_value());
    CHECK_FALSE(require(store->webLogin("", t0, {})).has_value());
    CHECK(store->startWebLogin(999, t0).error().problem == Problem::NotFound);

    auto raw = database.raw();
    for (const sql::Row& row : require(raw->query("SELECT token_hash FROM web_logins")))
        CHECK((sql::text(row[0]) != a.token && sql::text(row[0]) != b.token && sql::text(row[0]).size() == 64));
}

TEST_CASE("a web login ends when idle too long, when too old however busy, and on logging out") {
    TestDatabase database;
    auto store = database.open();
    const Person anna = require(store->addPerson(someone("anna")));
    const UnixMillis t0 = 1'800'000'000'000;
    const WebLoginLimits limits{12 * kHour, 48 * kHour};

    const NewWebLogin idle = require(store->startWebLogin(anna.id, t0));
    CHECK(require(store->webLogin(idle.token, t0 + 11 * kHour, limits)).has_value());  // seen: the idle clock restarts
    CHECK(require(store->webLogin(idle.token, t0 + 22 * kHour, limits)).has_value());
    CHECK_FALSE(require(store->webLogin(idle.token, t0 + 34 * kHour + 1, limits)).has_value());
    CHECK_FALSE(require(store->webLogin(idle.token, t0 + 22 * kHour, limits)).has_value());  // removed, not just refused

    const NewWebLogin busy = require(store->startWebLogin(anna.id, t0));
    for (UnixMillis t = t0; t <= t0 + 48 * kHour; t += 6 * kHour) CHECK(require(store->webLogin(busy.token, t, limits)).has_value());
    CHECK_FALSE(require(store->webLogin(busy.token, t0 + 48 * kHour + 1, limits)).has_value());

    const NewWebLogin out = require(store->startWebLogin(anna.id, t0));
    const NewWebLogin other = require(store->startWebLogin(anna.id, t0));
    require(store->endWebLogin(out.token));
    require(store->endWebLogin(out.token));  // again: no change
    CHECK_FALSE(require(store->webLogin(out.token, t0, limits)).has_value());
    CHECK(require(store->webLogin(other.token, t0, limits)).has_value());  // her other browser stays logged in
}

TEST_CASE("a new password replaces the hash and logs the person out everywhere, and only them") {
    TestDatabase database;
    auto store = database.open();
    const Person anna = require(store->addPerson(someone("anna")));
    const Person ben = require(store->addPerson(someone("ben")));
    const UnixMillis t0 = 1'800'000'000'000;
    const NewWebLogin a1 = require(store->startWebLogin(anna.id, t0));
    const NewWebLogin a2 = require(store->startWebLogin(anna.id, t0));
    const NewWebLogin b = require(store->startWebLogin(ben.id, t0));
    require(store->setPassword("anna", "$argon2id$new"));
    CHECK(require(store->findPerson("anna"))->passwordHash == "$argon2id$new");
    CHECK(require(store->findPerson("ben"))->passwordHash == "$argon2id$not-checked-by-the-store");
    CHECK_FALSE(require(store->webLogin(a1.token, t0, {})).has_value());
    CHECK_FALSE(require(store->webLogin(a2.token, t0, {})).has_value());
    CHECK(require(store->webLogin(b.token, t0, {})).has_value());
    CHECK(store->setPassword("nobody", "$argon2id$x").error().problem == Problem::NotFound);
    CHECK(store->setPassword("anna", "").error().problem == Problem::BadInput);
}
