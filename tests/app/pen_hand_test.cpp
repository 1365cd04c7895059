// The trainee holds the pen: the needles go straight in whatever way the camera is turned; Shift +
// mouse tilts the pen around its tip, up to 45 degrees, and the tilt stays relative to the skin as
// the pen moves; the recorded poses, the live angle reading and the simulation's punctures all carry
// that tilt. A tablet pen's pressure is contact and its tilt the needle's.
#include "app/live_treatment.h"
#include "app/pen_tilt.h"
#include "app/screens.h"
#include "app/session_recorder.h"
#include "app/tablet_pen.h"
#include "app/treatment_hand.h"
#include "core/review/replay_index.h"
#include "core/session/session_file.h"
#include "render/scene_builder.h"
#include "sim_fixture.h"

#include <glm/geometric.hpp>

#include <filesystem>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

struct HandBench {
    std::string dir;
    app::AppState state;
    core::Scenario scenario;
    app::TreatmentHand hand;
    app::PointerInput in;
    double now = 0.0;

    explicit HandBench(const std::string& name) {
        dir = (std::filesystem::temp_directory_path() / ("pinpoint-pen-hand-" + name)).string();
        std::filesystem::remove_all(dir);
        state.services = {&world().head, &world().tools, &world().rubric, nullptr, world().surface.get(), &world().density, nullptr, {}};
        scenario.id = "pen-hand-test";
        scenario.sha256 = std::string(64, 'd');
        scenario.maxNeedleAngleDeg = 15.0;
        state.scenario = scenario;
        auto recorder = app::SessionRecorder::create(dir, scenario, "trainee", "test");
        REQUIRE(recorder.ok());
        state.recorder = std::move(*recorder);
        state.live = std::make_unique<app::LiveTreatment>(state.services, *state.scenario, std::vector<std::string>{},
                                                          std::nullopt);
        app::recordEvent(state, app::toolEvent(state, 0.0));
        const glm::vec3 face = world().skinAt({0, 1560, 400}, {0, 0, -1});
        state.camera = app::OrbitCamera(face, 350.0f, 25.0f);
        in.viewport = {1280.0f, 720.0f};
    }
    ~HandBench() { std::filesystem::remove_all(dir); }

    glm::vec2 onScreen(glm::vec3 p) const { return state.camera.project(p, in.viewport); }
    // `frames` frames at 60 Hz with the pointer as it is.
    void run(int frames) {
        for (int i = 0; i < frames; ++i) {
            now += 1.0 / 60.0;
            hand.update(state, in, now);
        }
    }
    // Moves the mouse by `pixels` over `frames` frames.
    void move(glm::vec2 pixels, int frames) {
        const glm::vec2 start = in.position;
        for (int i = 1; i <= frames; ++i) {
            in.position = start + pixels * (static_cast<float>(i) / frames);
            run(1);
        }
    }
    std::vector<core::PoseEvent> contactPoses() {
        const std::string path = state.recorder->path();
        REQUIRE(state.recorder->close());
        const core::Result<core::Session> session = core::readSessionFile(path, &world().tools);
        REQUIRE(session.ok());
        std::vector<core::PoseEvent> poses;
        for (const core::SessionEvent& e : session->events)
            if (const auto* p = std::get_if<core::PoseEvent>(&e); p && p->contact) poses.push_back(*p);
        sessionCopy = *session;
        return poses;
    }
    core::Session sessionCopy;
};

glm::vec3 normalAt(glm::vec3 p) {
    const auto hit = world().surface->bvh.closestPoint(p, 2.0f);
    REQUIRE(hit);
    return core::normalOnTriangle(world().head.mesh(), hit->triangle, hit->barycentric);
}

}  // namespace

TEST_CASE("the needles go straight into the skin whatever way the camera is turned") {
    for (const float yaw : {0.0f, 35.0f, -60.0f}) {
        CAPTURE(yaw);
        HandBench b("camera");
        b.state.camera.setView(yaw, 10.0f);
        const glm::vec3 cheek = world().skinAt({45, 1530, 400}, {0, 0, -1});
        b.in.position = b.onScreen(cheek);
        b.in.left = true;
        b.run(20);
        REQUIRE(b.hand.tool());
        CHECK(b.hand.feedback().angleDeg < 0.5);
        CHECK(app::degreesOffPerpendicular(b.hand.tool()->axis, b.hand.tool()->hit.normal) < 0.5f);
        b.in.left = false;
        b.run(1);
        const std::vector<core::PoseEvent> poses = b.contactPoses();
        REQUIRE(poses.size() > 20);
        for (const core::PoseEvent& p : poses)
            CHECK(app::degreesOffPerpendicular(glm::vec3(*p.axis), normalAt(glm::vec3(p.p))) < 1.0f);
    }
}

TEST_CASE("Shift + mouse tilts the pen around its tip - the poses, the reading and the punctures follow the tilt") {
    HandBench b("tilt");
    const glm::vec3 forehead = world().skinAt({0, 1610, 400}, {0, 0, -1});
    const glm::vec2 tip = b.onScreen(forehead);
    b.in.position = tip;
    b.run(3);
    REQUIRE(b.hand.tool());
    const glm::vec3 before = b.hand.tool()->hit.point;

    b.in.tilting = true;
    b.move({80.0f, 0.0f}, 10);  // 80 px at 4 px a degree: 20 degrees
    CHECK(b.hand.tiltDegrees() == doctest::Approx(20.0f).epsilon(0.02));
    REQUIRE(b.hand.tool());
    CHECK(glm::distance(b.hand.tool()->hit.point, before) < 0.01f);  // the tip stayed where it was
    CHECK(b.hand.feedback().angleDeg == doctest::Approx(20.0).epsilon(0.03));
    // The pen's back end went right (toward the patient's left on a front view): the needles point the other way.
    CHECK(b.hand.tool()->axis.x < -0.2f);

    b.in.tilting = false;
    b.run(1);
    const std::optional<glm::vec2> back = b.hand.takeCursorReturn();
    REQUIRE(back);
    CHECK(glm::distance(*back, tip) < 1.0f);
    b.in.position = *back;

    // Turning the camera changes nothing about the hand.
    b.state.camera.setView(40.0f, 10.0f);
    b.in.position = b.onScreen(forehead);
    b.run(2);
    CHECK(b.hand.feedback().angleDeg == doctest::Approx(20.0).epsilon(0.03));

    b.in.left = true;
    b.run(30);
    b.in.left = false;
    b.run(1);
    const std::vector<core::PoseEvent> poses = b.contactPoses();
    REQUIRE(poses.size() > 30);
    for (const core::PoseEvent& p : poses)
        CHECK(app::degreesOffPerpendicular(glm::vec3(*p.axis), normalAt(glm::vec3(p.p))) == doctest::Approx(20.0f).epsilon(0.05));
    const core::SimulationOutput out = core::simulateSession(*world().surface, world().tools, b.sessionCopy);
    REQUIRE(!out.punctures.empty());
    for (const core::Puncture& p : out.punctures) CHECK(p.angleDeg == doctest::Approx(20.0f).epsilon(0.08));

    // P stands the pen upright again.
    b.hand.upright();
    CHECK(b.hand.tiltDegrees() == 0.0f);
}

TEST_CASE("the tilt keeps its angle from the skin as the pen moves, and stops at 45 degrees") {
    app::PenTilt tilt;
    const app::ScreenAxes front;  // right +X, up +Y
    tilt.tiltBy({0.0f, -400.0f}, front, {0.0f, 0.0f, 1.0f});  // 100 degrees asked: 45 given
    CHECK(tilt.degrees() == doctest::Approx(45.0f));
    tilt.upright();
    tilt.tiltBy({0.0f, -120.0f}, front, {0.0f, 0.0f, 1.0f});  // the back end up: 30 degrees
    CHECK(tilt.degrees() == doctest::Approx(30.0f));
    for (const glm::vec3 n : {glm::vec3(0, 0, 1), glm::normalize(glm::vec3(0.7f, 0.1f, 0.7f)),
                              glm::normalize(glm::vec3(-0.3f, 0.5f, 0.8f)), glm::vec3(1, 0, 0)}) {
        CAPTURE(n);
        CHECK(app::degreesOffPerpendicular(tilt.axis(n), n) == doctest::Approx(30.0f).epsilon(0.001));
        CHECK(glm::length(tilt.axis(n)) == doctest::Approx(1.0f));
    }
    // The needles point down the skin when the back end leans up.
    CHECK(tilt.axis({0.0f, 0.0f, 1.0f}).y < -0.4f);
    // Where the lean lies along the normal itself (skin facing up), the pen stands upright: no direction to lean.
    CHECK(app::degreesOffPerpendicular(tilt.axis({0.0f, 1.0f, 0.0f}), {0.0f, 1.0f, 0.0f}) < 1e-3f);
}

TEST_CASE("a tablet pen: pressure above the threshold is contact, with hysteresis - its tilt is the needle's") {
    app::TabletPen pen;
    app::TabletSample s;
    s.pressureRange = {0.0, 65535.0};
    s.pressure = 0.04 * 65535.0;
    CHECK_FALSE(pen.read(s).contact);
    s.pressure = 0.12 * 65535.0;
    CHECK(pen.read(s).contact);
    s.pressure = 0.07 * 65535.0;  // lighter, but not lifted
    CHECK(pen.read(s).contact);
    s.pressure = 0.03 * 65535.0;
    CHECK_FALSE(pen.read(s).contact);
    s.pressure = 1e9;  // out of range: full pressure, not more
    CHECK(pen.read(s).pressure == 1.0f);
    CHECK_FALSE(pen.read(s).tiltDeg);  // no tilt valuators: none

    s.tiltX = 20.0;
    s.tiltY = -10.0;
    s.tiltRange = {-64.0, 63.0};  // degrees, as wacom reports
    const app::PenReading r = pen.read(s);
    REQUIRE(r.tiltDeg);
    CHECK(r.tiltDeg->x == doctest::Approx(20.0f));
    CHECK(r.tiltDeg->y == doctest::Approx(-10.0f));
    CHECK(app::tiltDegrees(1000.0, {0.0, 2000.0}) == doctest::Approx(0.0f));  // counts: centre is upright
    CHECK(app::tiltDegrees(2000.0, {0.0, 2000.0}) == doctest::Approx(64.0f));
    CHECK(app::tiltDegrees(std::nan(""), {-64.0, 63.0}) == 0.0f);

    // The pen leaning 30 degrees to the right tilts the needles 30 degrees on any skin facing the screen.
    app::PenTilt tilt;
    tilt.setFromTablet({30.0f, 0.0f}, app::ScreenAxes{}, {0.0f, 0.0f, 1.0f});
    CHECK(tilt.degrees() == doctest::Approx(30.0f));
    CHECK(tilt.axis({0.0f, 0.0f, 1.0f}).x < -0.45f);
    tilt.setFromTablet({60.0f, 60.0f}, app::ScreenAxes{}, {0.0f, 0.0f, 1.0f});
    CHECK(tilt.degrees() == doctest::Approx(45.0f));
}

TEST_CASE("a tablet pen pressed on the skin needles at its own tilt") {
    HandBench b("tablet");
    const glm::vec3 forehead = world().skinAt({0, 1610, 400}, {0, 0, -1});
    b.in.position = b.onScreen(forehead);
    app::PenReading reading;
    reading.contact = true;
    reading.pressure = 0.5f;
    reading.tiltDeg = glm::vec2(0.0f, 25.0f);
    b.in.tablet = reading;
    b.run(20);
    CHECK(b.hand.inContact());
    CHECK(b.hand.feedback().angleDeg == doctest::Approx(25.0).epsilon(0.05));
    b.in.tablet->contact = false;
    b.run(2);
    CHECK_FALSE(b.hand.inContact());
}

TEST_CASE("the tool the live app draws is the one review draws from the recording, pen tilted or roller turned") {
    const render::SceneBuilder builder(world().head, *world().surface);
    for (const bool roller : {false, true}) {
        CAPTURE(roller);
        HandBench b(roller ? "drawn-roller" : "drawn-pen");
        if (roller) {
            b.state.tool.kind = core::ToolKind::Roller;
            b.state.tool.roller = world().tools.rollers.front().id;
            app::recordEvent(b.state, app::toolEvent(b.state, 0.0));
        }
        const glm::vec3 forehead = world().skinAt({-15, 1605, 400}, {0, 0, -1});
        b.in.position = b.onScreen(forehead);
        b.run(3);
        if (!roller) {  // the pen tilted 12 degrees
            b.in.tilting = true;
            b.move({48.0f, 0.0f}, 6);
            b.in.tilting = false;
            b.run(1);
            b.in.position = *b.hand.takeCursorReturn();
        }
        b.in.left = true;
        b.move({120.0f, 0.0f}, 40);  // across the forehead, then up: the drum turns as it rolls
        b.move({0.0f, -40.0f}, 10);
        b.run(10);                   // held still, so that the last pose is where the tool is
        REQUIRE(b.hand.asRecorded(b.state));
        const std::optional<render::ToolShape> live =
            builder.recordedTool(*b.hand.asRecorded(b.state), world().tools, !b.hand.feedback().warnings.empty());
        const double t = b.now;
        b.in.left = false;
        b.run(1);
        (void)b.contactPoses();
        const core::ReplayIndex replay(*world().surface, world().tools, world().density, b.sessionCopy);
        const std::optional<render::ToolShape> review = builder.recordedTool(replay.toolAt(t), world().tools,
                                                                             !b.hand.feedback().warnings.empty());
        REQUIRE(live);
        REQUIRE(review);
        CHECK(live->kind == review->kind);
        CHECK(glm::distance(live->tip, review->tip) < 0.01f);
        CHECK(glm::dot(live->axis, review->axis) > 0.9999f);
        CHECK(live->liftMm == review->liftMm);
        CHECK(live->footprintRadiusMm == review->footprintRadiusMm);
        CHECK(live->ringColour == review->ringColour);
        if (roller) {
            CHECK(live->drumWidthMm == review->drumWidthMm);
            CHECK(std::abs(glm::dot(live->across, review->across)) > 0.9999f);
        }
    }
}
