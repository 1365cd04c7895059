#include "app/orbit_camera.h"

#include "render/surface_renderer.h"
#include "render/views.h"

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>

namespace pinpoint::app {

OrbitCamera::OrbitCamera(glm::vec3 target, float distanceMm, float verticalFovDegrees)
    : target_(target), distance_(distanceMm), homeTarget_(target), homeDistance_(distanceMm), fov_(verticalFovDegrees) {
    minDistance_ = 0.25f * distanceMm;
    maxDistance_ = 2.5f * distanceMm;
}

OrbitCamera OrbitCamera::facing(const core::Bounds& bounds, float aspect, float distanceScale) {
    constexpr float kFov = 25.0f;
    const render::Camera framed = render::frameBounds(render::View::Front, bounds, aspect, kFov);
    // A little above the box's middle: the eyes, not the mouth.
    const glm::vec3 faceCentre(0.0f, 0.5f * (bounds.min.y + bounds.max.y) + 0.08f * (bounds.max.y - bounds.min.y),
                               0.5f * (bounds.min.z + bounds.max.z));
    return OrbitCamera(faceCentre, distanceScale * glm::length(framed.eye - framed.target), kFov);
}

void OrbitCamera::orbit(float dx, float dy) {
    yawDeg_ = std::clamp(yawDeg_ - 0.3f * dx, -170.0f, 170.0f);
    pitchDeg_ = std::clamp(pitchDeg_ + 0.3f * dy, -60.0f, 70.0f);
}

void OrbitCamera::zoom(float steps) {
    distance_ = std::clamp(distance_ * std::pow(0.88f, steps), minDistance_, maxDistance_);
}

void OrbitCamera::setView(float yawDeg, float pitchDeg) {
    yawDeg_ = std::clamp(yawDeg, -170.0f, 170.0f);
    pitchDeg_ = std::clamp(pitchDeg, -60.0f, 70.0f);
    target_ = homeTarget_;
    distance_ = homeDistance_;
}

void OrbitCamera::focusOn(glm::vec3 point) {
    // Look at the point from straight out of the face's middle toward it, as a practitioner leans in.
    const glm::vec3 out = point - homeTarget_;
    const glm::vec2 flat(out.x, out.z);
    if (glm::length(flat) > 1e-3f) yawDeg_ = std::clamp(glm::degrees(std::atan2(out.x, std::max(out.z, 1e-3f))), -170.0f, 170.0f);
    pitchDeg_ = std::clamp(glm::degrees(std::atan2(out.y, std::max(glm::length(flat), 1e-3f))) * 0.5f, -60.0f, 70.0f);
    target_ = point;
    distance_ = std::clamp(0.45f * homeDistance_, minDistance_, maxDistance_);
}

void OrbitCamera::setScreenShift(float pixels, float viewportHeight) {
    shiftPx_ = pixels;
    viewportHeight_ = std::max(viewportHeight, 1.0f);
}

render::Camera OrbitCamera::camera() const {
    render::Camera c;
    const float yaw = glm::radians(yawDeg_), pitch = glm::radians(pitchDeg_);
    const glm::vec3 toEye(std::sin(yaw) * std::cos(pitch), std::sin(pitch), std::cos(yaw) * std::cos(pitch));
    const glm::vec3 right = glm::normalize(glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), toEye));
    const float mmPerPixel = 2.0f * distance_ * std::tan(glm::radians(0.5f * fov_)) / viewportHeight_;
    const glm::vec3 target = target_ - right * (shiftPx_ * mmPerPixel);
    c.eye = target + distance_ * toEye;
    c.target = target;
    c.up = glm::vec3(0.0f, 1.0f, 0.0f);
    c.verticalFovDegrees = fov_;
    c.nearMm = std::max(5.0f, 0.05f * distance_);
    c.farMm = 10.0f * maxDistance_;
    return c;
}

Ray OrbitCamera::ray(glm::vec2 mouse, glm::vec2 size) const {
    const render::Camera c = camera();
    const glm::mat4 inverse = glm::inverse(render::viewProjection(c, size.x / std::max(size.y, 1.0f)));
    const glm::vec2 ndc(2.0f * mouse.x / size.x - 1.0f, 2.0f * mouse.y / size.y - 1.0f);  // Vulkan: y down
    const glm::vec4 nearPoint = inverse * glm::vec4(ndc, 0.0f, 1.0f);
    const glm::vec4 farPoint = inverse * glm::vec4(ndc, 1.0f, 1.0f);
    const glm::vec3 a = glm::vec3(nearPoint) / nearPoint.w, b = glm::vec3(farPoint) / farPoint.w;
    return {a, glm::normalize(b - a)};
}

glm::vec2 OrbitCamera::project(glm::vec3 point, glm::vec2 size) const {
    const glm::vec4 clip = render::viewProjection(camera(), size.x / std::max(size.y, 1.0f)) * glm::vec4(point, 1.0f);
    if (clip.w <= 0.0f) return {-1.0f, -1.0f};
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return {(ndc.x + 1.0f) * 0.5f * size.x, (ndc.y + 1.0f) * 0.5f * size.y};
}

}  // namespace pinpoint::app
