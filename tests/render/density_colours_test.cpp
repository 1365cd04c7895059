// The heatmap's colours: one table for the shader and every legend. Lightness rises below the target,
// the landmarks sit at the score's numbers, and a rendered picture shows the table's colours there.
#include "render_support.h"

#include "core/geometry/mesh.h"
#include "render/density_colours.h"
#include "render/head_surface.h"
#include "render/picture_labels.h"
#include "render/views.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace pinpoint;
using pinpoint::testing::ValidationLog;

namespace {

// CIE L*a*b* (D65) of a linear RGB colour.
glm::vec3 lab(glm::vec3 rgb) {
    const glm::vec3 xyz(0.4124f * rgb.x + 0.3576f * rgb.y + 0.1805f * rgb.z, 0.2126f * rgb.x + 0.7152f * rgb.y + 0.0722f * rgb.z,
                        0.0193f * rgb.x + 0.1192f * rgb.y + 0.9505f * rgb.z);
    const auto f = [](float t) { return t > 0.008856f ? std::cbrt(t) : 7.787f * t + 16.0f / 116.0f; };
    const glm::vec3 n(f(xyz.x / 0.9505f), f(xyz.y), f(xyz.z / 1.089f));
    return {116.0f * n.y - 16.0f, 500.0f * (n.x - n.y), 200.0f * (n.y - n.z)};
}

float deltaE(glm::vec3 a, glm::vec3 b) { return glm::distance(lab(a), lab(b)); }

}  // namespace

TEST_CASE("density colours: lightness rises steadily from nothing to just below the target") {
    float previous = -1.0f;
    for (int i = 0; i < 100; ++i) {
        const float s = render::kTargetPosition * static_cast<float>(i) / 100.0f;
        const float lightness = lab(render::densityColourLinear(s)).x;
        CAPTURE(s);
        CHECK(lightness > previous);
        previous = lightness;
    }
}

TEST_CASE("density colours: the landmarks sit at the score's target and maximum, and show as edges") {
    const float target = 1000.0f, max = 4000.0f;
    CHECK(render::densityPosition(0.0f, target, max) == 0.0f);
    CHECK(render::densityPosition(999.0f, target, max) < render::kTargetPosition);
    CHECK(render::densityPosition(target, target, max) == render::kTargetPosition);  // covered at the target
    CHECK(render::densityPosition(max, target, max) == render::kMaximumPosition);
    CHECK(render::densityPosition(max + 1.0f, target, max) > render::kMaximumPosition);  // over-treated above it
    CHECK(render::densityPosition(2.0f * max, target, max) == doctest::Approx(render::kScaleEnd));
    CHECK(render::densityPosition(10.0f * max, target, max) == render::kScaleEnd);
    // Another zone's own numbers put its landmarks at its own densities.
    CHECK(render::densityPosition(250.0f, 250.0f, 1500.0f) == render::kTargetPosition);
    CHECK(render::densityPosition(1500.0f, 250.0f, 1500.0f) == render::kMaximumPosition);

    const auto colour = [](float s) { return render::densityColourLinear(s); };
    const float e = 1e-3f;
    CHECK(deltaE(colour(render::kTargetPosition - e), colour(render::kTargetPosition)) > 20.0f);
    CHECK(deltaE(colour(render::kMaximumPosition - e), colour(render::kMaximumPosition)) > 20.0f);
    // Below target, covered and over-treated stay apart in lightness too (colour-blind readers).
    CHECK(std::abs(lab(colour(0.99f)).x - lab(colour(1.01f)).x) > 15.0f);
    CHECK(std::abs(lab(colour(1.99f)).x - lab(colour(2.01f)).x) > 15.0f);
    // The colours are the table's at its stops.
    for (const render::DensityStop& stop : render::kDensityStops)
        if (stop.position == 0.0f || stop.position == render::kScaleEnd)
            CHECK(glm::distance(colour(stop.position), render::stopLinear(stop)) < 1e-5f);
}

TEST_CASE("density colours: the shader's grid gives the table's colour everywhere, edges included") {
    const auto grid = render::densityGrid();
    for (int i = -10; i <= 3300; ++i) {
        const float s = static_cast<float>(i) / 1000.0f;
        INFO("position ", s);
        CHECK(glm::distance(render::densityGridColour(grid, s), render::densityColourLinear(s)) < 1e-5f);
    }
    // Just below each landmark the colour is the band's below it, not the one above.
    for (const float edge : {render::kTargetPosition, render::kMaximumPosition})
        CHECK(glm::distance(render::densityGridColour(grid, edge - 1e-4f), render::densityColourLinear(edge - 1e-4f)) < 1e-3f);
}

TEST_CASE("density colours: the shader's grid is as long as the CPU's") {
    std::ifstream file(std::string(PINPOINT_GOLDEN_DIR) + "/../../shaders/surface_interface.glsl");
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    CHECK(text.str().find("const uint kDensityGridSize = " + std::to_string(render::kDensityGridSize) + "u;") !=
          std::string::npos);
}

TEST_CASE("density colours: the rendered heatmap shows the legend's colour at each landmark") {
    // The same density on every vertex, seen close up on the forehead: the picture's colour must be
    // the table's colour for that density (lit, and mixed with a little skin), nearer to it than to
    // the colour of any other landmark.
    const core::Head& head = testing::testHead();
    glm::vec3 forehead(0.0f);
    for (const core::AreaSummary& a : core::summarizeAreas(head))
        if (a.name == "forehead") forehead = a.centroid;
    const float target = 600.0f, max = 2000.0f;  // a zone's own numbers, not the defaults
    const std::vector<float> densities = {0.5f * target, 1.02f * target, 0.98f * max, 1.5f * max};
    std::vector<glm::vec3> expected;
    for (float d : densities) expected.push_back(render::densityColourLinear(render::densityPosition(d, target, max)));
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(head);
        auto renderer = render::OffscreenRenderer::create(*context, surface, {96, 96, 1});
        REQUIRE(renderer.ok());
        render::Scene scene;
        scene.overlay = render::Overlay::Density;
        scene.camera.target = forehead;
        scene.camera.eye = forehead + glm::vec3(0.0f, 0.0f, 150.0f);
        scene.densityScale.shown = {target, max};
        std::vector<float> density(head.mesh().vertexCount(), 0.0f);
        for (std::size_t i = 0; i < densities.size(); ++i) {
            std::fill(density.begin(), density.end(), densities[i]);
            scene.vertexDensity = density;
            scene.densityRevision = i + 1;
            const core::Result<render::Picture> p = (*renderer)->render(scene);
            REQUIRE(p.ok());
            glm::vec3 mean(0.0f);
            for (std::uint32_t y = 38; y < 58; ++y)
                for (std::uint32_t x = 38; x < 58; ++x)
                    for (int c = 0; c < 3; ++c) mean[c] += p->rgba[(y * p->width + x) * 4 + static_cast<std::size_t>(c)] / 400.0f;
            const glm::vec3 seen = render::srgbToLinear(mean / 255.0f);
            // Compared by chromaticity: the light changes how bright the skin is, not its colour.
            const auto chroma = [](glm::vec3 c) { return c / std::max(c.x + c.y + c.z, 1e-6f); };
            std::size_t nearest = 0;
            for (std::size_t k = 1; k < expected.size(); ++k)
                if (glm::distance(chroma(seen), chroma(expected[k])) < glm::distance(chroma(seen), chroma(expected[nearest])))
                    nearest = k;
            CAPTURE(densities[i]);
            CAPTURE(mean.x);
            CAPTURE(mean.y);
            CAPTURE(mean.z);
            CHECK(nearest == i);
        }
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("density colours: the picture legend's bar is the table's colours, landmarks labelled") {
    render::Picture p{600, 200, std::vector<std::uint8_t>(600 * 200 * 4, 0)};
    render::DensityScale scale;
    scale.shown = {1000.0f, 4000.0f};
    render::drawDensityLegend(p, scale);
    // The bar is drawn with the table's colours, exactly (sRGB, as the picture is).
    const glm::vec3 yellow = render::densityColourSrgb(render::kTargetPosition + 0.05f) * 255.0f;
    const glm::vec3 plum = render::densityColourSrgb(2.9f) * 255.0f;
    bool foundYellow = false, foundPlum = false;
    for (std::size_t i = 0; i < p.rgba.size(); i += 4) {
        const glm::vec3 c(p.rgba[i], p.rgba[i + 1], p.rgba[i + 2]);
        foundYellow = foundYellow || glm::distance(c, yellow) < 3.0f;
        foundPlum = foundPlum || glm::distance(c, plum) < 3.0f;
    }
    CHECK(foundYellow);
    CHECK(foundPlum);
    CHECK(render::landmarkNumber(1000.0f) == "1,000");
    CHECK(render::landmarkNumber(250.0f) == "250");
    CHECK(render::landmarkNumber(12000.0f) == "12,000");
}
