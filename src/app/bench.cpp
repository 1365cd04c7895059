#include "app/bench.h"

#include "app/screens.h"
#include "core/scoring/session_facts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pinpoint::app {

namespace {
constexpr unsigned kWarmUpFrames = 10;
constexpr unsigned kWarmUpTurns = 3;
}

Bench::Bench(unsigned frames, AppState& state, const std::vector<core::AreaSummary>& areas)
    : frames_(frames), state_(&state) {
    for (const core::AreaSummary& a : areas)
        if (a.name == "forehead") forehead_ = a.centroid;
    if (!startSession(state)) return;
    recordEvent(state, core::decisionEvent(state.recorder->now(), core::Decision::Proceed, {}));
    state.decided = core::Decision::Proceed;
    state.live = std::make_unique<LiveTreatment>(state.services, *state.scenario, std::vector<std::string>{}, std::nullopt);
    recordEvent(state, toolEvent(state, state.recorder->now()));
    state.overlay = render::Overlay::Density;
    goTo(state, Screen::Treatment);
}

void Bench::beginFrame() { frameStart_ = std::chrono::steady_clock::now(); }

void Bench::steer(PointerInput& pointer, const AppState& state, glm::vec2 viewport) {
    if (turning()) {
        // Needles up, the right button dragging across the head: the camera turns every frame.
        pointer.position = glm::vec2(0.3f * viewport.x + 3.0f * static_cast<float>(turnMs_.size() % 120), 0.5f * viewport.y);
        pointer.left = false;
        pointer.right = true;
        pointer.wheel = 0.0f;
        pointer.overUi = false;
        return;
    }
    const glm::vec2 centre = state.camera.project(forehead_, viewport);
    const float phase = 0.06f * static_cast<float>(seen_);
    pointer.position = centre + glm::vec2(110.0f * std::sin(phase), 22.0f * std::sin(0.11f * phase));
    pointer.left = true;
    pointer.right = false;
    pointer.wheel = 0.0f;
    pointer.overUi = false;
}

bool Bench::endFrame(bool drawn, const render::WindowRenderer& renderer) {
    if (!drawn) return false;
    if (turning()) {
        ++turnSeen_;
        if (turnSeen_ > kWarmUpTurns)
            turnMs_.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart_).count());
        return turnMs_.size() >= turnFrames();
    }
    ++seen_;
    if (seen_ == kWarmUpFrames) {
        uploadedAtStart_ = renderer.densityBytesUploaded();
        redrawnAtStart_ = renderer.redrawnPixels();
        wholeAtStart_ = renderer.wholeRedraws();
        indicesAtStart_ = renderer.drawnIndices();
        windowAtStart_ = renderer.windowPixelsDrawn();
    }
    if (seen_ > kWarmUpFrames)
        frameMs_.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart_).count());
    uploadedAtEnd_ = renderer.densityBytesUploaded();
    redrawnAtEnd_ = renderer.redrawnPixels();
    wholeAtEnd_ = renderer.wholeRedraws();
    indicesAtEnd_ = renderer.drawnIndices();
    windowAtEnd_ = renderer.windowPixelsDrawn();
    if (state_->live) punctures_ = state_->live->punctures();
    return false;  // the turning frames come next
}

namespace {

struct Spread {
    double mean = 0.0, median = 0.0, p95 = 0.0, max = 0.0;
};

Spread spreadOf(std::vector<double> ms) {
    Spread s;
    if (ms.empty()) return s;
    std::sort(ms.begin(), ms.end());
    for (double v : ms) s.mean += v / static_cast<double>(ms.size());
    s.median = ms[ms.size() / 2];
    s.p95 = ms[ms.size() * 95 / 100];
    s.max = ms.back();
    return s;
}

}  // namespace

void Bench::report(const render::Context& context, const render::WindowRenderer& renderer, const AppOptions& options) const {
    if (frameMs_.empty()) {
        std::printf("bench: no frames were drawn\n");
        return;
    }
    const Spread still = spreadOf(frameMs_);
    const Spread turn = spreadOf(turnMs_);
    const vk::Extent2D extent = renderer.extent();
    std::printf("device: %s (%s), window %ux%u, %ux multisampling, present without vsync\n", context.info().name.c_str(),
                render::deviceTypeName(context.info().type), extent.width, extent.height,
                static_cast<unsigned>(renderer.samples()));
    std::printf("window picture: %s\n", renderer.keepsPicture()
                                             ? "kept between frames, only the changed pixels redrawn, then copied in"
                                             : "drawn whole every frame straight into the window image");
    std::printf("treatment frames (UI + density overlay + needling the forehead, camera still): %zu\n", frameMs_.size());
    std::printf("frame time: mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms (%.0f fps)\n", still.mean,
                still.median, still.p95, still.max, 1000.0 / still.mean);
    std::printf("frames turning the head (right-drag; the whole picture redrawn): %zu\n", turnMs_.size());
    std::printf("frame time: mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms (%.0f fps)\n", turn.mean,
                turn.median, turn.p95, turn.max, 1000.0 / std::max(turn.mean, 1e-9));
    std::printf("density uploaded: %.1f KiB per frame on average (whole field %.1f KiB); punctures so far %zu\n",
                static_cast<double>(uploadedAtEnd_ - uploadedAtStart_) / 1024.0 / static_cast<double>(frameMs_.size()),
                static_cast<double>(state_->live ? (2 * state_->live->density().vertexDensity().size() +
                                                    state_->live->density().sampleDensity().size()) * sizeof(float)
                                                 : 0) / 1024.0,
                punctures_);
    const double frames = static_cast<double>(frameMs_.size());
    std::printf("head picture redrawn: %.1f%% of its pixels per frame on average, all of it in %llu frames; "
                "%.0f surface triangles drawn per frame\n",
                100.0 * static_cast<double>(redrawnAtEnd_ - redrawnAtStart_) / frames /
                    (static_cast<double>(extent.width) * extent.height),
                static_cast<unsigned long long>(wholeAtEnd_ - wholeAtStart_),
                static_cast<double>(indicesAtEnd_ - indicesAtStart_) / 3.0 / frames);
    std::printf("window image brought up to date (head copied in, interface drawn): %.1f%% of its pixels per frame\n",
                100.0 * static_cast<double>(windowAtEnd_ - windowAtStart_) / frames /
                    (static_cast<double>(extent.width) * extent.height));
    if (startupMs >= 0.0) std::printf("start-up to first frame: %.0f ms\n", startupMs);
    (void)options;
}

}  // namespace pinpoint::app
