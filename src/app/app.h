#pragma once
// The trainee's interactive simulator: a GLFW window with the head, the tool and ImGui screens
// (start, intake, decision, protocol, tool set-up, treatment, debrief). Everything the trainee does is
// appended to a session file as they do it. The app owns the clock; the core never reads it.
#include "core/coverage/density_field.h"
#include "core/face/head.h"
#include "core/face/skin_tones.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"
#include "station/session_streamer.h"

#include <functional>
#include <optional>
#include <string>

namespace pinpoint::app {

inline constexpr int kExitNoDisplay = 2;

struct AppOptions {
    std::string scenarioPath;   // empty: the default scenario
    std::string scenarioDir;    // the library offered on the start screen
    std::string sessionsDir;    // empty: $XDG_DATA_HOME/pinpoint/sessions (else ~/.local/share/...)
    std::string trainee;        // recorded in the session header
    std::string version;        // software version for the header
    int width = 1280, height = 720;
    unsigned benchFrames = 0;   // > 0: time this many treatment frames, print the figures, exit
    bool testHooks = false;     // print screen changes and UI positions on stdout (for the app tests)
    bool validation = false;    // Vulkan validation; any message makes the exit code 3
    bool vsync = true;
    std::string gpu;            // a Vulkan device whose name contains this; empty: the best that can present
    std::string keptPicture = "auto";  // auto, on, off: the window keeps its picture between frames (auto: CPU only)
    unsigned samples = 0;       // head multisampling in the window; 0: what the device affords
    std::function<double()> sinceProcessStartMs;  // for the start-up figure
    // The training centre this station streams its sessions to (docs/centre.md, "Stations"); none: the
    // sessions stay in the sessions folder only.
    std::optional<station::StreamerSettings> centre;
};

// What the app needs from the data files, loaded after the window opened (so that a missing display
// is reported at once). Pointers stay valid for the whole run.
struct AppServices {
    const core::Head* head = nullptr;
    const core::ToolCatalogue* tools = nullptr;
    const core::Rubric* rubric = nullptr;
    const core::ConditionCatalogue* conditions = nullptr;  // the plan's modifications (the decision screen)
    const core::TreatmentSurface* surface = nullptr;
    const core::DensityField* density = nullptr;
    const core::SkinTones* skinTones = nullptr;  // the patient's skin by Fitzpatrick type
    // Loads and checks a scenario; prints located errors to stderr and returns nullopt on failure.
    std::function<std::optional<core::Scenario>(const std::string& path)> loadScenario;
};
using ServicesLoader = std::function<std::optional<AppServices>()>;

// Exit codes: 0 done; 2 no display, or bad input (already reported); 3 Vulkan validation messages.
int runApp(const AppOptions& options, const ServicesLoader& load);

// The folder sessions go to when none is chosen.
std::string defaultSessionsDir();

}  // namespace pinpoint::app
