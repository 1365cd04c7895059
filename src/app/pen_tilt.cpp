#include "app/pen_tilt.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>

namespace pinpoint::app {

namespace {

// `v` without its part along the unit `normal`.
glm::vec3 inTangentPlane(glm::vec3 v, glm::vec3 normal) { return v - glm::dot(v, normal) * normal; }

}  // namespace

ScreenAxes screenAxes(const render::Camera& camera) {
    const glm::vec3 forward = glm::normalize(camera.target - camera.eye);
    ScreenAxes s;
    s.right = glm::normalize(glm::cross(forward, camera.up));
    s.up = glm::cross(s.right, forward);
    return s;
}

void PenTilt::setLean(glm::vec3 lean, glm::vec3 normal) {
    lean = inTangentPlane(lean, normal);
    const float length = glm::length(lean);
    lean_ = length > kMaxPenTiltDeg ? lean * (kMaxPenTiltDeg / length) : lean;
}

void PenTilt::tiltBy(glm::vec2 pixels, const ScreenAxes& screen, glm::vec3 normal) {
    // Continue from the lean as it lies on this skin, so a tilt made elsewhere keeps its angle.
    const float length = glm::length(lean_);
    glm::vec3 current = inTangentPlane(lean_, normal);
    if (glm::length(current) > 1e-4f) current = glm::normalize(current) * length;
    const glm::vec3 move = kTiltDegPerPixel * (pixels.x * screen.right - pixels.y * screen.up);
    setLean(current + move, normal);
}

void PenTilt::setFromTablet(glm::vec2 tiltDeg, const ScreenAxes& screen, glm::vec3 normal) {
    // A pen leaning right (X > 0) has its back end toward the screen's right; Y grows toward the
    // bottom of the tablet, that is down the screen.
    const glm::vec3 lean = tiltDeg.x * screen.right - tiltDeg.y * screen.up;
    const float angle = std::min(glm::length(tiltDeg), kMaxPenTiltDeg);
    const glm::vec3 along = inTangentPlane(lean, normal);
    lean_ = glm::length(along) > 1e-4f ? glm::normalize(along) * angle : glm::vec3(0.0f);
}

glm::vec3 PenTilt::axis(glm::vec3 normal) const {
    const float angle = degrees();
    const glm::vec3 along = inTangentPlane(lean_, normal);
    if (angle < 1e-3f || glm::length(along) < 1e-4f) return -normal;
    const float a = glm::radians(angle);
    // The back end leans toward `along`, so the needles point the other way under the skin.
    return glm::normalize(-std::cos(a) * normal - std::sin(a) * glm::normalize(along));
}

float PenTilt::degrees() const { return std::min(glm::length(lean_), kMaxPenTiltDeg); }

float degreesOffPerpendicular(glm::vec3 axis, glm::vec3 normal) {
    return glm::degrees(std::acos(std::clamp(glm::dot(glm::normalize(axis), -normal), -1.0f, 1.0f)));
}

}  // namespace pinpoint::app
