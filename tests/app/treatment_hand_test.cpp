// The hand that turns the mouse into recorded poses: after the window stalls (no frame for longer
// than the scorer's contact gap) the recording says the pen was lifted, so the stalled time is never
// needled and the scorer never meets a gap it must guess about.
#include "app/live_treatment.h"
#include "app/screens.h"
#include "app/session_recorder.h"
#include "app/treatment_hand.h"
#include "core/session/session_file.h"
#include "sim_fixture.h"

#include <filesystem>

using namespace pinpoint;
using namespace pinpoint::testing;

TEST_CASE("the recorder writes a lift after a stall, and contact starts again after it") {
    const std::string dir = (std::filesystem::temp_directory_path() / "pinpoint-hand-test").string();
    std::filesystem::remove_all(dir);
    app::AppState state;
    state.services = {&world().head, &world().tools, &world().rubric, nullptr, world().surface.get(), &world().density, nullptr, {}};
    core::Scenario scenario;
    scenario.id = "hand-test";
    scenario.sha256 = std::string(64, 'c');
    state.scenario = scenario;
    auto recorder = app::SessionRecorder::create(dir, scenario, "trainee", "test");
    REQUIRE(recorder.ok());
    state.recorder = std::move(*recorder);
    state.live = std::make_unique<app::LiveTreatment>(state.services, *state.scenario, std::vector<std::string>{}, std::nullopt);
    app::recordEvent(state, app::toolEvent(state, 0.0));

    const glm::vec3 forehead = world().skinAt({0, 1600, 400}, {0, 0, -1});
    state.camera = app::OrbitCamera(forehead, 300.0f, 25.0f);
    app::PointerInput in;
    in.viewport = {1280.0f, 720.0f};
    in.position = state.camera.project(forehead, in.viewport);
    in.left = true;
    app::TreatmentHand hand;
    for (int frame = 0; frame <= 30; ++frame) hand.update(state, in, frame / 60.0);  // 0.5 s of needling
    for (int frame = 0; frame <= 30; ++frame) hand.update(state, in, 1.5 + frame / 60.0);  // a 1 s stall, then 0.5 s more
    in.left = false;
    hand.update(state, in, 2.1);
    const std::string path = state.recorder->path();
    REQUIRE(state.recorder->close());

    const core::Result<core::Session> session = core::readSessionFile(path, &world().tools);
    REQUIRE(session.ok());
    double lastContact = -1.0;  // the last contact pose's time; -1 after a lift
    int contacts = 0, liftsInStall = 0;
    for (const core::SessionEvent& e : session->events) {
        const auto* pose = std::get_if<core::PoseEvent>(&e);
        if (!pose) continue;
        if (pose->contact) {
            ++contacts;
            if (lastContact >= 0.0) CHECK(pose->t - lastContact <= core::kMaxContactGapSeconds);
            lastContact = pose->t;
        } else {
            liftsInStall += pose->t > 0.45 && pose->t < 1.5;
            lastContact = -1.0;
        }
    }
    CHECK(contacts > 100);  // 120 poses a second while the button is down
    CHECK(liftsInStall == 1);
    const core::SimulationOutput out = core::simulateSession(*world().surface, world().tools, *session);
    CHECK(out.contactGaps == 0);
    CHECK(out.contactSeconds == doctest::Approx(1.0).epsilon(0.05));
    std::filesystem::remove_all(dir);
}
