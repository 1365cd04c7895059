#pragma once
// Helpers for the store tests. The same test cases run on either database, as the environment's
// PINPOINT_TEST_BACKEND says: "sqlite" (a file in a temporary folder; also when it is not set) or
// "postgresql:STATE" (a fresh database per test in the throw-away cluster scripts/test-postgres
// starts and names in the file STATE; PINPOINT_TEST_POSTGRES_URI, when set, names the server instead).
// Without a PostgreSQL server the PostgreSQL tests fail: they never pass by skipping.
#include "centre/sql_connection.h"
#include "centre/store.h"
#include "core/session/session_signing.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace store_test {

using namespace pinpoint::centre;
namespace core = pinpoint::core;

// "sqlite" or "postgresql", as Store::backend() names them.
std::string backendName();
inline bool isPostgres() { return backendName() == "postgresql"; }

// A new, empty database for one test, removed (SQLite) or left to the cluster's removal (PostgreSQL).
class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& where() const { return where_; }  // what openStore takes
    std::unique_ptr<Store> open() const;                 // openStore(where()), REQUIREd to work
    std::unique_ptr<sql::Connection> raw() const;        // a plain connection, to look behind the store
    // PostgreSQL only: the database stops taking connections and its open ones are ended (as when it
    // is down), or takes them again.
    void refuseConnections(bool refuse) const;

private:
    std::string where_;
    std::string folder_;  // SQLite's temporary folder
    std::string server_;  // PostgreSQL: the server's URI the test database was made from, and its name
    std::string name_;
};

// A signed session made in memory: its lines (header first, each sealed), checkpoint signatures
// every `signEvery` events and a closing signature when `close`.
struct TestSession {
    std::vector<std::string> lines;
    std::string key;  // the seal of the header line
    std::vector<std::string> slice(int from, int count) const {
        return {lines.begin() + from, lines.begin() + std::min<int>(from + count, static_cast<int>(lines.size()))};
    }
};
TestSession makeSession(const std::string& trainee, const std::string& scenario, int events, bool close = true,
                        int signEvery = 50, const std::string& scenarioSha256 = std::string(64, 'a'));

// The stored lines of a session joined as a file would be, for core::verifySessionText.
std::string storedText(Store& store, Id session);

template <class T>
T require(Result<T> r) {
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));  // the message is built on success too with -s
    return std::move(*r);
}

}  // namespace store_test
