// The store: score reports, people, and what assessors and instructors record about sessions.
#include "centre/sql_store.h"

#include "centre/session_summary.h"

namespace pinpoint::centre {

Person personFrom(const sql::Row& row) {  // kPersonColumns
    return Person{sql::integer(row[0]), sql::text(row[1]), sql::text(row[2]),
                  roleFromName(sql::text(row[3])).value_or(Role::Trainee), sql::text(row[4]), sql::text(row[5]),
                  sql::integer(row[6]), sql::maybeInteger(row[7])};
}

namespace {

Result<Done> personExists(sql::Connection& db, Id person, const char* what) {
    Result<sql::Rows> r = db.query("SELECT id FROM people WHERE id = ?", {person});
    if (!r) return r.error();
    if (r->empty()) return storeError(Problem::NotFound, std::string("no ") + what + " " + std::to_string(person));
    return Done{};
}

}  // namespace

Result<ScoreReportRecord> SqlStore::saveScoreReport(const ScoreReportRecord& report) {
    if (report.reportJson.empty()) return storeError(Problem::BadInput, "a score report needs its JSON");
    ScoreReportRecord saved = report;
    saved.created = sql::nowMillis();
    const std::string digest = reportDigest(report.reportJson);  // what lists read (sessionRecords)
    return transaction<ScoreReportRecord>([&](sql::Connection& db) -> Result<ScoreReportRecord> {
        if (Result<Done> e = sessionExists(db, report.session); !e) return e.error();
        Result<sql::Rows> r = db.query(
            "INSERT INTO score_reports (session_id, report_json, rubric_version, scenario_version, software_version, "
            "created_ms, digest_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {report.session, report.reportJson, report.rubricVersion, report.scenarioVersion, report.softwareVersion,
             saved.created, digest.empty() ? sql::Value{nullptr} : sql::Value{digest}});
        if (!r) return r.error();
        saved.id = sql::integer(r->at(0).at(0));
        return saved;
    });
}

Result<std::vector<ScoreReportRecord>> SqlStore::scoreReports(Id session) {
    return transaction<std::vector<ScoreReportRecord>>([&](sql::Connection& db) -> Result<std::vector<ScoreReportRecord>> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        Result<sql::Rows> r = db.query("SELECT id, report_json, rubric_version, scenario_version, software_version, created_ms "
                                       "FROM score_reports WHERE session_id = ? ORDER BY id", {session});
        if (!r) return r.error();
        std::vector<ScoreReportRecord> out;
        for (const sql::Row& row : *r)
            out.push_back({sql::integer(row[0]), session, sql::text(row[1]), sql::text(row[2]), sql::text(row[3]),
                           sql::text(row[4]), sql::integer(row[5])});
        return out;
    }, Access::Read);
}

Result<Person> SqlStore::addPerson(const Person& person) {
    if (person.login.empty() || person.login.size() > 200)
        return storeError(Problem::BadInput, "a person needs a login of 1 to 200 characters");
    if (person.passwordHash.empty()) return storeError(Problem::BadInput, "a person needs a password hash");
    Person saved = person;
    saved.created = sql::nowMillis();
    return transaction<Person>([&](sql::Connection& db) -> Result<Person> {
        Result<sql::Rows> taken = db.query("SELECT id FROM people WHERE login = ?", {person.login});
        if (!taken) return taken.error();
        if (!taken->empty()) return storeError(Problem::Conflict, "the login '" + person.login + "' is taken");
        Result<sql::Rows> r = db.query("INSERT INTO people (login, display_name, role, password_hash, cohort, created_ms) "
                                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                       {person.login, person.displayName, std::string(roleName(person.role)),
                                        person.passwordHash, person.cohort, saved.created});
        if (!r) return r.error();
        saved.id = sql::integer(r->at(0).at(0));
        return saved;
    });
}

Result<std::optional<Person>> SqlStore::findPerson(const std::string& login) {
    return transaction<std::optional<Person>>([&](sql::Connection& db) -> Result<std::optional<Person>> {
        Result<sql::Rows> r = db.query(std::string("SELECT ") + kPersonColumns + " FROM people WHERE login = ?", {login});
        if (!r) return r.error();
        if (r->empty()) return std::optional<Person>();
        return std::optional<Person>(personFrom(r->front()));
    }, Access::Read);
}

Result<std::vector<Person>> SqlStore::people(const std::optional<std::string>& cohort) {
    return transaction<std::vector<Person>>([&](sql::Connection& db) -> Result<std::vector<Person>> {
        Result<sql::Rows> r = cohort ? db.query(std::string("SELECT ") + kPersonColumns +
                                                    " FROM people WHERE cohort = ? ORDER BY login", {*cohort})
                                     : db.query(std::string("SELECT ") + kPersonColumns + " FROM people ORDER BY login");
        if (!r) return r.error();
        std::vector<Person> out;
        for (const sql::Row& row : *r) out.push_back(personFrom(row));
        return out;
    }, Access::Read);
}

Result<ReviewRecord> SqlStore::addReview(const ReviewRecord& review) {
    ReviewRecord saved = review;
    saved.created = sql::nowMillis();
    return transaction<ReviewRecord>([&](sql::Connection& db) -> Result<ReviewRecord> {
        if (Result<Done> e = sessionExists(db, review.session); !e) return e.error();
        if (Result<Done> e = personExists(db, review.assessor, "assessor"); !e) return e.error();
        // Nobody reviews their own session (people.h), whoever calls: the store keeps the rule too.
        Result<sql::Rows> own = db.query("SELECT 1 FROM sessions s JOIN people p ON p.login = s.trainee "
                                         "WHERE s.id = ? AND p.id = ?", {review.session, review.assessor});
        if (!own) return own.error();
        if (!own->empty()) return storeError(Problem::Refused, "nobody reviews their own session");
        Result<sql::Rows> r = db.query("INSERT INTO reviews (session_id, assessor_id, ratings_json, sign_off, created_ms) "
                                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                       {review.session, review.assessor, review.ratingsJson,
                                        std::string(review.pass ? "pass" : "fail"), saved.created});
        if (!r) return r.error();
        saved.id = sql::integer(r->at(0).at(0));
        return saved;
    });
}

Result<std::vector<ReviewRecord>> SqlStore::reviews(Id session) {
    return transaction<std::vector<ReviewRecord>>([&](sql::Connection& db) -> Result<std::vector<ReviewRecord>> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        Result<sql::Rows> r = db.query("SELECT id, assessor_id, ratings_json, sign_off, created_ms FROM reviews "
                                       "WHERE session_id = ? ORDER BY id", {session});
        if (!r) return r.error();
        std::vector<ReviewRecord> out;
        for (const sql::Row& row : *r)
            out.push_back({sql::integer(row[0]), session, sql::integer(row[1]), sql::text(row[2]),
                           sql::text(row[3]) == "pass", sql::integer(row[4])});
        return out;
    }, Access::Read);
}

Result<Done> SqlStore::assignAssessor(Id session, Id assessor) {
    return transaction<Done>([&](sql::Connection& db) -> Result<Done> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        if (Result<Done> e = personExists(db, assessor, "assessor"); !e) return e.error();
        Result<sql::Rows> r = db.query("INSERT INTO assignments (session_id, assessor_id, created_ms) VALUES (?, ?, ?) "
                                       "ON CONFLICT (session_id, assessor_id) DO NOTHING",
                                       {session, assessor, sql::nowMillis()});
        if (!r) return r.error();
        return Done{};
    });
}

Result<std::vector<Id>> SqlStore::assessorsOf(Id session) {
    return transaction<std::vector<Id>>([&](sql::Connection& db) -> Result<std::vector<Id>> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        Result<sql::Rows> r = db.query("SELECT assessor_id FROM assignments WHERE session_id = ? ORDER BY assessor_id",
                                       {session});
        if (!r) return r.error();
        std::vector<Id> out;
        for (const sql::Row& row : *r) out.push_back(sql::integer(row[0]));
        return out;
    }, Access::Read);
}

Result<Done> SqlStore::markSession(Id session, Mark mark, Id instructor) {
    return transaction<Done>([&](sql::Connection& db) -> Result<Done> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        if (Result<Done> e = personExists(db, instructor, "instructor"); !e) return e.error();
        Result<sql::Rows> r = db.query(
            "INSERT INTO session_marks (session_id, mark, instructor_id, created_ms) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (session_id) DO UPDATE SET mark = excluded.mark, instructor_id = excluded.instructor_id, "
            "created_ms = excluded.created_ms",
            {session, std::string(mark == Mark::Expert ? "expert" : "novice"), instructor, sql::nowMillis()});
        if (!r) return r.error();
        return Done{};
    });
}

Result<std::optional<Mark>> SqlStore::markOf(Id session) {
    return transaction<std::optional<Mark>>([&](sql::Connection& db) -> Result<std::optional<Mark>> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        Result<sql::Rows> r = db.query("SELECT mark FROM session_marks WHERE session_id = ?", {session});
        if (!r) return r.error();
        if (r->empty()) return std::optional<Mark>();
        return std::optional<Mark>(sql::text(r->front()[0]) == "expert" ? Mark::Expert : Mark::Novice);
    }, Access::Read);
}

}  // namespace pinpoint::centre
