// The main loop: window, Vulkan, ImGui, the screens, the treatment hand and the frame.
#include "app/app.h"

#include "app/app_window.h"
#include "app/bench.h"
#include "app/head_overlays.h"
#include "app/imgui_session.h"
#include "app/window_graphics.h"
#include "app/pointer_space.h"
#include "app/screens.h"
#include "app/tablet_input.h"
#include "app/treatment_hand.h"
#include "io/paths.h"
#include "render/head_surface.h"
#include "render/imgui_layer.h"
#include "render/scene_builder.h"
#include "render/skin_look.h"
#include "render/views.h"
#include "render/window_renderer.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace pinpoint::app {

namespace {

std::vector<std::string> scenarioFiles(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

void chooseInitialScenario(AppState& state) {
    const std::string wanted = state.options->scenarioPath.empty() ? io::defaultScenarioPath() : state.options->scenarioPath;
    std::error_code ec;
    const auto canonical = [&](const std::string& p) { return std::filesystem::weakly_canonical(p, ec).string(); };
    auto it = std::find_if(state.scenarioFiles.begin(), state.scenarioFiles.end(),
                           [&](const std::string& f) { return canonical(f) == canonical(wanted); });
    if (it == state.scenarioFiles.end()) {
        state.scenarioFiles.insert(state.scenarioFiles.begin(), wanted);
        it = state.scenarioFiles.begin();
    }
    state.scenarioIndex = static_cast<int>(it - state.scenarioFiles.begin());
}

void drawScreen(AppState& state, TreatmentHand& hand) {
    switch (state.screen) {
    case Screen::Start: drawStartScreen(state); break;
    case Screen::Intake: drawIntakeScreen(state); break;
    case Screen::Decision: drawDecisionScreen(state); break;
    case Screen::Protocol: drawProtocolScreen(state); break;
    case Screen::ToolSetup: drawToolSetupScreen(state); break;
    case Screen::Treatment: drawTreatmentPanel(state, hand); break;
    case Screen::Debrief: drawDebriefScreen(state); break;
    }
}

// Where the head sits: centred in the space the panels leave.
float screenShift(const AppState& state, float width) {
    switch (state.screen) {
    case Screen::Treatment: return -0.5f * kTreatmentPanelWidth;
    case Screen::Debrief: return 0.5f * (kSidePanelWidth + 90.0f);
    default: return std::min(0.5f * kSidePanelWidth, 0.25f * width);
    }
}

void printNoDisplay(const std::string& reason) {
    std::cerr << "pinpoint: cannot open the simulator window (" << reason
              << "); without one, `pinpoint render --overlay zones --out head.png` draws a picture and "
                 "`pinpoint demo --out s.pps && pinpoint score s.pps` plays and scores a session\n";
}

}  // namespace

std::string defaultSessionsDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/pinpoint/sessions";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/pinpoint/sessions";
    return "pinpoint-sessions";
}

int runApp(const AppOptions& optionsIn, const ServicesLoader& load) {
    AppOptions options = optionsIn;
    if (options.sessionsDir.empty()) options.sessionsDir = defaultSessionsDir();
    if (options.scenarioDir.empty()) options.scenarioDir = io::scenarioDir();
    if (options.benchFrames > 0) options.vsync = false;

    auto window = AppWindow::open(options.width, options.height, "Pinpoint - microneedling training");
    if (!window) {
        printNoDisplay(window.error().message);
        return kExitNoDisplay;
    }
    const std::optional<AppServices> services = load();
    if (!services) return 2;

    std::size_t validationMessages = 0;
    render::ContextOptions contextOptions;
    contextOptions.validation = options.validation;
    contextOptions.onMessage = [&](const render::ValidationMessage& m) {
        ++validationMessages;
        std::cerr << "vulkan " << (m.severity == render::MessageSeverity::Error ? "error" : "warning") << ": " << m.text << "\n";
    };
    contextOptions.preferredDevice = options.gpu;
    const std::unique_ptr<WindowGraphics> graphics = openWindowGraphics(
        **window, *services->head, services->density, contextOptions,
        {options.vsync, options.samples, render::keptPictureNamed(options.keptPicture).value_or(render::KeptPicture::Auto)},
        "pinpoint");
    if (!graphics) return 2;
    render::Context& context = *graphics->context;
    render::WindowRenderer& renderer = *graphics->renderer;
    std::optional<render::ImGuiLayer>& ui = graphics->ui;

    // The centre's streamer, on a thread of its own: the session files are its queue, so the recording
    // never waits for the network. Files from earlier the centre has not acknowledged go first.
    std::unique_ptr<station::SessionStreamer> streamer;
    if (options.centre && options.benchFrames == 0) {
        station::StreamerSettings settings = *options.centre;
        settings.queueFolder = options.sessionsDir;
        streamer = std::make_unique<station::SessionStreamer>(settings);
    }

    AppState state;
    state.streamer = streamer.get();
    state.options = &options;
    state.services = *services;
    state.hooks = TestHooks(options.testHooks);
    state.scenarioFiles = scenarioFiles(options.scenarioDir);
    chooseInitialScenario(state);
    state.scenario = services->loadScenario(state.scenarioFiles[state.scenarioIndex]);
    if (!state.scenario) return 2;
    const core::Bounds bounds = core::meshBounds(services->head->mesh());
    state.camera = OrbitCamera::facing(bounds, static_cast<float>(options.width) / options.height, 0.85f);
    const std::vector<core::AreaSummary> areas = core::summarizeAreas(*services->head);

    std::optional<Bench> bench;
    if (options.benchFrames > 0) bench.emplace(options.benchFrames, state, areas);
    else goTo(state, Screen::Start);

    TreatmentHand hand;
    const std::unique_ptr<TabletInput> tablet = TabletInput::open((*window)->handle());
    if (tablet)
        for (const std::string& name : tablet->tabletNames())
            std::cerr << "pinpoint: pen tablet " << name << ": its pressure is contact, its tilt the needle's\n";
    state.hooks.line("tablets " + (tablet ? std::to_string(tablet->tabletNames().size()) : std::string("none")));
    const render::SceneBuilder sceneBuilder(*services->head, *services->surface);
    std::string lastLegend;  // for the test hooks
    bool firstFrame = true;
    while (!(*window)->shouldClose() && !state.quit) {
        renderer.waitForFrameSlot();  // then the input, as late as it can be read before the frame
        (*window)->pollEvents();
        state.keyPresses = (*window)->takeKeyPresses();
        const vk::Extent2D size = (*window)->framebufferSize();
        if (size.width == 0 || size.height == 0) {
            glfwWaitEventsTimeout(0.1);  // minimised: nothing to draw
            continue;
        }
        if (bench) bench->beginFrame();
        ui->newFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        // The picture, the picking ray and the camera in framebuffer pixels; ImGui, its panels, the
        // pointer and the test hooks in window coordinates (they differ on a HiDPI screen).
        const ImGuiIO& io = ImGui::GetIO();
        const glm::vec2 scale(io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y);
        const glm::vec2 viewport(static_cast<float>(size.width), static_cast<float>(size.height));
        const glm::vec2 windowSize = toWindow(viewport, scale);
        const auto shiftCamera = [&] {
            state.camera.setScreenShift(toFramebuffer({screenShift(state, windowSize.x), 0.0f}, scale).x, viewport.y);
        };
        state.hooks.position("size", "window", windowSize.x, windowSize.y);
        shiftCamera();
        drawScreen(state, hand);
        shiftCamera();  // the screen may have changed

        PointerInput pointer;
        pointer.position = toFramebuffer(glm::vec2(io.MousePos.x, io.MousePos.y), scale);
        pointer.viewport = viewport;
        pointer.pixelScale = usableScale(scale).y;
        pointer.left = io.MouseDown[0];
        pointer.right = io.MouseDown[1];
        pointer.wheel = static_cast<float>((*window)->takeScroll());
        pointer.overUi = io.WantCaptureMouse;
        pointer.tilting = io.KeyShift && !io.WantCaptureKeyboard;
        if (tablet) pointer.tablet = tablet->poll();
        if (bench) bench->steer(pointer, state, viewport);
        if (state.screen == Screen::Treatment && state.recorder) {
            hand.update(state, pointer, state.recorder->now());
            // The tool is the cursor over the skin; after a Shift tilt the mouse goes back onto the pen.
            if (hand.tool() && !pointer.overUi) ImGui::SetMouseCursor(ImGuiMouseCursor_None);
            if (const std::optional<glm::vec2> back = hand.takeCursorReturn()) {
                const glm::vec2 at = toWindow(*back, scale);
                glfwSetCursorPos((*window)->handle(), at.x, at.y);
            }
            for (const core::AreaSummary& a : areas)
                if (a.name == "forehead" || a.name == "cheek_left" || a.name == "chin") {
                    const glm::vec2 p = toWindow(state.camera.project(a.centroid, viewport), scale);
                    state.hooks.position("point", a.name, p.x, p.y);
                }
        } else if (!pointer.overUi) {
            if (pointer.wheel != 0.0f) state.camera.zoom(pointer.wheel);
        }
        const bool roller = state.tool.kind == core::ToolKind::Roller;
        const core::HeatmapScale heatmap = state.live ? state.live->heatmapScale(roller)
                                                    : core::heatmapScale(state.scenario ? &*state.scenario : nullptr,
                                                                         *services->rubric, roller);
        if (state.screen == Screen::Treatment) {  // over the head, in ImGui's pixels
            const glm::vec2 display(io.DisplaySize.x, io.DisplaySize.y);
            if (state.overlay == render::Overlay::Density) {
                const render::DensityScale shown = sceneBuilder.densityScale(heatmap);
                drawDensityLegend(shown, glm::vec2(12.0f, display.y - 12.0f));
                if (const std::string line = legendLine(shown); line != lastLegend) state.hooks.line(lastLegend = line);
            }
            if (state.overlay == render::Overlay::Zones) drawZoneLabels(sceneBuilder, state.camera.camera(), display);
        }
        ImGui::Render();

        render::SceneInputs frame;
        frame.camera = state.camera.camera();
        frame.overlay = state.overlay;
        frame.scale = heatmap;
        if (state.live) {
            const core::LiveDensity& density = state.live->density();
            frame.vertexDensity = density.vertexDensity();
            frame.vertexBleeding = state.live->dermalDensity().vertexDensity();
            frame.sampleDensity = density.sampleDensity();
            frame.rollerAreas = density.rollerAreas();
            frame.densityRevision = density.revision();
            frame.changed = state.live->takeChangedVertices();
            frame.bleedingPoints = state.live->bleedingPoints().points();
            frame.bleedingGeneration = state.live->bleedingPoints().generation();
        }
        if (state.screen == Screen::Treatment)
            if (const std::optional<core::ToolState> tool = hand.asRecorded(state))
                frame.tool = sceneBuilder.recordedTool(*tool, *state.services.tools, !hand.feedback().warnings.empty());
        if (state.scenario) {
            frame.lesions = state.scenario->lesions;
            frame.skinTones = services->skinTones;
            frame.fitzpatrick = state.scenario->patient.fitzpatrick;
        }
        const render::Scene scene = sceneBuilder.build(frame);
        const render::FrameResult drawn =
            renderer.drawFrame(scene, size, &*ui);
        if (drawn == render::FrameResult::Drawn && firstFrame) {
            firstFrame = false;
            if (options.sinceProcessStartMs) {
                const double ms = options.sinceProcessStartMs();
                if (bench) bench->startupMs = ms;
                state.hooks.line("first_frame_ms " + std::to_string(ms));
            }
        }
        if (bench && bench->endFrame(drawn == render::FrameResult::Drawn, renderer)) break;
    }
    renderer.waitIdle();
    // A moment for the last lines (the closing signature) to reach a centre that is answering; what does
    // not reach it, the next start sends from the file.
    if (streamer) {
        streamer->stopFollowing();  // a session left unfinished is sent as far as it goes
        if (streamer->state().link == station::CentreState::Link::Online) streamer->waitUntilSent(std::chrono::seconds(3));
    }
    if (bench) bench->report(context, renderer, options);
    if (validationMessages > 0) {
        std::cerr << "pinpoint: " << validationMessages << " Vulkan validation message(s)\n";
        return 3;
    }
    return 0;
}

}  // namespace pinpoint::app
