#pragma once
// Words and the heatmap's legend drawn into a rendered picture (`pinpoint render --legend`, zone
// names with `--overlay zones`), with a small bitmap font (Debian's stb_easy_font): pictures that
// explain themselves without a page around them.
#include "render/scene.h"
#include "render/scene_builder.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <string>

namespace pinpoint::render {

// Text with its top-left corner at `at` (pixels), `scale` picture pixels per font pixel, sRGB colour.
void drawText(Picture& picture, glm::vec2 at, const std::string& text, float scale, glm::vec3 srgb);
glm::vec2 textSize(const std::string& text, float scale);

// The legend of the density colours along the bottom of the picture: the colour bar with its
// landmarks (below target, target, maximum, over-treated) labelled in punctures per cm2.
void drawDensityLegend(Picture& picture, const DensityScale& scale);

// The names of the zones the camera sees, on dark boxes, at each zone's place on the head.
void drawZoneLabels(Picture& picture, const Camera& camera, const SceneBuilder& builder);

// The legend's words, shared by every legend (the app's, the review's, the pictures' and the report's).
std::string landmarkNumber(float perCm2);  // "1,000"
inline constexpr const char* kBelowTargetWords = "below target";
inline constexpr const char* kCoveredWords = "covered";
inline constexpr const char* kOverTreatedWords = "over-treated";

}  // namespace pinpoint::render
