// Every rule that shapes a score is data the evidence hashes (issue 22, item 2): the same recorded
// session scored under a copy of assets/ whose rubric says otherwise gets the verdict that copy asks
// for, and the score report names the copy's files by their SHA-256. A number kept in the code would
// leave the verdict where it was. A protocol step and a plan action written only in the data files are
// accepted by `pinpoint validate` and scored.
#include "run_command.h"

#include "core/common/sha256.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using pinpoint::testing::runPinpoint;
using pinpoint::testing::slurp;
namespace fs = std::filesystem;

namespace {

const pinpoint::testing::Workspace& workspace() {
    static const pinpoint::testing::Workspace w("cli-rubric-data");
    return w;
}

const std::string kSource = PINPOINT_SOURCE_DIR;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the file: " << from);
    return text.replace(at, from.size(), to);
}

// A copy of assets/ under the workspace, its rubric (and catalogue) changed by `edit`; the environment
// that makes `pinpoint` read it.
struct Assets {
    std::string dir;
    std::string env() const { return "PINPOINT_ASSETS='" + dir + "'"; }
    std::string file(const std::string& name) const { return dir + "/" + name; }
};

Assets assetsWith(const std::string& name, const std::string& rubricFrom, const std::string& rubricTo,
                  const std::string& conditionsAppend = "") {
    const std::string dir = workspace().path(name);
    fs::remove_all(dir);
    fs::copy(kSource + "/assets", dir, fs::copy_options::recursive);
    std::ofstream(dir + "/rubric.toml", std::ios::binary) << replaced(slurp(kSource + "/assets/rubric.toml"), rubricFrom, rubricTo);
    if (!conditionsAppend.empty()) std::ofstream(dir + "/conditions.toml", std::ios::app | std::ios::binary) << conditionsAppend;
    return {dir};
}

// The careful session of a forehead-only case that passes without being perfect (score 96.07, the
// plan's coverage below 100%): it sets no [scoring] of its own, so the rubric's rules decide.
const std::string& carefulBrow() {
    static const std::string path = [] {
        const std::string p = workspace().path("tattooed-brow.pps");
        const auto r = runPinpoint("demo --scenario " + kSource + "/scenarios/tattooed-brow.toml --out " + p);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        return p;
    }();
    return path;
}

nlohmann::json scored(const std::string& session, const std::string& environment = "") {
    const auto r = runPinpoint("score --json " + session, environment);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    return nlohmann::json::parse(r.out);
}

bool hasCritical(const nlohmann::json& j, const std::string& code) {
    for (const auto& e : j["critical_errors"])
        if (e["code"] == code) return true;
    return false;
}

}  // namespace

TEST_CASE("the rubric file's pass mark decides the verdict, and the evidence names that file") {
    const nlohmann::json shipped = scored(carefulBrow());
    REQUIRE(shipped["passed"] == true);
    const double score = shipped["score"].get<double>();
    REQUIRE(score < 97.0);
    const Assets strict = assetsWith("strict-pass-mark", "pass_mark = 70.0", "pass_mark = 97.0");
    const nlohmann::json j = scored(carefulBrow(), strict.env());
    CHECK(j["passed"] == false);
    CHECK(j["score"].get<double>() == score);  // the same performance, judged by another mark
    CHECK(j["critical_errors"].empty());
    // The evidence names the rubric that decided it, not the shipped one.
    const std::string rubricSha = pinpoint::core::sha256HexOfFile(strict.file("rubric.toml")).value_or("");
    CHECK(j["evidence"]["sha256"]["rubric"] == rubricSha);
    CHECK(j["rubric"]["sha256"] == rubricSha);
    CHECK(j["evidence"]["sha256"]["rubric"] != shipped["evidence"]["sha256"]["rubric"]);
    CHECK(j["evidence"]["sha256"]["conditions"] == shipped["evidence"]["sha256"]["conditions"]);
}

TEST_CASE("the rubric file's minimum coverage decides whether the plan was finished") {
    const nlohmann::json shipped = scored(carefulBrow());
    REQUIRE(shipped["unmet_requirements"].empty());
    const Assets fussy = assetsWith("full-coverage", "min_coverage = 60.0", "min_coverage = 100.0");
    const nlohmann::json j = scored(carefulBrow(), fussy.env());
    CHECK(j["passed"] == false);
    CHECK(j["score"] == shipped["score"]);
    REQUIRE(j["unmet_requirements"].size() == 1);
    CHECK(j["unmet_requirements"][0].get<std::string>().find("minimum of 100%") != std::string::npos);
}

TEST_CASE("the rubric file's weights make the score") {
    const nlohmann::json shipped = scored(carefulBrow());
    const Assets coverageFirst = assetsWith("coverage-weight",
                                            "[scoring.weights]\ncoverage = 0.2\noverlap = 0.15\ndepth = 0.2\n"
                                            "contraindications = 0.2\ntechnique = 0.15\nprotocol = 0.1\n",
                                            "[scoring.weights]\ncoverage = 0.9\noverlap = 0.02\ndepth = 0.02\n"
                                            "contraindications = 0.02\ntechnique = 0.02\nprotocol = 0.02\n");
    const nlohmann::json j = scored(carefulBrow(), coverageFirst.env());
    CHECK(j["components"] == shipped["components"]);
    double expected = 0.9 * j["components"]["coverage"].get<double>();
    for (const char* c : {"overlap", "depth", "contraindications", "technique", "protocol"}) expected += 0.02 * j["components"][c].get<double>();
    CHECK(j["score"].get<double>() == doctest::Approx(expected).epsilon(1e-3));
    CHECK(j["score"].get<double>() < shipped["score"].get<double>() - 5.0);
}

TEST_CASE("the rubric file's depth margin decides when too deep is a critical error") {
    // The forehead's chart lowered to 0.2-0.3 mm: the careful session's 0.4 mm is 0.1 mm too deep.
    const std::string chart = "[zones.forehead]\nrejuvenation_depth_mm = [0.25, 0.5]";
    const std::string lowered = "[zones.forehead]\nrejuvenation_depth_mm = [0.2, 0.3]";
    const Assets wide = assetsWith("margin-wide", chart, lowered);
    const nlohmann::json within = scored(carefulBrow(), wide.env());
    CHECK_FALSE(hasCritical(within, "depth_beyond_margin"));  // within the margin of 0.25 mm
    CHECK(within["components"]["depth"].get<double>() < 50.0);  // but at the wrong depth
    const Assets narrow = assetsWith("margin-narrow", chart, lowered);
    const std::string narrower = replaced(slurp(narrow.file("rubric.toml")), "depth_margin_mm = 0.25", "depth_margin_mm = 0.0");
    std::ofstream(narrow.file("rubric.toml"), std::ios::binary) << narrower;
    const nlohmann::json beyond = scored(carefulBrow(), narrow.env());
    CHECK(hasCritical(beyond, "depth_beyond_margin"));
    CHECK(beyond["passed"] == false);
    CHECK(beyond["components"] == within["components"]);
}

TEST_CASE("a bad number in the rubric file: exit 2 and file:line") {
    const Assets bad = assetsWith("bad-pass-mark", "pass_mark = 70.0", "pass_mark = 170.0");
    const auto r = runPinpoint("validate " + kSource + "/scenarios/tattooed-brow.toml", bad.env());
    CHECK(r.exitCode == 2);
    CHECK(r.err.find(bad.file("rubric.toml") + ":") != std::string::npos);
    CHECK(r.err.find("pass_mark must be at most 100") != std::string::npos);
    const Assets missing = assetsWith("no-margin", "depth_margin_mm = 0.25\n", "");
    const auto m = runPinpoint("validate " + kSource + "/scenarios/tattooed-brow.toml", missing.env());
    CHECK(m.exitCode == 2);
    CHECK(m.err.find("depth_margin_mm") != std::string::npos);
}

TEST_CASE("a protocol step and a plan action written only in the data are validated and scored") {
    // A step of the rubric and an action of the catalogue that the code has never heard of.
    const Assets data = assetsWith(
        "new-step", "label = \"Aftercare advice given\"\n",
        "label = \"Aftercare advice given\"\n[[protocol.step]]\nid = \"patch_test\"\nlabel = \"Read the patch test\"\n",
        "\n[[modification]]\nid = \"allergy_review\"\nlabel = \"Allergy review\"\nplan = \"action\"\n");
    std::string scenario = slurp(kSource + "/scenarios/cardiac-disease.toml");
    scenario = replaced(scenario, "actions = [\"physician_clearance\"]", "actions = [\"physician_clearance\", \"allergy_review\"]");
    scenario = replaced(scenario, "[treatment]\n",
                        "[treatment]\nrequired_steps = [\"cleanse\", \"patch_test\", \"numbing_applied\", \"numbing_removed\", "
                        "\"disinfect\", \"post_care_given\"]\n");
    const std::string file = workspace().path("cardiac-patch-test.toml");
    std::ofstream(file, std::ios::binary) << scenario;

    const auto shipped = runPinpoint("validate " + file);
    CHECK(shipped.exitCode == 2);  // the shipped data know neither
    CHECK(shipped.err.find("unknown protocol step 'patch_test'") != std::string::npos);
    CHECK(shipped.err.find("unknown plan action 'allergy_review'") != std::string::npos);
    const auto ok = runPinpoint("validate " + file, data.env());
    CHECK_MESSAGE(ok.exitCode == 0, ok.err);

    // The careful practitioner does the new step and records the new action; nothing is lost for them.
    const std::string session = workspace().path("cardiac-patch-test.pps");
    const auto demo = runPinpoint("demo --scenario " + file + " --out " + session, data.env());
    REQUIRE_MESSAGE(demo.exitCode == 0, demo.err);
    CHECK(slurp(session).find("\"step\":\"patch_test\"") != std::string::npos);
    CHECK(slurp(session).find("allergy_review") != std::string::npos);
    const auto r = runPinpoint("score --json --scenario " + file + " " + session, data.env());
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["components"]["protocol"] == 100.0);
    CHECK(j["components"]["contraindications"] == 100.0);
    CHECK(j["critical_errors"].empty());
    CHECK(j["evidence"]["sha256"]["conditions"] == pinpoint::core::sha256HexOfFile(data.file("conditions.toml")).value_or(""));
}
