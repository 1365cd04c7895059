// The app's session recorder: the header, every event at once, times that never go backwards.
#include "app/session_recorder.h"
#include "core/session/session_file.h"
#include "core/session/treatment_warnings.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace pinpoint;

TEST_CASE("the recorder writes the header and each event as it comes, times never backwards") {
    const std::string dir = (std::filesystem::temp_directory_path() / "pinpoint-recorder-test").string();
    std::filesystem::remove_all(dir);
    core::Scenario scenario;
    scenario.id = "full-face-rejuvenation";
    scenario.sha256 = std::string(64, 'a');
    auto recorder = app::SessionRecorder::create(dir + "/nested", scenario, "trainee 7", "pinpoint 0.1.0");
    REQUIRE(recorder.ok());
    const std::string path = (*recorder)->path();
    CHECK(std::filesystem::path(path).filename().string().rfind("full-face-rejuvenation-", 0) == 0);

    core::ToolEvent tool;
    tool.t = 1.0;
    tool.cartridge = "12pin";
    tool.depthMm = 0.5;
    tool.speedHz = 90.0;
    CHECK((*recorder)->record(tool));
    core::PoseEvent pose;
    pose.t = 0.995;  // on the fixed step, just behind the key press that changed the tool
    pose.p = {0.0, 1600.0, 90.0};
    pose.contact = true;
    CHECK((*recorder)->record(pose));
    CHECK((*recorder)->record(core::StepEvent{2.0, "post_care_given"}));

    // Read while the recorder is still open: everything is already on disk.
    const core::Result<core::Session> session = core::readSessionFile(path);
    REQUIRE(session.ok());
    CHECK(session->header.scenarioId == "full-face-rejuvenation");
    CHECK(session->header.scenarioSha256 == scenario.sha256);
    CHECK(session->header.trainee == "trainee 7");
    CHECK(session->header.softwareVersion == "pinpoint 0.1.0");
    CHECK_FALSE(session->header.startTime.empty());
    REQUIRE(session->events.size() == 3);
    CHECK(core::eventTime(session->events[1]) == 1.0);
    CHECK(std::get<core::PoseEvent>(session->events[1]).contact);
    recorder->reset();
    std::filesystem::remove_all(dir);
}

TEST_CASE("a warning recorded just behind the last line is moved up to its time, like any event") {
    const std::string dir = (std::filesystem::temp_directory_path() / "pinpoint-recorder-warning-test").string();
    std::filesystem::remove_all(dir);
    core::Scenario scenario;
    scenario.id = "warned";
    auto recorder = app::SessionRecorder::create(dir, scenario, "", "pinpoint 0.1.0");
    REQUIRE(recorder.ok());
    CHECK((*recorder)->record(core::StepEvent{2.0, "cleanse"}));
    CHECK((*recorder)->record(core::warningEvent(1.5, {core::WarningKind::TooFast, "forehead", "Moving too fast"})));
    CHECK((*recorder)->record(core::warningEndEvent(1.9, core::WarningKind::TooFast, "forehead", 0.4)));
    const core::Result<core::Session> session = core::readSessionFile((*recorder)->path());
    REQUIRE(session.ok());
    const std::vector<core::WarningShown> shown = core::warningsShown(*session);
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].t == 2.0);
    CHECK(shown[0].kind == "too_fast");
    CHECK(shown[0].durationS == 0.4);
    recorder->reset();
    std::filesystem::remove_all(dir);
}
