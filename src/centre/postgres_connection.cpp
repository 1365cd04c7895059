// The PostgreSQL side of the store's connection, through libpq. Parameters go as text with their
// types left to the server; results come back as text.
#include "centre/sql_connection.h"

#include <libpq-fe.h>

namespace pinpoint::centre::sql {

namespace {

// `?` placeholders as PostgreSQL's $1, $2, ... (the store's SQL has no `?` inside literals).
std::string numbered(const std::string& sql) {
    std::string out;
    int n = 0;
    for (char c : sql) {
        if (c == '?') out += "$" + std::to_string(++n);
        else out += c;
    }
    return out;
}

std::string firstLine(const char* message) {
    std::string s = message ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(PGconn* db) : db_(db) {}
    ~PostgresConnection() override { PQfinish(db_); }

    Dialect dialect() const override { return Dialect::Postgres; }

    Result<Rows> query(const std::string& sql, const std::vector<Value>& params) override {
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (const auto* n = std::get_if<std::int64_t>(&params[i])) texts[i] = std::to_string(*n);
            else if (const auto* s = std::get_if<std::string>(&params[i])) texts[i] = *s;
            else continue;
            values[i] = texts[i].c_str();
        }
        PGresult* result = PQexecParams(db_, numbered(sql).c_str(), static_cast<int>(params.size()), nullptr,
                                        values.data(), nullptr, nullptr, 0);
        const ExecStatusType status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            StoreError e = storeError(Problem::Database, "PostgreSQL: " + firstLine(PQresultErrorMessage(result)));
            PQclear(result);
            return e;
        }
        Rows rows(static_cast<std::size_t>(PQntuples(result)));
        for (int r = 0; r < PQntuples(result); ++r)
            for (int c = 0; c < PQnfields(result); ++c)
                rows[static_cast<std::size_t>(r)].emplace_back(
                    PQgetisnull(result, r, c) ? std::nullopt
                                              : std::optional<std::string>(std::string(
                                                    PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c)))));
        PQclear(result);
        return rows;
    }

    Result<Done> script(const std::string& sql) override {
        PGresult* result = PQexec(db_, sql.c_str());
        const ExecStatusType status = PQresultStatus(result);
        const std::string message = firstLine(PQresultErrorMessage(result));
        PQclear(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            return storeError(Problem::Database, "PostgreSQL: " + message);
        return Done{};
    }

    Result<Done> begin(bool) override {
        if (PQstatus(db_) == CONNECTION_BAD) PQreset(db_);
        Result<Done> begun = script("BEGIN");
        if (!begun && PQstatus(db_) == CONNECTION_BAD) {  // the cut was found only now
            PQreset(db_);
            begun = script("BEGIN");
        }
        return begun;
    }

private:
    PGconn* db_;
};

}  // namespace

std::unique_ptr<Connection> openPostgres(const std::string& uri, StoreError& error) {
    PGconn* db = PQconnectdb(uri.c_str());
    if (!db || PQstatus(db) != CONNECTION_OK) {
        error = storeError(Problem::Database, "cannot connect to the PostgreSQL store: " +
                                                  firstLine(db ? PQerrorMessage(db) : "out of memory"));
        PQfinish(db);
        return nullptr;
    }
    auto connection = std::make_unique<PostgresConnection>(db);
    // Notices (such as "relation already exists, skipping") are not for the centre's log.
    if (Result<Done> r = connection->script("SET client_min_messages = warning"); !r) {
        error = r.error();
        return nullptr;
    }
    return connection;
}

}  // namespace pinpoint::centre::sql
