// The live warnings in the session file: one event when a warning comes on and one when it goes
// (WarningTracker), the lines written, read back, signed and verified like any other line.
#include "core/session/session_file.h"
#include "core/session/session_signing.h"
#include "core/session/session_test_support.h"
#include "core/session/treatment_warnings.h"
#include "core/session/warning_tracker.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

using namespace pinpoint::core;
using namespace session_test;

namespace {

const TreatmentWarning kTooFast{WarningKind::TooFast, "forehead", "Moving too fast: 180 mm/s (max 150)"};
const TreatmentWarning kTilted{WarningKind::OffPerpendicular, "forehead", "Needle 22 deg off perpendicular (max 15)"};

// An event's type, kind, zone and time, for short checks: "warning too_fast forehead @1".
std::string describe(const SessionEvent& e) {
    const auto& o = std::get<OtherEvent>(e);
    const nlohmann::json j = nlohmann::json::parse(o.rawLine);
    char t[32];
    std::snprintf(t, sizeof t, "%g", o.t);
    return o.type + " " + j["kind"].get<std::string>() + " " + j.value("zone", "") + " @" + t;
}

int lineOf(const std::string& text, std::size_t position) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(position), '\n'));
}

std::vector<std::string> describeAll(const std::vector<SessionEvent>& events) {
    std::vector<std::string> out;
    for (const SessionEvent& e : events) out.push_back(describe(e));
    return out;
}

}  // namespace

TEST_CASE("every warning kind has a stable name that reads back") {
    const WarningKind kinds[] = {WarningKind::ForbiddenArea,   WarningKind::AvoidedZone,  WarningKind::ZoneNotInPlan,
                                 WarningKind::Lesion,          WarningKind::DepthOutOfRange, WarningKind::DepthOverCap,
                                 WarningKind::OffPerpendicular, WarningKind::TooFast,     WarningKind::ReTreating};
    std::set<std::string> names;
    for (WarningKind k : kinds) {
        names.insert(warningKindName(k));
        CHECK(warningKindFromName(warningKindName(k)) == k);
    }
    CHECK(names.size() == std::size(kinds));
    CHECK(std::string(warningKindName(WarningKind::DepthOutOfRange)) == "depth_out_of_range");
    CHECK(std::string(warningKindName(WarningKind::OffPerpendicular)) == "off_perpendicular");
    CHECK(std::string(warningKindName(WarningKind::TooFast)) == "too_fast");
    CHECK(std::string(warningKindName(WarningKind::ReTreating)) == "re_treating");
    CHECK(std::string(warningKindName(WarningKind::ForbiddenArea)) == "forbidden_area");
    CHECK_FALSE(warningKindFromName("moving_fast"));
}

TEST_CASE("a warning that stays on is one event - its end is recorded once it has gone") {
    WarningTracker tracker(0.5);
    CHECK(describeAll(tracker.update(1.0, {kTooFast})) == std::vector<std::string>{"warning too_fast forehead @1"});
    for (double t = 1.04; t < 3.0; t += 0.04) CHECK(tracker.update(t, {kTooFast}).empty());  // every frame: nothing new
    CHECK(tracker.open() == 1);
    const double lastSeen = 2.96;
    CHECK(tracker.update(lastSeen, {kTooFast}).empty());
    CHECK(tracker.update(3.2, {}).empty());  // gone for less than 0.5 s: maybe a flicker
    const std::vector<SessionEvent> end = tracker.update(3.5, {});
    CHECK(describeAll(end) == std::vector<std::string>{"warning_end too_fast forehead @3.5"});
    const nlohmann::json j = nlohmann::json::parse(std::get<OtherEvent>(end[0]).rawLine);
    CHECK(j["duration_s"].get<double>() == doctest::Approx(lastSeen - 1.0));
    CHECK(tracker.open() == 0);
    CHECK(tracker.update(3.6, {}).empty());
}

TEST_CASE("a flicker shorter than the clearing time is the same warning - one that comes back later is new") {
    WarningTracker tracker(0.5);
    CHECK(tracker.update(0.0, {kTilted}).size() == 1);
    CHECK(tracker.update(0.2, {}).empty());
    CHECK(tracker.update(0.4, {kTilted}).empty());  // back within 0.5 s: still the first one
    CHECK(tracker.update(0.8, {}).empty());
    CHECK(describeAll(tracker.update(1.0, {})) == std::vector<std::string>{"warning_end off_perpendicular forehead @1"});
    // It comes back: a new onset.
    CHECK(describeAll(tracker.update(2.0, {kTilted})) == std::vector<std::string>{"warning off_perpendicular forehead @2"});
}

TEST_CASE("warnings are told apart by kind and zone - ends come before onsets - finish ends them all") {
    WarningTracker tracker(0.5);
    TreatmentWarning temple = kTooFast;
    temple.zone = "temple_left";
    CHECK(describeAll(tracker.update(0.0, {kTooFast, kTilted})) ==
          std::vector<std::string>{"warning too_fast forehead @0", "warning off_perpendicular forehead @0"});
    // The same warning twice in one frame (two lesions under the footprint) is still one.
    CHECK(tracker.update(0.1, {kTilted, kTilted}).empty());
    // The stroke goes on to the temple, still too fast: a new warning there.
    CHECK(describeAll(tracker.update(0.3, {temple, kTilted})) == std::vector<std::string>{"warning too_fast temple_left @0.3"});
    CHECK(describeAll(tracker.update(0.9, {temple})) ==
          std::vector<std::string>{"warning_end off_perpendicular forehead @0.9", "warning_end too_fast forehead @0.9"});
    CHECK(tracker.update(1.0, {temple, kTooFast}).size() == 1);  // the forehead again: a new one
    CHECK(describeAll(tracker.finish(1.0)) ==
          std::vector<std::string>{"warning_end too_fast forehead @1", "warning_end too_fast temple_left @1"});
    CHECK(tracker.open() == 0);
    CHECK(tracker.finish(2.0).empty());
}

TEST_CASE("with no clearing time a warning ends in the first frame without it") {
    WarningTracker tracker(0.0);
    CHECK(tracker.update(0.0, {kTooFast}).size() == 1);
    CHECK(tracker.update(0.04, {kTooFast}).empty());
    CHECK(tracker.update(0.08, {}).size() == 1);
}

TEST_CASE("warning lines are written, signed, verified and read back like any other line") {
    TempDir dir;
    const fs::path path = dir.path / "warned.pps";
    const SigningKey key = SigningKey::fromSeed(std::array<unsigned char, 32>{9, 8, 7});
    {
        auto w = SessionWriter::create(path.string(), {}, &key, SigningOptions{1.0});
        REQUIRE(w.ok());
        WarningTracker tracker(0.5);
        for (const SessionEvent& e : sampleEvents()) {
            REQUIRE((*w)->append(e));
            const double t = eventTime(e);
            // A fast stroke from 0.4 s to 0.6 s, recorded as the app does: between the poses.
            for (const SessionEvent& x : tracker.update(t, t >= 0.4 && t <= 0.6 ? std::vector{kTooFast} : std::vector<TreatmentWarning>{}))
                REQUIRE((*w)->append(x));
        }
        for (const SessionEvent& x : tracker.finish(eventTime(sampleEvents().back()))) REQUIRE((*w)->append(x));
        REQUIRE((*w)->close());
    }
    const std::string text = readAll(path);
    CHECK(contains(text, R"x(,"type":"warning","kind":"too_fast","zone":"forehead","text":"Moving too fast: 180 mm/s (max 150)","h":")x"));
    CHECK(contains(text, R"("type":"warning_end","kind":"too_fast","zone":"forehead","duration_s":)"));
    const SignatureCheck check = verifySessionText(text, key.publicKey());
    CHECK_MESSAGE(check.status == SignatureStatus::Intact, check.message);

    Result<Session> session = parseSession(text, "warned.pps");
    REQUIRE_MESSAGE(session.ok(), session.error().describe());
    const std::vector<WarningShown> shown = warningsShown(*session);
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].kind == "too_fast");
    CHECK(shown[0].zone == "forehead");
    CHECK(shown[0].text == kTooFast.text);
    CHECK(std::abs(shown[0].t - 0.4) < 0.01);  // the first pose at or after 0.4 s
    REQUIRE(shown[0].durationS);
    CHECK(std::abs(*shown[0].durationS - 0.2) < 0.02);

    // The warning's text changed after signing: found at its line.
    std::string changed = text;
    changed.replace(changed.find("180 mm/s"), 3, "120");
    const SignatureCheck broken = verifySessionText(changed, key.publicKey());
    CHECK(broken.status == SignatureStatus::Changed);
    CHECK(broken.line == lineOf(changed, changed.find("120 mm/s")));
}

TEST_CASE("sessions without warnings read as before - a warning line the reader cannot use is kept and skipped") {
    Result<Session> old = parseSession(sessionText({R"({"t":0,"type":"step","step":"cleanse"})"}), "old.pps");
    REQUIRE(old.ok());
    CHECK(warningsShown(*old).empty());

    const std::string text = sessionText({
        R"({"t":1,"type":"warning","zone":"forehead","text":"no kind"})",
        R"({"t":2,"type":"warning","kind":"some_newer_kind","text":"from a newer simulator"})",
        R"({"t":3,"type":"warning_end","kind":"some_newer_kind"})",
        R"({"t":4,"type":"warning_end","kind":"too_fast","zone":"nose","duration_s":1})",
    });
    Result<Session> s = parseSession(text, "s.pps");
    REQUIRE_MESSAGE(s.ok(), s.error().describe());
    CHECK(s->events.size() == 4);
    const std::vector<WarningShown> shown = warningsShown(*s);
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].kind == "some_newer_kind");
    CHECK(shown[0].zone.empty());
    CHECK_FALSE(shown[0].durationS);  // an end without duration_s, and an end with no warning before it: ignored

    // Like every event, a warning needs a time that does not go backwards.
    const Error e = errorOf(sessionText({R"({"t":5,"type":"step","step":"cleanse"})",
                                         R"({"t":4,"type":"warning","kind":"too_fast"})"}));
    CHECK(e.line == 3);
    CHECK(contains(e.message, "t goes backwards"));
}
