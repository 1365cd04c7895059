#pragma once
// A one-scenario world for scoring tests: a healthy patient whose plan treats the forehead and the
// left cheek with a pen, graded on the real head.
#include "sim_fixture.h"

#include "core/scoring/scenario_demo.h"
#include "core/scoring/scoring_engine.h"

namespace pinpoint::testing {

inline core::Scenario planScenario() {
    core::Scenario s;
    s.id = "test-plan";
    s.sha256 = std::string(64, 'a');
    s.expectedDecision = core::Decision::Proceed;
    s.allowedTools = {"pen"};
    for (const core::ZoneTargets& t : world().rubric.zones)
        s.zones.push_back({t.zone, t.zone == "forehead" || t.zone == "cheek_left", t.depthFor(core::Indication::Rejuvenation),
                           world().rubric.pen, world().rubric.requiredDirections});
    s.requiredSteps = {"cleanse", "disinfect", "post_care_given"};
    s.safetySteps = world().rubric.safetySteps;
    s.afterTreatmentSteps = world().rubric.afterTreatmentSteps;
    s.maxTravelSpeedMmPerS = world().rubric.maxTravelSpeedMmPerS;
    s.maxNeedleAngleDeg = world().rubric.maxNeedleAngleDeg;
    // The verdict's rules as a scenario that sets none gets them: the rubric's [scoring].
    s.weights = world().rubric.scoring.weights;
    s.passMark = world().rubric.scoring.passMark;
    s.minCoverage = world().rubric.scoring.minCoverage;
    s.depthMarginMm = world().rubric.scoring.depthMarginMm;
    s.questions = {{"medication", "Do you take any medicines?", "Only vitamins.", {}}};
    return s;
}

struct Graded {
    core::ScoreResult result;
    double component(const char* name) const {
        for (std::size_t i = 0; i < core::kComponents.size(); ++i)
            if (std::string(core::kComponents[i]) == name) return result.components[i].value_or(-1.0);
        return -1.0;
    }
    bool critical(const std::string& code) const {
        for (const auto& e : result.criticalErrors)
            if (e.code == code) return true;
        return false;
    }
    void explain() const {
        MESSAGE("score " << result.score << (result.passed ? " passed" : " failed"));
        for (const auto& d : result.deductions) MESSAGE(d.component << " -" << d.points << " " << d.reason);
        for (const auto& e : result.criticalErrors) MESSAGE("critical " << e.code << " " << e.message);
    }
};

// A scenario of the shipped library (scenarios/NAME.toml), read as `pinpoint` reads it.
inline core::Scenario shippedScenario(const std::string& name) {
    static const core::ConditionCatalogue catalogue = [] {
        auto c = core::readConditionCatalogue(std::string(PINPOINT_SOURCE_DIR) + "/assets/conditions.toml");
        if (!c) FAIL(c.error().describe());
        return std::move(*c);
    }();
    const std::string file = name.ends_with(".toml") ? name : name + ".toml";
    core::ScenarioReadResult r = core::readScenario(std::string(PINPOINT_SOURCE_DIR) + "/scenarios/" + file, world().rubric,
                                                    catalogue, &world().surface->bvh);
    std::string errors;
    for (const core::Error& e : r.errors) errors += e.describe() + "\n";
    REQUIRE_MESSAGE(r.scenario.has_value(), errors);
    return *r.scenario;
}

inline Graded grade(const core::Scenario& scenario, const core::Session& session) {
    const auto sim = core::simulateSession(*world().surface, world().tools, session);
    return {core::scoreSession(scenario, world().rubric, world().head, world().density, session, sim)};
}

inline Graded gradeDemo(const core::Scenario& scenario, const core::SloppyPractice& sloppy = {}) {
    return grade(scenario, core::makeScenarioDemo(*world().surface, world().tools, world().rubric, scenario, sloppy));
}

}  // namespace pinpoint::testing
