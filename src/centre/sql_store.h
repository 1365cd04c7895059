#pragma once
// Internal to the store: the one implementation of Store, over a SQL connection to SQLite or
// PostgreSQL. Each operation takes the store's lock and runs in one transaction.
#include "centre/sql_connection.h"
#include "centre/store.h"

#include <exception>
#include <functional>
#include <mutex>

namespace pinpoint::centre {

// The BLAKE2b-256 of a token (a station's, a web login's), hex: what the store keeps and looks up.
std::string tokenHash(const std::string& token);

// A person from a row whose first columns are kPersonColumns (of the people table, as `p`).
inline constexpr const char* kPersonColumns = "id, login, display_name, role, password_hash, cohort, created_ms, disabled_ms";
inline constexpr const char* kPersonColumnsOfP =
    "p.id, p.login, p.display_name, p.role, p.password_hash, p.cohort, p.created_ms, p.disabled_ms";
inline constexpr int kPersonColumnCount = 8;
Person personFrom(const sql::Row& row);

// " WHERE ..." picking the sessions `filter` names from the sessions table as `s`; its values are
// appended to `params`.
std::string sessionsWhere(const SessionFilter& filter, std::vector<sql::Value>& params);

class SqlStore final : public Store {
public:
    explicit SqlStore(std::unique_ptr<sql::Connection> db) : db_(std::move(db)) {}

    std::string backend() const override;
    Result<int> schemaVersion() override;

    Result<NewStation> addStation(const std::string& name) override;
    Result<std::optional<Station>> stationForToken(const std::string& token) override;
    Result<Done> revokeStation(Id station) override;
    Result<std::vector<Station>> stations() override;

    Result<AppendResult> appendLines(Id station, const std::string& sessionKey, int firstIndex,
                                     const std::vector<std::string>& lines) override;
    Result<std::optional<SessionRecord>> findSession(const std::string& sessionKey) override;
    Result<std::vector<SessionRecord>> sessions(const SessionFilter& filter) override;
    Result<std::vector<std::string>> sessionLines(Id session, int from, int count) override;
    Result<Receipt> recordReceipt(Id session, int lineIndex, UnixMillis receivedAt, const std::string& signature) override;
    Result<std::vector<Receipt>> receipts(Id session) override;

    Result<ScoreReportRecord> saveScoreReport(const ScoreReportRecord& report) override;
    Result<std::vector<ScoreReportRecord>> scoreReports(Id session) override;
    Result<Person> addPerson(const Person& person) override;
    Result<std::optional<Person>> findPerson(const std::string& login) override;
    Result<std::vector<Person>> people(const std::optional<std::string>& cohort) override;
    Result<ReviewRecord> addReview(const ReviewRecord& review) override;
    Result<std::vector<ReviewRecord>> reviews(Id session) override;
    Result<Done> assignAssessor(Id session, Id assessor) override;
    Result<std::vector<Id>> assessorsOf(Id session) override;
    Result<Done> markSession(Id session, Mark mark, Id instructor) override;
    Result<std::optional<Mark>> markOf(Id session) override;
    Result<AddedScenario> addScenarioVersion(const ScenarioVersion& version) override;
    Result<std::vector<ScenarioVersion>> currentScenarios() override;
    Result<std::optional<ScenarioVersion>> scenarioVersion(const std::string& sha256) override;
    Result<std::vector<ScenarioVersion>> scenarioVersions(const std::string& scenario) override;
    Result<SessionRecords> sessionRecords(const SessionFilter& filter) override;
    Result<Done> setPassword(const std::string& login, const std::string& passwordHash) override;
    Result<Done> setDisabled(const std::string& login, bool disabled) override;
    Result<NewWebLogin> startWebLogin(Id person, UnixMillis now) override;
    Result<std::optional<WebLogin>> webLogin(const std::string& token, UnixMillis now, const WebLoginLimits& limits) override;
    Result<Done> endWebLogin(const std::string& token) override;

private:
    enum class Access { Read, Write };
    // Runs `work` in one transaction: committed when it returns a value, rolled back on an error.
    template <class T>
    Result<T> transaction(const std::function<Result<T>(sql::Connection&)>& work, Access access = Access::Write) {
        std::lock_guard lock(mutex_);
        Result<Done> begun = db_->begin(access == Access::Write);
        if (!begun) return begun.error();
        std::optional<Result<T>> result;
        try {
            result.emplace(work(*db_));
        } catch (const std::exception& e) {  // a value the store cannot read back, or out of memory
            result.emplace(storeError(Problem::Database, std::string("the store failed: ") + e.what()));
        }
        if (!*result) {
            db_->script("ROLLBACK");
            return *result;
        }
        if (Result<Done> committed = db_->script("COMMIT"); !committed) {
            db_->script("ROLLBACK");
            return committed.error();
        }
        return *result;
    }
    // The row lock PostgreSQL needs on a session while lines are added (SQLite's write lock covers it).
    std::string forUpdate() const { return db_->dialect() == sql::Dialect::Postgres ? " FOR UPDATE" : ""; }
    // Checks that a session exists (NotFound otherwise).
    static Result<Done> sessionExists(sql::Connection& db, Id session);

    std::mutex mutex_;
    std::unique_ptr<sql::Connection> db_;
};

}  // namespace pinpoint::centre
