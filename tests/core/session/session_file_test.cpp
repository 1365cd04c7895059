#include "core/session/session_file.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

using namespace pinpoint::core;
namespace fs = std::filesystem;

namespace {

const std::string kHeader = R"({"type":"header","format":"pinpoint-session","version":1})";

std::string dataDir() { return std::string(PINPOINT_TEST_DATA_DIR) + "/sessions/"; }

// A session text: the header, then the given lines, each ending in '\n'.
std::string sessionText(const std::vector<std::string>& lines) {
    std::string text = kHeader + "\n";
    for (const std::string& l : lines) text += l + "\n";
    return text;
}

Error errorOf(const std::string& text, const ToolCatalogue* catalogue = nullptr) {
    Result<Session> r = parseSession(text, "s.pps", catalogue);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

bool sameBits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
bool sameBits(const glm::dvec3& a, const glm::dvec3& b) {
    return sameBits(a.x, b.x) && sameBits(a.y, b.y) && sameBits(a.z, b.z);
}

// A fresh folder under the system's temporary folder, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("pinpoint-session-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A small catalogue, built by hand (independent of the assets/tools.toml loader).
ToolCatalogue testCatalogue() {
    ToolCatalogue c;
    c.file = "test-tools";
    c.cartridges.push_back({"12pin", "12-pin", {{0.0f, 0.0f}}, 7.0, ""});
    c.cartridges.push_back({"nano", "nano", {{0.0f, 0.0f}}, 7.0, ""});
    c.pen = PenSettingsRange{0.2, 3.0, 0.1, 10.0, 150.0};
    Roller r;
    r.id = "192";
    r.rings = 8;
    r.needlesPerRing = 24;
    r.needleLengthsMm = {0.25, 0.5, 1.0};
    c.rollers.push_back(r);
    return c;
}

std::vector<SessionEvent> sampleEvents() {
    std::vector<SessionEvent> events;
    events.push_back(ToolEvent{0.0, ToolKind::Pen, "12pin", 0.5, 100.0, 0, ""});
    events.push_back(StepEvent{0.0, "cleanse"});
    double t = 1.0 / 3.0;
    for (int i = 0; i < 50; ++i) {
        PoseEvent p;
        p.t = t;
        p.p = glm::dvec3(0.1 * i + 1.0 / 7.0, 1484.0 + std::sqrt(2.0) * i, 135.000000000001 - i * 0.3);
        p.contact = i % 3 != 0;
        if (i % 2 == 0) p.axis = glm::normalize(glm::dvec3(0.1 * i + 0.01, -1.0, -0.3));
        events.push_back(p);
        t += 1.0 / 120.0;
    }
    events.push_back(ToolEvent{t, ToolKind::Roller, "", 0.25, 0.0, 192, "192"});
    events.push_back(DecisionEvent{t, "proceed_modified", ""});
    events.push_back(OtherEvent{t + 1e-9, "annotation", ""});
    events.push_back(StepEvent{t + 2.5, "post_care_given"});
    return events;
}

void checkSame(const SessionEvent& a, const SessionEvent& b) {
    REQUIRE(a.index() == b.index());
    CHECK(sameBits(eventTime(a), eventTime(b)));
    if (const auto* x = std::get_if<ToolEvent>(&a)) {
        const auto& y = std::get<ToolEvent>(b);
        CHECK(x->tool == y.tool);
        CHECK(x->cartridge == y.cartridge);
        CHECK(sameBits(x->depthMm, y.depthMm));
        CHECK(sameBits(x->speedHz, y.speedHz));
        CHECK(x->needles == y.needles);
        CHECK(x->roller == y.roller);
    } else if (const auto* x = std::get_if<PoseEvent>(&a)) {
        const auto& y = std::get<PoseEvent>(b);
        CHECK(sameBits(x->p, y.p));
        CHECK(x->contact == y.contact);
        REQUIRE(x->axis.has_value() == y.axis.has_value());
        if (x->axis) CHECK(sameBits(*x->axis, *y.axis));
    } else if (const auto* x = std::get_if<DecisionEvent>(&a)) {
        CHECK(x->decision == std::get<DecisionEvent>(b).decision);
    } else if (const auto* x = std::get_if<StepEvent>(&a)) {
        CHECK(x->step == std::get<StepEvent>(b).step);
    } else {
        CHECK(std::get<OtherEvent>(a).type == std::get<OtherEvent>(b).type);
    }
}

}  // namespace

TEST_CASE("eventTime gives the time of any event") {
    CHECK(eventTime(PoseEvent{2.5, {}, false, {}}) == 2.5);
    CHECK(eventTime(OtherEvent{7.0, "note", ""}) == 7.0);
}

TEST_CASE("written sessions read back with identical events, bit for bit") {
    TempDir dir;
    const std::string path = (dir.path / "a.pps").string();
    SessionHeader header;
    header.scenarioId = "forehead-basic";
    header.scenarioSha256 = std::string(64, 'a');
    header.trainee = "Ana Souza";
    header.startTime = "2024-05-01T09:30:00Z";
    header.softwareVersion = "0.1.0";
    const std::vector<SessionEvent> events = sampleEvents();
    {
        Result<std::unique_ptr<SessionWriter>> w = SessionWriter::create(path, header);
        REQUIRE_MESSAGE(w.ok(), w.error().describe());
        CHECK((*w)->path() == path);
        for (const SessionEvent& e : events) REQUIRE((*w)->append(e));
    }
    Result<Session> r = readSessionFile(path);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r->warnings.empty());
    CHECK(r->header.scenarioId == header.scenarioId);
    CHECK(r->header.scenarioSha256 == header.scenarioSha256);
    CHECK(r->header.trainee == header.trainee);
    CHECK(r->header.startTime == header.startTime);
    CHECK(r->header.softwareVersion == header.softwareVersion);
    REQUIRE(r->events.size() == events.size());
    REQUIRE(r->eventLines.size() == events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        CAPTURE(i);
        checkSame(events[i], r->events[i]);
        CHECK(r->eventLines[i] == static_cast<int>(i) + 2);
    }

    // Writing what was read gives the same bytes.
    std::string again = sessionHeaderLine(r->header) + "\n";
    for (const SessionEvent& e : r->events) again += sessionEventLine(e) + "\n";
    CHECK(again == readAll(path));
}

TEST_CASE("lines are written with t and type first and optional fields left out") {
    CHECK(sessionEventLine(PoseEvent{1.5, {0.0, 1500.0, 100.25}, true, {}}) ==
          R"({"t":1.5,"type":"pose","p":[0.0,1500.0,100.25],"contact":true})");
    CHECK(sessionEventLine(ToolEvent{0.0, ToolKind::Roller, "", 0.5, 0.0, 192, ""}) ==
          R"({"t":0.0,"type":"tool","tool":"roller","needles":192,"depth_mm":0.5})");
    CHECK(sessionHeaderLine(SessionHeader{}) == kHeader);
}

TEST_CASE("a tool line without t takes the time of the event before it") {
    Result<Session> r = parseSession(sessionText({
                                         R"({"type":"tool","tool":"roller","needles":192,"depth_mm":0.5})",
                                         R"({"t":4.25,"type":"step","step":"cleanse"})",
                                         R"({"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":0.5,"speed_hz":100})",
                                     }),
                                     "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r->events.size() == 3);
    CHECK(eventTime(r->events[0]) == 0.0);
    CHECK(std::get<ToolEvent>(r->events[0]).tool == ToolKind::Roller);
    CHECK(std::get<ToolEvent>(r->events[0]).needles == 192);
    CHECK(eventTime(r->events[2]) == 4.25);
    CHECK(std::get<ToolEvent>(r->events[2]).cartridge == "12pin");
    CHECK(std::get<ToolEvent>(r->events[2]).speedHz == 100.0);
}

TEST_CASE("unknown event types and extra decision fields are kept and written back") {
    const std::string note = R"({"t":2,"type":"annotation","text":"redness", "by":{"id":7}})";
    const std::string decision = R"({"t":3.0,"type":"decision","decision":"defer","reasons":["active acne"]})";
    Result<Session> r = parseSession(sessionText({note, decision}), "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r->events.size() == 2);
    const auto& other = std::get<OtherEvent>(r->events[0]);
    CHECK(other.type == "annotation");
    CHECK(other.t == 2.0);
    CHECK(other.rawLine == note);
    CHECK(sessionEventLine(r->events[0]) == note);
    CHECK(sessionEventLine(r->events[1]) == decision);

    // A changed decision is written with its extra fields kept.
    DecisionEvent changed = std::get<DecisionEvent>(r->events[1]);
    changed.decision = "decline";
    CHECK(sessionEventLine(changed) == R"({"t":3.0,"type":"decision","decision":"decline","reasons":["active acne"]})");

    // A header with extra fields is written back as read.
    const std::string header = R"({"type":"header","format":"pinpoint-session","version":1,"trainee":"B","room":4})";
    Result<Session> h = parseSession(header + "\n", "s.pps");
    REQUIRE(h.ok());
    CHECK(h->header.trainee == "B");
    CHECK(sessionHeaderLine(h->header) == header);
    h->header.trainee.clear();
    CHECK(sessionHeaderLine(h->header) == R"({"type":"header","format":"pinpoint-session","version":1,"room":4})");
}

TEST_CASE("blank lines and CRLF line ends are accepted, and line numbers still count them") {
    Result<Session> r = parseSession(kHeader + "\r\n\r\n" + R"({"t":1,"type":"step","step":"cleanse"})" + "\r\n\n", "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r->events.size() == 1);
    CHECK(r->eventLines[0] == 3);
    CHECK(std::get<OtherEvent>(parseSession(sessionText({R"({"t":1,"type":"x"})"}), "s.pps")->events[0]).rawLine ==
          R"({"t":1,"type":"x"})");
}

TEST_CASE("a header alone is a valid, empty session") {
    Result<Session> r = parseSession(kHeader, "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r->events.empty());
    CHECK(r->header.version == 1);
    CHECK(r->header.rawLine == kHeader);
}

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

TEST_CASE("the writer never overwrites a recording and needs an existing folder") {
    TempDir dir;
    const fs::path path = dir.path / "taken.pps";
    std::ofstream(path) << "precious\n";
    Result<std::unique_ptr<SessionWriter>> w = SessionWriter::create(path.string(), SessionHeader{});
    REQUIRE_FALSE(w.ok());
    CHECK(contains(w.error().message, "exists already"));
    CHECK(readAll(path) == "precious\n");

    w = SessionWriter::create((dir.path / "missing" / "s.pps").string(), SessionHeader{});
    REQUIRE_FALSE(w.ok());
    CHECK(contains(w.error().message, "does not exist"));
}

TEST_CASE("the writer refuses events that would make the file unreadable") {
    TempDir dir;
    const fs::path path = dir.path / "s.pps";
    Result<std::unique_ptr<SessionWriter>> w = SessionWriter::create(path.string(), SessionHeader{});
    REQUIRE(w.ok());
    CHECK((*w)->append(StepEvent{2.0, "cleanse"}));
    CHECK_FALSE((*w)->append(StepEvent{1.0, "disinfect"}));
    CHECK_FALSE((*w)->append(StepEvent{std::nan(""), "disinfect"}));
    CHECK((*w)->append(StepEvent{2.0, "disinfect"}));
    // Flushed after each line: readable while the writer is still open.
    Result<Session> r = readSessionFile(path.string());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r->events.size() == 2);
}

TEST_CASE("example session files") {
    SUBCASE("a valid session") {
        Result<Session> r = readSessionFile(dataDir() + "valid.pps");
        REQUIRE_MESSAGE(r.ok(), r.error().describe());
        CHECK(r->header.scenarioId == "forehead-basic");
        CHECK(r->header.trainee == "trainee-007");
        CHECK(r->warnings.empty());
        REQUIRE(r->events.size() == 12);
        CHECK(std::holds_alternative<StepEvent>(r->events.front()));
        CHECK(std::holds_alternative<DecisionEvent>(r->events[2]));
        CHECK(std::get<ToolEvent>(r->events[3]).t == 20.0);  // a tool line without t
        CHECK(std::holds_alternative<OtherEvent>(r->events[8]));
    }
    SUBCASE("a recording cut off mid-line") {
        Result<Session> r = readSessionFile(dataDir() + "truncated.pps");
        REQUIRE_MESSAGE(r.ok(), r.error().describe());
        CHECK(r->events.size() == 5);
        REQUIRE(r->warnings.size() == 1);
        CHECK(r->warnings[0].line == 7);
    }
    SUBCASE("time going backwards") {
        Result<Session> r = readSessionFile(dataDir() + "time_backwards.pps");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().line == 6);
        CHECK(contains(r.error().message, "t goes backwards: 30.5 after 31"));
        CHECK(contains(r.error().describe(), "time_backwards.pps:6:"));
    }
    SUBCASE("depth in micrometres") {
        Result<Session> r = readSessionFile(dataDir() + "depth_micrometres.pps");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().line == 3);
        CHECK(contains(r.error().hint, "micrometres"));
    }
    SUBCASE("a missing file") {
        Result<Session> r = readSessionFile(dataDir() + "no-such-session.pps");
        REQUIRE_FALSE(r.ok());
        CHECK(contains(r.error().file, "no-such-session.pps"));
        CHECK(contains(r.error().message, "not found"));
        CHECK_FALSE(r.error().hint.empty());
    }
    SUBCASE("a folder") {
        Result<Session> r = readSessionFile(dataDir());
        REQUIRE_FALSE(r.ok());
        CHECK(contains(r.error().message, "folder"));
    }
}
