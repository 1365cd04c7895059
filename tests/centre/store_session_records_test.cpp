// The dashboards' bulk read: each session's newest report, its reviews, assessors and mark, for the
// sessions a filter picks, equal to asking session by session.
#include "store_test_support.h"

#include "centre/session_summary.h"

using namespace store_test;

TEST_CASE("session records in bulk: the same as asking one session at a time, for the sessions the filter picks") {
    TestDatabase database;
    auto store = database.open();
    const Id station = require(store->addStation("bay 1")).station.id;
    Person a;
    a.login = "asa";
    a.role = Role::Assessor;
    a.passwordHash = "$argon2id$x";
    const Id asa = require(store->addPerson(a)).id;
    a.login = "alf";
    const Id alf = require(store->addPerson(a)).id;
    std::vector<Id> ids;
    for (int i = 0; i < 6; ++i) {
        const TestSession s = makeSession(i % 2 ? "ben" : "anna", i < 3 ? "forehead-basic" : "cheek-scars", 5);
        ids.push_back(require(store->appendLines(station, s.key, 0, s.lines)).session);
    }
    for (int i = 0; i < 5; ++i) {  // two reports for some, so "newest" matters
        require(store->saveScoreReport({0, ids[i], R"({"score":)" + std::to_string(10 * i) + "}", "r", "s", "v", 0}));
        if (i % 2 == 0) require(store->saveScoreReport({0, ids[i], R"({"score":)" + std::to_string(10 * i + 1) + "}", "r", "s", "v", 0}));
    }
    require(store->addReview({0, ids[0], asa, R"({"asepsis":4})", true, 0}));
    require(store->addReview({0, ids[0], alf, R"({"asepsis":3})", false, 0}));
    require(store->addReview({0, ids[3], alf, "{}", true, 0}));
    require(store->assignAssessor(ids[0], alf));
    require(store->assignAssessor(ids[0], asa));
    require(store->assignAssessor(ids[4], asa));
    require(store->markSession(ids[2], Mark::Expert, asa));
    require(store->markSession(ids[3], Mark::Novice, asa));

    for (const SessionFilter& filter : {SessionFilter{}, SessionFilter{std::string("anna"), std::nullopt, std::nullopt},
                                        SessionFilter{std::nullopt, std::nullopt, std::string("cheek-scars")}}) {
        const SessionRecords bulk = require(store->sessionRecords(filter));
        std::size_t picked = 0;
        for (const SessionRecord& s : require(store->sessions(filter))) {
            ++picked;
            const auto reports = require(store->scoreReports(s.id));
            CHECK(bulk.latestReports.count(s.id) == (reports.empty() ? 0u : 1u));
            if (!reports.empty())  // the newest report's digest
                CHECK(bulk.latestReports.at(s.id) == reportDigest(reports.back().reportJson));
            const auto reviews = require(store->reviews(s.id));
            CHECK(bulk.reviews.count(s.id) == (reviews.empty() ? 0u : 1u));
            if (!reviews.empty()) {
                REQUIRE(bulk.reviews.at(s.id).size() == reviews.size());
                for (std::size_t k = 0; k < reviews.size(); ++k) {
                    CHECK(bulk.reviews.at(s.id)[k].id == reviews[k].id);
                    CHECK(bulk.reviews.at(s.id)[k].assessor == reviews[k].assessor);
                    CHECK(bulk.reviews.at(s.id)[k].pass == reviews[k].pass);
                    CHECK(bulk.reviews.at(s.id)[k].ratingsJson == reviews[k].ratingsJson);
                }
            }
            const auto assessors = require(store->assessorsOf(s.id));
            CHECK((bulk.assessors.count(s.id) ? bulk.assessors.at(s.id) : std::vector<Id>{}) == assessors);
            const auto mark = require(store->markOf(s.id));
            CHECK(bulk.marks.count(s.id) == (mark ? 1u : 0u));
            if (mark) CHECK(bulk.marks.at(s.id) == *mark);
        }
        // Nothing of a session the filter leaves out.
        std::size_t mentioned = bulk.latestReports.size();
        CHECK(mentioned <= picked);
        for (const auto& [id, report] : bulk.latestReports) CHECK(require(store->scoreReports(id)).size() > 0);
    }
    const SessionRecords anna = require(store->sessionRecords(SessionFilter{std::string("anna"), std::nullopt, std::nullopt}));
    CHECK(anna.latestReports.size() == 3);  // sessions 0, 2, 4
    CHECK(summarizeReport(SessionRecord{}, anna.latestReports.at(ids[2])).score == 21);
    CHECK(anna.marks.size() == 1);
    CHECK(require(store->sessionRecords(SessionFilter{std::string("nobody"), std::nullopt, std::nullopt})).latestReports.empty());
}
