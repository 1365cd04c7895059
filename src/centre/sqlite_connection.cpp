// The SQLite side of the store's connection: one file, write-ahead log, waits for a busy database.
#include "centre/sql_connection.h"

#include <sqlite3.h>


namespace pinpoint::centre::sql {

namespace {

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override { sqlite3_close_v2(db_); }

    Dialect dialect() const override { return Dialect::Sqlite; }

    Result<Rows> query(const std::string& sql, const std::vector<Value>& params) override {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK)
            return failure("preparing");
        Rows rows;
        int rc = bind(statement, params);
        while (rc == SQLITE_OK || rc == SQLITE_ROW) {
            rc = sqlite3_step(statement);
            if (rc != SQLITE_ROW) break;
            Row row;
            for (int c = 0; c < sqlite3_column_count(statement); ++c) {
                const unsigned char* value = sqlite3_column_text(statement, c);
                if (value) row.emplace_back(std::string(reinterpret_cast<const char*>(value),
                                                        static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
                else row.emplace_back(std::nullopt);
            }
            rows.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        if (rc != SQLITE_DONE) return failure("running");
        return rows;
    }

    Result<Done> script(const std::string& sql) override {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            StoreError e = storeError(Problem::Database, std::string("SQLite: ") + (message ? message : "failed"));
            sqlite3_free(message);
            return e;
        }
        return Done{};
    }

    Result<Done> begin(bool write) override { return script(write ? "BEGIN IMMEDIATE" : "BEGIN"); }

private:
    int bind(sqlite3_stmt* statement, const std::vector<Value>& params) {
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int at = static_cast<int>(i) + 1;
            int rc = SQLITE_OK;
            if (const auto* n = std::get_if<std::int64_t>(&params[i])) rc = sqlite3_bind_int64(statement, at, *n);
            else if (const auto* s = std::get_if<std::string>(&params[i]))
                rc = sqlite3_bind_text(statement, at, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
            else rc = sqlite3_bind_null(statement, at);
            if (rc != SQLITE_OK) return rc;
        }
        return SQLITE_OK;
    }

    StoreError failure(const char* doing) {
        return storeError(Problem::Database, std::string("SQLite, ") + doing + " a statement: " + sqlite3_errmsg(db_));
    }

    sqlite3* db_;
};

}  // namespace

std::unique_ptr<Connection> openSqlite(const std::string& path, StoreError& error) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
        error = storeError(Problem::Database, "cannot open the SQLite store " + path + ": " +
                                                  (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        sqlite3_close_v2(db);
        return nullptr;
    }
    // Another store on the same file may hold the write lock: wait for it rather than fail.
    sqlite3_busy_timeout(db, 30000);
    auto connection = std::make_unique<SqliteConnection>(db);
    // WAL lets readers go on while one writer writes; FULL syncs the log at every commit, so what the
    // store acknowledged survives a power cut too; SQLite leaves foreign keys off unless asked.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        Result<Rows> r = connection->query(pragma, {});
        if (!r) {
            error = storeError(Problem::Database, "cannot set up the SQLite store " + path + ": " + r.error().message);
            return nullptr;
        }
    }
    return connection;
}

}  // namespace pinpoint::centre::sql
