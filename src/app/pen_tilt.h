#pragma once
// How the trainee holds the pen: the needles go straight into the skin unless the trainee tilts the
// pen around its tip (Shift + mouse, or a tablet pen's own tilt). The tilt is kept relative to the
// skin: as the pen moves over the curved face it keeps its angle from perpendicular and leans the same
// way, so what the technique score grades is the hand, never how the camera is turned.
#include "render/scene.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace pinpoint::app {

inline constexpr float kMaxPenTiltDeg = 45.0f;
inline constexpr float kTiltDegPerPixel = 0.25f;  // Shift + mouse: 4 pixels per degree

// Screen directions (right, up) of a camera, in model space.
struct ScreenAxes {
    glm::vec3 right{1.0f, 0.0f, 0.0f};
    glm::vec3 up{0.0f, 1.0f, 0.0f};
};
ScreenAxes screenAxes(const render::Camera& camera);

class PenTilt {
public:
    // Shift + mouse: the pen's back end follows the mouse by `pixels` (screen, y down).
    void tiltBy(glm::vec2 pixels, const ScreenAxes& screen, glm::vec3 normal);
    // A tablet pen's tilt (degrees, X toward the screen's right, Y toward the screen's bottom, as
    // XInput reports a pen leaning that way) replaces the tilt.
    void setFromTablet(glm::vec2 tiltDeg, const ScreenAxes& screen, glm::vec3 normal);
    void upright() { lean_ = glm::vec3(0.0f); }

    // The needle axis (unit, into the skin) for a pen on skin with outward `normal` (unit).
    glm::vec3 axis(glm::vec3 normal) const;
    float degrees() const;  // from perpendicular, 0..kMaxPenTiltDeg

private:
    void setLean(glm::vec3 lean, glm::vec3 normal);
    glm::vec3 lean_{0.0f};  // model space: where the back end leans; its length is the angle in degrees
};

// The angle (degrees) between a needle axis and the way into the skin.
float degreesOffPerpendicular(glm::vec3 axis, glm::vec3 normal);

}  // namespace pinpoint::app
