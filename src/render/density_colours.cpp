#include "render/density_colours.h"

#include <glm/common.hpp>

#include <algorithm>
#include <cmath>

namespace pinpoint::render {

namespace {

float toLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float toSrgb(float c) {
    c = std::clamp(c, 0.0f, 1.0f);
    return c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

}  // namespace

glm::vec3 srgbToLinear(glm::vec3 s) { return {toLinear(s.x), toLinear(s.y), toLinear(s.z)}; }
glm::vec3 linearToSrgb(glm::vec3 l) { return {toSrgb(l.x), toSrgb(l.y), toSrgb(l.z)}; }

glm::vec3 stopLinear(const DensityStop& stop) {
    return srgbToLinear(glm::vec3(stop.r, stop.g, stop.b) / 255.0f);
}

float densityPosition(float d, float target, float max) {
    if (d < target) return std::max(d, 0.0f) / std::max(target, 1e-6f);
    if (d <= max) return kTargetPosition + (d - target) / std::max(max - target, 1e-6f);
    return kMaximumPosition + std::min((d - max) / std::max(max, 1e-6f), 1.0f);
}

glm::vec3 densityColourLinear(float s) {
    // The last segment that starts at or before `s` holds it: at an edge (two stops at one position)
    // the colour above the edge wins. Same loop as densityRamp in shaders/surface.frag.
    glm::vec3 colour = stopLinear(kDensityStops[0]);
    for (std::size_t i = 0; i + 1 < kDensityStops.size(); ++i) {
        const DensityStop& a = kDensityStops[i];
        const DensityStop& b = kDensityStops[i + 1];
        if (s >= a.position && b.position > a.position)
            colour = glm::mix(stopLinear(a), stopLinear(b), std::clamp((s - a.position) / (b.position - a.position), 0.0f, 1.0f));
    }
    return colour;
}

glm::vec3 densityColourSrgb(float s) { return linearToSrgb(densityColourLinear(s)); }

}  // namespace pinpoint::render
