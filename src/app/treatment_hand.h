#pragma once
// The trainee's hand during treatment: the tool follows the mouse over the skin (a ray cast through
// the core's BVH); while the left button is held the needles are in contact and a pose is recorded on
// a fixed 120 Hz step (times from the session clock, positions interpolated between frames);
// releasing the button (or leaving the skin) records contact=false. Right-drag orbits, wheel zooms.
#include "app/app_state.h"

#include <glm/vec2.hpp>

#include <optional>

namespace pinpoint::app {

inline constexpr double kPoseStepSeconds = 1.0 / 120.0;

struct PointerInput {
    glm::vec2 position{0.0f};  // window pixels, top-left origin
    glm::vec2 viewport{1.0f};  // window size in pixels
    bool left = false;
    bool right = false;
    float wheel = 0.0f;
    bool overUi = false;       // the UI has the mouse: no treatment input
};

class TreatmentHand {
public:
    // Advances to session time `now`: records the poses due, updates the hover and the warnings, and
    // records the warnings that come on or go off while the needles are on the skin.
    void update(AppState& state, const PointerInput& input, double now);
    // The tool to draw (none while the mouse is off the skin).
    std::optional<render::ToolShape> shape(const AppState& state) const;
    const std::optional<ToolState>& tool() const { return tool_; }
    const Feedback& feedback() const { return feedback_; }
    bool inContact() const { return inContact_; }
    std::size_t contactPoses() const { return contactPoses_; }

private:
    std::optional<core::SurfaceHit> pick(const AppState& state, glm::vec2 position, glm::vec2 viewport,
                                         glm::vec3* rayDirection) const;
    void pose(AppState& state, double t, const core::SurfaceHit* hit, glm::vec3 axis);
    // The tool over the skin at `hover` and what is wrong with it.
    void assessHover(const AppState& state, const core::SurfaceHit& hover, glm::vec3 direction, bool roller, double now);

    bool started_ = false;
    double nextStep_ = 0.0;
    double lastTime_ = 0.0;
    glm::vec2 lastPosition_{0.0f};
    bool leftWasDown_ = false;
    bool rightWasDown_ = false;
    bool inContact_ = false;
    glm::vec3 lastContactPoint_{0.0f};
    double lastContactTime_ = 0.0;
    double speed_ = 0.0;
    glm::vec3 travel_{1.0f, 0.0f, 0.0f};
    std::optional<ToolState> tool_;
    Feedback feedback_;
    std::size_t contactPoses_ = 0;
};

// The needle axis for a pen held toward the skin from the viewer's side: mostly along the skin
// normal, leaning a third of the way toward the line of sight (so treating skin seen edge-on tilts
// the needles, as it would in a hand that does not move round the patient).
glm::vec3 penAxis(glm::vec3 normal, glm::vec3 rayDirection);

}  // namespace pinpoint::app
