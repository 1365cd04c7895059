// The rules a score is made by live in the data files, not in the code (issue 22, item 2): the rubric
// file names every number and list, and leaving one out is a located error rather than a silent
// default; the protocol steps and the plan's actions, with their labels, come from the data, so the
// screens list a new one without a change to the code.
#include "core/common/toml_reader.h"
#include "core/scoring/scenario.h"

#include "shipped_assets.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace pinpoint::core;

namespace {

std::string dataReplaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the file: " << from);
    return text.replace(at, from.size(), to);
}

const std::string& shippedRubricText() {
    static const std::string text = pinpoint::testing::sourceFile("assets/rubric.toml");
    return text;
}

const std::string& shippedCatalogueText() {
    static const std::string text = pinpoint::testing::sourceFile("assets/conditions.toml");
    return text;
}

Rubric rubricFrom(const std::string& text) {
    Result<Rubric> r = parseRubric(text, "rubric.toml");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return *r;
}

// The line (1-based) on which `text` holds `part`.
int lineOf(const std::string& text, const std::string& part) {
    const auto at = text.find(part);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

const std::string& kPlainCase = pinpoint::testing::minimalScenario();

}  // namespace

TEST_CASE("every number and list that shapes a score is in the rubric file: one left out is a located error") {
    // Each line names a rule the code once held a default for; without it the rubric does not read.
    for (const std::string line :
         {"pass_mark = 70.0\n", "min_coverage = 60.0\n", "depth_margin_mm = 0.25\n", "coverage = 0.2\n", "protocol = 0.1\n",
          "required_steps = [\"cleanse\", \"numbing_applied\", \"numbing_removed\", \"disinfect\", \"post_care_given\"]\n",
          "safety_steps = [\"disinfect\"]\n", "after_treatment_steps = [\"post_care_given\"]\n", "tools = [\"pen\"]\n",
          "unplanned_by_default = [\"neck\"]\n", "step = \"post_care_given\"\n", "depth_over_cap_share = 0.5\n",
          "step_out_of_order_share = 0.5\n", "decision = 60.0\n", "over_time_limit = 20.0\n", "off_plan_max = 30.0\n",
          "bare_skin_weight = 1.5\n", "injury_density_factor = 3.0\n", "target_density_per_cm2 = 1000.0\n", "required_directions = 2\n",
          "max_travel_speed_mm_s = 150.0\n", "max_needle_angle_deg = 15.0\n", "angle_points = 25.0\n", "points = 30.0\n"}) {
        CAPTURE(line);
        const std::string key = line.substr(0, line.find(' '));
        const Result<Rubric> r = parseRubric(dataReplaced(shippedRubricText(), line, ""), "rubric.toml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("needs '" + key + "'") != std::string::npos);
        CHECK(r.error().file == "rubric.toml");
        CHECK(r.error().line > 0);
    }
}

TEST_CASE("a bad value in the rubric's [scoring] is refused at its line") {
    const std::string& text = shippedRubricText();
    for (const auto& [from, to, message] :
         {std::tuple{"pass_mark = 70.0", "pass_mark = 120.0", "pass_mark must be at most 100"},
          std::tuple{"min_coverage = 60.0", "min_coverage = -1.0", "min_coverage must not be negative"},
          std::tuple{"depth_margin_mm = 0.25", "depth_margin_mm = 2.0", "depth_margin_mm must be at most 1"},
          std::tuple{"protocol = 0.1\n", "protocol = 0.2\n", "the weights add up to 1.1, not 1"},
          std::tuple{"step_out_of_order_share = 0.5", "step_out_of_order_share = 1.5", "step_out_of_order_share must be at most 1"}}) {
        CAPTURE(from);
        const std::string bad = dataReplaced(text, from, to);
        const Result<Rubric> r = parseRubric(bad, "rubric.toml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find(message) != std::string::npos);
        if (std::string(from) != "protocol = 0.1\n") CHECK(r.error().line == lineOf(bad, to));
    }
    const Result<Rubric> steps =
        parseRubric(dataReplaced(text, "safety_steps = [\"disinfect\"]", "safety_steps = [\"photographs\"]"), "rubric.toml");
    REQUIRE_FALSE(steps.ok());
    CHECK(steps.error().message.find("safety step 'photographs' is not in required_steps") != std::string::npos);
}

TEST_CASE("a scenario that says nothing takes the rubric's verdict rules, one that says otherwise keeps its own") {
    std::string text = shippedRubricText();
    for (const auto& [from, to] : {std::pair{"pass_mark = 70.0", "pass_mark = 82.0"}, std::pair{"min_coverage = 60.0", "min_coverage = 75.0"},
                                   std::pair{"depth_margin_mm = 0.25", "depth_margin_mm = 0.1"},
                                   std::pair{"coverage = 0.2\noverlap = 0.15", "coverage = 0.3\noverlap = 0.05"},
                                   std::pair{"tools = [\"pen\"]", "tools = [\"pen\", \"roller\"]"},
                                   std::pair{"required_steps = [\"cleanse\", \"numbing_applied\", \"numbing_removed\", \"disinfect\", \"post_care_given\"]",
                                             "required_steps = [\"photographs\", \"disinfect\", \"post_care_given\"]"}})
        text = dataReplaced(text, from, to);
    const Rubric rubric = rubricFrom(text);
    const ConditionCatalogue& catalogue = pinpoint::testing::shippedCatalogue();
    const ScenarioReadResult plain = parseScenario(kPlainCase, "plain.toml", rubric, catalogue);
    REQUIRE(plain.errors.empty());
    const Scenario& s = *plain.scenario;
    CHECK(s.passMark == 82.0);
    CHECK(s.minCoverage == 75.0);
    CHECK(s.depthMarginMm == 0.1);
    CHECK(s.weights.coverage == 0.3);
    CHECK(s.weights.overlap == 0.05);
    CHECK(s.weights.depth == 0.2);
    CHECK(s.allowedTools == std::vector<std::string>{"pen", "roller"});
    CHECK(s.requiredSteps == std::vector<std::string>{"photographs", "disinfect", "post_care_given"});

    const ScenarioReadResult own = parseScenario(
        kPlainCase + "[treatment]\ndepth_margin_mm = 0.3\n[scoring]\npass_mark = 75\nmin_coverage = 50\n"
                     "weights = { coverage = 0.25, overlap = 0.1 }\n",
        "own.toml", rubric, catalogue);
    REQUIRE(own.errors.empty());
    CHECK(own.scenario->passMark == 75.0);
    CHECK(own.scenario->minCoverage == 50.0);
    CHECK(own.scenario->depthMarginMm == 0.3);
    CHECK(own.scenario->weights.coverage == 0.25);
    CHECK(own.scenario->weights.overlap == 0.1);
}

TEST_CASE("the protocol screen's steps are the rubric's, with their labels: a new one needs only the data") {
    const Rubric& shipped = pinpoint::testing::shippedRubric();
    std::vector<std::string> before;
    for (const ProtocolStep* s : shipped.stepsBeforeTreatment()) before.push_back(s->id);
    CHECK(before == std::vector<std::string>{"photographs", "physician_clearance", "antiviral_prophylaxis", "cleanse",
                                             "numbing_applied", "numbing_removed", "disinfect"});
    REQUIRE(shipped.step("disinfect"));
    CHECK(shipped.step("disinfect")->label == "Disinfect the skin");
    REQUIRE(shipped.stepsAfterTreatment().size() == 1);
    CHECK(shipped.stepsAfterTreatment()[0]->id == shipped.aftercare.step);

    const Rubric added = rubricFrom(dataReplaced(shippedRubricText(), "[[protocol.step]]\nid = \"disinfect\"",
                                                 "[[protocol.step]]\nid = \"patch_test\"\nlabel = \"Read the patch test\"\n"
                                                 "[[protocol.step]]\nid = \"disinfect\""));
    const std::vector<const ProtocolStep*> steps = added.stepsBeforeTreatment();
    REQUIRE(steps.size() == 8);
    CHECK(steps[6]->id == "patch_test");
    CHECK(steps[6]->label == "Read the patch test");
    CHECK(steps[7]->id == "disinfect");
    // A scenario may require it at once.
    const ScenarioReadResult r = parseScenario(
        kPlainCase + "[treatment]\nrequired_steps = [\"patch_test\", \"disinfect\", \"post_care_given\"]\n", "patch.toml", added,
        pinpoint::testing::shippedCatalogue());
    CHECK(r.errors.empty());

    const Result<Rubric> twice = parseRubric(dataReplaced(shippedRubricText(), "id = \"cleanse\"", "id = \"photographs\""), "rubric.toml");
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message.find("step 'photographs' is listed twice") != std::string::npos);
}

TEST_CASE("the decision screen's plan actions are the catalogue's, with their labels, and a depth cap is not an action") {
    const ConditionCatalogue& shipped = pinpoint::testing::shippedCatalogue();
    std::vector<std::string> actions, labels;
    for (const PlanModification* m : shipped.planActions()) {
        actions.push_back(m->id);
        labels.push_back(m->label);
    }
    CHECK(actions == std::vector<std::string>{"physician_clearance", "antiviral_prophylaxis"});
    CHECK(labels == std::vector<std::string>{"Physician clearance", "Antiviral prophylaxis"});
    REQUIRE(shipped.modification("conservative_depth"));
    CHECK(shipped.modification("conservative_depth")->kind == ModificationKind::DepthCap);

    const std::string text = shippedCatalogueText() + "\n[[modification]]\nid = \"allergy_review\"\nlabel = \"Allergy review\"\nplan = \"action\"\n";
    Result<ConditionCatalogue> added = parseConditionCatalogue(text, "conditions.toml");
    REQUIRE_MESSAGE(added.ok(), added.error().describe());
    REQUIRE(added->planActions().size() == 3);
    CHECK(added->planActions()[2]->id == "allergy_review");
    CHECK(added->planActions()[2]->label == "Allergy review");

    // A scenario may require the new action; a depth cap named as an action is refused, at its line.
    const Rubric& rubric = pinpoint::testing::shippedRubric();
    const std::string modified = dataReplaced(kPlainCase, "expected = \"proceed\"", "expected = \"proceed_modified\"");
    const ScenarioReadResult ok = parseScenario(modified + "[plan]\nactions = [\"allergy_review\"]\n", "a.toml", rubric, *added);
    CHECK(ok.errors.empty());
    const ScenarioReadResult cap = parseScenario(modified + "[plan]\nactions = [\"conservative_depth\"]\n", "b.toml", rubric, *added);
    const auto capError = std::find_if(cap.errors.begin(), cap.errors.end(), [](const Error& e) {
        return e.message.find("'conservative_depth' is a depth cap, not an action") != std::string::npos;
    });
    REQUIRE(capError != cap.errors.end());
    CHECK(capError->line == 16);

    // A condition's modification must be in the list.
    const Result<ConditionCatalogue> unknown = parseConditionCatalogue(
        dataReplaced(shippedCatalogueText(), "modification = \"antiviral_prophylaxis\"", "modification = \"antiviral_course\""),
        "conditions.toml");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("unknown modification 'antiviral_course'") != std::string::npos);
    CHECK(unknown.error().line > 0);
}
