#pragma once
// What the app and the review window draw over the head with ImGui: the heatmap's legend (while the
// density overlay is on) and the zone names (while the zones overlay is on).
#include "render/scene.h"
#include "render/scene_builder.h"

#include <glm/vec2.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pinpoint::app {

// The colour bar with its landmarks in punctures per cm2, its bottom-left corner at `bottomLeft`
// (pixels); the colours come from render/density_colours.h, the numbers from core::heatmapScale.
// Returns the legend's size.
glm::vec2 drawDensityLegend(const render::DensityScale& scale, glm::vec2 bottomLeft);

// The test hooks' line for a legend: "legend target T maximum M" (punctures per cm2).
std::string legendLine(const render::DensityScale& scale);

// A spot on the screen the zone names keep off (the lesion an instructor is placing), in ImGui's pixels.
struct ClearSpot {
    glm::vec2 centre{0.0f};
    float radius = 0.0f;
};
// Whether the box from `a` to `b` reaches into the spot.
bool boxMeetsSpot(glm::vec2 a, glm::vec2 b, const ClearSpot& spot);

struct DrawnLabel {
    std::string text;
    glm::vec2 a{0.0f}, b{0.0f};  // its box, top-left and bottom-right
};

// Each zone's name where the camera sees it (`viewport`: the window in ImGui's pixels), except where
// it would cover `clear`. Returns the names drawn, with their boxes.
std::vector<DrawnLabel> drawZoneLabels(const render::SceneBuilder& builder, const render::Camera& camera, glm::vec2 viewport,
                                       const std::optional<ClearSpot>& clear = std::nullopt);

}  // namespace pinpoint::app
