#pragma once
// The density heatmap's colours: one table, read by the surface shader (through the frame uniforms)
// and by every legend (the app, the review window, `pinpoint render --legend`, the HTML report), so a
// legend cannot disagree with the picture.
//
// Densities are placed on a landmark scale made of the score's own numbers for the zone:
//   0 .. 1  below target   (d / target)                         viridis-like: dark violet to green, lighter as it grows
//   1 .. 2  target to maximum ((d - target) / (max - target))   a yellow to orange band: covered
//   2 .. 3  over-treated   ((d - max) / max, up to twice the maximum)  magenta to deep plum
// The colour jumps at the target and at the maximum, so both landmarks show on the skin as edges.
// Chosen for colour-blind readers: lightness rises steadily below the target, the band is far lighter
// than the green before it, and the over-treated magenta is darker and bluer than the band (the three
// stay apart under deuteranopia and protanopia).
#include <glm/vec3.hpp>

#include <array>
#include <cstdint>

namespace pinpoint::render {

struct DensityStop {
    float position;           // on the landmark scale
    std::uint8_t r, g, b;     // sRGB
};

// Two stops at one position make an edge. Keep kDensityStops in shaders/surface_interface.glsl equal
// to the size of this table.
inline constexpr std::array<DensityStop, 8> kDensityStops = {{
    {0.0f, 68, 1, 84},       // viridis 0.00
    {1.0f / 3.0f, 59, 82, 139},  // viridis 0.25
    {2.0f / 3.0f, 33, 145, 140},  // viridis 0.50
    {1.0f, 53, 183, 121},    // viridis 0.65: just below the target
    {1.0f, 253, 231, 37},    // the target reached
    {2.0f, 240, 158, 38},    // just below the maximum
    {2.0f, 214, 47, 150},    // over-treated
    {3.0f, 128, 18, 92},     // twice the maximum and beyond
}};

inline constexpr float kTargetPosition = 1.0f;
inline constexpr float kMaximumPosition = 2.0f;
inline constexpr float kScaleEnd = 3.0f;

// Where a density (punctures per cm2) sits on the landmark scale of a zone with these landmarks. The
// surface shader's densityPosition is the same rule.
float densityPosition(float perCm2, float targetPerCm2, float maxPerCm2);

// The colour at a position, interpolated in linear light as the GPU interpolates it (linear RGB 0-1).
glm::vec3 densityColourLinear(float position);

// The table as the surface shader reads it: for each of the three landmark intervals, the colour at
// its start, a third, two thirds and its end (approached from below, where the colour jumps). The
// shader finds its two neighbours by arithmetic instead of walking the stops (on lavapipe that walk
// cost a tenth of a heatmap frame); every stop lies on this grid, so the two agree exactly (tested).
inline constexpr int kGridStepsPerInterval = 3;
inline constexpr std::size_t kDensityGridSize = 3 * (kGridStepsPerInterval + 1);
std::array<glm::vec3, kDensityGridSize> densityGrid();
// The shader's lookup in that grid (shaders/surface.frag: densityRamp), for the test that they agree.
glm::vec3 densityGridColour(const std::array<glm::vec3, kDensityGridSize>& grid, float position);
// The same, encoded sRGB (0-1): for legends drawn on 8-bit sRGB pictures and web pages.
glm::vec3 densityColourSrgb(float position);

glm::vec3 srgbToLinear(glm::vec3 srgb);
glm::vec3 linearToSrgb(glm::vec3 linear);
glm::vec3 stopLinear(const DensityStop& stop);

}  // namespace pinpoint::render
