#pragma once
// What the screens share: the scenario, the session being recorded, the trainee's answers so far.
// Screens read it and change it only through the functions in screens.h.
#include "app/app.h"
#include "app/live_treatment.h"
#include "app/orbit_camera.h"
#include "app/session_recorder.h"
#include "app/test_hooks.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/warning_tracker.h"
#include "render/scene.h"
#include "station/session_streamer.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pinpoint::app {

enum class Screen { Start, Intake, Decision, Protocol, ToolSetup, Treatment, Debrief };
const char* screenName(Screen s);

struct ToolSetup {
    core::ToolKind kind = core::ToolKind::Pen;
    std::string cartridge = "12pin";
    double depthMm = 0.5;
    int speedLevel = 3;          // index into the pen's speed levels
    std::string roller = "192";
    double rollerLengthMm = 0.5;
};

struct Debrief {
    core::ScoreResult result;
    std::string reportText;
    std::string error;  // the session could not be re-read
};

struct AppState {
    const AppOptions* options = nullptr;
    AppServices services;
    TestHooks hooks{false};
    Screen screen = Screen::Start;
    std::vector<int> keyPresses;  // GLFW key codes pressed since the last frame (shortcuts)

    std::vector<std::string> scenarioFiles;
    int scenarioIndex = 0;
    std::optional<core::Scenario> scenario;
    std::unique_ptr<SessionRecorder> recorder;
    station::SessionStreamer* streamer = nullptr;  // streams each session to the centre; null without one
    std::string error;  // shown on the current screen

    std::set<std::string> asked;              // question ids
    int decision = 0;                         // index into core::Decision
    std::set<std::string> planActions;
    std::set<std::string> avoidZones;
    bool depthCapOn = false;
    float depthCapMm = 1.0f;
    std::optional<core::Decision> decided;
    std::set<std::string> stepsDone;
    bool aftercareOpen = false;               // the treatment panel shows the aftercare advice to choose from
    std::set<std::string> aftercareChosen;    // advice ids ticked
    std::set<std::string> counselChosen;      // the scenario's [[counsel]] ids ticked at the decision

    ToolSetup tool;
    std::unique_ptr<LiveTreatment> live;
    core::WarningTracker warningTracker;  // the live warnings shown while needling, for the session file
    std::optional<Debrief> debrief;

    OrbitCamera camera;
    render::Overlay overlay = render::Overlay::None;
    bool finished = false;  // the session file is complete
    bool quit = false;
};

// Records an event (session file first, then the live treatment); shows a message on failure.
void recordEvent(AppState& state, const core::SessionEvent& event);
// The warnings showing at session time `now` while the needles are on the skin (none otherwise):
// records a `warning` when one comes on and a `warning_end` when it has gone (core::WarningTracker).
void recordWarnings(AppState& state, double now, const std::vector<core::TreatmentWarning>& showing);
void goTo(AppState& state, Screen screen);

}  // namespace pinpoint::app
