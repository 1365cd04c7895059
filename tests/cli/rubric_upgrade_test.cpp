// `pinpoint validate` and `score` with cases written for another rubric version (issue 22, item 6):
// an older minor version is accepted with a note (and the score report says so); an earlier major
// version is refused with the command that upgrades it; `validate --upgrade` rewrites the one value in
// place, says what the rubric changed, and leaves a case it cannot upgrade byte for byte as it was.
#include "run_command.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

using pinpoint::testing::runPinpoint;
using pinpoint::testing::slurp;

namespace {

const pinpoint::testing::Workspace& upgradeWorkspace() {
    static const pinpoint::testing::Workspace w("cli-rubric-upgrade");
    return w;
}

const std::string kSource = PINPOINT_SOURCE_DIR;

std::string currentVersion() {
    const auto r = runPinpoint("validate " + kSource + "/scenarios/tattooed-brow.toml");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const std::string text = slurp(kSource + "/assets/rubric.toml");
    const std::string key = "\nrubric_version = \"";
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    return text.substr(at + key.size(), text.find('"', at + key.size()) - at - key.size());
}

// A copy of a shipped case written for `version`, with a comment on the version's line.
std::string caseFor(const std::string& name, const std::string& version, const std::string& extraFrom = "",
                    const std::string& extraTo = "") {
    std::string text = slurp(kSource + "/scenarios/tattooed-brow.toml");
    const std::string line = "rubric_version = \"" + currentVersion() + "\"";
    auto at = text.find(line);
    REQUIRE(at != std::string::npos);
    text.replace(at, line.size(), "rubric_version = \"" + version + "\"  # the year it was written");
    if (!extraFrom.empty()) {
        at = text.find(extraFrom);
        REQUIRE(at != std::string::npos);
        text.replace(at, extraFrom.size(), extraTo);
    }
    const std::string path = upgradeWorkspace().path(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

}  // namespace

TEST_CASE("validate --upgrade rewrites a case from an earlier major rubric in place and says what changed") {
    const std::string file = caseFor("old-major.toml", "2.1.0");
    const std::string before = slurp(file);

    const auto refused = runPinpoint("validate " + file);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find(file + ":") != std::string::npos);
    CHECK(refused.err.find("an earlier major version") != std::string::npos);
    CHECK(refused.err.find("pinpoint validate --upgrade " + file) != std::string::npos);

    const auto upgraded = runPinpoint("validate --upgrade " + file);
    REQUIRE_MESSAGE(upgraded.exitCode == 0, upgraded.err);
    CHECK(upgraded.out.find("rubric_version 2.1.0 -> " + currentVersion()) != std::string::npos);
    CHECK(upgraded.out.find("  3.0.0: coverage measured at the needles' scale") != std::string::npos);
    std::string expected = before;
    expected.replace(expected.find("\"2.1.0\""), 7, "\"" + currentVersion() + "\"");
    CHECK(slurp(file) == expected);  // the comment and every other byte kept

    const auto valid = runPinpoint("validate " + file);
    CHECK_MESSAGE(valid.exitCode == 0, valid.err);
    CHECK(valid.out.find(file + ": ok") != std::string::npos);
    const auto again = runPinpoint("validate --upgrade " + file);
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("already written for rubric " + currentVersion()) != std::string::npos);
    CHECK(slurp(file) == expected);
}

TEST_CASE("a case that is not valid under the rubric in use is not upgraded and stays as it was") {
    const std::string file = caseFor("old-broken.toml", "2.0.0", "age = ", "age = 1");
    const std::string before = slurp(file);
    const auto r = runPinpoint("validate --upgrade " + file);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("not upgraded, left as it was") != std::string::npos);
    CHECK(r.err.find(file + ":") != std::string::npos);
    CHECK(slurp(file) == before);
    const auto missing = runPinpoint("validate --upgrade " + upgradeWorkspace().path("no-such-case.toml"));
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("cannot read the scenario file") != std::string::npos);
}

TEST_CASE("a case from an older minor rubric is accepted with a note, and its score report says so") {
    const std::string file = caseFor("old-minor.toml", "3.0.0");
    const auto v = runPinpoint("validate " + file);
    REQUIRE_MESSAGE(v.exitCode == 0, v.err);
    CHECK(v.out.find("note: " + file + ":") != std::string::npos);
    CHECK(v.out.find("written for rubric 3.0.0; scored under " + currentVersion()) != std::string::npos);
    CHECK(v.out.find(file + ": ok") != std::string::npos);

    const std::string session = upgradeWorkspace().path("old-minor.pps");
    const auto demo = runPinpoint("demo --scenario " + file + " --out " + session);
    REQUIRE_MESSAGE(demo.exitCode == 0, demo.err);
    const auto score = runPinpoint("score --json --scenario " + file + " " + session);
    REQUIRE_MESSAGE(score.exitCode == 0, score.err);
    const nlohmann::json report = nlohmann::json::parse(score.out);
    CHECK(report["rubric"]["version"] == currentVersion());
    CHECK(report["rubric"]["scenario_written_for"] == "3.0.0");
    CHECK(report["rubric"]["note"].get<std::string>().find("3.1.0: ") != std::string::npos);
    CHECK(report["passed"] == true);

    const std::string newer = caseFor("newer.toml", "3.9.0");
    const auto refused = runPinpoint("validate " + newer);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("newer than this Pinpoint's") != std::string::npos);
}
