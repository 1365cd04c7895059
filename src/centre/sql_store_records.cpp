// The store: what the dashboards need of many sessions, in a fixed number of queries. A page over
// 10,000 sessions asking for each one's report, reviews, assessors and mark one session at a time
// made 40,000 round trips to the database (docs/centre.md, "Benchmarks").
#include "centre/sql_store.h"

namespace pinpoint::centre {

Result<SessionRecords> SqlStore::sessionRecords(const SessionFilter& filter) {
    // The sessions the filter picks, as a condition on `s` (the sessions table) for each query below.
    std::vector<sql::Value> params;
    const std::string where = sessionsWhere(filter, params);
    return transaction<SessionRecords>([&](sql::Connection& db) -> Result<SessionRecords> {
        SessionRecords out;
        Result<sql::Rows> reports = db.query(
            "SELECT r.session_id, COALESCE(r.digest_json, r.report_json) "
            "FROM score_reports r JOIN sessions s ON s.id = r.session_id" + where +
                " AND r.id = (SELECT MAX(id) FROM score_reports newest WHERE newest.session_id = r.session_id)",
            params);
        if (!reports) return reports.error();
        for (const sql::Row& row : *reports)
            out.latestReports[sql::integer(row[0])] = sql::text(row[1]);
        Result<sql::Rows> reviews = db.query("SELECT r.id, r.session_id, r.assessor_id, r.ratings_json, r.sign_off, r.created_ms "
                                             "FROM reviews r JOIN sessions s ON s.id = r.session_id" + where + " ORDER BY r.id",
                                             params);
        if (!reviews) return reviews.error();
        for (const sql::Row& row : *reviews)
            out.reviews[sql::integer(row[1])].push_back({sql::integer(row[0]), sql::integer(row[1]), sql::integer(row[2]),
                                                        sql::text(row[3]), sql::text(row[4]) == "pass", sql::integer(row[5])});
        Result<sql::Rows> assigned = db.query("SELECT a.session_id, a.assessor_id FROM assignments a JOIN sessions s ON "
                                              "s.id = a.session_id" + where + " ORDER BY a.session_id, a.assessor_id",
                                              params);
        if (!assigned) return assigned.error();
        for (const sql::Row& row : *assigned) out.assessors[sql::integer(row[0])].push_back(sql::integer(row[1]));
        Result<sql::Rows> marks = db.query("SELECT m.session_id, m.mark FROM session_marks m JOIN sessions s ON s.id = m.session_id" +
                                               where, params);
        if (!marks) return marks.error();
        for (const sql::Row& row : *marks)
            out.marks[sql::integer(row[0])] = sql::text(row[1]) == "expert" ? Mark::Expert : Mark::Novice;
        return out;
    }, Access::Read);
}

}  // namespace pinpoint::centre
