// The assessor's review window: replay, timeline, score panel and assessor panel (review_panels.cpp).
#include "app/close_question.h"
#include "app/review_app.h"

#include "core/scoring/score_report.h"

#include "app/app.h"
#include "app/app_window.h"
#include "app/head_overlays.h"
#include "app/imgui_session.h"
#include "app/window_graphics.h"
#include "app/orbit_camera.h"
#include "app/pointer_space.h"
#include "app/review_close.h"
#include "app/review_sign_in.h"
#include "app/test_hooks.h"
#include "core/common/sha256.h"
#include "core/coverage/vertex_density.h"
#include "core/review/replay_index.h"
#include "render/skin_look.h"
#include "core/review/review_file.h"
#include "core/review/session_timeline.h"
#include "core/scoring/score_report.h"
#include "core/scoring/scoring_engine.h"
#include "render/head_surface.h"
#include "render/imgui_layer.h"
#include "render/scene_builder.h"
#include "render/views.h"
#include "render/window_renderer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include "app/review_state.h"

namespace pinpoint::app {

int runReview(const ReviewOptions& options, const ReviewLoader& load) {
    using review::ReviewState, review::collectSend, review::requestClose, review::seek, review::drawTimeline,
        review::drawScorePanel, review::drawAssessorPanel, review::drawCloseQuestion, review::entries, review::kSpeeds,
        review::kScorePanelWidth, review::kAssessorPanelWidth, review::kTimelineHeight;
    auto window = AppWindow::open(options.width, options.height, "Pinpoint - review");
    if (!window) {
        std::cerr << "pinpoint review: cannot open the review window (" << window.error().message
                  << "); without one, `pinpoint score SESSION` and `pinpoint report SESSION` show the score\n";
        return kExitNoDisplay;
    }
    // The window's graphics are made with the head: by the sign-in dialog when the loader asks for one
    // (the head is loaded before the session then), else once everything is loaded.
    render::ContextOptions contextOptions;
    contextOptions.preferredDevice = options.gpu;
    std::unique_ptr<WindowGraphics> graphics;
    const core::Head* graphicsHead = nullptr;
    TestHooks signInHooks(options.testHooks);
    const SignInAsker ask = [&](const core::Head& head, const core::TreatmentSurface& surface, const std::string& message,
                                const std::string& login) -> std::optional<SignInCredentials> {
        if (!graphics) {
            graphics = openWindowGraphics(**window, head, nullptr, contextOptions, {true, 0}, "pinpoint review");
            graphicsHead = &head;
        }
        if (!graphics) return std::nullopt;
        const std::optional<SignInAnswer> answer = askSignIn(**window, *graphics, head, surface, message, login, signInHooks);
        if (!answer) return std::nullopt;
        return SignInCredentials{answer->login, answer->password};
    };
    const std::optional<ReviewInputs> inputs = load(ask);
    if (!inputs) return 2;

    ReviewState s;
    s.options = &options;
    s.in = *inputs;
    s.hooks = TestHooks(options.testHooks);
    s.reviewPath = options.reviewPath.empty() ? core::reviewPathFor(options.sessionPath) : options.reviewPath;
    std::snprintf(s.assessorName, sizeof s.assessorName, "%s", options.assessor.c_str());
    if (std::filesystem::exists(s.reviewPath)) {
        core::Result<core::Review> loaded = core::readReviewFile(s.reviewPath, *s.in.ratings);
        if (!loaded) {
            std::cerr << "pinpoint review: " << loaded.error().describe() << "\n";
            return 2;
        }
        s.review = *loaded;
        if (!s.review.assessor.empty())
            std::snprintf(s.assessorName, sizeof s.assessorName, "%s", s.review.assessor.c_str());
        if (s.review.signOff)
            s.signOff = s.review.signOff->result == core::SignOffResult::Pass ? SignOffChoice::Pass : SignOffChoice::Fail;
        s.message = "Loaded " + s.reviewPath;
        s.hooks.line("loaded " + s.reviewPath + " comments " + std::to_string(s.review.comments.size()) + " ratings " +
                     std::to_string(s.review.ratings.size()));
    }
    s.closeGuard.saved(entries(s));  // nothing entered yet is unsaved

    const core::Session& session = *s.in.session;
    const core::SimulationOutput sim = core::simulateSession(*s.in.surface, *s.in.tools, session);
    s.score = core::scoreSession(*s.in.scenario, *s.in.rubric, *s.in.head, *s.in.density, session, sim);
    s.timeline = core::sessionTimeline(session, sim, &s.score);
    const core::ReplayIndex replay(*s.in.surface, *s.in.tools, *s.in.density, session);
    s.duration = std::max(replay.duration(), s.timeline.duration);

    // The sign-in dialog's graphics know no points: the heatmap needs graphics made with them.
    if (graphicsHead != s.in.head || (graphics && graphics->head.samples != s.in.density)) graphics.reset();
    if (!graphics) graphics = openWindowGraphics(**window, *s.in.head, s.in.density, contextOptions, {true, 0}, "pinpoint review");
    if (!graphics) return 2;
    render::WindowRenderer& renderer = *graphics->renderer;
    std::optional<render::ImGuiLayer>& ui = graphics->ui;

    const core::Bounds bounds = core::meshBounds(s.in.head->mesh());
    OrbitCamera camera = OrbitCamera::facing(bounds, static_cast<float>(options.width) / options.height, 0.95f);
    char line[96];
    std::snprintf(line, sizeof line, "score %.2f %s", s.score.score, s.score.passed ? "passed" : "failed");
    s.hooks.line(line);
    s.hooks.line(s.in.certifiable ? "evidence certifiable" : "evidence not_certifiable");
    s.hooks.screen("review");

    // The scene as the trainee saw it, with the heatmap's landmarks as the score measured each zone.
    const render::SceneBuilder sceneBuilder(*s.in.head, *s.in.surface);
    const std::map<std::string, bool> measuredDevices = core::rollerByZone(s.score.measurement);
    const auto heatmap = [&](const core::ToolState& inHand) {
        const bool roller = inHand.settings && inHand.settings->tool == core::ToolKind::Roller;
        return core::heatmapScale(s.in.scenario, *s.in.rubric, roller, measuredDevices);
    };
    std::vector<float> vertexDensity, vertexBleeding;
    core::DrawnSamples samples;
    std::string lastLegend;  // for the test hooks
    std::uint64_t revision = 0;
    double shownT = -1.0;
    core::ToolState tool;
    auto last = std::chrono::steady_clock::now();
    bool rightWasDown = false;
    glm::vec2 lastMouse(0.0f);
    while (!s.quit) {
        (*window)->pollEvents();
        if ((*window)->shouldClose()) {  // the window's close button: vetoed while anything is unsaved
            glfwSetWindowShouldClose((*window)->handle(), GLFW_FALSE);
            requestClose(s);
            if (s.quit) break;
        }
        collectSend(s, false);
        const vk::Extent2D size = (*window)->framebufferSize();
        if (size.width == 0 || size.height == 0) {
            glfwWaitEventsTimeout(0.1);
            continue;
        }
        const auto now = std::chrono::steady_clock::now();
        const double dt = std::chrono::duration<double>(now - last).count();
        last = now;
        if (s.playing) {
            s.t = std::min(s.duration, s.t + std::min(dt, 0.25) * kSpeeds[static_cast<std::size_t>(s.speed)]);
            if (s.t >= s.duration) {
                s.playing = false;
                seek(s, s.duration);
            }
        }
        ui->newFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const glm::vec2 viewport(static_cast<float>(size.width), static_cast<float>(size.height));
        s.hooks.position("size", "window", viewport.x, viewport.y);
        drawScorePanel(s);
        drawAssessorPanel(s);
        drawTimeline(s);
        drawCloseQuestion(s);
        const ImGuiIO& io = ImGui::GetIO();
        const glm::vec2 scale(io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y);  // panels in window units
        camera.setScreenShift(toFramebuffer({0.5f * (kScorePanelWidth - kAssessorPanelWidth), 0.0f}, scale).x,
                              viewport.y);

        const glm::vec2 mouse(io.MousePos.x, io.MousePos.y);  // only for turning: window units will do
        const float wheel = static_cast<float>((*window)->takeScroll());
        if (!io.WantCaptureMouse) {
            if (wheel != 0.0f) camera.zoom(wheel);
            if (io.MouseDown[1] && rightWasDown) camera.orbit(mouse.x - lastMouse.x, mouse.y - lastMouse.y);
        }
        rightWasDown = io.MouseDown[1];
        lastMouse = mouse;
        if (s.overlay == render::Overlay::Density) {
            const render::DensityScale shown = sceneBuilder.densityScale(heatmap(tool));
            drawDensityLegend(shown, glm::vec2(kScorePanelWidth + 12.0f, io.DisplaySize.y - kTimelineHeight - 12.0f));
            if (const std::string legend = legendLine(shown); legend != lastLegend) s.hooks.line(lastLegend = legend);
        }
        if (s.overlay == render::Overlay::Zones)
            drawZoneLabels(sceneBuilder, camera.camera(), glm::vec2(io.DisplaySize.x, io.DisplaySize.y));
        ImGui::Render();

        if (s.t != shownT) {  // the head at the moment shown
            shownT = s.t;
            core::ReplayIndex::DrawnDensities at = replay.drawnAt(s.t, s.in.head->mesh());
            vertexDensity = std::move(at.all);
            vertexBleeding = std::move(at.dermal);
            samples = std::move(at.samples);
            ++revision;
            tool = replay.toolAt(s.t);
            if (s.hooks.enabled()) {
                const float peak = vertexDensity.empty() ? 0.0f : *std::max_element(vertexDensity.begin(), vertexDensity.end());
                std::snprintf(line, sizeof line, "head %.3f peak %.1f tool %s", s.t, peak,
                              !tool.pose ? "none" : tool.pose->contact ? "contact" : "lifted");
                s.hooks.line(line);
            }
        }
        render::SceneInputs frame;
        frame.camera = camera.camera();
        frame.overlay = s.overlay;
        frame.vertexDensity = vertexDensity;
        frame.vertexBleeding = vertexBleeding;
        frame.sampleDensity = samples.density;
        frame.rollerAreas = samples.roller;
        frame.densityRevision = revision;
        frame.scale = heatmap(tool);
        const bool warningOn = std::any_of(s.timeline.markers.begin(), s.timeline.markers.end(), [&](const core::TimelineMarker& m) {
            return m.kind == core::MarkerKind::Warning && m.t <= s.t && s.t <= m.t + m.duration;
        });
        frame.tool = sceneBuilder.recordedTool(tool, *s.in.tools, warningOn);
        frame.lesions = s.in.scenario->lesions;
        frame.skinTones = s.in.skinTones;
        frame.fitzpatrick = s.in.scenario->patient.fitzpatrick;
        frame.bleedingPoints = replay.bleedingPoints().until(s.t);
        const render::Scene scene = sceneBuilder.build(frame);
        renderer.drawFrame(scene, size, &*ui);
    }
    renderer.waitIdle();
    collectSend(s, true);  // a review on its way is not cut off by closing the window
    if (!s.centreStatus.empty()) std::cerr << "pinpoint review: " << s.centreStatus << "\n";
    return 0;
}

}  // namespace pinpoint::app
