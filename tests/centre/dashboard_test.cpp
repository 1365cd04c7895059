// The dashboard pages: the cohort table and a trainee's progress, from sessions and score reports.
#include "centre/dashboard.h"

#include <doctest/doctest.h>

#include <string>

using namespace pinpoint::centre;

namespace {

SessionRecord session(Id id, const std::string& trainee, UnixMillis started) {
    SessionRecord s;
    s.id = id;
    s.key = "key" + std::to_string(id);
    s.trainee = trainee;
    s.scenario = "forehead-basic";
    s.started = started;
    return s;
}

ScoreReportRecord report(Id session, double score, bool passed, bool certifiable, double technique,
                         const std::string& criticalError = "") {
    const std::string errors = criticalError.empty() ? "[]" : R"([{"code":")" + criticalError + R"(","t":3.0}])";
    ScoreReportRecord r;
    r.session = session;
    r.reportJson = R"({"score":)" + std::to_string(score) + R"(,"passed":)" + (passed ? "true" : "false") +
                   R"(,"components":{"coverage":90,"overlap":95,"depth":88,"contraindications":100,"technique":)" +
                   std::to_string(technique) + R"(},"critical_errors":)" + errors + R"(,"evidence":{"certifiable":)" +
                   (certifiable ? "true" : "false") + "}}";
    return r;
}

Person trainee(const std::string& login, const std::string& name) {
    Person p;
    p.login = login;
    p.displayName = name;
    p.cohort = "spring";
    return p;
}

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("dashboard: a session's summary comes from its latest score report") {
    const SessionSummary s = summarize(session(1, "anna", 1000), report(1, 82.5, true, true, 61.0, "tissue_injury"));
    CHECK(s.scored);
    CHECK(s.score == doctest::Approx(82.5));
    CHECK(s.passed);
    CHECK(s.certifiable);
    CHECK(s.components.at("technique") == doctest::Approx(61.0));
    REQUIRE(s.criticalErrors.size() == 1);
    CHECK(s.criticalErrors[0] == "tissue_injury");
    CHECK_FALSE(summarize(session(2, "anna", 0), std::nullopt).scored);
    ScoreReportRecord broken;
    broken.reportJson = "{not json";
    CHECK_FALSE(summarize(session(3, "anna", 0), broken).scored);
    broken.reportJson = R"({"score":"high"})";
    CHECK_FALSE(summarize(session(3, "anna", 0), broken).scored);
}

TEST_CASE("dashboard: the cohort table counts sessions, the last score, certifiable passes and the weakest part") {
    const std::vector<SessionSummary> sessions = {
        summarize(session(1, "anna", 1000), report(1, 70.0, false, true, 40.0)),
        summarize(session(2, "anna", 3000), report(2, 91.0, true, true, 80.0)),
        summarize(session(3, "anna", 2000), report(3, 88.0, true, false, 70.0)),  // passed, not certifiable
        summarize(session(4, "anna", 4000), std::nullopt),                         // still recording
        summarize(session(5, "ben", 1500), report(5, 55.0, false, true, 95.0)),
    };
    const std::vector<CohortRow> rows = cohortRows({trainee("anna", "Anna Berg"), trainee("ben", ""), trainee("cleo", "Cleo")}, sessions);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].sessions == 4);
    REQUIRE(rows[0].lastScore);
    CHECK(*rows[0].lastScore == doctest::Approx(91.0));  // the newest scored, not the last in the list
    CHECK(rows[0].certifiablePasses == 1);
    CHECK(rows[0].weakestComponent == "technique");
    CHECK(rows[0].weakestMean == doctest::Approx((40.0 + 80.0 + 70.0) / 3.0));
    CHECK(rows[1].displayName == "ben");
    CHECK(rows[1].weakestComponent == "depth");
    CHECK(rows[2].sessions == 0);
    CHECK_FALSE(rows[2].lastScore);

    const std::string page = cohortPage("spring", rows);
    CHECK(page.find("<title>Cohort spring</title>") != std::string::npos);
    CHECK(page.find("Anna Berg") != std::string::npos);
    CHECK(page.find("technique (mean 63.3)") != std::string::npos);
    CHECK(page.find("not scored yet") != std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("dashboard: names from people and files are shown as text, never as markup") {
    const std::vector<CohortRow> rows = cohortRows({trainee("x", "<script>alert(1)</script>")}, {});
    const std::string page = cohortPage("<b>", rows);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("&lt;script&gt;") != std::string::npos);
    CHECK(page.find("<b>") == std::string::npos);
}

TEST_CASE("dashboard: a trainee's progress draws the score and each component over the sessions") {
    std::vector<SessionSummary> sessions = {
        summarize(session(1, "anna", 1000), report(1, 60.0, false, true, 40.0)),
        summarize(session(2, "anna", 2000), report(2, 75.0, true, true, 60.0, "depth_beyond_cap")),
        summarize(session(3, "anna", 3000), report(3, 90.0, true, true, 85.0)),
    };
    const std::string svg = progressSvg(sessions);
    CHECK(count(svg, "<polyline") == 6);  // the score and five components
    CHECK(count(svg, "<circle") == 3);
    CHECK(count(svg, "fill=\"#ffffff\"") == 1);  // the failed session's point is hollow
    const std::string page = traineePage(trainee("anna", "Anna Berg"), sessions);
    CHECK(page.find("Anna Berg: progress") != std::string::npos);
    CHECK(page.find("depth_beyond_cap") != std::string::npos);
    CHECK(count(page, "class=\"pass\">Passed") == 2);
    CHECK(progressSvg({}).find("No scored sessions yet") != std::string::npos);
}
