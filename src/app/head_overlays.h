#pragma once
// What the app and the review window draw over the head with ImGui: the heatmap's legend (while the
// density overlay is on) and the zone names (while the zones overlay is on).
#include "render/scene.h"
#include "render/scene_builder.h"

#include <glm/vec2.hpp>

#include <string>

namespace pinpoint::app {

// The colour bar with its landmarks in punctures per cm2, its bottom-left corner at `bottomLeft`
// (pixels); the colours come from render/density_colours.h, the numbers from core::heatmapScale.
// Returns the legend's size.
glm::vec2 drawDensityLegend(const render::DensityScale& scale, glm::vec2 bottomLeft);

// The test hooks' line for a legend: "legend target T maximum M" (punctures per cm2).
std::string legendLine(const render::DensityScale& scale);

// Each zone's name where the camera sees it (`viewport`: the window in ImGui's pixels).
void drawZoneLabels(const render::SceneBuilder& builder, const render::Camera& camera, glm::vec2 viewport);

}  // namespace pinpoint::app
