// `pinpoint xapi`: scored sessions as xAPI statements that a learning record store accepts, with the
// verb the score gave, and located errors (exit 2, nothing written) for sessions that cannot go.
#include "run_command.h"

#include "core/scoring/xapi_statement.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using nlohmann::json;
using pinpoint::testing::runPinpoint;
using pinpoint::testing::slurp;
using pinpoint::testing::Workspace;

namespace {

std::string joined(const std::vector<std::string>& problems) {
    std::string s;
    for (const std::string& p : problems) s += p + "\n";
    return s;
}

// A demo session made a trainee's: `pinpoint demo` writes a demo header without a start time, which the
// export refuses; this one names trainee-007 and a start. (The edit breaks the signature, which only
// makes the session not certifiable.)
std::string traineeSession(const Workspace& w, const std::string& name, const std::string& demoArgs) {
    const std::string demo = w.path(name + "-demo.pps");
    const auto made = runPinpoint("demo " + demoArgs + " --out " + demo);
    REQUIRE_MESSAGE(made.exitCode == 0, made.err);
    const std::string text = slurp(demo);
    const std::size_t end = text.find('\n');
    json header = json::parse(text.substr(0, end));
    header.erase("demo");
    header.erase("h");
    header["trainee"] = "trainee-007";
    header["start_time"] = "2024-05-01T09:30:00Z";
    const std::string path = w.path(name + ".pps");
    std::ofstream(path, std::ios::binary) << header.dump() << text.substr(end);
    return path;
}

}  // namespace

TEST_CASE("pinpoint xapi: one valid statement per session, passed or failed as the score says") {
    Workspace w("cli-xapi");
    // The careful practitioner declines a patient with an active cold sore: passed, on the decision alone.
    const std::string declined = traineeSession(
        w, "declined", "--scenario " + std::string(PINPOINT_SOURCE_DIR) + "/scenarios/cold-sore-active.toml");
    // The forehead alone against the full-face default scenario: the plan is unfinished, failed.
    const std::string forehead = traineeSession(w, "forehead", "--zones forehead");
    const std::string out = w.path("statements.json");
    const auto r =
        runPinpoint("xapi " + declined + " " + forehead + " --home-page https://academy.example.org --out " + out);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.empty());
    const json statements = json::parse(slurp(out));
    REQUIRE(statements.is_array());
    REQUIRE(statements.size() == 2);
    for (const json& s : statements)
        CHECK_MESSAGE(pinpoint::core::xapiProblems(s).empty(), joined(pinpoint::core::xapiProblems(s)));

    // The verb agrees with `pinpoint score --json` for each session.
    for (std::size_t i = 0; i < 2; ++i) {
        const auto scored = runPinpoint("score --json " + std::string(i == 0 ? declined : forehead));
        REQUIRE(scored.exitCode == 0);
        const json report = json::parse(scored.out);
        const bool passed = report["passed"];
        const json& s = statements[i];
        CHECK(s["verb"]["id"] == std::string("http://adlnet.gov/expapi/verbs/") + (passed ? "passed" : "failed"));
        CHECK(s["result"]["success"] == passed);
        CHECK(s["result"]["score"]["raw"] == report["score"]);
        CHECK(s["object"]["id"] ==
              "https://academy.example.org/xapi/scenarios/" + report["scenario"]["id"].get<std::string>());
        CHECK(s["actor"]["account"]["name"] == "trainee-007");
        CHECK(s["timestamp"] == "2024-05-01T09:30:00Z");
        CHECK(s["context"]["extensions"]["https://academy.example.org/xapi/extensions/components"] ==
              report["components"]);
        CHECK(s["context"]["extensions"]["https://academy.example.org/xapi/extensions/certifiable"] == false);
    }
    CHECK(statements[0]["verb"]["display"]["en-US"] == "passed");
    CHECK(statements[1]["verb"]["display"]["en-US"] == "failed");
    CHECK(statements[1]["result"]["completion"] == false);  // the plan was left unfinished

    // The same sessions exported again give the same statements (same ids: a record store keeps one).
    const auto again = runPinpoint("xapi " + declined + " " + forehead + " --home-page https://academy.example.org");
    REQUIRE(again.exitCode == 0);
    CHECK(json::parse(again.out) == statements);
}

TEST_CASE("pinpoint xapi: a session that cannot be exported is a located error, exit 2, and nothing is written") {
    Workspace w("cli-xapi-bad");
    const std::string good = traineeSession(
        w, "good", "--scenario " + std::string(PINPOINT_SOURCE_DIR) + "/scenarios/cold-sore-active.toml");
    const std::string out = w.path("statements.json");

    // A demo as `pinpoint demo` wrote it: no trainee's work, and no start time.
    const std::string demo = w.path("good-demo.pps");
    const auto r = runPinpoint("xapi " + good + " " + demo + " --home-page https://academy.example.org --out " + out);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find(demo + ":1: a demo session") != std::string::npos);
    CHECK(r.err.find("1 of 2 sessions could not be exported") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));

    // A broken file: the reader's located error.
    const std::string broken = w.path("broken.pps");
    std::ofstream(broken) << "{\"type\":\"header\",\"format\":\"pinpoint-session\",\"version\":1}\n{\"t\":oops}\n";
    const auto b = runPinpoint("xapi " + broken + " --home-page https://academy.example.org");
    CHECK(b.exitCode == 2);
    CHECK(b.err.find(broken + ":2") != std::string::npos);
    CHECK(b.out.empty());

    const auto missing = runPinpoint("xapi " + w.path("nowhere.pps") + " --home-page https://academy.example.org");
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("pinpoint xapi: ") != std::string::npos);
    CHECK(missing.err.find("no such file") != std::string::npos);

    const auto noHome = runPinpoint("xapi " + good);  // no made-up address: the centre's own is required
    CHECK(noHome.exitCode == 2);
    CHECK(noHome.err.find("--home-page") != std::string::npos);
    const auto badHome = runPinpoint("xapi " + good + " --home-page academy.example.org");
    CHECK(badHome.exitCode == 2);
    CHECK(badHome.err.find("--home-page") != std::string::npos);
    const auto badBase = runPinpoint("xapi " + good + " --home-page https://academy.example.org --activity-base 'not an iri'");
    CHECK(badBase.exitCode == 2);
    CHECK(badBase.err.find("--activity-base") != std::string::npos);
}
