#include "run_command.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using pinpoint::testing::runPinpoint;

namespace {

std::vector<std::string> shippedScenarios() {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(std::string(PINPOINT_SOURCE_DIR) + "/scenarios"))
        if (e.path().extension() == ".toml") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

nlohmann::json demoAndScore(const std::string& scenario, const std::string& scoreWith = "") {
    const std::string session = "library-" + std::to_string(::getpid()) + ".pps";
    std::remove(session.c_str());
    const auto demo = runPinpoint("demo --scenario " + scenario + " --out " + session);
    REQUIRE_MESSAGE(demo.exitCode == 0, demo.err);
    const auto score = runPinpoint("score --json --scenario " + (scoreWith.empty() ? scenario : scoreWith) + " " + session);
    std::remove(session.c_str());
    REQUIRE_MESSAGE(score.exitCode == 0, score.err);
    return nlohmann::json::parse(score.out);
}

}  // namespace

TEST_CASE("every shipped scenario's careful session passes: treatment with a high score, refusals on the decision") {
    const auto scenarios = shippedScenarios();
    REQUIRE(scenarios.size() >= 10);
    for (const std::string& s : scenarios) {
        CAPTURE(s);
        const nlohmann::json j = demoAndScore(s);
        CHECK(j["passed"].get<bool>());
        CHECK(j["critical_errors"].empty());
        CHECK(j["decision"]["correct"].get<bool>());
        if (j["decision_only"].get<bool>()) {
            CHECK(j["score"].get<double>() == 100.0);
            CHECK(j["components"]["coverage"].is_null());
        } else {
            CHECK(j["score"].get<double>() >= 90.0);
            CHECK(j["components"]["coverage"].get<double>() >= 75.0);
            CHECK(j["punctures"]["forbidden"].get<int>() == 0);
        }
    }
}

TEST_CASE("a session recorded with another version of the scenario is scored with a warning") {
    const std::string original = std::string(PINPOINT_SOURCE_DIR) + "/scenarios/cold-sore-active.toml";
    std::ifstream in(original);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string changed = "library-changed-" + std::to_string(::getpid()) + ".toml";
    std::ofstream(changed) << text.str() << "\n# an instructor's edit\n";
    const nlohmann::json j = demoAndScore(original, changed);
    std::remove(changed.c_str());
    CHECK_FALSE(j["scenario"]["session_hash_matches"].get<bool>());
    bool warned = false;
    for (const auto& w : j["session"]["warnings"]) warned = warned || w["message"].get<std::string>().find("different version") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("an invalid scenario given to score or demo: exit 2 with its located errors") {
    const std::string bad = std::string(PINPOINT_SOURCE_DIR) + "/tests/data/scenarios/bad/weights_sum.toml";
    const auto r = runPinpoint("demo --scenario " + bad + " --out never-written.pps");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("weights_sum.toml:") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists("never-written.pps"));
}

TEST_CASE("a visit of a course: the demo's header names the course, score and report show the earlier visits and the advice") {
    const std::string scenario = std::string(PINPOINT_SOURCE_DIR) + "/scenarios/follow-up-healed-deeper.toml";
    const std::string session = "course-" + std::to_string(::getpid()) + ".pps";
    const std::string out = "course-report-" + std::to_string(::getpid());
    std::remove(session.c_str());
    const auto demo = runPinpoint("demo --scenario " + scenario + " --out " + session);
    REQUIRE_MESSAGE(demo.exitCode == 0, demo.err);
    std::string header;
    std::getline(std::ifstream(session) >> std::ws, header);
    CHECK(header.find(R"("course":"hannah-brooks-cheeks","course_visit":2)") != std::string::npos);

    const auto score = runPinpoint("score --json --scenario " + scenario + " " + session);
    REQUIRE_MESSAGE(score.exitCode == 0, score.err);
    const nlohmann::json j = nlohmann::json::parse(score.out);
    CHECK(j["course"]["id"] == "hannah-brooks-cheeks");
    CHECK(j["course"]["days_since_last_visit"] == 49);
    CHECK(j["course"]["earlier_visits"][0]["date"] == "2026-09-14");
    CHECK(j["course"]["earlier_visits"][0]["depth_mm"]["cheek_left"] == 0.5);
    CHECK(j["session"]["course"]["visit"] == 2);
    CHECK(j["aftercare"]["recorded"] == true);
    CHECK(j["aftercare"]["missed"].empty());

    const auto text = runPinpoint("score --scenario " + scenario + " " + session);
    CHECK(text.out.find("visit 1 on 2026-09-14 (49 days ago), pen: cheek_left 0.50 mm") != std::string::npos);

    const auto csv = runPinpoint("score --csv --scenario " + scenario + " " + session);
    REQUIRE_MESSAGE(csv.exitCode == 0, csv.err);
    CHECK(csv.out.find(",course,course_visit,error\n") != std::string::npos);
    CHECK(csv.out.find(",hannah-brooks-cheeks,2,\n") != std::string::npos);

    const auto report = runPinpoint("report --no-pictures --scenario " + scenario + " --out " + out + " " + session);
    REQUIRE_MESSAGE(report.exitCode == 0, report.err);
    std::ifstream in(out + "/report.html");
    std::ostringstream html;
    html << in.rdbuf();
    CHECK(html.str().find("<h2>Course</h2>") != std::string::npos);
    CHECK(html.str().find("Visit 1 on 2026-09-14") != std::string::npos);
    CHECK(html.str().find("<h2>Aftercare advice</h2>") != std::string::npos);
    CHECK(html.str().find("Keep out of strong sun") != std::string::npos);
    std::remove(session.c_str());
    std::filesystem::remove_all(out);
}
