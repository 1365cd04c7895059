#include "run_command.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

using pinpoint::testing::runPinpoint;

TEST_CASE("pinpoint model --json describes the head, its zones and forbidden areas") {
    const auto r = runPinpoint("model --json");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["source"]["path"].get<std::string>().find("human.zae") != std::string::npos);
    CHECK(j["source"]["sha256"].get<std::string>().size() == 64);
    CHECK(j["vertices"].get<int>() > 10000);
    CHECK(j["triangles"].get<int>() > 30000);
    CHECK(j["bounds"]["max"][1].get<double>() > 1650.0);
    REQUIRE(j["zones"].size() == 13);
    REQUIRE(j["forbidden"].size() == 5);
    for (const auto& z : j["zones"]) {
        CHECK(z["treatable"].get<bool>());
        CHECK(z["area_cm2"].get<double>() > 0.0);
        CHECK(z["centroid"].size() == 3);
    }
    CHECK(j["zones"][0]["name"] == "forehead");
    CHECK(j["forbidden"][0]["name"] == "eyes");
    CHECK_FALSE(j["forbidden"][0].contains("treatable"));
}

TEST_CASE("pinpoint model is byte-identical from run to run") {
    const auto a = runPinpoint("model --json");
    const auto b = runPinpoint("model --json --no-cache");
    REQUIRE(a.exitCode == 0);
    CHECK(a.out == b.out);
}

TEST_CASE("pinpoint model prints a readable table by default") {
    const auto r = runPinpoint("model");
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("forehead") != std::string::npos);
    CHECK(r.out.find("Treatable face") != std::string::npos);
}

TEST_CASE("a missing model file: exit 2 and what to install") {
    const auto r = runPinpoint("model", "PINPOINT_MODEL=/no/such/human.zae");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("/no/such/human.zae") != std::string::npos);
    CHECK(r.err.find("install assimp-testmodels") != std::string::npos);
}

TEST_CASE("an unreadable zone file: exit 2 and its path") {
    const auto r = runPinpoint("model --zone-file /no/such/zones.toml");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("/no/such/zones.toml: cannot read the zone file") != std::string::npos);
}

TEST_CASE("an unknown zone name: exit 2 and file:line:col") {
    const auto r = runPinpoint(std::string("model --zone-file ") + PINPOINT_TEST_DATA_DIR + "/zones_unknown_zone.toml");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("zones_unknown_zone.toml:7:8: unknown treatment zone 'upper_lip'") != std::string::npos);
}

TEST_CASE("bad command-line use: exit 2") {
    CHECK(runPinpoint("model --no-such-option").exitCode == 2);
    CHECK(runPinpoint("no-such-command").exitCode == 2);
    CHECK(runPinpoint("--help").exitCode == 0);
}

TEST_CASE("pinpoint with no subcommand and no display says so in one line and exits 2") {
    // The window itself is tested under Xvfb by the app tests (tests/app).
    const auto r = runPinpoint("", "DISPLAY= WAYLAND_DISPLAY=");
    CHECK(r.exitCode == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("pinpoint render") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    // A bad scenario is still reported as bad input (with or without a display).
    const auto bad = runPinpoint(std::string("--scenario ") + PINPOINT_TEST_DATA_DIR + "/scenarios/bad/weights_sum.toml");
    CHECK(bad.exitCode == 2);
}
