#include "scoring_fixture.h"

#include "core/scoring/scenario_demo.h"
#include "core/scoring/score_report.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/session_file.h"
#include "core/session/warning_tracker.h"

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

Graded demo(const core::Scenario& scenario, const core::SloppyPractice& sloppy = {}) { return gradeDemo(scenario, sloppy); }

const Graded& careful() {
    static const Graded g = demo(planScenario());
    return g;
}

// No component except `changed` loses more than `tolerance` points against the careful session.
void othersUnchanged(const Graded& g, std::initializer_list<const char*> changed, double tolerance = 4.0) {
    for (const char* c : core::kComponents) {
        bool skip = false;
        for (const char* x : changed) skip = skip || std::string(x) == c;
        if (skip) continue;
        const std::string component = c;
        CAPTURE(component);
        CHECK(g.component(c) >= careful().component(c) - tolerance);
    }
}

}  // namespace

TEST_CASE("a careful practitioner's session passes with a high score and no critical error") {
    const Graded& g = careful();
    for (const auto& d : g.result.deductions) MESSAGE(d.component << " -" << d.points << " " << d.reason);
    for (const auto& e : g.result.criticalErrors) MESSAGE("critical " << e.code << " " << e.message);
    CHECK(g.result.criticalErrors.empty());
    CHECK(g.result.passed);
    CHECK(g.result.score >= 90.0);
    for (const char* c : core::kComponents) {
        CAPTURE(c);
        CHECK(g.component(c) >= 85.0);
    }
    CHECK(g.result.decision.correct);
}

TEST_CASE("sloppy: a depth beyond the zone's range costs depth points, and only those") {
    core::SloppyPractice sloppy;
    sloppy.depthOffsetMm = 0.3;  // forehead 0.7 and cheek 1.05 mm: beyond the maximum, inside the margin
    const Graded g = demo(planScenario(), sloppy);
    CHECK(g.result.criticalErrors.empty());
    CHECK(g.component("depth") < 20.0);
    othersUnchanged(g, {"depth"});
}

TEST_CASE("sloppy: needling far deeper than the zone allows is a critical error") {
    core::SloppyPractice sloppy;
    sloppy.depthOffsetMm = 0.6;
    const Graded g = demo(planScenario(), sloppy);
    CHECK(g.critical("depth_beyond_margin"));
    CHECK_FALSE(g.result.passed);
}

TEST_CASE("sloppy: passes in one direction only cost technique points, and only those") {
    core::SloppyPractice sloppy;
    sloppy.crossingPasses = false;
    const Graded g = demo(planScenario(), sloppy);
    CHECK(g.component("technique") <= 72.0);
    othersUnchanged(g, {"technique"});
}

TEST_CASE("sloppy: gaps between lines cost coverage points") {
    core::SloppyPractice sloppy;
    sloppy.lineStride = 3;
    const Graded g = demo(planScenario(), sloppy);
    CHECK(g.component("coverage") < careful().component("coverage") - 20.0);
    othersUnchanged(g, {"coverage", "technique"}, 5.0);  // fewer lines also means less travel per direction
}

TEST_CASE("sloppy: stacked passes cost overlap points") {
    core::SloppyPractice sloppy;
    sloppy.extraPasses = 2;
    const Graded g = demo(planScenario(), sloppy);
    CHECK(g.component("overlap") < careful().component("overlap") - 30.0);
    othersUnchanged(g, {"overlap", "protocol"});
}

TEST_CASE("sloppy: a contraindication revealed only by asking, missed, costs contraindication points") {
    core::Scenario s = planScenario();
    s.patient.conditions = {{"anticoagulants", "warfarin, not mentioned unless asked", false}};
    s.questions = {{"medication", "Do you take any medicines?", "Warfarin, for my heart.", {"anticoagulants"}}};
    s.expectedDecision = core::Decision::ProceedModified;
    s.plan.actions = {"physician_clearance"};
    const Graded good = demo(s);
    CHECK(good.component("contraindications") == doctest::Approx(100.0));
    core::SloppyPractice sloppy;
    sloppy.askQuestions = false;
    sloppy.decision = core::Decision::Proceed;
    const Graded missed = demo(s, sloppy);
    CHECK(missed.component("contraindications") <= 20.0);
    CHECK(missed.component("coverage") == doctest::Approx(good.component("coverage")).epsilon(0.02));
    CHECK(missed.result.score < good.result.score - 15.0);
}

TEST_CASE("sloppy: treating unscreened, or on skin never disinfected, fails the session whatever the points") {
    core::SloppyPractice unasked;
    unasked.askQuestions = false;  // a healthy patient: the right decision, by luck
    const Graded lucky = demo(planScenario(), unasked);
    CHECK(lucky.critical("treated_without_screening"));
    CHECK(lucky.component("contraindications") == doctest::Approx(60.0));
    CHECK_FALSE(lucky.result.passed);
    core::SloppyPractice unprepared;
    unprepared.skipPreparation = true;
    const Graded undisinfected = demo(planScenario(), unprepared);
    CHECK(undisinfected.critical("needled_before_safety_step"));
    CHECK(undisinfected.result.score >= 85.0);  // the points alone would pass
    CHECK_FALSE(undisinfected.result.passed);
}

TEST_CASE("treating a patient who should be declined fails the session - declining is scored on the decision alone") {
    core::Scenario s = planScenario();
    s.expectedDecision = core::Decision::Decline;
    s.patient.conditions = {{"active_herpes_simplex", "a cold sore on the upper lip", true}};
    const Graded right = demo(s);
    CHECK(right.result.decisionOnly);
    CHECK(right.result.passed);
    CHECK(right.result.score == doctest::Approx(100.0));
    CHECK_FALSE(right.result.components[0].has_value());
    core::SloppyPractice sloppy;
    sloppy.decision = core::Decision::Proceed;
    const Graded treated = demo(s, sloppy);
    CHECK(treated.critical("treated_contraindicated"));
    CHECK_FALSE(treated.result.passed);
}

TEST_CASE("safety gates: a forbidden tool, a lesion, an avoided zone, a forbidden area") {
    core::Scenario rollerOnly = planScenario();
    rollerOnly.allowedTools = {"roller"};
    const Graded g = grade(rollerOnly, core::makeScenarioDemo(*world().surface, world().tools, world().rubric, planScenario()));
    CHECK(g.critical("forbidden_tool"));
    CHECK_FALSE(g.result.passed);

    core::Scenario mole = planScenario();
    const glm::vec3 spot = world().skinAt({45, 1515, 400}, {0, 0, -1});
    mole.lesions = {{"raised_mole", spot, 3.0f}};
    const Graded avoided = demo(mole);
    CHECK(avoided.result.lesionPunctures == 0);
    CHECK_FALSE(avoided.critical("needled_lesion"));
    const Graded ignored = grade(mole, core::makeScenarioDemo(*world().surface, world().tools, world().rubric, planScenario()));
    CHECK(ignored.critical("needled_lesion"));
    CHECK_FALSE(ignored.result.passed);

    core::Scenario avoid = planScenario();
    avoid.plan.avoidZones = {"cheek_left"};
    avoid.expectedDecision = core::Decision::ProceedModified;
    const Graded intoAvoided = grade(avoid, core::makeScenarioDemo(*world().surface, world().tools, world().rubric, planScenario()));
    CHECK(intoAvoided.critical("needled_avoided_zone"));

    const glm::vec3 eye = world().skinAt({30, 1552, 400}, {0, 0, -1});
    core::Session intoEye;
    intoEye.events = {pen(0, "9pin", 0.25, 50.0), touch(0, eye), touch(0.1, eye)};
    const Graded eyeGraded = grade(planScenario(), intoEye);
    CHECK(eyeGraded.critical("needled_forbidden_area"));
}

TEST_CASE("the report is the same, byte for byte, every time") {
    const core::Scenario s = planScenario();
    const core::Session session = core::makeScenarioDemo(*world().surface, world().tools, world().rubric, s);
    const auto sim = core::simulateSession(*world().surface, world().tools, session);
    const auto a = core::scoreSession(s, world().rubric, world().head, world().density, session, sim);
    const auto b = core::scoreSession(s, world().rubric, world().head, world().density, session, sim);
    const std::string ja = core::scoreReportJson(a, s, world().rubric, session, sim).dump(2);
    CHECK(ja == core::scoreReportJson(b, s, world().rubric, session, sim).dump(2));
    const nlohmann::json j = nlohmann::json::parse(ja);
    for (const char* key : {"passed", "score", "components", "zones", "decision", "critical_errors", "punctures", "rubric"})
        CHECK(j.contains(key));
    CHECK(j["zones"]["forehead"]["in_plan"].get<bool>());
}

TEST_CASE("a plan barely started does not pass, however well the little was done") {
    // One short careful stroke across the forehead: depth, technique and protocol are perfect.
    const glm::vec3 a = world().skinAt({-20, 1595, 400}, {0, 0, -1});
    const glm::vec3 b = world().skinAt({20, 1595, 400}, {0, 0, -1});
    core::Session s;
    s.events = {core::questionEvent(0.0, "medication"), core::decisionEvent(0.0, core::Decision::Proceed, {}), core::StepEvent{1.0, "cleanse"},
                core::StepEvent{2.0, "disinfect"}, pen(3.0, "12pin", 0.4, 100.0)};
    for (int i = 0; i <= 40; ++i) s.events.push_back(touch(3.0 + 0.02 * i, a + (b - a) * (i / 40.0f)));
    s.events.push_back(lift(4.0, b));
    const core::SessionEvent postCare = core::StepEvent{5.0, "post_care_given"};
    s.events.push_back(postCare);
    const Graded g = grade(planScenario(), s);
    CHECK(g.result.criticalErrors.empty());
    CHECK(g.component("coverage") < 20.0);
    CHECK_FALSE(g.result.passed);
    REQUIRE(g.result.unmetRequirements.size() == 1);
    CHECK(g.result.unmetRequirements[0].find("not finished") != std::string::npos);
}

namespace {

// The session as the simulator would record it with live warnings: off perpendicular for the
// first stretch of each 300 contact poses, too fast for a stretch of each 500, both ended (by
// finish) after the last event, and one more warning after that. Written out and read back.
core::Session withWarnings(const core::Session& session) {
    core::WarningTracker tracker(0.5);
    std::string text = core::sessionHeaderLine(session.header) + "\n";
    int contact = 0;
    for (const core::SessionEvent& e : session.events) {
        text += core::sessionEventLine(e) + "\n";
        const auto* pose = std::get_if<core::PoseEvent>(&e);
        if (!pose) continue;
        std::vector<core::TreatmentWarning> showing;
        if (pose->contact && ++contact % 300 < 40) showing.push_back({core::WarningKind::OffPerpendicular, "forehead", "tilted"});
        if (pose->contact && contact % 500 < 25) showing.push_back({core::WarningKind::TooFast, "cheek_left", "too fast"});
        for (const core::SessionEvent& w : tracker.update(pose->t, showing)) text += core::sessionEventLine(w) + "\n";
    }
    const double end = core::eventTime(session.events.back());
    for (const core::SessionEvent& w : tracker.finish(end + 0.5)) text += core::sessionEventLine(w) + "\n";
    text += core::sessionEventLine(core::warningEvent(end + 30.0, {core::WarningKind::ReTreating, "forehead", "late"})) + "\n";
    core::Result<core::Session> read = core::parseSession(text, "warned.pps", &world().tools);
    REQUIRE_MESSAGE(read.ok(), read.error().describe());
    return std::move(*read);
}

}  // namespace

TEST_CASE("warnings recorded in a session never change its score") {
    core::Scenario scenario = planScenario();
    core::SloppyPractice sloppy;
    sloppy.depthOffsetMm = 0.6;  // a critical error and deductions, so there is something to change
    for (const core::Session& session : {core::makeScenarioDemo(*world().surface, world().tools, world().rubric, scenario),
                                         core::makeScenarioDemo(*world().surface, world().tools, world().rubric, scenario, sloppy)}) {
        // A time limit the session just meets: a warning event counted as part of it would break it.
        scenario.timeLimitSeconds = core::eventTime(session.events.back());
        const core::Session warned = withWarnings(session);
        std::size_t warnings = 0;
        for (const core::SessionEvent& e : warned.events) warnings += core::isWarningEvent(e);
        REQUIRE(warnings > 6);
        const auto simA = core::simulateSession(*world().surface, world().tools, session);
        const auto simB = core::simulateSession(*world().surface, world().tools, warned);
        CHECK(simA.punctures.size() == simB.punctures.size());
        const auto a = core::scoreSession(scenario, world().rubric, world().head, world().density, session, simA);
        const auto b = core::scoreSession(scenario, world().rubric, world().head, world().density, warned, simB);
        CHECK(a.score == b.score);
        CHECK(a.passed == b.passed);
        CHECK(core::scoreReportText(a, scenario, session) == core::scoreReportText(b, scenario, warned));
        nlohmann::json ja = core::scoreReportJson(a, scenario, world().rubric, session, simA);
        nlohmann::json jb = core::scoreReportJson(b, scenario, world().rubric, warned, simB);
        ja.erase("session");  // the event count: the one thing that differs
        jb.erase("session");
        CHECK(ja.dump(2) == jb.dump(2));
    }
}
