// Evidence bound to the score (score --json "evidence"): demos, recorder keys, trusted recorders, and
// which scenario a session is scored against.
#include "run_command.h"

#include "core/session/demo_key.h"
#include "core/session/session_file.h"
#include "core/session/session_signing.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using pinpoint::testing::runPinpoint;
using pinpoint::testing::slurp;
namespace core = pinpoint::core;
namespace fs = std::filesystem;

namespace {

const pinpoint::testing::Workspace& workspace() {
    static const pinpoint::testing::Workspace w("cli-evidence");
    return w;
}

std::string scenarioFile(const std::string& name) { return std::string(PINPOINT_SOURCE_DIR) + "/scenarios/" + name + ".toml"; }

// The careful session for the cold-sore scenario (a decline: quick to write and to score).
const std::string& coldSoreDemo() {
    static const std::string path = [] {
        const std::string p = workspace().path("cold-sore-demo.pps");
        const auto r = runPinpoint("demo --scenario " + scenarioFile("cold-sore-active") + " --out " + p);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        return p;
    }();
    return path;
}

std::string firstLine(const std::string& path) {
    const std::string text = slurp(path);
    return text.substr(0, text.find('\n'));
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("pinpoint demo: marked a demo in its header and never signed with the installation's recorder key") {
    const std::string demo = coldSoreDemo();
    CHECK(nlohmann::json::parse(firstLine(demo)).value("demo", false));
    CHECK(runPinpoint("verify " + demo).exitCode == 0);  // signed and intact ...
    // ... and every screen that names the signature says whose: the demo key's, never evidence.
    CHECK(contains(runPinpoint("score " + demo).out, "with the demo key"));
    const std::string recorder = runPinpoint("key --export").out;
    REQUIRE(recorder.substr(0, 8) == "ed25519:");
    const auto byRecorder = runPinpoint("verify --key " + recorder.substr(0, recorder.size() - 1) + " " + demo);
    CHECK(byRecorder.exitCode == 2);  // ... but not by the key a trainee's recordings carry
    CHECK(contains(byRecorder.err, "not by the trusted key"));
}

TEST_CASE("without --scenario a session is scored against the scenario its header names") {
    const auto r = runPinpoint("score --json " + coldSoreDemo());
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["scenario"]["id"] == "cold-sore-active");
    CHECK(j["passed"].get<bool>());
}

TEST_CASE("scoring against another scenario id is refused (exit 2) unless asked for with --rescore-against") {
    const std::string other = scenarioFile("default");
    const auto refused = runPinpoint("score --json --scenario " + other + " " + coldSoreDemo());
    CHECK(refused.exitCode == 2);
    CHECK(refused.out.empty());
    CHECK_MESSAGE(contains(refused.err, coldSoreDemo() + ":1:"), refused.err);
    CHECK(contains(refused.err, "cold-sore-active"));
    CHECK(contains(refused.err, "full-face-rejuvenation"));
    CHECK(contains(refused.err, "--rescore-against"));

    const auto rescored = runPinpoint("score --json --rescore-against " + other + " " + coldSoreDemo());
    REQUIRE_MESSAGE(rescored.exitCode == 0, rescored.err);
    const nlohmann::json j = nlohmann::json::parse(rescored.out);
    CHECK(j["scenario"]["id"] == "full-face-rejuvenation");
}

namespace {

// A recorder's key for the tests (any fixed seed): what the simulator on a training station signs with.
const core::SigningKey& stationKey() {
    static const core::SigningKey key = [] {
        std::array<unsigned char, 32> seed{};
        for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(7 * i + 1);
        return core::SigningKey::fromSeed(seed);
    }();
    return key;
}

// The same events as `from` in a new file, signed with `key`, the header's demo flag set to `demo`.
std::string resigned(const std::string& from, const std::string& name, const core::SigningKey& key, bool demo) {
    core::Result<core::Session> s = core::readSessionFile(from);
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().describe()));
    core::SessionHeader header = s->header;
    header.demo = demo;
    header.rawLine.clear();
    const std::string out = workspace().path(name);
    fs::remove(out);
    auto writer = core::SessionWriter::create(out, header, &key);
    REQUIRE(writer.ok());
    for (const core::SessionEvent& e : s->events) REQUIRE((*writer)->append(e));
    REQUIRE((*writer)->close());
    return out;
}

std::string trustedFile(const std::string& name, const std::string& text) {
    const std::string path = workspace().path(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

const std::string& stationTrusted() {
    static const std::string path = trustedFile(
        "trusted-recorders", "# the training centre\n\n" + core::publicKeyText(stationKey().publicKey()) + "  station 1 (room 2)\n");
    return path;
}

// The cold-sore events as a trainee's recording on station 1.
const std::string& stationSession() {
    static const std::string path = resigned(coldSoreDemo(), "station.pps", stationKey(), false);
    return path;
}

nlohmann::json scoreJson(const std::string& args, const std::string& environment = "") {
    const auto r = runPinpoint("score --json " + args, environment);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    return nlohmann::json::parse(r.out);
}

bool anyReason(const nlohmann::json& evidence, const std::string& part) {
    for (const auto& r : evidence["reasons"])
        if (contains(r.get<std::string>(), part)) return true;
    return false;
}

}  // namespace

TEST_CASE("a demo is never certifiable: score --json says demo, signed, intact, not trusted") {
    const nlohmann::json e = scoreJson("--trusted-keys " + stationTrusted() + " " + coldSoreDemo())["evidence"];
    CHECK_FALSE(e["certifiable"].get<bool>());
    CHECK(e["demo"].get<bool>());
    CHECK(e["signed"].get<bool>());
    CHECK(e["intact"].get<bool>());
    CHECK_FALSE(e["trusted"].get<bool>());
    CHECK(e["scenario_matches"].get<bool>());
    CHECK(e["signer"] == core::keyId(core::demoPublicKey()));
    CHECK(anyReason(e, "demo"));
    CHECK(runPinpoint("key --demo").out == core::publicKeyText(core::demoPublicKey()) + "\n");
}

TEST_CASE("the same events signed by a trusted recorder are certifiable - by an untrusted one, not") {
    const nlohmann::json j = scoreJson("--trusted-keys " + stationTrusted() + " " + stationSession());
    const nlohmann::json& e = j["evidence"];
    CHECK_MESSAGE(e["certifiable"].get<bool>(), e.dump());
    CHECK(e["reasons"].empty());
    CHECK(e["trusted"].get<bool>());
    CHECK_FALSE(e["demo"].get<bool>());
    CHECK(e["signer"] == core::keyId(stationKey().publicKey()));
    CHECK(e["signer_name"] == "station 1 (room 2)");
    CHECK(j["passed"].get<bool>());

    // Another recorder's key is not trusted; nor is anyone when no list is given or configured.
    const std::string other = trustedFile("other-recorders", core::publicKeyText(core::SigningKey::generate().publicKey()) + "\n");
    const nlohmann::json untrusted = scoreJson("--trusted-keys " + other + " " + stationSession())["evidence"];
    CHECK_FALSE(untrusted["certifiable"].get<bool>());
    CHECK_FALSE(untrusted["trusted"].get<bool>());
    CHECK(anyReason(untrusted, "not a trusted recorder"));
    const nlohmann::json none = scoreJson(stationSession(), "PINPOINT_KEY_DIR=" + workspace().path("empty-keys"))["evidence"];
    CHECK_FALSE(none["certifiable"].get<bool>());
    CHECK(anyReason(none, "no trusted recorders file"));

    // The configured default: trusted-recorders in the key folder.
    const std::string keys = workspace().path("configured-keys");
    fs::create_directories(keys);
    fs::copy_file(stationTrusted(), keys + "/trusted-recorders");
    CHECK(scoreJson(stationSession(), "PINPOINT_KEY_DIR=" + keys)["evidence"]["certifiable"].get<bool>());
}

TEST_CASE("a demo stays a demo: its flag taken out and signed again with the demo key, or the flag kept under a recorder key") {
    const std::string unflagged = resigned(coldSoreDemo(), "unflagged.pps", core::demoSigningKey(), false);
    CHECK_FALSE(nlohmann::json::parse(firstLine(unflagged)).contains("demo"));
    CHECK(runPinpoint("verify " + unflagged).exitCode == 0);
    const nlohmann::json a = scoreJson("--trusted-keys " + stationTrusted() + " " + unflagged)["evidence"];
    CHECK(a["demo"].get<bool>());
    CHECK(a["intact"].get<bool>());
    CHECK_FALSE(a["certifiable"].get<bool>());

    const std::string flagged = resigned(coldSoreDemo(), "flagged.pps", stationKey(), true);
    const nlohmann::json b = scoreJson("--trusted-keys " + stationTrusted() + " " + flagged)["evidence"];
    CHECK(b["demo"].get<bool>());
    CHECK(b["trusted"].get<bool>());
    CHECK_FALSE(b["certifiable"].get<bool>());

    // Taking the flag out of a demo by hand breaks the chain at line 1.
    std::string text = slurp(coldSoreDemo());
    const std::size_t at = text.find(",\"demo\":true");
    REQUIRE(at < text.find('\n'));
    text.erase(at, std::string(",\"demo\":true").size());
    const std::string edited = trustedFile("edited-demo.pps", text);
    const nlohmann::json c = scoreJson("--trusted-keys " + stationTrusted() + " " + edited)["evidence"];
    CHECK_FALSE(c["intact"].get<bool>());
    CHECK(c["demo"].get<bool>());  // still signed with the demo key further down
    CHECK_FALSE(c["certifiable"].get<bool>());

    // The demo key cannot be listed as a trusted recorder.
    const std::string listed = trustedFile("demo-trusted", "# oops\n" + core::publicKeyText(core::demoPublicKey()) + " demo\n");
    const auto refused = runPinpoint("score --json --trusted-keys " + listed + " " + unflagged);
    CHECK(refused.exitCode == 2);
    CHECK_MESSAGE(contains(refused.err, listed + ":2:1: this is the demo key"), refused.err);
}

TEST_CASE("an edited or cut-off recording is not certifiable, and says why") {
    std::string text = slurp(stationSession());
    const std::size_t at = text.find("\"decision\":\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 20, "\"decision\":\"proceed\"");  // decline -> proceed, however short
    const std::string edited = trustedFile("edited.pps", text);
    const nlohmann::json e = scoreJson("--trusted-keys " + stationTrusted() + " " + edited)["evidence"];
    CHECK_FALSE(e["intact"].get<bool>());
    CHECK(e["signed"].get<bool>());
    CHECK_FALSE(e["certifiable"].get<bool>());
    CHECK(anyReason(e, "changed after it was signed"));

    const std::string whole = slurp(stationSession());
    const std::string cut = trustedFile("cut.pps", whole.substr(0, whole.size() - 40));
    const nlohmann::json c = scoreJson("--trusted-keys " + stationTrusted() + " " + cut)["evidence"];
    CHECK_FALSE(c["certifiable"].get<bool>());
    CHECK(anyReason(c, "not closed"));
}

TEST_CASE("scenario: rescored, edited, or missing from the library") {
    // --rescore-against: scored, never certifiable, even for a trusted recording.
    const nlohmann::json r = scoreJson("--trusted-keys " + stationTrusted() + " --rescore-against " + scenarioFile("default") + " " +
                                       stationSession())["evidence"];
    CHECK_FALSE(r["certifiable"].get<bool>());
    CHECK(r["rescored"].get<bool>());
    CHECK_FALSE(r["scenario_matches"].get<bool>());
    CHECK(anyReason(r, "--rescore-against"));
    CHECK(runPinpoint("score --scenario " + scenarioFile("default") + " --rescore-against " + scenarioFile("default") + " " +
                      stationSession()).exitCode == 2);

    // The same id, edited since the recording: scored, not certifiable.
    const std::string changed = workspace().path("cold-sore-active-edited.toml");
    std::ofstream(changed) << slurp(scenarioFile("cold-sore-active")) << "\n# an instructor's edit\n";
    const auto edited = runPinpoint("score --json --trusted-keys " + stationTrusted() + " --scenario " + changed + " " + stationSession());
    REQUIRE_MESSAGE(edited.exitCode == 0, edited.err);
    const nlohmann::json e = nlohmann::json::parse(edited.out)["evidence"];
    CHECK_FALSE(e["certifiable"].get<bool>());
    CHECK_FALSE(e["scenario_matches"].get<bool>());
    CHECK(anyReason(e, "scenario file was edited"));
    CHECK(contains(edited.err, "warning"));
    // The library's own copy of it is fine.
    CHECK(scoreJson("--trusted-keys " + stationTrusted() + " --scenario " + scenarioFile("cold-sore-active") + " " + stationSession())
              ["evidence"]["certifiable"].get<bool>());

    // A header naming a scenario the library does not hold: located at the header, exit 2.
    std::string text = slurp(coldSoreDemo());
    const std::size_t at = text.find("\"scenario\":\"cold-sore-active\"");
    REQUIRE(at < text.find('\n'));
    text.replace(at, 29, "\"scenario\":\"no-such-scenario\"");
    const std::string unknown = trustedFile("unknown.pps", text);
    const auto missing = runPinpoint("score " + unknown);
    CHECK(missing.exitCode == 2);
    CHECK_MESSAGE(contains(missing.err, unknown + ":1:" + std::to_string(at + 1) + ":"), missing.err);
    CHECK(contains(missing.err, "'no-such-scenario'"));
    CHECK(contains(missing.err, "scenario library"));
    // ... found when PINPOINT_SCENARIOS points at a folder that has it.
    const std::string library = workspace().path("library");
    fs::create_directories(library);
    std::string renamed = slurp(scenarioFile("cold-sore-active"));
    renamed.replace(renamed.find("id = \"cold-sore-active\""), 23, "id = \"no-such-scenario\"");
    std::ofstream(library + "/renamed.toml") << renamed;
    const nlohmann::json found = scoreJson(unknown, "PINPOINT_SCENARIOS=" + library);
    CHECK(found["scenario"]["id"] == "no-such-scenario");
}

TEST_CASE("evidence names every input by its SHA-256, and the output is byte-identical run to run") {
    const auto a = runPinpoint("score --json --trusted-keys " + stationTrusted() + " " + stationSession());
    const auto b = runPinpoint("score --json --trusted-keys " + stationTrusted() + " " + stationSession());
    REQUIRE(a.exitCode == 0);
    CHECK(a.out == b.out);
    const nlohmann::json j = nlohmann::json::parse(a.out);
    const nlohmann::json& sha = j["evidence"]["sha256"];
    for (const char* key : {"scenario", "rubric", "tools", "zones", "conditions", "head_model"}) {
        CAPTURE(key);
        REQUIRE(sha.contains(key));
        CHECK(sha[key].get<std::string>().size() == 64);
    }
    CHECK(sha["scenario"] == j["scenario"]["sha256"]);
    CHECK(sha["rubric"] == j["rubric"]["sha256"]);
    CHECK(j["evidence"]["software_version"].get<std::string>().rfind("pinpoint ", 0) == 0);

    // The text report: the verdict on the performance, then the verdict on the evidence.
    const auto text = runPinpoint("score --trusted-keys " + stationTrusted() + " " + coldSoreDemo());
    REQUIRE(text.exitCode == 0);
    CHECK(contains(text.out, "PASSED"));
    CHECK(contains(text.out, "\nCertifiable: NO (a demo session"));
}

TEST_CASE("a bad trusted recorders file: exit 2, located") {
    const std::string bad = trustedFile("bad-recorders", "# comment\ned25519:12ab station 3\n");
    const auto r = runPinpoint("score --trusted-keys " + bad + " " + stationSession());
    CHECK(r.exitCode == 2);
    CHECK_MESSAGE(contains(r.err, bad + ":2:1: 'ed25519:12ab' is not a public key"), r.err);
    const auto missing = runPinpoint("score --trusted-keys " + workspace().path("no-such-file") + " " + stationSession());
    CHECK(missing.exitCode == 2);
    CHECK(contains(missing.err, "no-such-file"));
}

TEST_CASE("score --csv: certifiable and why not per row - a session for another scenario is refused, the batch goes on") {
    const std::string folder = workspace().path("cohort");
    fs::create_directories(folder);
    fs::copy_file(stationSession(), folder + "/a-station.pps");
    fs::copy_file(coldSoreDemo(), folder + "/b-demo.pps");
    const auto r = runPinpoint("score --csv --trusted-keys " + stationTrusted() + " " + folder);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    std::istringstream lines(r.out);
    std::vector<std::string> rows;
    for (std::string l; std::getline(lines, l);) rows.push_back(l);
    REQUIRE(rows.size() == 3);
    CHECK(contains(rows[0], ",result,score,certifiable,certifiable_reasons,scored_against,"));
    CHECK(contains(rows[1], ",pass,100.00,yes,,cold-sore-active,"));
    CHECK(contains(rows[2], ",pass,100.00,no,\"a demo session"));

    const auto refused = runPinpoint("score --csv --trusted-keys " + stationTrusted() + " --scenario " + scenarioFile("default") + " " + folder);
    CHECK(refused.exitCode == 2);
    std::istringstream refusedLines(refused.out);
    rows.clear();
    for (std::string l; std::getline(refusedLines, l);) rows.push_back(l);
    REQUIRE(rows.size() == 3);
    CHECK(contains(rows[1], ",refused,"));
    CHECK(contains(rows[1], "--rescore-against"));
    CHECK(contains(refused.err, "2 of 2 sessions were recorded for another scenario"));
}

TEST_CASE("pinpoint report: Passed and Certifiable side by side - score.json carries the evidence") {
    const std::string out = workspace().path("report");
    const auto r = runPinpoint("report --no-pictures --trusted-keys " + stationTrusted() + " " + stationSession() + " --out " + out);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const std::string html = slurp(out + "/report.html");
    CHECK(contains(html, "id='evidence'"));
    CHECK(contains(html, "CERTIFIABLE"));
    CHECK(nlohmann::json::parse(slurp(out + "/score.json"))["evidence"]["certifiable"].get<bool>());

    const auto demo = runPinpoint("report --no-pictures " + coldSoreDemo() + " --out " + out + "-demo");
    REQUIRE_MESSAGE(demo.exitCode == 0, demo.err);
    const std::string demoHtml = slurp(out + "-demo/report.html");
    CHECK(contains(demoHtml, "NOT CERTIFIABLE"));
    CHECK(contains(demoHtml, "a demo session"));
    CHECK(contains(demo.out, "Certifiable: NO"));
    CHECK(runPinpoint("report --no-pictures --scenario " + scenarioFile("default") + " " + coldSoreDemo() + " --out " + out + "-x")
              .exitCode == 2);
}
