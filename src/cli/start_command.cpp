// `pinpoint` with no subcommand: the trainee's simulator window on the default scenario (or
// --scenario). Without a display it says so in one line, with how to get a picture without one, and
// exits 2.
#include "app/app.h"
#include "cli/commands.h"
#include "cli/station_setup.h"
#include "cli/treatment_context.h"

#include <chrono>
#include <cstdio>
#include <memory>

namespace pinpoint::cli {

namespace {

const auto kProcessStart = std::chrono::steady_clock::now();  // static initialisation: as the process starts

struct StartOptions {
    HeadOptions head;
    app::AppOptions app;
    std::string size = "1280x720";
    CentreOptions centre;
};

}  // namespace

Runner addStartCommand(CLI::App& app) {
    auto o = std::make_shared<StartOptions>();
    addHeadOptions(app, o->head);
    app.add_option("--scenario", o->app.scenarioPath, "Scenario to start on (default: scenarios/default.toml)");
    app.add_option("--sessions-dir", o->app.sessionsDir,
                   "Where session files are written (default: $XDG_DATA_HOME/pinpoint/sessions)");
    app.add_option("--trainee", o->app.trainee, "Trainee name recorded in the session");
    app.add_option("--size", o->size, "Window size, WIDTHxHEIGHT")->capture_default_str();
    app.add_option("--bench-frames", o->app.benchFrames,
                   "Time N frames of treatment (UI and density overlay on, a synthetic hand needling), print "
                   "the frame times and the start-up time, exit");
    app.add_flag("--validation", o->app.validation, "Turn on Vulkan validation; any message makes the exit code 3");
    app.add_option("--gpu", o->app.gpu,
                   "Draw with the Vulkan device whose name contains NAME (any case), if it can draw into the window; "
                   "else the best one that can (lavapipe at worst)")
        ->option_text("NAME");
    app.add_option("--kept-picture", o->app.keptPicture,
                   "Keep the head's picture between frames and redraw only what changed: auto (on a CPU "
                   "device only), on, off")
        ->check(CLI::IsMember({"auto", "on", "off"}))
        ->envname("PINPOINT_KEPT_PICTURE")
        ->group("");  // for tests and measurements
    app.add_option("--samples", o->app.samples, "Multisampling of the head in the window (1, 2, 4, 8)")
        ->check(CLI::IsMember({1u, 2u, 4u, 8u}))
        ->envname("PINPOINT_SAMPLES")
        ->group("");
    // A station: every session recorded is streamed to the centre as it is recorded (docs/centre.md,
    // "Stations"); without --centre, the centre in station.toml, if any.
    addCentreOptions(app, o->centre);
    app.add_flag("--test-hooks", o->app.testHooks, "Print screen changes and control positions (for the app tests)");
    return [o]() {
        if (!parseWindowSize("pinpoint", o->size, 320, 240, o->app.width, o->app.height)) return kExitBadInput;
        o->app.version = PINPOINT_VERSION;
        bool configured = false;
        o->app.centre = stationSettings("", o->centre, true, configured);
        if (configured && !o->app.centre) return kExitBadInput;
        o->app.sinceProcessStartMs = [] {
            return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kProcessStart).count();
        };
        std::shared_ptr<TreatmentContext> context;
        const app::ServicesLoader load = [&]() -> std::optional<app::AppServices> {
            context = loadTreatmentContext(o->head);
            if (!context) return std::nullopt;
            app::AppServices s;
            s.head = &context->head;
            s.tools = &context->tools;
            s.rubric = &context->rubric;
            s.conditions = &context->conditions;
            s.surface = context->surface.get();
            s.density = &context->density;
            s.skinTones = &context->skinTones;
            const TreatmentContext* c = context.get();
            s.loadScenario = [c](const std::string& path) { return loadScenarioOrReport(*c, path); };
            return s;
        };
        return app::runApp(o->app, load);
    };
}

}  // namespace pinpoint::cli
