#include "run_command.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

using pinpoint::testing::runPinpoint;
using pinpoint::testing::slurp;

namespace {

// A demo session for one zone, written once per test process and removed when it ends.
struct TemporaryFile {
    std::string path;
    ~TemporaryFile() { std::remove(path.c_str()); }
};
const std::string& demoSession() {
    static const TemporaryFile file = [] {
        TemporaryFile f{"cli-demo-forehead-" + std::to_string(::getpid()) + ".pps"};
        std::remove(f.path.c_str());
        const auto r = runPinpoint("demo --zones forehead --out " + f.path);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        return f;
    }();
    return file.path;
}

std::string writeFile(const std::string& name, const std::string& text) {
    std::ofstream(name, std::ios::binary) << text;
    return name;
}

}  // namespace

TEST_CASE("pinpoint score --json: zones and punctures of a demo session, byte-identical every time") {
    const auto a = runPinpoint("score --json " + demoSession());
    REQUIRE_MESSAGE(a.exitCode == 0, a.err);
    const auto b = runPinpoint("score --json " + demoSession());
    CHECK(a.out == b.out);
    const nlohmann::json j = nlohmann::json::parse(a.out);
    const auto& forehead = j["zones"]["forehead"];
    CHECK(forehead["coverage"].get<double>() > 0.9);
    CHECK(forehead["over_treated"].get<double>() < 0.01);
    CHECK(forehead["depth_in_range"].get<double>() == 1.0);
    CHECK(forehead["punctures"].get<int>() > 10000);
    CHECK(forehead["depth_mm"]["mean"].get<double>() == doctest::Approx(0.4));
    CHECK(forehead["passes"]["directions"].get<int>() >= 2);
    CHECK(j["zones"]["chin"]["punctures"].get<int>() == 0);
    // The careful practitioner screens every patient: the zone demo asks the default intake first.
    for (const auto& e : j["critical_errors"]) CHECK(e["code"] != "treated_without_screening");
    CHECK(j["critical_errors"].empty());
    CHECK(j["zones"].size() == 13);
    CHECK(j["punctures"]["total"].get<int>() >= forehead["punctures"].get<int>());
    CHECK(j["rubric"]["sha256"].get<std::string>().size() == 64);
}

TEST_CASE("pinpoint score prints a readable table") {
    const auto r = runPinpoint("score " + demoSession());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("forehead") != std::string::npos);
    CHECK(r.out.find("Component") != std::string::npos);
    CHECK(r.out.find("Decision: proceed") != std::string::npos);
}

TEST_CASE("a session cut off mid-line (a crash while recording) is scored, with a warning") {
    std::string text = slurp(demoSession());
    const auto cut = text.size() - 30;  // inside the last line
    const std::string path = writeFile("cli-truncated.pps", text.substr(0, cut));
    const auto r = runPinpoint("score --json " + path);
    CHECK(r.exitCode == 0);
    CHECK(r.err.find("warning") != std::string::npos);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["session"]["warnings"].size() == 1);
    CHECK(j["zones"]["forehead"]["coverage"].get<double>() > 0.9);
    std::remove(path.c_str());
}

TEST_CASE("bad session files: exit 2 and the line that is wrong") {
    const std::string header = "{\"type\":\"header\",\"format\":\"pinpoint-session\",\"version\":1}\n";
    const std::string tool = "{\"t\":0.0,\"type\":\"tool\",\"tool\":\"pen\",\"cartridge\":\"12pin\",\"depth_mm\":0.5,\"speed_hz\":100}\n";
    const std::string pose = "{\"t\":1.0,\"type\":\"pose\",\"p\":[0,1595,130],\"contact\":true}\n";
    struct Case {
        const char* what;
        std::string text;
        std::string expect;
    };
    const Case cases[] = {
        {"invalid JSON on line 3", header + tool + "{\"t\":1.0,\"type\":\"pose\",,}\n" + pose, ":3:"},
        {"time going backwards", header + tool + pose + "{\"t\":0.5,\"type\":\"pose\",\"p\":[0,1595,130],\"contact\":true}\n", ":4:"},
        {"unknown tool", header + "{\"t\":0.0,\"type\":\"tool\",\"tool\":\"laser\",\"depth_mm\":0.5}\n", ":2:"},
        {"unknown cartridge", header + "{\"t\":0.0,\"type\":\"tool\",\"tool\":\"pen\",\"cartridge\":\"7pin\",\"depth_mm\":0.5,\"speed_hz\":100}\n", "7pin"},
        {"depth in micrometres", header + "{\"t\":0.0,\"type\":\"tool\",\"tool\":\"pen\",\"cartridge\":\"12pin\",\"depth_mm\":500,\"speed_hz\":100}\n", "micrometres"},
        {"positions in metres", header + tool + "{\"t\":1.0,\"type\":\"pose\",\"p\":[0,1.595,0.13],\"contact\":true}\n", "metres"},
        {"no header", tool + pose, ":1:"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const std::string path = writeFile("cli-bad.pps", c.text);
        const auto r = runPinpoint("score " + path);
        CHECK(r.exitCode == 2);
        CHECK_MESSAGE(r.err.find(c.expect) != std::string::npos, r.err);
        CHECK(r.err.find("cli-bad.pps") != std::string::npos);
        std::remove(path.c_str());
    }
    const auto missing = runPinpoint("score /no/such/session.pps");
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("/no/such/session.pps") != std::string::npos);
}

TEST_CASE("pinpoint demo refuses unknown zones and never overwrites a recording") {
    CHECK(runPinpoint("demo --zones forehed --out x.pps").exitCode == 2);
    CHECK(runPinpoint("demo --tool laser --out x.pps").exitCode == 2);
    const auto again = runPinpoint("demo --zones nose --out " + demoSession());
    CHECK(again.exitCode == 2);
    CHECK(again.err.find(demoSession()) != std::string::npos);
}

TEST_CASE("a roller demo scores as a roller treatment") {
    const std::string path = "cli-roller-" + std::to_string(::getpid()) + ".pps";
    std::remove(path.c_str());
    REQUIRE(runPinpoint("demo --zones cheek_right --tool roller --out " + path).exitCode == 0);
    const auto r = runPinpoint("score --json " + path);
    REQUIRE(r.exitCode == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["zones"]["cheek_right"]["device"] == "roller");
    // A 20 mm drum stays off the edges; measured at the needles' scale (1.5 mm) the untouched rim shows.
    CHECK(j["zones"]["cheek_right"]["coverage"].get<double>() > 0.5);
    CHECK(j["contact"]["roller_rows"].get<int>() > 100);
    std::remove(path.c_str());
}

TEST_CASE("pinpoint demo --row-spacing: the same needling in rows far apart leaves bare skin the score sees") {
    const std::string path = "cli-rows-" + std::to_string(::getpid()) + ".pps";
    std::remove(path.c_str());
    REQUIRE(runPinpoint("demo --zones forehead --row-spacing 8 --out " + path).exitCode == 0);
    const auto careful = runPinpoint("score --json " + demoSession());
    const auto rows = runPinpoint("score --json " + path);
    REQUIRE(careful.exitCode == 0);
    REQUIRE(rows.exitCode == 0);
    const auto forehead = [](const std::string& out) { return nlohmann::json::parse(out)["zones"]["forehead"]; };
    CHECK(forehead(rows.out)["bare"].get<double>() > forehead(careful.out)["bare"].get<double>() + 0.05);
    CHECK(forehead(rows.out)["coverage"].get<double>() < forehead(careful.out)["coverage"].get<double>() - 0.1);
    CHECK(runPinpoint("demo --zones forehead --row-spacing -1 --out never.pps").exitCode == 2);
    std::remove(path.c_str());
}
