#include "core/session/session_file.h"
#include "core/session/session_test_support.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace pinpoint::core;
using namespace session_test;

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

TEST_CASE("a session of a course names the course and its visit in the header - older headers have neither") {
    SessionHeader header;
    header.scenarioId = "follow-up-healed-deeper";
    header.courseId = "hannah-brooks-cheeks";
    header.courseVisit = 2;
    const std::string line = sessionHeaderLine(header);
    CHECK(line.find(R"("course":"hannah-brooks-cheeks","course_visit":2)") != std::string::npos);
    Result<Session> r = parseSession(line + "\n", "s.pps");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r->header.courseId == "hannah-brooks-cheeks");
    CHECK(r->header.courseVisit == 2);
    CHECK(sessionHeaderLine(r->header) == line);
    Result<Session> old = parseSession(kHeader, "s.pps");
    REQUIRE(old.ok());
    CHECK(old->header.courseId.empty());
    CHECK(old->header.courseVisit == 0);
    CHECK(sessionHeaderLine(old->header).find("course") == std::string::npos);
    Result<Session> bad = parseSession(R"({"type":"header","format":"pinpoint-session","version":1,"course_visit":0})" "\n", "s.pps");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("course_visit must be 1 to 1000") != std::string::npos);
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
