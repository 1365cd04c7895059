#include "render/views.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>

namespace pinpoint::render {

std::string_view viewName(View view) {
    switch (view) {
    case View::Front: return "front";
    case View::Left: return "left";
    case View::Right: return "right";
    case View::ThreeQuarterLeft: return "three-quarter-left";
    case View::ThreeQuarterRight: return "three-quarter-right";
    }
    return "front";
}

std::optional<View> parseView(std::string_view name) {
    for (View v : kAllViews)
        if (viewName(v) == name) return v;
    return std::nullopt;
}

glm::vec3 viewDirection(View view) {
    const float d = std::sqrt(0.5f);
    switch (view) {
    case View::Front: return {0.0f, 0.0f, 1.0f};
    case View::Left: return {1.0f, 0.0f, 0.0f};  // the patient's left is +X
    case View::Right: return {-1.0f, 0.0f, 0.0f};
    case View::ThreeQuarterLeft: return {d, 0.0f, d};
    case View::ThreeQuarterRight: return {-d, 0.0f, d};
    }
    return {0.0f, 0.0f, 1.0f};
}

Camera frameBounds(View view, const core::Bounds& bounds, float aspect, float verticalFovDegrees) {
    const glm::vec3 back = viewDirection(view);
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    const glm::vec3 right = glm::normalize(glm::cross(up, back));
    const glm::vec3 centre = 0.5f * (bounds.min + bounds.max);
    const float tanY = std::tan(glm::radians(verticalFovDegrees) * 0.5f);
    const float tanX = tanY * aspect;
    constexpr float kMargin = 1.06f;

    // Each corner at camera distance d sits at depth d - z; it fits when |x| <= (d - z) tanX, etc.
    float distance = 0.0f;
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 corner((i & 1) ? bounds.max.x : bounds.min.x, (i & 2) ? bounds.max.y : bounds.min.y,
                               (i & 4) ? bounds.max.z : bounds.min.z);
        const glm::vec3 r = corner - centre;
        const float z = glm::dot(r, back);
        distance = std::max({distance, z + kMargin * std::abs(glm::dot(r, right)) / tanX,
                             z + kMargin * std::abs(glm::dot(r, up)) / tanY});
    }
    const float radius = 0.5f * glm::length(bounds.max - bounds.min);
    Camera camera;
    camera.target = centre;
    camera.eye = centre + back * distance;
    camera.up = up;
    camera.verticalFovDegrees = verticalFovDegrees;
    camera.nearMm = std::max(1.0f, distance - 1.5f * radius);
    camera.farMm = distance + 1.5f * radius;
    return camera;
}

}  // namespace pinpoint::render
