// The store: the scenario library, every version of every scenario by the SHA-256 of its text.
#include "centre/sql_store.h"

#include "core/common/sha256.h"

#include <cctype>

namespace pinpoint::centre {

namespace {

const char* kVersionColumns = "id, scenario_id, title, sha256, toml_text, source, added_ms";

ScenarioVersion versionFrom(const sql::Row& row) {
    return ScenarioVersion{sql::integer(row[0]), sql::text(row[1]), sql::text(row[2]), sql::text(row[3]),
                           sql::text(row[4]), sql::text(row[5]), sql::integer(row[6])};
}

// The version made current last for `scenario` (its id in the table), or nullopt when there is none.
Result<std::optional<Id>> currentOf(sql::Connection& db, const std::string& scenario) {
    Result<sql::Rows> r = db.query("SELECT id FROM scenario_versions WHERE scenario_id = ? "
                                   "ORDER BY current_order DESC LIMIT 1", {scenario});
    if (!r) return r.error();
    if (r->empty()) return std::optional<Id>();
    return std::optional<Id>(sql::integer(r->at(0).at(0)));
}

Result<std::int64_t> nextCurrentOrder(sql::Connection& db) {
    Result<sql::Rows> r = db.query("SELECT COALESCE(MAX(current_order), 0) + 1 FROM scenario_versions");
    if (!r) return r.error();
    return sql::integer(r->at(0).at(0));
}

}  // namespace

Result<AddedScenario> SqlStore::addScenarioVersion(const ScenarioVersion& version) {
    if (version.scenario.empty() || version.scenario.size() > 200)
        return storeError(Problem::BadInput, "a scenario version needs the scenario's id (1 to 200 characters)");
    if (version.text.empty()) return storeError(Problem::BadInput, "a scenario version needs its text");
    AddedScenario out;
    out.version = version;
    out.version.sha256 = core::sha256Hex(version.text);
    out.version.added = sql::nowMillis();
    return transaction<AddedScenario>([&](sql::Connection& db) -> Result<AddedScenario> {
        // Two centres adding at once on PostgreSQL: one after the other, so current_order stays a counter.
        if (db.dialect() == sql::Dialect::Postgres)
            if (Result<sql::Rows> r = db.query("SELECT pg_advisory_xact_lock(7301131)"); !r) return r.error();
        Result<sql::Rows> held = db.query(std::string("SELECT ") + kVersionColumns + " FROM scenario_versions WHERE sha256 = ?",
                                          {out.version.sha256});
        if (!held) return held.error();
        Result<std::optional<Id>> current = currentOf(db, version.scenario);
        if (!current) return current.error();
        Result<std::int64_t> order = nextCurrentOrder(db);
        if (!order) return order.error();
        if (!held->empty()) {
            const ScenarioVersion kept = versionFrom(held->front());
            if (kept.scenario != version.scenario)
                return storeError(Problem::Conflict, "this text is already in the library as scenario '" + kept.scenario + "'");
            out.version = kept;
            if (*current != kept.id) {  // an older version given again becomes current again
                if (Result<sql::Rows> r = db.query("UPDATE scenario_versions SET current_order = ? WHERE id = ?", {*order, kept.id}); !r)
                    return r.error();
                out.madeCurrent = true;
            }
            return out;
        }
        Result<sql::Rows> r = db.query("INSERT INTO scenario_versions (scenario_id, title, sha256, toml_text, source, added_ms, "
                                       "current_order) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                       {version.scenario, version.title, out.version.sha256, version.text, version.source,
                                        out.version.added, *order});
        if (!r) return r.error();
        out.version.id = sql::integer(r->at(0).at(0));
        out.isNew = true;
        out.madeCurrent = true;
        return out;
    });
}

Result<std::vector<ScenarioVersion>> SqlStore::currentScenarios() {
    return transaction<std::vector<ScenarioVersion>>([&](sql::Connection& db) -> Result<std::vector<ScenarioVersion>> {
        Result<sql::Rows> r = db.query(std::string("SELECT ") + kVersionColumns + " FROM scenario_versions v WHERE current_order = "
                                       "(SELECT MAX(current_order) FROM scenario_versions w WHERE w.scenario_id = v.scenario_id) "
                                       "ORDER BY scenario_id");
        if (!r) return r.error();
        std::vector<ScenarioVersion> out;
        for (const sql::Row& row : *r) out.push_back(versionFrom(row));
        return out;
    }, Access::Read);
}

Result<std::optional<ScenarioVersion>> SqlStore::scenarioVersion(const std::string& given) {
    std::string sha256 = given;  // a header may write its hash in capitals
    for (char& c : sha256) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return transaction<std::optional<ScenarioVersion>>([&](sql::Connection& db) -> Result<std::optional<ScenarioVersion>> {
        Result<sql::Rows> r = db.query(std::string("SELECT ") + kVersionColumns + " FROM scenario_versions WHERE sha256 = ?",
                                       {sha256});
        if (!r) return r.error();
        if (r->empty()) return std::optional<ScenarioVersion>();
        return std::optional<ScenarioVersion>(versionFrom(r->front()));
    }, Access::Read);
}

Result<std::vector<ScenarioVersion>> SqlStore::scenarioVersions(const std::string& scenario) {
    return transaction<std::vector<ScenarioVersion>>([&](sql::Connection& db) -> Result<std::vector<ScenarioVersion>> {
        Result<sql::Rows> r = db.query(std::string("SELECT ") + kVersionColumns +
                                       " FROM scenario_versions WHERE scenario_id = ? ORDER BY id", {scenario});
        if (!r) return r.error();
        std::vector<ScenarioVersion> out;
        for (const sql::Row& row : *r) out.push_back(versionFrom(row));
        return out;
    }, Access::Read);
}

}  // namespace pinpoint::centre
