// The scenario statistics, assessor's queue, assessment quality and session pages, from hand-made
// records. With PINPOINT_DASHBOARD_OUT set to a folder, the pages are also written there (to look at
// them in a browser; docs/centre.md).
#include "centre/dashboard_pages.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <string>

using namespace pinpoint::centre;
namespace core = pinpoint::core;

namespace {

const std::string kHostile = "<script>alert(\"x\")</script>&";

SessionSummary scored(Id id, const std::string& trainee, UnixMillis started, double score, bool passed, bool certifiable,
                      std::vector<std::string> errors = {}) {
    SessionSummary s;
    s.id = id;
    s.key = "k" + std::to_string(id);
    s.trainee = trainee;
    s.scenario = "forehead-basic";
    s.started = started;
    s.scored = true;
    s.score = score;
    s.passed = passed;
    s.certifiable = certifiable;
    s.criticalErrors = std::move(errors);
    return s;
}

ReviewRecord review(Id session, Id assessor, UnixMillis created, const std::string& ratings, bool pass) {
    ReviewRecord r;
    r.session = session;
    r.assessor = assessor;
    r.created = created;
    r.ratingsJson = ratings;
    r.pass = pass;
    return r;
}

Person person(Id id, const std::string& login, const std::string& name) {
    Person p;
    p.id = id;
    p.login = login;
    p.displayName = name;
    p.role = Role::Assessor;
    return p;
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// Checks every page must pass, and writes it out for a look when asked.
void checkPage(const std::string& html, const std::string& name) {
    CHECK(has(html, "<!DOCTYPE html>"));
    CHECK_FALSE(has(html, "<script"));
    CHECK_FALSE(has(html, "<SCRIPT"));
    CHECK_FALSE(has(html, "src=\"http"));
    if (const char* out = std::getenv("PINPOINT_DASHBOARD_OUT")) std::ofstream(std::string(out) + "/" + name + ".html") << html;
}

}  // namespace

TEST_CASE("scenario page: sessions, trainees, pass rate, 10-point bins and the commonest critical errors") {
    std::vector<SessionSummary> sessions = {
        scored(1, "anna", 1, 5.0, false, true, {"tissue_injury", "tissue_injury"}),  // counted once for this session
        scored(2, "anna", 2, 15.0, false, true, {"tissue_injury"}),
        scored(3, "ben", 3, 19.99, false, true, {"wrong_depth"}),
        scored(4, "ben", 4, 99.9, true, true),
        scored(5, kHostile, 5, 100.0, true, true, {kHostile}),
        scored(6, "cleo", 6, 70.0, true, false),
    };
    SessionSummary unscored;
    unscored.trainee = "dan";
    sessions.push_back(unscored);
    const ScenarioStats st = scenarioStats(sessions);
    CHECK(st.sessions == 7);
    CHECK(st.scored == 6);
    CHECK(st.trainees == 5);
    CHECK(st.passed == 3);
    CHECK(st.passRate == doctest::Approx(0.5));
    CHECK(st.bins == std::array<int, 10>{1, 2, 0, 0, 0, 0, 0, 1, 0, 2});
    REQUIRE(st.errors.size() == 3);
    CHECK(st.errors[0].code == "tissue_injury");
    CHECK(st.errors[0].sessions == 2);
    CHECK(st.errors[0].share == doctest::Approx(2.0 / 6.0));

    const std::string html = scenarioPage("forehead-basic", sessions, 72.5);
    checkPage(html, "scenario");
    CHECK(has(html, "data-bin=\"90\" data-count=\"2\""));
    CHECK(has(html, "data-bin=\"10\" data-count=\"2\""));
    CHECK_FALSE(has(html, "data-bin=\"20\""));  // an empty bin draws no bar
    CHECK(has(html, "pass mark 72.5"));
    CHECK(has(html, "50%"));
    CHECK(has(html, "33%"));
    CHECK(has(html, "&lt;script&gt;"));
    CHECK_FALSE(has(scenarioPage("x", sessions, std::nullopt), "class=\"mark\""));
    const std::string empty = scenarioPage("nothing-yet", {}, 70.0);
    checkPage(empty, "scenario_empty");
    CHECK(has(empty, "No scored sessions yet"));
}

TEST_CASE("queue: certification sessions need two assessors, others one - an assessor sees their own, oldest first") {
    const std::vector<Person> people = {person(10, "ann", "Ann Assessor"), person(11, "bo", ""), person(12, "cy", kHostile)};
    std::vector<QueueInput> in = {
        {scored(1, "t1", 300, 80, true, true), {10, 11}, {review(1, 10, 5, "{}", true)}},    // cert, 1 of 2: waits for bo
        {scored(2, "t2", 100, 80, true, false), {10}, {review(2, 10, 5, "{}", true)}},       // practice, reviewed: done
        {scored(3, "t3", 200, 80, true, true), {10, 11}, {review(3, 10, 5, "{}", true), review(3, 10, 9, "{}", true)}},  // same assessor twice
        {scored(4, "t4", 50, 60, false, true), {12}, {}},                                   // cert, one assigned: one more to assign
        {scored(5, "t5", 400, 80, true, true), {10, 11}, {review(5, 10, 5, "{}", true), review(5, 11, 6, "{}", false)}},  // done
    };
    const std::vector<QueueRow> all = reviewQueue(in, people);
    REQUIRE(all.size() == 3);
    CHECK(all[0].session.id == 4);  // oldest first
    CHECK(all[1].session.id == 3);
    CHECK(all[2].session.id == 1);
    CHECK(all[0].needed == 2);
    CHECK(all[0].unassignedSlots == 1);
    CHECK(all[1].reviewsIn == 1);  // one assessor's two reviews count once
    CHECK(all[2].awaiting == std::vector<std::string>{"bo"});
    CHECK(all[2].assigned == std::vector<std::string>{"Ann Assessor", "bo"});

    const std::vector<QueueRow> ann = reviewQueue(in, people, 10);
    CHECK(ann.empty());  // she has reviewed everything assigned to her
    const std::vector<QueueRow> bo = reviewQueue(in, people, 11);
    REQUIRE(bo.size() == 2);
    CHECK(bo[0].session.id == 3);
    CHECK(bo[1].session.id == 1);

    const std::string html = queuePage(all, std::nullopt);
    checkPage(html, "queue");
    CHECK(has(html, "1 more assessor to assign"));
    CHECK(has(html, "a review from bo"));
    CHECK(has(html, "&lt;script&gt;"));
    const std::string mine = queuePage(ann, people[0]);
    checkPage(mine, "queue_empty");
    CHECK(has(mine, "Review queue of Ann Assessor"));
    CHECK(has(mine, "Nothing waiting for your review."));
}

TEST_CASE("assessment page: ICC per item and kappa as core computes them, and the contrasting-groups mark") {
    // Six sessions reviewed by two assessors (in either order), one by one only (left out).
    const int a[6] = {2, 3, 4, 5, 3, 1}, b[6] = {3, 3, 5, 4, 2, 2};
    const bool passA[6] = {false, true, true, true, false, false}, passB[6] = {false, true, true, false, false, true};
    std::vector<ReviewedSession> sessions;
    core::RatingTable table;
    std::vector<std::string> first, second;
    for (int i = 0; i < 6; ++i) {
        const std::string ra = "{\"asepsis\":" + std::to_string(a[i]) + "}";
        const std::string rb = R"({"ratings":[{"item":"asepsis","score":)" + std::to_string(b[i]) + "}]}";
        sessions.push_back({i + 1, {review(i + 1, 10, 100, ra, passA[i]), review(i + 1, 11, 200, rb, passB[i])}});
        table.push_back({double(a[i]), double(b[i])});
        first.emplace_back(passA[i] ? "pass" : "fail");
        second.emplace_back(passB[i] ? "pass" : "fail");
    }
    sessions.push_back({7, {review(7, 10, 100, R"({"asepsis":4})", true)}});
    const std::vector<MarkedScore> marked = {{90, Mark::Expert}, {85, Mark::Expert}, {88, Mark::Expert}, {93, Mark::Expert},
                                             {80, Mark::Expert}, {50, Mark::Novice}, {62, Mark::Novice}, {55, Mark::Novice},
                                             {70, Mark::Novice}, {58, Mark::Novice}};
    const AssessmentQuality q = assessmentQuality(sessions, marked);
    CHECK(q.withTwoReviews == 6);
    CHECK(q.leftOut == 1);
    REQUIRE(q.items.size() == 1);
    const core::IccResult icc = core::iccAbsoluteAgreement(table);
    REQUIRE(icc.computed);
    CHECK(q.items[0].icc.icc == doctest::Approx(icc.icc));
    const core::KappaResult kappa = core::cohensKappa(first, second);
    REQUIRE(kappa.computed);
    CHECK(q.signOff.kappa == doctest::Approx(kappa.kappa));
    REQUIRE(q.groups.status == core::PassMarkStatus::Set);

    const std::string html = assessmentPage("Assessment quality: forehead-basic", q);
    checkPage(html, "assessment");
    auto fixed = [](double v) { char t[32]; std::snprintf(t, sizeof t, "%.2f", v); return std::string(t); };
    CHECK(has(html, fixed(icc.icc) + " (" + fixed(icc.lower95) + " to " + fixed(icc.upper95) + ")"));
    CHECK(has(html, std::string(iccBand(icc.icc)) + " agreement"));
    CHECK(has(html, "Cohen's kappa " + fixed(kappa.kappa) + " (" + fixed(kappa.lower95) + " to " + fixed(kappa.upper95) + "): " +
                        kappaBand(kappa.kappa)));
    CHECK(has(html, "1 session was left out"));
    CHECK(has(html, "class=\"mark\""));
    char mark[32];
    std::snprintf(mark, sizeof mark, "cross at %.1f", q.groups.passMark);
    CHECK(has(html, mark));
}

TEST_CASE("assessment page: assessors who change between sessions are compared by the one-way model, and fixed pairs apart") {
    // Twelve sessions: assessors 10 and 11 review six of them, 10 and 12 the other six (12 marks high).
    // No fixed panel, so ICC(1,1) over each session's first two reviews; each pair then by ICC(2,1).
    const int a[12] = {2, 3, 4, 5, 3, 1, 2, 4, 3, 5, 1, 3}, b[12] = {3, 3, 5, 4, 2, 2, 4, 5, 5, 5, 3, 5};
    std::vector<ReviewedSession> sessions;
    core::RatingTable all, pair11, pair12;
    std::vector<std::string> first, second;
    for (int i = 0; i < 12; ++i) {
        const Id other = i < 6 ? 11 : 12;
        // The second assessor reviews first in every other session: "first" goes by time, pairs by person.
        const UnixMillis tA = i % 2 ? 300 : 100, tB = 200;
        sessions.push_back({i + 1, {review(i + 1, 10, tA, "{\"asepsis\":" + std::to_string(a[i]) + "}", a[i] >= 3),
                                    review(i + 1, other, tB, "{\"asepsis\":" + std::to_string(b[i]) + "}", b[i] >= 3)}});
        all.push_back(i % 2 ? std::vector<std::optional<double>>{double(b[i]), double(a[i])}
                            : std::vector<std::optional<double>>{double(a[i]), double(b[i])});
        (i < 6 ? pair11 : pair12).push_back({double(a[i]), double(b[i])});
    }
    const AssessmentQuality q = assessmentQuality(sessions, {});
    CHECK_FALSE(q.samePanel);
    CHECK(q.panel.empty());
    REQUIRE(q.items.size() == 1);
    const core::IccResult oneWay = core::iccOneWay(all);
    REQUIRE(oneWay.computed);
    CHECK(q.items[0].icc.icc == doctest::Approx(oneWay.icc));
    CHECK(q.items[0].icc.msColumns == 0.0);  // the one-way model, not the two-way one
    REQUIRE(q.pairs.size() == 2);
    CHECK(q.pairs[0].first == 10);
    CHECK(q.pairs[0].second == 11);
    CHECK(q.pairs[0].sessions == 6);
    CHECK(q.pairs[0].items.at(0).icc.icc == doctest::Approx(core::iccAbsoluteAgreement(pair11).icc));
    CHECK(q.pairs[1].items.at(0).icc.icc == doctest::Approx(core::iccAbsoluteAgreement(pair12).icc));

    const std::vector<Person> people = {person(10, "ann", "Ann Assessor"),
                                        person(11, "bo", "")};
    const std::string html = assessmentPage("Assessment quality", q, people);
    checkPage(html, "assessment_changing_pairs");
    CHECK(has(html, "ICC(1,1) (95% CI)"));
    CHECK(has(html, "The first two reviewers of each session"));
    CHECK(has(html, "Pairs of assessors"));
    CHECK(has(html, "Ann Assessor and bo"));
    CHECK(has(html, "Ann Assessor and #12"));

    // The same assessors on every session: the panel's columns are people, whoever reviewed first.
    sessions.resize(6);
    const AssessmentQuality fixed = assessmentQuality(sessions, {});
    CHECK(fixed.samePanel);
    CHECK(fixed.panel == std::vector<Id>{10, 11});
    CHECK(fixed.pairs.empty());
    CHECK(fixed.items.at(0).icc.icc == doctest::Approx(core::iccAbsoluteAgreement(pair11).icc));
    CHECK(has(assessmentPage("Assessment quality", fixed, people), "the same assessors (Ann Assessor and bo)"));
}

TEST_CASE("assessment page: too little data says why instead of a number") {
    const std::vector<ReviewedSession> sessions = {
        {1, {review(1, 10, 1, R"({"asepsis":3})", true), review(1, 11, 2, R"({"asepsis":4})", true)}},
        {2, {review(2, 10, 1, "not json", true)}},
        {3, {review(3, 10, 1, R"({"<b>item</b>":3})", true), review(3, 11, 2, "[1,2]", true)}},
    };
    const AssessmentQuality q = assessmentQuality(sessions, {{80, Mark::Expert}, {40, Mark::Novice}});
    REQUIRE(q.items.size() == 2);
    CHECK(q.unreadableRatings == 1);  // "[1,2]"; the one-review session's "not json" is never read
    CHECK_FALSE(q.items.at(0).icc.computed);
    CHECK_FALSE(q.signOff.computed);
    CHECK(q.groups.status == core::PassMarkStatus::TooFewSessions);
    const std::string html = assessmentPage("Assessment quality", q);
    checkPage(html, "assessment_degenerate");
    CHECK(has(html, "not computed"));
    CHECK(has(html, "&lt;b&gt;item&lt;/b&gt;"));
    CHECK_FALSE(has(html, "<b>item"));
    CHECK(has(html, "1 review(s) had ratings that could not be read"));
    CHECK(has(html, "Cohen's kappa not computed: "));
    CHECK(has(html, "No pass mark: "));
    CHECK_FALSE(q.groups.reason.empty());
    CHECK(iccBand(0.29) == std::string("poor"));
    CHECK(iccBand(0.8) == std::string("good"));
    CHECK(kappaBand(0.5) == std::string("moderate"));
}

TEST_CASE("session page: score, errors, evidence reasons, receipts, reviews and the review link - names escaped") {
    SessionPageInput in;
    in.session.id = 7;
    in.session.key = "00ab12cd34ef5678";
    in.session.trainee = kHostile;
    in.session.scenario = "forehead-basic";
    in.session.started = 1'764'597'600'000;  // 2025-12-01 14:00:00 UTC
    in.session.lines = 1234;
    ScoreReportRecord r;
    r.session = 7;
    r.reportJson = R"({"score":64.5,"passed":false,"components":{"coverage":80,"depth":40},)"
                   R"("critical_errors":[{"code":"tissue_injury","t":12.5,"message":"too deep <here>"}],)"
                   R"("evidence":{"certifiable":false,"reasons":["the session header does not name the scenario it was recorded for"]}})";
    in.latest = r;
    // Received a second after each line was recorded: in step with the recording.
    in.receipts = {{7, 10, "aa", 1'764'597'660'000, "sig", 59'000}, {7, 400, "bb", 1'764'597'900'000, "sig", 299'000},
                   {7, 200, "cc", 1'764'597'700'000, "sig", 99'000}};
    in.reviews = {review(7, 10, 1'764'600'000'000, R"({"asepsis":4})", false)};
    in.people = {person(10, "ann", "Ann Assessor")};
    const std::string html = sessionPage(in);
    checkPage(html, "session");
    CHECK(has(html, "64.5"));
    CHECK(has(html, "tissue_injury"));
    CHECK(has(html, "too deep &lt;here&gt;"));
    CHECK(has(html, "not certifiable"));
    CHECK(has(html, "does not name the scenario"));
    CHECK(has(html, "<b>Witnessed live</b>: the centre received its lines while it was recorded, in step with their own "
                    "times (3 receipts, 2025-12-01 14:01:00 UTC to 2025-12-01 14:05:00 UTC)."));
    CHECK(has(html, "Ann Assessor"));
    CHECK(has(html, "asepsis 4"));
    CHECK(has(html, "href=\"pinpoint://review/00ab12cd34ef5678\""));
    CHECK(has(html, "pinpoint review 'pinpoint://review/00ab12cd34ef5678'"));
    CHECK(has(html, "&lt;script&gt;"));
    CHECK(reviewLink("a/b c\"", "") == "pinpoint://review/a%2Fb%20c%22");
    CHECK(reviewLink("00ab12cd34ef5678", "https://centre.academy.example:8443/pinpoint") ==
          "pinpoint://review/00ab12cd34ef5678?centre=https%3A%2F%2Fcentre.academy.example%3A8443%2Fpinpoint");
    in.centreUrl = "http://127.0.0.1:8750";
    CHECK(has(sessionPage(in), "href=\"pinpoint://review/00ab12cd34ef5678?centre=http%3A%2F%2F127.0.0.1%3A8750\""));
    // The same lines recorded over ten minutes but received within five: sent afterwards, not live.
    for (Receipt& receipt : in.receipts) *receipt.recordedMs += 600'000;
    const std::string late = sessionPage(in);
    CHECK(has(late, "<b>Uploaded afterwards</b>, 2025-12-01 14:01:00 UTC to 2025-12-01 14:05:00 UTC"));
    CHECK_FALSE(has(late, "Witnessed live"));

    SessionPageInput bare;
    bare.session.key = "1111222233334444";
    const std::string none = sessionPage(bare);
    checkPage(none, "session_bare");
    CHECK(has(none, "Not scored yet."));
    CHECK(has(none, "Not witnessed: the centre has signed no receipt for it yet."));
    CHECK(has(none, "No reviews yet."));
    CHECK(has(none, "scenario (not named)"));
}
