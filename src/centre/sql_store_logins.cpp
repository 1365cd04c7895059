// The store: passwords and people's logins to the web dashboard. A login's token lives only in the
// browser's cookie; the store looks it up by its hash, so a copy of the database logs nobody in.
#include "centre/sql_store.h"

#include "core/session/session_signing.h"

#include <sodium.h>

#include <array>

namespace pinpoint::centre {

namespace {

std::string randomHex32() {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    const std::string hex = core::toHex(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return hex;
}

}  // namespace

Result<Done> SqlStore::setPassword(const std::string& login, const std::string& passwordHash) {
    if (passwordHash.empty()) return storeError(Problem::BadInput, "a password hash is needed");
    return transaction<Done>([&](sql::Connection& db) -> Result<Done> {
        Result<sql::Rows> r = db.query("UPDATE people SET password_hash = ? WHERE login = ? RETURNING id", {passwordHash, login});
        if (!r) return r.error();
        if (r->empty()) return storeError(Problem::NotFound, "no person with the login '" + login + "'");
        // Whoever knew the old password is logged out everywhere.
        if (Result<sql::Rows> d = db.query("DELETE FROM web_logins WHERE person_id = ?", {sql::integer(r->at(0).at(0))}); !d)
            return d.error();
        return Done{};
    });
}

Result<Done> SqlStore::setDisabled(const std::string& login, bool disabled) {
    return transaction<Done>([&](sql::Connection& db) -> Result<Done> {
        Result<sql::Rows> r = disabled ? db.query("UPDATE people SET disabled_ms = COALESCE(disabled_ms, ?) WHERE login = ? "
                                                  "RETURNING id", {sql::nowMillis(), login})
                                       : db.query("UPDATE people SET disabled_ms = NULL WHERE login = ? RETURNING id", {login});
        if (!r) return r.error();
        if (r->empty()) return storeError(Problem::NotFound, "no person with the login '" + login + "'");
        if (disabled)
            if (Result<sql::Rows> d = db.query("DELETE FROM web_logins WHERE person_id = ?", {sql::integer(r->at(0).at(0))}); !d)
                return d.error();
        return Done{};
    });
}

Result<NewWebLogin> SqlStore::startWebLogin(Id person, UnixMillis now) {
    NewWebLogin made{randomHex32(), randomHex32()};
    return transaction<NewWebLogin>([&](sql::Connection& db) -> Result<NewWebLogin> {
        Result<sql::Rows> p = db.query("SELECT id FROM people WHERE id = ?", {person});
        if (!p) return p.error();
        if (p->empty()) return storeError(Problem::NotFound, "no person " + std::to_string(person));
        Result<sql::Rows> r = db.query("INSERT INTO web_logins (token_hash, person_id, csrf_token, created_ms, last_seen_ms) "
                                       "VALUES (?, ?, ?, ?, ?)",
                                       {tokenHash(made.token), person, made.csrf, now, now});
        if (!r) return r.error();
        return made;
    });
}

Result<std::optional<WebLogin>> SqlStore::webLogin(const std::string& token, UnixMillis now, const WebLoginLimits& limits) {
    if (token.size() != 64) return std::optional<WebLogin>();  // not one of ours: no need to ask the database
    const std::string hash = tokenHash(token);
    return transaction<std::optional<WebLogin>>([&](sql::Connection& db) -> Result<std::optional<WebLogin>> {
        Result<sql::Rows> r = db.query(std::string("SELECT ") + kPersonColumnsOfP +
                                           ", w.csrf_token, w.created_ms, w.last_seen_ms FROM web_logins w "
                                           "JOIN people p ON p.id = w.person_id WHERE w.token_hash = ?",
                                       {hash});
        if (!r) return r.error();
        if (r->empty()) return std::optional<WebLogin>();
        const sql::Row& row = r->front();
        constexpr int n = kPersonColumnCount;
        WebLogin login{personFrom(row), sql::text(row[n]), sql::integer(row[n + 1]), sql::integer(row[n + 2])};
        if (login.person.disabled) return std::optional<WebLogin>();  // ended when disabled; never let in
        if (now - login.lastSeen > limits.idle || now - login.created > limits.absolute) {
            if (Result<sql::Rows> d = db.query("DELETE FROM web_logins WHERE token_hash = ?", {hash}); !d) return d.error();
            return std::optional<WebLogin>();
        }
        // Seen again: written at most once a minute, so reading pages does not write on every request.
        if (now - login.lastSeen >= 60'000) {
            if (Result<sql::Rows> u = db.query("UPDATE web_logins SET last_seen_ms = ? WHERE token_hash = ?", {now, hash}); !u)
                return u.error();
            login.lastSeen = now;
        }
        return std::optional<WebLogin>(std::move(login));
    });
}

Result<Done> SqlStore::endWebLogin(const std::string& token) {
    const std::string hash = tokenHash(token);
    return transaction<Done>([&](sql::Connection& db) -> Result<Done> {
        if (Result<sql::Rows> r = db.query("DELETE FROM web_logins WHERE token_hash = ?", {hash}); !r) return r.error();
        return Done{};
    });
}

}  // namespace pinpoint::centre
