// The store's schema: migrations from an empty database, run again, refused when too new, and a
// failed step leaves nothing behind; everything stored survives closing and opening again.
#include "centre/migrations.h"
#include "store_test_support.h"

using namespace store_test;

namespace {

int versionRows(sql::Connection& db) {
    return static_cast<int>(sql::integer(require(db.query("SELECT COUNT(*) FROM schema_version")).at(0).at(0)));
}

}  // namespace

TEST_CASE("opening an empty database migrates it to the latest schema, and opening it again changes nothing") {
    TestDatabase database;
    {
        auto store = database.open();
        CHECK(require(store->schemaVersion()) == latestSchemaVersion());
    }
    auto raw = database.raw();
    CHECK(versionRows(*raw) == static_cast<int>(schemaMigrations().size()));
    for (int i = 0; i < 2; ++i) {
        auto again = database.open();
        CHECK(require(again->schemaVersion()) == latestSchemaVersion());
    }
    CHECK(require(migrate(*raw)) == latestSchemaVersion());
    CHECK(versionRows(*raw) == static_cast<int>(schemaMigrations().size()));
    // Every table of versions 1 and 2 is there and empty.
    for (const char* table : {"stations", "sessions", "session_lines", "receipts", "score_reports", "people", "reviews",
                              "assignments", "session_marks", "web_logins"})
        CHECK_MESSAGE(sql::integer(require(raw->query(std::string("SELECT COUNT(*) FROM ") + table)).at(0).at(0)) == 0, table);
}

TEST_CASE("a migration step that fails leaves the database at the version before it") {
    TestDatabase database;
    auto raw = database.raw();
    std::vector<Migration> steps = {{1, "one", {"CREATE TABLE first_table (id {id}, note TEXT)"}}};
    CHECK(require(migrate(*raw, steps)) == 1);
    steps.push_back({2, "two", {"CREATE TABLE second_table (id {id})", "INSERT INTO first_table (no_such_column) VALUES (1)"}});
    Result<int> failed = migrate(*raw, steps);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().problem == Problem::Database);
    CHECK(failed.error().message.find("schema version 2 did not apply") != std::string::npos);
    CHECK(versionRows(*raw) == 1);
    CHECK_FALSE(raw->query("SELECT COUNT(*) FROM second_table").ok());  // its first statement was undone too
    steps.back().statements.pop_back();
    CHECK(require(migrate(*raw, steps)) == 2);
    CHECK(require(raw->query("SELECT COUNT(*) FROM second_table")).size() == 1);
}

TEST_CASE("a database with a newer schema than this Pinpoint knows is refused, not written to") {
    TestDatabase database;
    database.open();
    auto raw = database.raw();
    require(raw->query("INSERT INTO schema_version (version, description, applied_ms) VALUES (?, 'from the future', 0)",
                       {std::int64_t{latestSchemaVersion() + 1}}));
    Result<std::unique_ptr<Store>> store = openStore(database.where());
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().message.find("newer than this Pinpoint knows") != std::string::npos);
}

TEST_CASE("everything stored is there after the store is closed and opened again") {
    TestDatabase database;
    const TestSession s = makeSession("trainee-1", "forehead-basic", 30);
    Id session = 0, assessor = 0;
    std::string token;
    {
        auto store = database.open();
        const NewStation station = require(store->addStation("bay 1"));
        token = station.token;
        session = require(store->appendLines(station.station.id, s.key, 0, s.lines)).session;
        require(store->recordReceipt(session, 10, 1234, "sig-10"));
        require(store->saveScoreReport({0, session, R"({"score":71})", "rubric-1", "scenario-3", "0.1.0", 0}));
        assessor = require(store->addPerson({0, "asha", "Asha", Role::Assessor, "$argon2id$x", "cohort-a", 0, {}})).id;
        require(store->addReview({0, session, assessor, R"({"asepsis":4})", true, 0}));
        require(store->assignAssessor(session, assessor));
        require(store->markSession(session, Mark::Expert, assessor));
    }
    auto store = database.open();
    const std::optional<Station> station = require(store->stationForToken(token));
    REQUIRE(station);
    CHECK(station->name == "bay 1");
    const std::optional<SessionRecord> record = require(store->findSession(s.key));
    REQUIRE(record);
    CHECK(record->lines == static_cast<int>(s.lines.size()));
    CHECK(record->finished.has_value());
    CHECK(record->witnessed);
    CHECK(core::verifySessionText(storedText(*store, session)).status == core::SignatureStatus::Intact);
    CHECK(require(store->receipts(session)).at(0).signature == "sig-10");
    CHECK(require(store->scoreReports(session)).at(0).reportJson == R"({"score":71})");
    CHECK(require(store->findPerson("asha"))->cohort == "cohort-a");
    CHECK(require(store->reviews(session)).at(0).pass);
    CHECK(require(store->assessorsOf(session)) == std::vector<Id>{assessor});
    CHECK(require(store->markOf(session)) == Mark::Expert);
    // A resend after the restart is still recognised as one.
    const AppendResult again = require(store->appendLines(station->id, s.key, 20, s.slice(20, 100)));
    CHECK(again.added == 0);
    CHECK(again.stored == static_cast<int>(s.lines.size()));
}

TEST_CASE("a store whose database connection was cut works again from its next transaction") {
    TestDatabase database;
    auto store = database.open();
    require(store->addStation("bay 1"));
    if (isPostgres()) {
        // The server ends the store's session, as a restart of PostgreSQL would.
        auto raw = database.raw();
        const sql::Rows ended = require(raw->query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
        CHECK(ended.size() == 1);
    }
    CHECK(require(store->stations()).size() == 1);
    CHECK(require(store->addStation("bay 2")).station.name == "bay 2");
}
