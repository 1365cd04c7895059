#include "core/session/session_file.h"
#include "core/session/session_test_support.h"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <random>

using namespace pinpoint::core;
using namespace session_test;

TEST_CASE("bad session files give an error at the right line, with an actionable message") {
    const std::string pose = R"({"t":1.0,"type":"pose","p":[0,1500,100],"contact":true})";
    struct Case {
        const char* what;
        std::vector<std::string> lines;  // after the header, which is line 1
        int line;
        std::string message;  // part of the message
        std::string hint;     // part of the hint (may be empty)
    };
    const Case cases[] = {
        {"invalid JSON", {pose, R"({"t":2.0,"type":"pose",})", pose}, 3, "invalid JSON", ""},
        {"NaN", {pose, R"({"t":NaN,"type":"step","step":"cleanse"})"}, 3, "invalid JSON", "finite"},
        {"huge number", {R"({"t":1e999,"type":"step","step":"cleanse"})"}, 2, "number overflow", "finite"},
        {"not an object", {pose, "[1,2,3]"}, 3, "not a JSON object", ""},
        {"time backwards", {R"({"t":13.0,"type":"step","step":"cleanse"})", R"({"t":12.5,"type":"step","step":"disinfect"})"}, 3,
         "t goes backwards: 12.5 after 13", ""},
        {"negative time", {R"({"t":-1,"type":"step","step":"cleanse"})"}, 2, "negative", ""},
        {"no t", {R"({"type":"step","step":"cleanse"})"}, 2, "no 't'", ""},
        {"t as a string", {R"({"t":"1.0","type":"step","step":"cleanse"})"}, 2, "t must be a number", "quotes"},
        {"no type", {R"({"t":1.0,"step":"cleanse"})"}, 2, "no 'type'", ""},
        {"second header", {kHeader}, 2, "second header", ""},
        {"p with two numbers", {R"({"t":1.0,"type":"pose","p":[0,1500],"contact":true})"}, 2, "three numbers", ""},
        {"p with a string", {R"({"t":1.0,"type":"pose","p":[0,"1500",1],"contact":true})"}, 2, "p must be a number", ""},
        {"no p", {R"({"t":1.0,"type":"pose","contact":true})"}, 2, "needs 'p'", ""},
        {"contact as a number", {R"({"t":1.0,"type":"pose","p":[0,1500,100],"contact":1})"}, 2, "true or false", ""},
        {"no contact", {R"({"t":1.0,"type":"pose","p":[0,1500,100]})"}, 2, "needs 'contact'", ""},
        {"zero axis", {R"({"t":1.0,"type":"pose","p":[0,1500,100],"contact":true,"axis":[0,0,0]})"}, 2, "zero vector", ""},
        {"short axis", {R"({"t":1.0,"type":"pose","p":[0,1500,100],"contact":true,"axis":[0,1]})"}, 2, "three numbers", ""},
        {"metres", {pose, R"({"t":2.0,"type":"pose","p":[0.01,1.5,0.1],"contact":false})"}, 3, "nowhere near the head",
         "looks like metres"},
        {"unknown tool", {R"({"t":0,"type":"tool","tool":"laser","depth_mm":0.5})"}, 2, "unknown tool 'laser'", "pen"},
        {"pen without cartridge", {R"({"t":0,"type":"tool","tool":"pen","depth_mm":0.5,"speed_hz":100})"}, 2,
         "needs 'cartridge'", ""},
        {"pen without depth", {R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","speed_hz":100})"}, 2,
         "needs 'depth_mm'", ""},
        {"pen without speed", {R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":0.5})"}, 2,
         "needs 'speed_hz'", ""},
        {"depth in micrometres", {R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":500,"speed_hz":100})"}, 2,
         "out of range", "micrometres"},
        {"depth too deep", {R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":4,"speed_hz":100})"}, 2,
         "out of range", "millimetres"},
        {"zero speed", {R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":0.5,"speed_hz":0})"}, 2,
         "speed_hz 0 is out of range", ""},
        {"speed per minute", {R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":0.5,"speed_hz":6000})"}, 2,
         "out of range", "strokes per minute"},
        {"roller without needles", {R"({"t":0,"type":"tool","tool":"roller","depth_mm":0.5})"}, 2, "needs 'needles'", ""},
        {"fractional needles", {R"({"t":0,"type":"tool","tool":"roller","needles":19.2,"depth_mm":0.5})"}, 2, "whole number", ""},
        {"unknown decision", {R"({"t":1,"type":"decision","decision":"maybe"})"}, 2, "unknown decision 'maybe'", "defer"},
        {"empty step", {R"({"t":1,"type":"step","step":""})"}, 2, "must not be empty", ""},
        {"step not a string", {R"({"t":1,"type":"step","step":3})"}, 2, "step must be a string", ""},
        {"invalid JSON on a complete last line", {pose, R"({"t":2.0,"type":"po)"}, 3, "invalid JSON", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const Error e = errorOf(sessionText(c.lines));
        CHECK(e.file == "s.pps");
        CHECK(e.line == c.line);
        CHECK(e.column >= 1);
        CHECK_MESSAGE(contains(e.message, c.message), e.describe());
        if (!c.hint.empty()) CHECK_MESSAGE(contains(e.hint, c.hint), e.describe());
        CHECK(contains(e.describe(), "s.pps:" + std::to_string(c.line) + ":"));
    }
}

// Pose lines in the writer's key order take a fast path; others go through nlohmann. Both must give
// the same doubles, and the fast path must not accept anything JSON does not.
TEST_CASE("pose lines read the same in any key order, bit for bit") {
    std::vector<std::string> numbers = {"0",    "-0",      "-0.0",   "0.1",     "1E+2",  "1e-320", "2.2250738585072011e-308",
                                        "1500", "1500.00000000000000000000001", "123456789012345678", "-17",  "1.7976931348623157e308",
                                        "3.0e0"};
    std::mt19937_64 random(7);
    char buffer[64];
    for (int i = 0; i < 300; ++i) {
        double d = std::bit_cast<double>(random());
        if (!std::isfinite(d)) continue;
        std::snprintf(buffer, sizeof buffer, i % 2 ? "%.17g" : "%.6e", d);
        numbers.push_back(buffer);
    }
    for (const std::string& n : numbers) {
        CAPTURE(n);
        const std::string p = "[" + n + ",1500," + n + "]";
        const std::string axis = "[" + n + ",-1," + n + "]";
        const std::string fast = R"({"t":1,"type":"pose","p":)" + p + R"(,"contact":false,"axis":)" + axis + "}";
        const std::string slow = R"({"axis":)" + axis + R"(,"contact":false,"p":)" + p + R"(,"type":"pose","t":1})";
        Result<Session> a = parseSession(sessionText({fast}), "s.pps");
        Result<Session> b = parseSession(sessionText({slow}), "s.pps");
        REQUIRE_MESSAGE(a.ok(), a.error().describe());
        REQUIRE_MESSAGE(b.ok(), b.error().describe());
        checkSame(a->events[0], b->events[0]);
        const Result<Session> t = parseSession(sessionText({R"({"t":)" + n + R"(,"type":"pose","p":[0,1500,90],"contact":true})"}), "s.pps");
        const Result<Session> u = parseSession(sessionText({R"({"type":"pose","p":[0,1500,90],"contact":true,"t":)" + n + "}"}), "s.pps");
        REQUIRE(t.ok() == u.ok());
        if (t.ok()) CHECK(sameBits(eventTime(t->events[0]), eventTime(u->events[0])));
    }
    // Not JSON, so an error, whichever path sees it first.
    for (const char* bad : {"01", ".5", "1.", "+1", "1e", "-", "0x10", "inf", "nan", "1_0"}) {
        CAPTURE(bad);
        const Error e = errorOf(sessionText({std::string(R"({"t":1,"type":"pose","p":[)") + bad + R"(,1500,90],"contact":true})"}));
        CHECK(contains(e.message, "invalid JSON"));
    }
    CHECK(errorOf(sessionText({R"({"t":1,"type":"pose","p":[0,1500,90],"contact":true}x)"})).line == 2);
    CHECK(errorOf(sessionText({R"({"t":1,"type":"pose","p":[0,1500,90],"contact":true,})"})).line == 2);
    Result<Session> spaced = parseSession(sessionText({R"( { "t" : 1 , "type" : "pose" , "p" : [ 0 , 1500 , 90 ] , "contact" : true } )"}), "s.pps");
    REQUIRE(spaced.ok());
    CHECK(std::get<PoseEvent>(spaced->events[0]).p == glm::dvec3(0.0, 1500.0, 90.0));
}

TEST_CASE("errors point at the column of the offending key") {
    const Error e = errorOf(sessionText({R"({"t":1.0,"type":"pose","p":[0,1500,100],"contact":"yes"})"}));
    CHECK(e.line == 2);
    CHECK(e.column == 41);
}

TEST_CASE("bad headers are rejected") {
    struct Case {
        const char* what;
        std::string text;
        std::string message;
    };
    const Case cases[] = {
        {"empty file", "", "empty"},
        {"only blank lines", "\n\n", "empty"},
        {"blank first line", "\n" + kHeader + "\n", "first line is empty"},
        {"no header", R"({"t":1,"type":"step","step":"cleanse"})" "\n", "not a session header"},
        {"wrong format", R"({"type":"header","format":"pinpoint-zones","version":1})" "\n", "format must be"},
        {"no version", R"({"type":"header","format":"pinpoint-session"})" "\n", "needs 'version'"},
        {"newer version", R"({"type":"header","format":"pinpoint-session","version":2})" "\n", "version 2 is newer"},
        {"version 0", R"({"type":"header","format":"pinpoint-session","version":0})" "\n", "version must be 1"},
        {"bad sha", R"({"type":"header","format":"pinpoint-session","version":1,"scenario_sha256":"abc"})" "\n", "64 hexadecimal"},
        {"trainee a number", R"({"type":"header","format":"pinpoint-session","version":1,"trainee":5})" "\n", "must be a string"},
        {"header cut off", R"({"type":"header","format":"pinpo)", "incomplete"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const Error e = errorOf(c.text);
        CHECK_MESSAGE(contains(e.message, c.message), e.describe());
    }
}

TEST_CASE("a last line cut off mid-way is dropped with a warning, and the complete lines are kept") {
    const std::vector<std::string> lines = {R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":0.5,"speed_hz":100})",
                                            R"({"t":1.0,"type":"pose","p":[0,1500,100],"contact":true})",
                                            R"({"t":1.5,"type":"pose","p":[0,1500,101],"contact":true})"};
    const std::string text = sessionText(lines) + R"({"t":2.0,"type":"pose","p":[0,15)";
    Result<Session> r = parseSession(text, "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r->events.size() == 3);
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0].line == 5);
    CHECK(contains(r->warnings[0].message, "line 5 is incomplete"));
    CHECK(contains(r->warnings[0].message, "dropped"));

    // With a newline after it, the same line is an error: the recorder finished writing it.
    const Error e = errorOf(text + "\n");
    CHECK(e.line == 5);
    CHECK(contains(e.message, "invalid JSON"));
}

TEST_CASE("with a tool catalogue, cartridges, rollers and settings are checked against it") {
    const ToolCatalogue cat = testCatalogue();
    const auto pen = [](const std::string& cartridge, const std::string& depth, const std::string& speed) {
        return R"({"t":0,"type":"tool","tool":"pen","cartridge":")" + cartridge + R"(","depth_mm":)" + depth +
               R"(,"speed_hz":)" + speed + "}";
    };
    const auto roller = [](const std::string& needles, const std::string& depth) {
        return R"({"t":0,"type":"tool","tool":"roller","needles":)" + needles + R"(,"depth_mm":)" + depth + "}";
    };
    Result<Session> ok = parseSession(sessionText({pen("12pin", "0.5", "100"), roller("192", "1.0")}), "s.pps", &cat);
    REQUIRE_MESSAGE(ok.ok(), ok.error().describe());

    Error e = errorOf(sessionText({pen("13pin", "0.5", "100")}), &cat);
    CHECK(e.line == 2);
    CHECK(contains(e.message, "unknown cartridge '13pin'"));
    CHECK(contains(e.hint, "12pin, nano"));

    e = errorOf(sessionText({roller("200", "0.5")}), &cat);
    CHECK(contains(e.message, "no roller with 200 needles"));
    CHECK(contains(e.hint, "192"));

    e = errorOf(sessionText({R"({"t":0,"type":"tool","tool":"roller","needles":192,"roller":"540","depth_mm":0.5})"}), &cat);
    CHECK(contains(e.message, "unknown roller '540'"));

    e = errorOf(sessionText({roller("192", "0.75")}), &cat);
    CHECK(contains(e.message, "no 0.75 mm needles"));

    e = errorOf(sessionText({pen("12pin", "0.15", "100")}), &cat);
    CHECK(contains(e.message, "out of range for the pen (0.2 to 3 mm)"));

    e = errorOf(sessionText({pen("12pin", "0.55", "100")}), &cat);
    CHECK(contains(e.message, "not a setting the pen offers"));

    e = errorOf(sessionText({pen("12pin", "0.5", "200")}), &cat);
    CHECK(contains(e.message, "speed_hz 200 is out of range (10 to 150 Hz)"));

    // Without the catalogue the same cartridge id and roller pass.
    CHECK(parseSession(sessionText({pen("13pin", "0.15", "200"), roller("200", "0.75")}), "s.pps").ok());
}

TEST_CASE("axis is normalised, and an exactly zero resting pose is not taken for metres") {
    Result<Session> r = parseSession(sessionText({R"({"t":0,"type":"pose","p":[0,0,0],"contact":false})",
                                                  R"({"t":1,"type":"pose","p":[0,1500,90],"contact":true,"axis":[0,0,-2]})"}),
                                     "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    const PoseEvent& p = std::get<PoseEvent>(r->events[1]);
    REQUIRE(p.axis.has_value());
    CHECK(*p.axis == glm::dvec3(0.0, 0.0, -1.0));
    CHECK_FALSE(std::get<PoseEvent>(r->events[0]).axis.has_value());
    r = parseSession(sessionText({R"({"t":1,"type":"pose","p":[0,1500,90],"contact":true,"axis":[0,0,-1e308]})",
                                  R"({"t":1,"type":"pose","p":[0,1500,90],"contact":true,"axis":[1e308,0,-1e308]})"}),
                     "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(*std::get<PoseEvent>(r->events[0]).axis == glm::dvec3(0.0, 0.0, -1.0));
    CHECK(std::get<PoseEvent>(r->events[1]).axis->x == doctest::Approx(std::sqrt(0.5)));
}
