#pragma once
// `pinpoint --bench-frames N`: the frame time of the real window during treatment, measured end to
// end (input, UI, simulation, density upload, draw, present) with the UI and the density overlay on
// while a synthetic hand needles the forehead with the camera still (N frames); then while the
// hand turns the head, which redraws the whole picture every frame (N / 3 frames, at least 30); and
// the start-up time to the first frame.
#include "app/app_state.h"
#include "app/treatment_hand.h"
#include "render/window_renderer.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace pinpoint::app {

class Bench {
public:
    // Starts a session and goes straight to treatment (proceed, the default pen set-up).
    Bench(unsigned frames, AppState& state, const std::vector<core::AreaSummary>& areas);

    void beginFrame();
    // Replaces the mouse: the left button held, sweeping across the forehead.
    void steer(PointerInput& pointer, const AppState& state, glm::vec2 viewport);
    // True when enough frames were timed.
    bool endFrame(bool drawn, const render::WindowRenderer& renderer);
    void report(const render::Context& context, const render::WindowRenderer& renderer, const AppOptions& options) const;

    double startupMs = -1.0;

private:
    unsigned frames_;
    unsigned seen_ = 0;
    glm::vec3 forehead_{0.0f};
    std::chrono::steady_clock::time_point frameStart_;
    bool turning() const { return frameMs_.size() >= frames_; }
    std::size_t turnFrames() const { return std::max<std::size_t>(30, frames_ / 3); }

    std::vector<double> frameMs_;
    std::vector<double> turnMs_;
    unsigned turnSeen_ = 0;
    std::size_t uploadedAtStart_ = 0;
    std::size_t uploadedAtEnd_ = 0;
    std::uint64_t redrawnAtStart_ = 0, redrawnAtEnd_ = 0;
    std::uint64_t wholeAtStart_ = 0, wholeAtEnd_ = 0;
    std::uint64_t indicesAtStart_ = 0, indicesAtEnd_ = 0;
    std::uint64_t windowAtStart_ = 0, windowAtEnd_ = 0;
    std::size_t punctures_ = 0;
    const AppState* state_;
};

}  // namespace pinpoint::app
