// The decision, screening and safety-step rules of the score (docs/scoring.md), on hand-built
// sessions: a few questions, a decision, protocol steps and a short stroke of the pen.
#include "scoring_fixture.h"

#include "core/scoring/scenario.h"
#include "core/scoring/scoring_engine.h"
#include "core/scoring/session_facts.h"

using namespace pinpoint;
using namespace pinpoint::testing;
using core::Decision;

namespace {

// A healthy patient; the plan treats the forehead and the left cheek with a pen. Two screening
// questions and one marked optional.
core::Scenario healthy() {
    core::Scenario s = planScenario();
    s.id = "test-decisions";
    s.sha256 = std::string(64, 'b');
    core::IntakeQuestion holiday{"holiday", "Any holiday in the sun coming up?", "Not until summer.", {}};
    holiday.optional = true;
    s.questions = {{"medication", "Do you take any medicines?", "Only vitamins.", {}},
                   {"cold_sores", "Do you get cold sores?", "No.", {}},
                   holiday};
    return s;
}

core::Scenario shipped(const std::string& name) { return shippedScenario(name); }

glm::vec3 skin(float x, float y) { return world().skinAt({x, y, 400}, {0, 0, -1}); }

// A session written event by event, a second apart; a stroke takes two seconds.
struct Script {
    core::Session session;
    double t = 0.0;

    Script& ask(const std::string& id) { return add(core::questionEvent(t, id)); }
    Script& decide(Decision d, const core::RequiredPlan& plan = {}) { return add(core::decisionEvent(t, d, plan)); }
    Script& step(const std::string& name) { return add(core::StepEvent{t, name}); }
    Script& prepare() { return step("cleanse").step("disinfect"); }
    // A short stroke of the 12-pin cartridge from a to b at `depth`.
    Script& stroke(glm::vec3 a, glm::vec3 b, double depth) {
        session.events.push_back(pen(t, "12pin", depth, 100.0));
        for (int i = 0; i <= 40; ++i) session.events.push_back(touch(t + 0.02 * i, a + (b - a) * (i / 40.0f)));
        session.events.push_back(lift(t + 1.0, b));
        t += 2.0;
        return *this;
    }
    Script& needleForehead(double depth = 0.4) { return stroke(skin(-20, 1595), skin(20, 1595), depth); }
    Script& add(core::SessionEvent e) {
        session.events.push_back(std::move(e));
        t += 1.0;
        return *this;
    }
};

struct Scripted {  // the score with the punctures it was made from
    core::ScoreResult result;
    core::SimulationOutput sim;
    double contraindications() const { return result.components[3].value_or(-1.0); }
    bool critical(const std::string& code) const {
        for (const auto& e : result.criticalErrors)
            if (e.code == code) return true;
        return false;
    }
};

Scripted grade(const core::Scenario& scenario, const Script& script) {
    Scripted g;
    g.sim = core::simulateSession(*world().surface, world().tools, script.session);
    g.result = core::scoreSession(scenario, world().rubric, world().head, world().density, script.session, g.sim);
    for (const auto& e : g.result.criticalErrors) MESSAGE("critical " << e.code << ": " << e.message);
    return g;
}

}  // namespace

TEST_CASE("an acceptable deferral with nothing needled is scored on the decision alone, and passes") {
    // anticoagulant-by-asking: proceed_modified is best, defer is acceptable.
    const core::Scenario s = shipped("anticoagulant-by-asking.toml");
    const Scripted deferred = grade(s, Script().ask("medication").ask("bruising").ask("cold_sores").decide(Decision::Defer));
    CHECK(deferred.result.decisionOnly);
    CHECK(deferred.result.decision.acceptable);
    CHECK_FALSE(deferred.result.components[0].has_value());
    CHECK(deferred.result.score == doctest::Approx(85.0));  // the acceptable-alternative deduction only
    CHECK(deferred.result.criticalErrors.empty());
    CHECK(deferred.result.unmetRequirements.empty());
    CHECK(deferred.result.passed);

    // The same deferral without asking anything is luck, not competence.
    const Scripted unscreened = grade(s, Script().decide(Decision::Defer));
    CHECK(unscreened.result.decisionOnly);
    CHECK(unscreened.result.score < s.passMark);
    CHECK_FALSE(unscreened.result.passed);

    // A deferral the scenario does not accept is scored on everything, and fails.
    core::Scenario strict = s;
    strict.acceptableDecisions.clear();
    const Scripted wrong = grade(strict, Script().ask("medication").ask("bruising").ask("cold_sores").decide(Decision::Defer));
    CHECK_FALSE(wrong.result.decisionOnly);
    CHECK_FALSE(wrong.result.passed);
}

TEST_CASE("needling after one's own defer or decline is a critical error") {
    core::Scenario s = healthy();
    s.acceptableDecisions = {Decision::Defer};
    for (Decision own : {Decision::Defer, Decision::Decline}) {
        CAPTURE(core::decisionName(own));
        const Scripted g = grade(s, Script().ask("medication").ask("cold_sores").decide(own).prepare().needleForehead());
        REQUIRE_FALSE(g.sim.punctures.empty());
        CHECK(g.critical("treated_after_own_refusal"));
        CHECK_FALSE(g.result.passed);
    }
    const Scripted proceeded = grade(s, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed).prepare().needleForehead());
    CHECK_FALSE(proceeded.critical("treated_after_own_refusal"));
    // Needling first and deferring afterwards: the needles came before the refusal.
    const Scripted late = grade(s, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed).prepare().needleForehead()
                                     .decide(Decision::Defer));
    CHECK_FALSE(late.critical("treated_after_own_refusal"));
    // Deferring, then needling again after treating: the second stroke is after the refusal.
    const Scripted again = grade(s, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed).prepare().needleForehead()
                                      .decide(Decision::Defer).needleForehead());
    CHECK(again.critical("treated_after_own_refusal"));
}

TEST_CASE("a plan's depth cap is a safety limit: any needle beyond it is a critical error") {
    // anticoagulant-by-asking caps depth at 0.75 mm; the cheeks' range is [0.5, 0.75].
    const core::Scenario s = shipped("anticoagulant-by-asking.toml");
    REQUIRE(s.plan.depthCapMm == 0.75);
    auto session = [&](double depth) {
        return Script().ask("medication").ask("bruising").ask("cold_sores").decide(Decision::ProceedModified, s.plan).prepare()
            .stroke(skin(40, 1515), skin(52, 1515), depth);
    };
    const Scripted atCap = grade(s, session(0.75));
    REQUIRE_FALSE(atCap.sim.punctures.empty());
    for (const core::Puncture& p : atCap.sim.punctures) CHECK(p.area == world().area("cheek_left"));
    CHECK(atCap.result.criticalErrors.empty());

    const Scripted beyond = grade(s, session(0.8));  // 0.05 mm beyond the cap: inside the zone's margin
    CHECK(beyond.critical("depth_beyond_cap"));
    CHECK_FALSE(beyond.critical("depth_beyond_margin"));
    CHECK_FALSE(beyond.result.passed);
}

TEST_CASE("screening: treating after asking no question is a critical error, even for a healthy patient") {
    const core::Scenario s = healthy();
    const Scripted unscreened = grade(s, Script().decide(Decision::Proceed).prepare().needleForehead());
    CHECK(unscreened.critical("treated_without_screening"));
    CHECK_FALSE(unscreened.result.passed);
    // Asking only after deciding is still deciding unscreened.
    const Scripted late = grade(s, Script().decide(Decision::Proceed).ask("medication").ask("cold_sores").prepare().needleForehead());
    CHECK(late.critical("treated_without_screening"));

    const Scripted asked = grade(s, Script().ask("medication").decide(Decision::Proceed).prepare().needleForehead());
    CHECK_FALSE(asked.critical("treated_without_screening"));

    core::Scenario noQuestions = healthy();
    noQuestions.questions.clear();
    const Scripted nothingToAsk = grade(noQuestions, Script().decide(Decision::Proceed).prepare().needleForehead());
    CHECK_FALSE(nothingToAsk.critical("treated_without_screening"));
    CHECK(nothingToAsk.contraindications() == doctest::Approx(100.0));
}

TEST_CASE("screening: each question not asked before the decision costs contraindication points - optional ones do not") {
    const core::Scenario s = healthy();
    const Scripted all = grade(s, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed).prepare().needleForehead());
    CHECK(all.contraindications() == doctest::Approx(100.0));  // the optional question was not asked

    const Scripted one = grade(s, Script().ask("medication").decide(Decision::Proceed).prepare().needleForehead());
    CHECK(one.contraindications() == doctest::Approx(80.0));  // 40 points shared by two questions
    bool named = false;
    for (const core::Deduction& d : one.result.deductions)
        named = named || (d.component == "contraindications" && d.reason.find("Do you get cold sores?") != std::string::npos);
    CHECK(named);

    const Scripted after = grade(s, Script().ask("medication").decide(Decision::Proceed).ask("cold_sores").prepare().needleForehead());
    CHECK(after.contraindications() == doctest::Approx(80.0));

    // Refusing a healthy patient unscreened: the wrong decision and no screen.
    const Scripted refused = grade(s, Script().decide(Decision::Decline));
    CHECK(refused.contraindications() == doctest::Approx(0.0));
}

TEST_CASE("needling before the skin is disinfected is a critical error") {
    const core::Scenario s = healthy();
    REQUIRE(s.safetySteps == std::vector<std::string>{"disinfect"});
    const Scripted never = grade(s, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed).step("cleanse")
                                      .needleForehead().step("post_care_given"));
    CHECK(never.critical("needled_before_safety_step"));
    CHECK_FALSE(never.result.passed);
    const Scripted late = grade(s, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed).step("cleanse")
                                     .needleForehead().step("disinfect").step("post_care_given"));
    CHECK(late.critical("needled_before_safety_step"));
    const Scripted right = grade(s, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed).prepare()
                                      .needleForehead().step("post_care_given"));
    CHECK_FALSE(right.critical("needled_before_safety_step"));
    CHECK(right.result.criticalErrors.empty());

    // A scenario may name more safety steps.
    core::Scenario stricter = healthy();
    stricter.safetySteps = {"cleanse", "disinfect"};
    const Scripted uncleansed = grade(stricter, Script().ask("medication").ask("cold_sores").decide(Decision::Proceed)
                                                  .step("disinfect").needleForehead());
    REQUIRE(uncleansed.critical("needled_before_safety_step"));
    bool namesCleanse = false;
    for (const auto& e : uncleansed.result.criticalErrors) namesCleanse = namesCleanse || e.message.find("'cleanse'") != std::string::npos;
    CHECK(namesCleanse);
}

TEST_CASE("the rubric holds the safety steps and the steps that come after the treatment") {
    CHECK(world().rubric.safetySteps == std::vector<std::string>{"disinfect"});
    CHECK(world().rubric.afterTreatmentSteps == std::vector<std::string>{"post_care_given"});
    const core::Scenario s = shipped("default.toml");
    CHECK(s.safetySteps == std::vector<std::string>{"disinfect"});
    CHECK(s.afterTreatmentSteps == std::vector<std::string>{"post_care_given"});
}

TEST_CASE("decisions the sources support are never wrong: declining for an immune disorder, deferring an open lesion") {
    // seed 004: with a disorder of the immune system one might avoid microneedling altogether;
    // seed 003: no needling with open lesions (cold sores, cystic acne, open wounds): defer until healed.
    struct Case {
        const char* scenario;
        Decision decision;
    };
    for (const Case& c : {Case{"autoimmune-lupus.toml", Decision::Decline}, Case{"immunosuppressed.toml", Decision::Decline},
                          Case{"open-wound-cheek.toml", Decision::Defer}, Case{"inflammatory-acne.toml", Decision::Defer},
                          Case{"cold-sore-active.toml", Decision::Defer}}) {
        CAPTURE(c.scenario);
        const core::Scenario s = shipped(c.scenario);
        Script script;
        for (const core::IntakeQuestion& q : s.questions) script.ask(q.id);
        const Scripted g = grade(s, script.decide(c.decision));
        CHECK(g.result.decision.correct);
        CHECK_FALSE(g.result.decision.acceptable);  // right, not second best
        CHECK_FALSE(g.result.decision.supportedBy.empty());
        CHECK(g.result.decisionOnly);
        CHECK(g.result.score == doctest::Approx(100.0));
        CHECK(g.result.passed);
    }
    // An alternative no source supports keeps its deduction (anticoagulants: defer is second best).
    const core::Scenario anticoagulant = shipped("anticoagulant-by-asking.toml");
    const Scripted deferred = grade(anticoagulant, Script().ask("medication").ask("bruising").ask("cold_sores").decide(Decision::Defer));
    CHECK(deferred.result.decision.acceptable);
    CHECK(deferred.result.decision.supportedBy.empty());
}
