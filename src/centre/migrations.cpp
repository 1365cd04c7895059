#include "centre/migrations.h"


namespace pinpoint::centre {

namespace {

// Version 1: stations and the sessions they stream, the centre's receipts, score reports, people
// and what assessors and instructors record about sessions. Times are milliseconds since 1970 UTC,
// flags 0/1, JSON as text.
Migration versionOne() {
    return {1, "stations, sessions and their lines, receipts, score reports, people, reviews, marks", {
        R"(CREATE TABLE stations (
            id {id},
            name TEXT NOT NULL UNIQUE,
            token_hash TEXT NOT NULL UNIQUE,
            created_ms BIGINT NOT NULL,
            revoked_ms BIGINT))",
        R"(CREATE TABLE sessions (
            id {id},
            session_key TEXT NOT NULL UNIQUE,
            station_id BIGINT NOT NULL REFERENCES stations(id),
            trainee TEXT NOT NULL,
            scenario_id TEXT NOT NULL,
            scenario_sha256 TEXT NOT NULL,
            header_line TEXT NOT NULL,
            started_ms BIGINT NOT NULL,
            finished_ms BIGINT,
            line_count INTEGER NOT NULL,
            chain_head TEXT NOT NULL,
            witnessed INTEGER NOT NULL DEFAULT 0))",
        "CREATE INDEX sessions_by_trainee ON sessions (trainee, started_ms)",
        "CREATE INDEX sessions_by_station ON sessions (station_id, started_ms)",
        "CREATE INDEX sessions_by_scenario ON sessions (scenario_id, started_ms)",
        R"(CREATE TABLE session_lines (
            session_id BIGINT NOT NULL REFERENCES sessions(id),
            line_index INTEGER NOT NULL,
            line_text TEXT NOT NULL,
            seal TEXT NOT NULL,
            received_ms BIGINT NOT NULL,
            PRIMARY KEY (session_id, line_index)))",
        R"(CREATE TABLE receipts (
            session_id BIGINT NOT NULL REFERENCES sessions(id),
            line_index INTEGER NOT NULL,
            seal TEXT NOT NULL,
            received_ms BIGINT NOT NULL,
            signature TEXT NOT NULL,
            PRIMARY KEY (session_id, line_index)))",
        R"(CREATE TABLE score_reports (
            id {id},
            session_id BIGINT NOT NULL REFERENCES sessions(id),
            report_json TEXT NOT NULL,
            rubric_version TEXT NOT NULL,
            scenario_version TEXT NOT NULL,
            software_version TEXT NOT NULL,
            created_ms BIGINT NOT NULL))",
        "CREATE INDEX score_reports_by_session ON score_reports (session_id, id)",
        R"(CREATE TABLE people (
            id {id},
            login TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('trainee', 'instructor', 'assessor', 'admin')),
            password_hash TEXT NOT NULL,
            cohort TEXT NOT NULL,
            created_ms BIGINT NOT NULL))",
        R"(CREATE TABLE reviews (
            id {id},
            session_id BIGINT NOT NULL REFERENCES sessions(id),
            assessor_id BIGINT NOT NULL REFERENCES people(id),
            ratings_json TEXT NOT NULL,
            sign_off TEXT NOT NULL CHECK (sign_off IN ('pass', 'fail')),
            created_ms BIGINT NOT NULL))",
        "CREATE INDEX reviews_by_session ON reviews (session_id, id)",
        R"(CREATE TABLE assignments (
            session_id BIGINT NOT NULL REFERENCES sessions(id),
            assessor_id BIGINT NOT NULL REFERENCES people(id),
            created_ms BIGINT NOT NULL,
            PRIMARY KEY (session_id, assessor_id)))",
        R"(CREATE TABLE session_marks (
            session_id BIGINT NOT NULL PRIMARY KEY REFERENCES sessions(id),
            mark TEXT NOT NULL CHECK (mark IN ('expert', 'novice')),
            instructor_id BIGINT NOT NULL REFERENCES people(id),
            created_ms BIGINT NOT NULL))",
    }};
}

// Version 2: people's logins to the web dashboard, by the hash of the cookie's token.
Migration versionTwo() {
    return {2, "web dashboard logins", {
        R"(CREATE TABLE web_logins (
            token_hash TEXT NOT NULL PRIMARY KEY,
            person_id BIGINT NOT NULL REFERENCES people(id),
            csrf_token TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            last_seen_ms BIGINT NOT NULL))",
        "CREATE INDEX web_logins_by_person ON web_logins (person_id)",
    }};
}

// Version 3: the scenario library. Every version of every scenario the centre was given, kept by the
// SHA-256 of its text, so a session is scored against exactly the version its header names. The
// current version of a scenario is the one made current last (`current_order`, a counter, not a time:
// two versions added in one millisecond still have an order); adding an older version again makes it
// current again.
Migration versionThree() {
    return {3, "the scenario library: every version of every scenario, by SHA-256", {
        R"(CREATE TABLE scenario_versions (
            id {id},
            scenario_id TEXT NOT NULL,
            title TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            toml_text TEXT NOT NULL,
            source TEXT NOT NULL,
            added_ms BIGINT NOT NULL,
            current_order BIGINT NOT NULL UNIQUE))",
        "CREATE INDEX scenario_versions_by_scenario ON scenario_versions (scenario_id, current_order)",
    }};
}

// Version 4: each score report's digest, what the dashboards' lists read instead of the whole report
// (centre/session_summary.h). Reports saved before it have none and are read whole.
Migration versionFour() {
    return {4, "score report digests for lists", {"ALTER TABLE score_reports ADD COLUMN digest_json TEXT"}};
}

// Version 5: an administrator can disable a person's login (and enable it again).
Migration versionFive() {
    return {5, "people can be disabled", {"ALTER TABLE people ADD COLUMN disabled_ms BIGINT"}};
}

// Version 6: each receipt keeps when its line was recorded (the line's own time), so the centre can tell
// a session it witnessed live from a file sent after the recording (centre/live_witness.h).
Migration versionSix() {
    return {6, "receipts keep their line's recording time; sessions count what their receipts showed", {
        "ALTER TABLE receipts ADD COLUMN recorded_ms BIGINT",
        "ALTER TABLE sessions ADD COLUMN receipt_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN receipts_in_step INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN receipts_out_of_step INTEGER NOT NULL DEFAULT 0",
        // Receipts kept before this version: counted, each as one that cannot tell.
        "UPDATE sessions SET receipt_count = (SELECT COUNT(*) FROM receipts r WHERE r.session_id = sessions.id)",
    }};
}

std::string inDialect(std::string sql, sql::Dialect dialect) {
    const std::string id = dialect == sql::Dialect::Sqlite ? "INTEGER PRIMARY KEY"
                                                           : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    for (std::size_t at = sql.find("{id}"); at != std::string::npos; at = sql.find("{id}", at + id.size()))
        sql.replace(at, 4, id);
    return sql;
}

Result<int> migrateInTransaction(sql::Connection& db, const std::vector<Migration>& steps, std::int64_t now) {
    // Two centres starting at once on one PostgreSQL database: the second waits here for the first
    // to finish, then finds nothing to do. (SQLite's write lock, taken by begin(true), does the same.)
    if (db.dialect() == sql::Dialect::Postgres)
        if (Result<sql::Rows> r = db.query("SELECT pg_advisory_xact_lock(7301130)"); !r) return r.error();
    if (Result<Done> r = db.script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                                   "description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
        !r)
        return r.error();
    Result<sql::Rows> current = db.query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!current) return current.error();
    int version = static_cast<int>(sql::integer(current->at(0).at(0)));
    const int latest = steps.empty() ? 0 : steps.back().version;
    if (version > latest)
        return storeError(Problem::Database, "the store's schema is version " + std::to_string(version) +
                                                 ", newer than this Pinpoint knows (" + std::to_string(latest) +
                                                 "): use a newer Pinpoint with this store");
    for (const Migration& step : steps) {
        if (step.version <= version) continue;
        for (const std::string& statement : step.statements)
            if (Result<Done> r = db.script(inDialect(statement, db.dialect())); !r)
                return storeError(Problem::Database, "schema version " + std::to_string(step.version) +
                                                         " did not apply: " + r.error().message);
        Result<sql::Rows> r = db.query("INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)",
                                       {std::int64_t{step.version}, step.description, now});
        if (!r) return r.error();
        version = step.version;
    }
    return version;
}

}  // namespace

const std::vector<Migration>& schemaMigrations() {
    static const std::vector<Migration> steps = {versionOne(), versionTwo(), versionThree(), versionFour(), versionFive(), versionSix()};
    return steps;
}

int latestSchemaVersion() { return schemaMigrations().back().version; }

Result<int> migrate(sql::Connection& db, const std::vector<Migration>& steps) {
    const std::int64_t now = sql::nowMillis();
    if (Result<Done> r = db.begin(true); !r) return r.error();
    Result<int> version = migrateInTransaction(db, steps, now);
    if (!version) {
        db.script("ROLLBACK");
        return version;
    }
    if (Result<Done> r = db.script("COMMIT"); !r) return r.error();
    return version;
}

}  // namespace pinpoint::centre
