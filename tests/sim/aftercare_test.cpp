// Aftercare counselling (issue 12): the rubric's advice list, the careful practitioner's advice, the
// points and the critical error for harmful advice, and sessions recorded before it.
#include "scoring_fixture.h"

#include "core/scoring/rubric.h"
#include "core/scoring/session_facts.h"

#include <fstream>
#include <sstream>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

const core::AftercareRules& rules() { return world().rubric.aftercare; }

core::SloppyPractice advising(std::vector<std::string> advice) {
    core::SloppyPractice s;
    s.aftercare = std::move(advice);
    return s;
}

bool hasDeduction(const Graded& g, const std::string& part, double points) {
    for (const auto& d : g.result.deductions)
        if (d.component == "protocol" && d.reason.find(part) != std::string::npos && std::abs(d.points - points) < 1e-9) return true;
    return false;
}

std::string rubricText() {
    std::ifstream in(std::string(PINPOINT_SOURCE_DIR) + "/assets/rubric.toml");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("aftercare: the rubric lists the right advice of clinical.md and plausible wrong advice, each with a source") {
    int right = 0, wrong = 0, harmful = 0;
    for (const core::AftercareAdvice& a : rules().advice) {
        CAPTURE(a.id);
        CHECK(!a.text.empty());
        CHECK((a.source.find("clinical.md") != std::string::npos || a.source.find("seed") != std::string::npos));
        right += a.right;
        wrong += !a.right;
        harmful += a.harmful;
        if (!a.right) CHECK(!a.why.empty());
    }
    CHECK(right >= 6);
    CHECK(wrong >= 6);
    CHECK(harmful >= 4);
    // What the sources teach a patient to expect and to do before a visit (issue 20): collagen keeps
    // forming for about 12 months (seeds 000, 001); water and no make-up before a visit (seed 002).
    for (const char* id : {"results_over_months", "prepare_next_visit"}) {
        CAPTURE(id);
        REQUIRE(rules().find(id));
        CHECK(rules().find(id)->right);
    }
    CHECK(rules().find("results_over_months")->source.find("seeds 000 and 001") != std::string::npos);
    CHECK(rules().find("prepare_next_visit")->source.find("seed 002") != std::string::npos);
    for (const char* id : {"full_result_in_a_week", "makeup_to_next_visit"}) {
        CAPTURE(id);
        REQUIRE(rules().find(id));
        CHECK_FALSE(rules().find(id)->right);
    }
    // clinical.md: sun, exfoliation, alcohol-based products, activity, make-up, signs to call about.
    for (const char* id : {"sun_protection", "no_exfoliation", "no_alcohol_products", "limit_activity", "bare_skin_first_hours",
                           "when_to_call"}) {
        CAPTURE(id);
        REQUIRE(rules().find(id));
        CHECK(rules().find(id)->right);
    }
    for (const char* id : {"exfoliate_tomorrow", "sauna_helps"}) CHECK(rules().find(id)->harmful);
    CHECK(rules().points == 30.0);
    CHECK(rules().wrongAdvicePoints == 10.0);
}

TEST_CASE("aftercare: the rubric reader refuses right advice marked harmful and an advice listed twice") {
    const std::string text = rubricText();
    std::string harmfulRight = text;
    harmfulRight.replace(harmfulRight.find("right = true"), 12, "right = true\nharmful = true");
    const auto a = core::parseRubric(harmfulRight, "rubric.toml");
    REQUIRE_FALSE(a);
    CHECK(a.error().message.find("right advice cannot be harmful") != std::string::npos);
    std::string twice = text;
    twice.replace(twice.find("id = \"exfoliate_tomorrow\""), 25, "id = \"sun_protection\"");
    const auto b = core::parseRubric(twice, "rubric.toml");
    REQUIRE_FALSE(b);
    CHECK(b.error().message.find("advice 'sun_protection' is listed twice") != std::string::npos);
}

TEST_CASE("aftercare: the careful practitioner gives all the right advice and nothing else") {
    const Graded g = gradeDemo(shippedScenario("default"));
    CHECK(g.result.passed);
    CHECK(g.result.aftercare.recorded);
    CHECK(g.result.aftercare.given == rules().rightAdvice());
    CHECK(g.result.aftercare.missed.empty());
    CHECK(g.result.aftercare.wrong.empty());
    CHECK(g.component("protocol") == 100.0);
}

TEST_CASE("aftercare: harmful advice is a critical error, and the session fails") {
    std::vector<std::string> advice = rules().rightAdvice();
    advice.push_back("exfoliate_tomorrow");
    const Graded g = gradeDemo(shippedScenario("default"), advising(advice));
    CHECK_FALSE(g.result.passed);
    CHECK(g.critical("harmful_aftercare_advice"));
    CHECK(g.result.aftercare.wrong == std::vector<std::string>{"exfoliate_tomorrow"});
    CHECK(hasDeduction(g, "aftercare: told the patient \"Exfoliate tomorrow", 10.0));
    CHECK(g.component("protocol") == 90.0);
}

TEST_CASE("aftercare: each right advice left out and each wrong one given costs protocol points") {
    // Three of the nine right pieces of advice and one wrong but harmless one.
    const std::vector<std::string> advice = {"sun_protection", "no_exfoliation", "when_to_call", "redness_is_infection"};
    const Graded g = gradeDemo(shippedScenario("default"), advising(advice));
    CHECK(g.result.criticalErrors.empty());
    CHECK(g.result.aftercare.missed.size() == 6);
    CHECK(hasDeduction(g, "aftercare: did not tell the patient \"Do not use toners", 30.0 / 9.0));
    CHECK(hasDeduction(g, "aftercare: did not tell the patient \"Before your next visit, drink plenty of water", 30.0 / 9.0));
    CHECK(hasDeduction(g, "aftercare: told the patient \"Any redness tomorrow", 10.0));
    CHECK(g.component("protocol") == doctest::Approx(100.0 - 6 * 30.0 / 9.0 - 10.0).epsilon(1e-4));
}

TEST_CASE("aftercare: a session from before aftercare counselling scores exactly as before") {
    const core::Scenario s = shippedScenario("default");
    core::Session session = core::makeScenarioDemo(*world().surface, world().tools, world().rubric, s);
    const Graded with = grade(s, session);
    std::erase_if(session.events, [](const core::SessionEvent& e) {
        const auto* o = std::get_if<core::OtherEvent>(&e);
        return o && o->type == "aftercare";
    });
    const Graded without = grade(s, session);
    CHECK_FALSE(without.result.aftercare.recorded);
    CHECK(without.result.score == with.result.score);
    CHECK(without.component("protocol") == 100.0);
}

TEST_CASE("aftercare: the event is read back from its line - the last one recorded counts") {
    core::Session session;
    session.events.push_back(core::aftercareEvent(10.0, {"sun_protection"}));
    session.events.push_back(core::aftercareEvent(12.0, {"sun_protection", "when_to_call"}));
    const core::SessionFacts facts = core::sessionFacts(session);
    REQUIRE(facts.aftercare);
    CHECK(facts.aftercare->t == 12.0);
    CHECK(facts.aftercare->advice == std::vector<std::string>{"sun_protection", "when_to_call"});
    CHECK(std::get<core::OtherEvent>(session.events[0]).rawLine ==
          R"({"advice":["sun_protection"],"t":10.0,"type":"aftercare"})");
}
