#pragma once
// Internal to the store: the little the store needs from a database connection, so that every rule
// of the store (appendLines above all) is written once, over SQLite and PostgreSQL alike.
#include "centre/store_result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pinpoint::centre::sql {

using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;
using Row = std::vector<std::optional<std::string>>;  // every column as text; nullopt for NULL
using Rows = std::vector<Row>;

enum class Dialect { Sqlite, Postgres };

class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;
    // Runs one statement with `?` placeholders bound to `params` in order; the rows it returns.
    virtual Result<Rows> query(const std::string& sql, const std::vector<Value>& params = {}) = 0;
    // Runs statements without parameters (a migration step may hold several).
    virtual Result<Done> script(const std::string& sql) = 0;
    // Starts a transaction. One that writes takes SQLite's write lock at once, so two writers wait
    // for each other instead of failing at commit. PostgreSQL reconnects here (and only here, where
    // nothing of a transaction can be lost) when its connection was cut.
    virtual Result<Done> begin(bool write) = 0;
};

std::unique_ptr<Connection> openSqlite(const std::string& path, StoreError& error);
std::unique_ptr<Connection> openPostgres(const std::string& uri, StoreError& error);

// Column helpers for rows (the store checks the shape of what it selects).
std::int64_t integer(const std::optional<std::string>& column);
std::string text(const std::optional<std::string>& column);
std::optional<std::int64_t> maybeInteger(const std::optional<std::string>& column);

std::int64_t nowMillis();  // the wall clock, milliseconds since 1970 UTC

}  // namespace pinpoint::centre::sql
