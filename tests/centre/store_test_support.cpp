#include "store_test_support.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

namespace store_test {

namespace fs = std::filesystem;

namespace {

std::string backendSetting() {
    const char* backend = std::getenv("PINPOINT_TEST_BACKEND");
    return backend && *backend ? backend : "sqlite";
}

std::string postgresUri() {
    if (const char* uri = std::getenv("PINPOINT_TEST_POSTGRES_URI"); uri && *uri) return uri;
    const std::string setting = backendSetting();
    const std::string prefix = "postgresql:";
    REQUIRE_MESSAGE(setting.size() > prefix.size(), "no PostgreSQL for the store tests: set PINPOINT_TEST_POSTGRES_URI, or run "
                                                    "them through ctest, which starts one with scripts/test-postgres");
    const std::string state = setting.substr(prefix.size());
    std::ifstream in(state);
    const std::string key = "PINPOINT_TEST_POSTGRES_URI=";
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key, 0) == 0) return line.substr(key.size());
    FAIL("no PostgreSQL for the store tests: " << state << " names no server (did scripts/test-postgres start fail?)");
    return {};
}

std::string uniqueName() {
    static std::atomic<int> counter{0};
    std::random_device random;
    return "pinpoint_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(random() % 1000000);
}

}  // namespace

std::string backendName() {
    const std::string setting = backendSetting();
    if (setting == "sqlite") return "sqlite";
    if (setting.rfind("postgresql", 0) == 0) return "postgresql";
    FAIL("PINPOINT_TEST_BACKEND=" << setting << ": give sqlite or postgresql:STATE-FILE");
    return {};
}

TestDatabase::TestDatabase() {
    if (isPostgres()) {
        const std::string server = postgresUri();
        PGconn* db = PQconnectdb(server.c_str());
        REQUIRE_MESSAGE(PQstatus(db) == CONNECTION_OK, "cannot reach the test PostgreSQL at " << server << ": "
                                                                                                 << PQerrorMessage(db));
        const std::string name = uniqueName();
        PGresult* r = PQexec(db, ("CREATE DATABASE " + name).c_str());
        const bool made = PQresultStatus(r) == PGRES_COMMAND_OK;
        const std::string error = PQresultErrorMessage(r);
        PQclear(r);
        PQfinish(db);
        REQUIRE_MESSAGE(made, "CREATE DATABASE failed: " << error);
        where_ = server.substr(0, server.rfind('/') + 1) + name;
        server_ = server;
        name_ = name;
    } else {
        folder_ = (fs::temp_directory_path() / uniqueName()).string();
        fs::create_directories(folder_);
        where_ = folder_ + "/centre.sqlite";
    }
}

TestDatabase::~TestDatabase() {
    std::error_code ignored;
    if (!folder_.empty()) fs::remove_all(folder_, ignored);
}

std::unique_ptr<Store> TestDatabase::open() const {
    Result<std::unique_ptr<Store>> store = openStore(where_);
    REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().describe()));  // the message is built on success too with -s
    REQUIRE((*store)->backend() == backendName());
    return std::move(*store);
}

std::unique_ptr<sql::Connection> TestDatabase::raw() const {
    StoreError error;
    std::unique_ptr<sql::Connection> c = isPostgres() ? sql::openPostgres(where_, error) : sql::openSqlite(where_, error);
    REQUIRE_MESSAGE(c, error.describe());
    return c;
}

void TestDatabase::refuseConnections(bool refuse) const {
    REQUIRE(isPostgres());
    PGconn* db = PQconnectdb(server_.c_str());
    REQUIRE_MESSAGE(PQstatus(db) == CONNECTION_OK, PQerrorMessage(db));
    const std::string allow = "ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS " + (refuse ? "false" : "true");
    const std::string end = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name_ + "'";
    for (const std::string& sql : refuse ? std::vector<std::string>{allow, end} : std::vector<std::string>{allow}) {
        PGresult* r = PQexec(db, sql.c_str());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        const std::string error = PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) PQfinish(db);
        REQUIRE_MESSAGE(ok, sql << ": " << error);
    }
    PQfinish(db);
}

TestSession makeSession(const std::string& trainee, const std::string& scenario, int events, bool close, int signEvery,
                        const std::string& scenarioSha256) {
    static std::atomic<int> counter{0};
    static const core::SigningKey key = core::SigningKey::fromSeed(std::array<unsigned char, 32>{4, 2});
    core::SessionChain chain;
    TestSession s;
    // The start time differs between sessions so that no two share a header (and so a key): a second
    // apart, from 2026-12-01 10:00:00 UTC, a valid RFC 3339 time whatever the count.
    const int n = counter++;
    char start[32];
    std::snprintf(start, sizeof start, "2026-12-01T%02d:%02d:%02dZ", 10 + n / 3600 % 14, n / 60 % 60, n % 60);
    s.lines.push_back(chain.seal(R"({"type":"header","format":"pinpoint-session","version":1,"scenario":")" + scenario +
                                 R"(","scenario_sha256":")" + scenarioSha256 + R"(","trainee":")" + trainee +
                                 R"(","start_time":")" + start + R"("})"));
    s.key = s.lines[0].substr(s.lines[0].size() - 18, 16);
    double t = 0.0;
    for (int i = 1; i <= events; ++i) {
        t = 0.01 * i;
        char line[160];
        std::snprintf(line, sizeof line, R"({"t":%.2f,"type":"pose","p":[%d,1500,80],"contact":%s})", t, i % 40,
                      i % 3 ? "true" : "false");
        s.lines.push_back(chain.seal(line));
        if (signEvery > 0 && i % signEvery == 0 && i < events) s.lines.push_back(chain.signatureLine(t, key, false));
    }
    if (close) s.lines.push_back(chain.signatureLine(t, key, true));
    return s;
}

std::string storedText(Store& store, Id session) {
    std::string text;
    for (const std::string& line : require(store.sessionLines(session, 0, 1 << 30))) text += line + "\n";
    return text;
}

}  // namespace store_test
