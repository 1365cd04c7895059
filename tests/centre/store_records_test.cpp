// Stations and their tokens, receipts, score reports, people, reviews, assignments and marks.
#include "store_test_support.h"

#include "centre/live_witness.h"
#include "centre/session_summary.h"

using namespace store_test;

TEST_CASE("a station's token finds it, is kept only as a hash, and stops working when revoked") {
    TestDatabase database;
    auto store = database.open();
    const NewStation one = require(store->addStation("bay 1"));
    const NewStation two = require(store->addStation("bay 2"));
    CHECK(one.token.size() == 64);
    CHECK(one.token != two.token);
    CHECK(require(store->stationForToken(one.token))->id == one.station.id);
    CHECK(require(store->stationForToken(two.token))->name == "bay 2");
    CHECK_FALSE(require(store->stationForToken(std::string(64, '0'))).has_value());
    CHECK_FALSE(require(store->stationForToken("")).has_value());
    Result<NewStation> same = store->addStation("bay 1");
    REQUIRE_FALSE(same.ok());
    CHECK(same.error().problem == Problem::Conflict);
    CHECK(store->addStation("").error().problem == Problem::BadInput);

    auto raw = database.raw();
    for (const sql::Row& row : require(raw->query("SELECT token_hash FROM stations")))
        CHECK((sql::text(row[0]) != one.token && sql::text(row[0]) != two.token));

    const TestSession s = makeSession("trainee-1", "forehead-basic", 20);
    require(store->appendLines(one.station.id, s.key, 0, s.slice(0, 5)));
    require(store->revokeStation(one.station.id));
    CHECK_FALSE(require(store->stationForToken(one.token)).has_value());
    CHECK(require(store->stationForToken(two.token)).has_value());
    Result<AppendResult> r = store->appendLines(one.station.id, s.key, 5, s.slice(5, 5));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().problem == Problem::Refused);
    CHECK(require(store->findSession(s.key))->lines == 5);
    const std::vector<Station> all = require(store->stations());
    REQUIRE(all.size() == 2);
    CHECK(all[0].revoked.has_value());
    CHECK_FALSE(all[1].revoked.has_value());
    CHECK(store->revokeStation(999).error().problem == Problem::NotFound);
    CHECK(store->appendLines(999, s.key, 5, s.slice(5, 5)).error().problem == Problem::NotFound);
}

TEST_CASE("receipts: one per witnessed chain head, the first kept, only for stored lines") {
    TestDatabase database;
    auto store = database.open();
    const Id station = require(store->addStation("bay 1")).station.id;
    const TestSession s = makeSession("trainee-1", "forehead-basic", 20, false);
    const Id session = require(store->appendLines(station, s.key, 0, s.slice(0, 8))).session;
    const Receipt first = require(store->recordReceipt(session, 7, 1000, "sig-a"));
    CHECK(first.seal == s.lines[7].substr(s.lines[7].size() - 18, 16));
    const Receipt again = require(store->recordReceipt(session, 7, 2000, "sig-b"));
    CHECK(again.receivedAt == 1000);
    CHECK(again.signature == "sig-a");
    CHECK(store->recordReceipt(session, 8, 3000, "sig-c").error().problem == Problem::NotFound);
    CHECK(store->recordReceipt(session, 3, 3000, "").error().problem == Problem::BadInput);
    require(store->recordReceipt(session, 3, 900, "sig-d"));
    const std::vector<Receipt> all = require(store->receipts(session));
    REQUIRE(all.size() == 2);
    CHECK(all[0].lineIndex == 3);
    CHECK(all[1].lineIndex == 7);
    const SessionRecord record = *require(store->findSession(s.key));
    CHECK(record.witnessed);
    CHECK_FALSE(record.finished.has_value());
}

TEST_CASE("score reports, people, reviews, assignments and marks, and sessions listed by trainee, station, scenario") {
    TestDatabase database;
    auto store = database.open();
    const Id bay1 = require(store->addStation("bay 1")).station.id;
    const Id bay2 = require(store->addStation("bay 2")).station.id;
    const TestSession a = makeSession("trainee-1", "forehead-basic", 5);
    const TestSession b = makeSession("trainee-2", "forehead-basic", 5);
    const TestSession c = makeSession("trainee-1", "cheek-scars", 5);
    const Id sa = require(store->appendLines(bay1, a.key, 0, a.lines)).session;
    const Id sb = require(store->appendLines(bay2, b.key, 0, b.lines)).session;
    const Id sc = require(store->appendLines(bay2, c.key, 0, c.lines)).session;
    const auto ids = [](const std::vector<SessionRecord>& list) {
        std::vector<Id> out;
        for (const SessionRecord& r : list) out.push_back(r.id);
        return out;
    };
    CHECK(ids(require(store->sessions({"trainee-1", std::nullopt, std::nullopt}))) == std::vector<Id>{sa, sc});
    CHECK(ids(require(store->sessions({std::nullopt, bay2, std::nullopt}))) == std::vector<Id>{sb, sc});
    CHECK(ids(require(store->sessions({std::nullopt, std::nullopt, "forehead-basic"}))) == std::vector<Id>{sa, sb});
    CHECK(ids(require(store->sessions({"trainee-1", bay2, "cheek-scars"}))) == std::vector<Id>{sc});
    CHECK(require(store->sessions({"nobody", std::nullopt, std::nullopt})).empty());

    require(store->saveScoreReport({0, sa, R"({"score":60})", "rubric-1", "scenario-1", "0.1.0", 0}));
    const ScoreReportRecord rescored = require(store->saveScoreReport({0, sa, R"({"score":62})", "rubric-2", "scenario-1", "0.2.0", 0}));
    const std::vector<ScoreReportRecord> reports = require(store->scoreReports(sa));
    REQUIRE(reports.size() == 2);
    CHECK(reports[1].id == rescored.id);
    CHECK(reports[1].rubricVersion == "rubric-2");
    CHECK(reports[0].reportJson == R"({"score":60})");
    CHECK(store->saveScoreReport({0, 999, "{}", "", "", "", 0}).error().problem == Problem::NotFound);

    const Person asha = require(store->addPerson({0, "asha", "Asha Rao", Role::Assessor, "$argon2id$a", "", 0, {}}));
    const Person ben = require(store->addPerson({0, "ben", "Ben Ode", Role::Instructor, "$argon2id$b", "", 0, {}}));
    require(store->addPerson({0, "trainee-1", "Tara", Role::Trainee, "$argon2id$c", "spring", 0, {}}));
    CHECK(store->addPerson({0, "asha", "Other", Role::Admin, "$argon2id$d", "", 0, {}}).error().problem == Problem::Conflict);
    CHECK(store->addPerson({0, "nopass", "X", Role::Admin, "", "", 0, {}}).error().problem == Problem::BadInput);
    const Person found = *require(store->findPerson("asha"));
    CHECK(found.id == asha.id);
    CHECK(found.role == Role::Assessor);
    CHECK(found.displayName == "Asha Rao");
    CHECK(found.passwordHash == "$argon2id$a");
    CHECK_FALSE(require(store->findPerson("nobody")).has_value());
    CHECK(require(store->people("spring")).size() == 1);
    CHECK(require(store->people(std::nullopt)).size() == 3);
    CHECK(roleFromName("admin") == Role::Admin);
    CHECK_FALSE(roleFromName("root").has_value());

    require(store->assignAssessor(sa, asha.id));
    require(store->assignAssessor(sa, ben.id));
    require(store->assignAssessor(sa, asha.id));
    CHECK(require(store->assessorsOf(sa)) == std::vector<Id>{asha.id, ben.id});
    CHECK(store->assignAssessor(sa, 999).error().problem == Problem::NotFound);
    require(store->addReview({0, sa, asha.id, R"({"asepsis":4})", true, 0}));
    require(store->addReview({0, sa, ben.id, R"({"asepsis":2})", false, 0}));
    const std::vector<ReviewRecord> reviews = require(store->reviews(sa));
    REQUIRE(reviews.size() == 2);
    CHECK(reviews[0].pass);
    CHECK_FALSE(reviews[1].pass);
    CHECK(reviews[1].ratingsJson == R"({"asepsis":2})");
    CHECK(require(store->reviews(sb)).empty());

    CHECK_FALSE(require(store->markOf(sb)).has_value());
    require(store->markSession(sb, Mark::Novice, ben.id));
    CHECK(require(store->markOf(sb)) == Mark::Novice);
    require(store->markSession(sb, Mark::Expert, ben.id));
    CHECK(require(store->markOf(sb)) == Mark::Expert);
    CHECK(store->markOf(999).error().problem == Problem::NotFound);
}

TEST_CASE("session records give each session's newest report as its digest: the same summary as the whole report") {
    TestDatabase database;
    auto store = database.open();
    const Id bay = require(store->addStation("bay 1")).station.id;
    const TestSession a = makeSession("trainee-1", "forehead-basic", 5);
    const TestSession b = makeSession("trainee-1", "forehead-basic", 5);
    const TestSession c = makeSession("trainee-2", "forehead-basic", 5);
    const Id sa = require(store->appendLines(bay, a.key, 0, a.lines)).session;
    const Id sb = require(store->appendLines(bay, b.key, 0, b.lines)).session;
    const Id sc = require(store->appendLines(bay, c.key, 0, c.lines)).session;
    const std::string padding(20000, 'x');  // a full report's zones and deductions, which lists do not need
    const std::string newest = R"({"score":71.25,"passed":true,"evidence":{"certifiable":true,"reasons":[]},)"
                               R"("components":{"coverage":80.5,"depth":62},"critical_errors":[{"code":"forbidden_area",)"
                               R"("message":"m","t":3.5}],"zones":")" + padding + R"("})";
    require(store->saveScoreReport({0, sa, R"({"score":40})", "r", "s", "v", 0}));
    require(store->saveScoreReport({0, sa, newest, "r", "s", "v", 0}));
    require(store->saveScoreReport({0, sc, "{}", "r", "s", "v", 0}));  // not a scored report: no digest

    const SessionRecords mine = require(store->sessionRecords({"trainee-1", std::nullopt, std::nullopt}));
    REQUIRE(mine.latestReports.count(sa) == 1);
    const std::string& digest = mine.latestReports.at(sa);
    CHECK(digest.size() < 400);  // the digest, not the 20 KB report
    const SessionRecord session = *require(store->findSession(a.key));
    const SessionSummary fromDigest = summarizeReport(session, digest);
    const SessionSummary fromReport = summarizeReport(session, newest);
    CHECK(fromDigest.scored);
    CHECK(fromDigest.score == fromReport.score);
    CHECK(fromDigest.passed == fromReport.passed);
    CHECK(fromDigest.certifiable == fromReport.certifiable);
    CHECK(fromDigest.components == fromReport.components);
    CHECK(fromDigest.criticalErrors == std::vector<std::string>{"forbidden_area"});
    CHECK(mine.latestReports.count(sb) == 0);  // not scored yet

    const SessionRecords other = require(store->sessionRecords({"trainee-2", std::nullopt, std::nullopt}));
    CHECK(other.latestReports.at(sc) == "{}");
    CHECK_FALSE(summarizeReport(session, other.latestReports.at(sc)).scored);

    // A report saved before the store kept digests (schema version 3 and older) is read whole.
    require(database.raw()->query("UPDATE score_reports SET digest_json = NULL"));
    const SessionRecords old = require(store->sessionRecords({"trainee-1", std::nullopt, std::nullopt}));
    CHECK(old.latestReports.at(sa) == newest);
    CHECK(summarizeReport(session, old.latestReports.at(sa)).score == 71.25);
}

TEST_CASE("receipts are counted by what they show - in step with the recording, out of step, or unable to tell - each once") {
    TestDatabase database;
    auto store = database.open();
    const Id bay = require(store->addStation("bay 1")).station.id;
    const TestSession s = makeSession("trainee-1", "forehead-basic", 1000, true, 0);  // events every 10 ms: 10 s
    const Id session = require(store->appendLines(bay, s.key, 0, s.lines)).session;
    const UnixMillis header = require(store->findSession(s.key))->started;
    require(store->recordReceipt(session, 100, header + 900, "sig-a"));     // t = 1 s: cannot tell
    require(store->recordReceipt(session, 900, header + 9'500, "sig-b"));   // t = 9 s, received 9.5 s on: in step
    require(store->recordReceipt(session, 900, header + 60'000, "sig-c"));  // the same head again: kept once
    require(store->recordReceipt(session, 950, header + 1'000, "sig-d"));   // t = 9.5 s received at 1 s: out of step
    const SessionRecord record = *require(store->findSession(s.key));
    CHECK(record.receipts == 3);
    CHECK(record.receiptsInStep == 1);
    CHECK(record.receiptsOutOfStep == 1);
    CHECK(require(store->receipts(session))[1].recordedMs == 9'000);
    CHECK(witnessingFrom(record.receipts, record.receiptsInStep, record.receiptsOutOfStep) == Witnessing::PartlyLive);
}
