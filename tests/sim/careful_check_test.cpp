// The case editor's "Check it": the careful practitioner on a case, and what stops it when it fails.
#include "scoring_fixture.h"

#include "core/scoring/careful_check.h"

using namespace pinpoint;
using namespace pinpoint::testing;

TEST_CASE("Check it: the careful practitioner passes a shipped case") {
    const core::Scenario scenario = shippedScenario("raised-mole-cheek.toml");
    const core::CarefulCheck check =
        core::checkCarefulPractitioner(*world().surface, world().tools, world().rubric, world().density, scenario);
    CHECK(check.passed);
    CHECK(check.score >= 90.0);
    CHECK(check.reasons.empty());
}

TEST_CASE("Check it: a pass mark the careful practitioner cannot reach is named as what stops it") {
    core::Scenario scenario = shippedScenario("default.toml");
    scenario.passMark = 100.0;
    const core::CarefulCheck check =
        core::checkCarefulPractitioner(*world().surface, world().tools, world().rubric, world().density, scenario);
    CHECK_FALSE(check.passed);
    REQUIRE_FALSE(check.reasons.empty());
    CHECK(check.reasons.back().find("below the pass mark 100.0") != std::string::npos);
}
