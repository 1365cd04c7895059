// The centre's scoring worker over the real store (SQLite and PostgreSQL): what it keeps when a session
// cannot be scored, and what it does with it each time the centre starts again.
#include "centre/scoring_worker.h"
#include "store_test_support.h"

#include <atomic>

using namespace store_test;

namespace {

// A session of scenario "worker-case" whose version the library holds, stored as station "bay 1"'s.
Id storedSession(Store& store) {
    ScenarioVersion v;
    v.scenario = "worker-case";
    v.title = "A case";
    v.text = "# a scenario version for the worker's tests\n";
    v.source = "worker-case.toml";
    const std::string sha256 = require(store.addScenarioVersion(v)).version.sha256;
    const Id bay = require(store.addStation("bay 1")).station.id;
    const TestSession s = makeSession("trainee-1", "worker-case", 5, true, 50, sha256);
    return require(store.appendLines(bay, s.key, 0, s.lines)).session;
}

// One start of the centre's worker with `scorer`: it scores what needs scoring, then stops.
void startOnce(Store& store, const SessionScorer& scorer) {
    ScoringWorker worker(store, scorer);
    worker.start();
    worker.waitUntilIdle();
    worker.stop();
}

ScoreOutcome failure(const std::string& why, const std::string& software) {
    return {"{\"error\":\"" + why + "\"}", "", "", software};
}

}  // namespace

TEST_CASE("a session that cannot be scored keeps one error report per reason and software version, however often the centre starts") {
    TestDatabase database;
    auto store = database.open();
    const Id session = storedSession(*store);
    std::atomic<int> tries{0};
    const auto failing = [&](const std::string& software) {
        return [&, software](const SessionRecord&, const std::string&) {
            ++tries;
            return failure("the head could not be loaded", software);
        };
    };
    for (int start = 0; start < 3; ++start) startOnce(*store, failing("pinpoint 1.0.0"));
    CHECK(tries == 3);  // tried at each start: what failed may work now
    CHECK(require(store->scoreReports(session)).size() == 1);

    // Another version of the software fails too: its own report, once.
    for (int start = 0; start < 2; ++start) startOnce(*store, failing("pinpoint 1.1.0"));
    std::vector<ScoreReportRecord> reports = require(store->scoreReports(session));
    REQUIRE(reports.size() == 2);
    CHECK(reports[1].softwareVersion == "pinpoint 1.1.0");

    // Scored at last: the report is kept after the errors, and the session is not scored again.
    const auto scoring = [&](const SessionRecord&, const std::string&) {
        ++tries;
        return ScoreOutcome{R"({"score":80})", "rubric", "scenario", "pinpoint 1.1.0"};
    };
    startOnce(*store, scoring);
    const int before = tries;
    startOnce(*store, scoring);
    CHECK(tries == before);
    reports = require(store->scoreReports(session));
    REQUIRE(reports.size() == 3);
    CHECK(reports[2].reportJson == R"({"score":80})");
}
