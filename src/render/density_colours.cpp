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
    // the colour above the edge wins. The shader reads this through densityGrid.
    glm::vec3 colour = stopLinear(kDensityStops[0]);
    for (std::size_t i = 0; i + 1 < kDensityStops.size(); ++i) {
        const DensityStop& a = kDensityStops[i];
        const DensityStop& b = kDensityStops[i + 1];
        if (s >= a.position && b.position > a.position)
            colour = glm::mix(stopLinear(a), stopLinear(b), std::clamp((s - a.position) / (b.position - a.position), 0.0f, 1.0f));
    }
    return colour;
}

std::array<glm::vec3, kDensityGridSize> densityGrid() {
    std::array<glm::vec3, kDensityGridSize> grid{};
    for (int j = 0; j < 3; ++j)
        for (int k = 0; k <= kGridStepsPerInterval; ++k) {
            const float s = static_cast<float>(j) + static_cast<float>(k) / kGridStepsPerInterval;
            glm::vec3 colour = densityColourLinear(s);
            if (k == kGridStepsPerInterval)  // the interval's end, from below: the segment that ends there
                for (std::size_t i = 0; i + 1 < kDensityStops.size(); ++i)
                    if (kDensityStops[i + 1].position == s && kDensityStops[i].position < s) {
                        colour = stopLinear(kDensityStops[i + 1]);
                        break;
                    }
            grid[static_cast<std::size_t>(j * (kGridStepsPerInterval + 1) + k)] = colour;
        }
    return grid;
}

glm::vec3 densityGridColour(const std::array<glm::vec3, kDensityGridSize>& grid, float s) {
    const float j = std::clamp(std::floor(s), 0.0f, 2.0f);
    const float f = std::clamp((s - j) * kGridStepsPerInterval, 0.0f, static_cast<float>(kGridStepsPerInterval));
    const float k = std::min(std::floor(f), static_cast<float>(kGridStepsPerInterval - 1));
    const std::size_t i = static_cast<std::size_t>(j) * (kGridStepsPerInterval + 1) + static_cast<std::size_t>(k);
    return glm::mix(grid[i], grid[i + 1], f - k);
}

glm::vec3 densityColourSrgb(float s) { return linearToSrgb(densityColourLinear(s)); }

}  // namespace pinpoint::render
