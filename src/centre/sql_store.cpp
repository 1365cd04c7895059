// The store: opening it, errors and names, stations.
#include "centre/migrations.h"
#include "centre/sql_store.h"

#include "core/session/session_signing.h"

#include <algorithm>
#include <sodium.h>

#include <chrono>

namespace pinpoint::centre {

std::string StoreError::describe() const { return std::string(problemName(problem)) + ": " + message; }

const char* problemName(Problem problem) {
    switch (problem) {
        case Problem::BadInput: return "bad_input";
        case Problem::NotFound: return "not_found";
        case Problem::Refused: return "refused";
        case Problem::Gap: return "gap";
        case Problem::Conflict: return "conflict";
        case Problem::Tampered: return "tampered";
        case Problem::Database: return "database";
    }
    return "unknown";
}

const char* roleName(Role role) {
    switch (role) {
        case Role::Trainee: return "trainee";
        case Role::Instructor: return "instructor";
        case Role::Assessor: return "assessor";
        case Role::Admin: return "admin";
    }
    return "trainee";
}

std::optional<Role> roleFromName(const std::string& name) {
    for (Role r : {Role::Trainee, Role::Instructor, Role::Assessor, Role::Admin})
        if (name == roleName(r)) return r;
    return std::nullopt;
}

namespace sql {

std::int64_t integer(const std::optional<std::string>& column) {
    return column ? std::stoll(*column) : 0;  // the store reads integers only from integer columns
}
std::optional<std::int64_t> maybeInteger(const std::optional<std::string>& column) {
    if (!column) return std::nullopt;
    return std::stoll(*column);
}
std::string text(const std::optional<std::string>& column) { return column.value_or(""); }

std::int64_t nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace sql

std::string tokenHash(const std::string& token) {
    std::array<unsigned char, 32> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    return core::toHex(hash);
}

namespace {

Station stationFrom(const sql::Row& row) {  // id, name, created_ms, revoked_ms
    return Station{sql::integer(row[0]), sql::text(row[1]), sql::integer(row[2]), sql::maybeInteger(row[3])};
}

}  // namespace

Result<std::unique_ptr<Store>> openStore(const std::string& where) {
    if (sodium_init() < 0) return storeError(Problem::Database, "libsodium cannot start on this machine");
    StoreError error;
    std::unique_ptr<sql::Connection> db;
    if (where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0) {
        db = sql::openPostgres(where, error);
    } else {
        const std::string path = where.rfind("sqlite:", 0) == 0 ? where.substr(7) : where;
        if (path.empty()) return storeError(Problem::BadInput, "no store given: a file path or a postgresql:// URI");
        db = sql::openSqlite(path, error);
    }
    if (!db) return error;
    if (Result<int> version = migrate(*db); !version) return version.error();
    return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(db)));
}

std::string storeNameWithoutPassword(const std::string& where) {
    const std::size_t scheme = where.find("://");
    if (scheme == std::string::npos || (where.rfind("postgresql://", 0) != 0 && where.rfind("postgres://", 0) != 0))
        return where;
    std::string out = where;
    // user:password@host: the password ends at the last '@' before the path.
    const std::size_t authorityEnd = std::min(out.find_first_of("/?", scheme + 3), out.size());
    const std::size_t at = out.rfind('@', authorityEnd);
    if (at != std::string::npos && at > scheme + 3) {
        const std::size_t colon = out.find(':', scheme + 3);
        if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
    // ?password=...&: each such parameter, up to the next '&'.
    for (std::size_t p = out.find("password=", out.find('?') == std::string::npos ? out.size() : out.find('?'));
         p != std::string::npos; p = out.find("password=", p + 1)) {
        const std::size_t from = p + 9, to = std::min(out.find('&', from), out.size());
        out.replace(from, to - from, "***");
    }
    return out;
}

std::string SqlStore::backend() const { return db_->dialect() == sql::Dialect::Sqlite ? "sqlite" : "postgresql"; }

Result<int> SqlStore::schemaVersion() {
    return transaction<int>([](sql::Connection& db) -> Result<int> {
        Result<sql::Rows> r = db.query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        if (!r) return r.error();
        return static_cast<int>(sql::integer(r->at(0).at(0)));
    }, Access::Read);
}

Result<NewStation> SqlStore::addStation(const std::string& name) {
    if (name.empty() || name.size() > 200)
        return storeError(Problem::BadInput, "a station needs a name of 1 to 200 characters");
    std::array<unsigned char, 32> secret{};
    randombytes_buf(secret.data(), secret.size());
    NewStation made;
    made.token = core::toHex(secret);
    sodium_memzero(secret.data(), secret.size());
    made.station.name = name;
    made.station.created = sql::nowMillis();
    return transaction<NewStation>([&](sql::Connection& db) -> Result<NewStation> {
        Result<sql::Rows> taken = db.query("SELECT id FROM stations WHERE name = ?", {name});
        if (!taken) return taken.error();
        if (!taken->empty()) return storeError(Problem::Conflict, "a station named '" + name + "' exists already");
        Result<sql::Rows> r = db.query("INSERT INTO stations (name, token_hash, created_ms) VALUES (?, ?, ?) RETURNING id",
                                       {name, tokenHash(made.token), made.station.created});
        if (!r) return r.error();
        made.station.id = sql::integer(r->at(0).at(0));
        return made;
    });
}

Result<std::optional<Station>> SqlStore::stationForToken(const std::string& token) {
    // Looked up by the token's hash: the comparison never touches the token itself.
    const std::string hash = tokenHash(token);
    return transaction<std::optional<Station>>([&](sql::Connection& db) -> Result<std::optional<Station>> {
        Result<sql::Rows> r = db.query(
            "SELECT id, name, created_ms, revoked_ms FROM stations WHERE token_hash = ? AND revoked_ms IS NULL", {hash});
        if (!r) return r.error();
        if (r->empty()) return std::optional<Station>();
        return std::optional<Station>(stationFrom(r->front()));
    }, Access::Read);
}

Result<Done> SqlStore::revokeStation(Id station) {
    return transaction<Done>([&](sql::Connection& db) -> Result<Done> {
        Result<sql::Rows> r = db.query("UPDATE stations SET revoked_ms = COALESCE(revoked_ms, ?) WHERE id = ? RETURNING id",
                                       {sql::nowMillis(), station});
        if (!r) return r.error();
        if (r->empty()) return storeError(Problem::NotFound, "no station " + std::to_string(station));
        return Done{};
    });
}

Result<std::vector<Station>> SqlStore::stations() {
    return transaction<std::vector<Station>>([](sql::Connection& db) -> Result<std::vector<Station>> {
        Result<sql::Rows> r = db.query("SELECT id, name, created_ms, revoked_ms FROM stations ORDER BY id");
        if (!r) return r.error();
        std::vector<Station> out;
        for (const sql::Row& row : *r) out.push_back(stationFrom(row));
        return out;
    }, Access::Read);
}

Result<Done> SqlStore::sessionExists(sql::Connection& db, Id session) {
    Result<sql::Rows> r = db.query("SELECT id FROM sessions WHERE id = ?", {session});
    if (!r) return r.error();
    if (r->empty()) return storeError(Problem::NotFound, "no session " + std::to_string(session));
    return Done{};
}

}  // namespace pinpoint::centre
