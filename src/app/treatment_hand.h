#pragma once
// The trainee's hand during treatment: the tool follows the mouse over the skin (a ray cast through
// the core's BVH); while the left button is held the needles are in contact and a pose is recorded on
// a fixed 120 Hz step (times from the session clock, positions interpolated between frames);
// releasing the button (or leaving the skin) records contact=false. Right-drag orbits, wheel zooms.
// The needles go straight into the skin unless the trainee tilts the pen (Shift + mouse: the pen
// pivots on its tip, which stays where it was; a pen tablet's own tilt); the roller's drum turns the
// way it rolls.
#include "app/app_state.h"
#include "app/pen_tilt.h"
#include "app/tablet_pen.h"
#include "core/review/replay_index.h"

#include <glm/vec2.hpp>

#include <optional>

namespace pinpoint::app {

inline constexpr double kPoseStepSeconds = 1.0 / 120.0;

struct PointerInput {
    glm::vec2 position{0.0f};  // framebuffer pixels, top-left origin
    glm::vec2 viewport{1.0f};  // the picture's size in pixels (framebuffer pixels, as `position`)
    float pixelScale = 1.0f;   // framebuffer pixels per window pixel: a hand's motion is in window pixels
    bool left = false;
    bool right = false;
    float wheel = 0.0f;
    bool overUi = false;       // the UI has the mouse: no treatment input
    bool tilting = false;      // Shift held: the mouse tilts the pen around its tip instead of moving it
    std::optional<PenReading> tablet;  // a pen tablet over the window: its pressure is contact, its tilt the pen's
};

class TreatmentHand {
public:
    // Advances to session time `now`: records the poses due, updates the hover and the warnings, and
    // records the warnings that come on or go off while the needles are on the skin.
    void update(AppState& state, const PointerInput& input, double now);
    // The tool as a recording gives it at this moment (none while the mouse is off the skin): its
    // settings, pose, travel and the drum's rolling heading. The scene builder turns it into the tool
    // drawn, with the same rules for the live app and the review window.
    std::optional<core::ToolState> asRecorded(const AppState& state) const;
    const std::optional<ToolState>& tool() const { return tool_; }
    const Feedback& feedback() const { return feedback_; }
    bool inContact() const { return inContact_; }
    std::size_t contactPoses() const { return contactPoses_; }
    float tiltDegrees() const { return tilt_.degrees(); }
    bool tilting() const { return tiltingWas_; }
    void upright() { tilt_.upright(); }
    // Where the mouse cursor must go back to (framebuffer pixels) when a Shift tilt ends: the pen stayed on
    // its tip while the mouse moved, so the pen does not jump to where the mouse went.
    std::optional<glm::vec2> takeCursorReturn();

private:
    std::optional<core::SurfaceHit> pick(const AppState& state, glm::vec2 position, glm::vec2 viewport) const;
    void pose(AppState& state, double t, const core::SurfaceHit* hit, glm::vec3 axis);
    // The tool over the skin at `hover` and what is wrong with it.
    void assessHover(const AppState& state, const core::SurfaceHit& hover, bool roller, double now);
    // The needle axis on skin `hit` (the roller's needles stand perpendicular on its drum).
    glm::vec3 needleAxis(const AppState& state, const core::SurfaceHit& hit, bool roller);
    // Shift + mouse and the tablet: where the tool is on screen this frame, after the tilt.
    glm::vec2 steer(const AppState& state, const PointerInput& in);

    bool started_ = false;
    double nextStep_ = 0.0;
    double lastTime_ = 0.0;
    glm::vec2 lastPosition_{0.0f};   // where the tool was on screen
    glm::vec2 lastMouse_{0.0f};      // where the mouse was
    PenTilt tilt_;
    bool tiltingWas_ = false;
    glm::vec2 tiltAnchor_{0.0f};     // the tool's place on screen while Shift tilts it
    std::optional<glm::vec2> cursorReturn_;
    std::optional<glm::vec2> tabletTilt_;
    glm::vec3 lastNormal_{0.0f, 0.0f, 1.0f};  // the skin under the tool, last seen
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

}  // namespace pinpoint::app
