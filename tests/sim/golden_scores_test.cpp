// Committed score reports (tests/golden/scores/*.json) for hand-written sessions and for every shipped
// scenario's careful session, so that any drift in the simulation, the measurement, the rubric or the
// scenarios shows as a diff. Rewritten only by an explicit step: scripts/update-goldens
// (PINPOINT_UPDATE_GOLDENS=1); `ctest` never writes them. The hand-written sessions' key numbers are
// also checked here against counts worked out by hand.
#include "scoring_fixture.h"

#include "core/scoring/scenario.h"
#include "core/scoring/scenario_demo.h"
#include "core/scoring/score_report.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/session_file.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

const std::string kSource = PINPOINT_SOURCE_DIR;

core::Scenario scenario(const std::string& name) { return shippedScenario(name); }

nlohmann::json report(const core::Scenario& s, const core::Session& session) {
    const auto sim = core::simulateSession(*world().surface, world().tools, session);
    const auto result = core::scoreSession(s, world().rubric, world().head, world().density, session, sim);
    nlohmann::json j = core::scoreReportJson(result, s, world().rubric, session, sim);
    j.erase("session");  // the file's name and place; what the session did is in the rest
    return j;
}

// Compares with (or, on request, rewrites) tests/golden/scores/NAME.json.
void checkGolden(const std::string& name, const nlohmann::json& actual) {
    const std::filesystem::path path = std::filesystem::path(kSource) / "tests/golden/scores" / (name + ".json");
    const std::string text = actual.dump(2) + "\n";
    if (const char* update = std::getenv("PINPOINT_UPDATE_GOLDENS"); update && std::string(update) == "1") {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), path.string() << " is missing (create it with scripts/update-goldens)");
    std::ostringstream expected;
    expected << in.rdbuf();
    if (expected.str() == text) return;
    // Name the first difference, so a drift reads as what changed.
    const nlohmann::json golden = nlohmann::json::parse(expected.str());
    const nlohmann::json patch = nlohmann::json::diff(golden, actual);
    FAIL(name << ": the score report differs from " << path.string() << "; first changes: "
              << patch.dump().substr(0, 600) << " (if intended, run scripts/update-goldens and commit the diff)");
}

core::Session handSession(const std::string& name) {
    auto s = core::readSessionFile(kSource + "/tests/data/sessions/hand/" + name + ".pps", &world().tools);
    if (!s) FAIL(s.error().describe());
    return std::move(*s);
}

}  // namespace

TEST_CASE("golden: hand-written sessions, with their counts worked out by hand") {
    const core::Scenario defaults = scenario("default");

    // A 9-pin pen at 10 Hz held on the forehead from 10.0 to 11.0 s: strokes at 10.0, 10.1 ... 10.9.
    const nlohmann::json hold = report(defaults, handSession("pen-hold-forehead"));
    CHECK(hold["contact"]["pen_strokes"] == 10);
    CHECK(hold["punctures"]["total"] == 90);
    CHECK(hold["zones"]["forehead"]["punctures"] == 90);
    CHECK(hold["zones"]["forehead"]["depth_mm"]["max"] == 0.3);
    checkGolden("hand-pen-hold-forehead", hold);

    // The same pen with its two contact poses 60 s apart: a pause (a lift), nothing needled.
    const nlohmann::json pause = report(defaults, handSession("pause-in-contact"));
    CHECK(pause["punctures"]["total"] == 0);
    CHECK(pause["contact"]["gaps"] == 1);
    checkGolden("hand-pause-in-contact", pause);

    // 0.3 mm under the left eye, whose rejuvenation range is 0.2-0.3 mm: strokes at 20.0 and 20.05.
    const nlohmann::json edge = report(defaults, handSession("periorbital-edge"));
    CHECK(edge["contact"]["pen_strokes"] == 2);
    CHECK(edge["zones"]["periorbital_left"]["punctures"].get<int>() > 0);
    CHECK(edge["zones"]["periorbital_left"]["depth_in_range"] == 1.0);
    checkGolden("hand-periorbital-edge", edge);

    // A roller pressed on and off one spot five times: pressing is not rolling.
    const nlohmann::json pressed = report(defaults, handSession("roller-pressed"));
    CHECK(pressed["contact"]["roller_rows"] == 0);
    CHECK(pressed["punctures"]["total"] == 0);
    checkGolden("hand-roller-pressed", pressed);
}

TEST_CASE("golden: every shipped scenario's careful session, and a sloppy one") {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(kSource + "/scenarios"))
        if (e.path().extension() == ".toml") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() >= 10);
    for (const std::string& name : names) {
        CAPTURE(name);
        const core::Scenario s = scenario(name);
        checkGolden("careful-" + name, report(s, core::makeScenarioDemo(*world().surface, world().tools, world().rubric, s)));
    }
    core::SloppyPractice oneDirection;
    oneDirection.crossingPasses = false;
    const core::Scenario s = scenario("default");
    checkGolden("one-direction-default",
                report(s, core::makeScenarioDemo(*world().surface, world().tools, world().rubric, s, oneDirection)));
}
