// The heatmap drawn at the needles' scale: each pixel of a zone takes the density of the point whose
// sub-triangle holds it (shaders/skin_samples.glsl), the point the score counts that skin at
// (core::SkinSamples::containing). Two checks, offscreen on lavapipe with validation on:
//  - the GPU's lookup is the core's: a random pattern of points, bare or covered, drawn close up; the
//    pixel at every point's centre shows its own point's colour;
//  - a 2 mm band of bare skin across the needled forehead reads bare all along its centre line at
//    1280x720 (drawn per vertex, 2.5-4 mm apart, it read as a broken line of spots).
#include "render_support.h"

#include "core/coverage/density_field.h"
#include "core/coverage/treatment_measurement.h"
#include "core/coverage/vertex_density.h"
#include "core/geometry/surface_walk.h"
#include "core/scoring/rubric.h"
#include "render/head_surface.h"
#include "render/scene_builder.h"
#include "render/views.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <cmath>
#include <functional>

using namespace pinpoint;
using pinpoint::testing::ValidationLog;

namespace {

constexpr float kTarget = 1000.0f, kMaximum = 4000.0f;  // the landmarks the pictures are drawn with

struct World {
    const core::Head* head = nullptr;
    core::DensityField field;
    std::uint16_t forehead = 0;
    glm::vec3 centre{0.0f};  // the forehead's centroid
};

const World& world() {
    static const World w = [] {
        World out;
        out.head = &testing::testHead();
        auto rubric = core::readRubric(std::string(PINPOINT_SOURCE_DIR) + "/assets/rubric.toml");
        REQUIRE_MESSAGE(rubric.ok(), rubric.error().describe());
        const core::TriangleAdjacency adjacency(out.head->mesh());
        out.field = core::measurementField(*out.head, adjacency, *rubric);
        const auto& areas = out.head->zoneFile.zones.areas;
        for (std::size_t a = 0; a < areas.size(); ++a)
            if (areas[a].name == "forehead") out.forehead = static_cast<std::uint16_t>(a);
        for (const core::AreaSummary& a : core::summarizeAreas(*out.head))
            if (a.name == "forehead") out.centre = a.centroid;
        return out;
    }();
    return w;
}

struct Drawing {
    std::vector<float> samples;  // per point (empty: the heatmap per vertex alone)
    std::vector<float> vertices;
};

render::Picture draw(const render::Camera& camera, std::uint32_t width, std::uint32_t height, const Drawing& drawing) {
    render::HeadSurface surface = render::headSurface(*world().head);
    if (!drawing.samples.empty()) surface.samples = &world().field;
    ValidationLog log;
    render::Picture picture;
    {
        auto context = testing::validatedContext(log);
        auto renderer = render::OffscreenRenderer::create(*context, surface, {width, height, 4});
        REQUIRE_MESSAGE(renderer.ok(), renderer.error().describe());
        render::Scene scene;
        scene.camera = camera;
        scene.overlay = render::Overlay::Density;
        scene.densityScale.shown = {kTarget, kMaximum};
        scene.sampleDensity = drawing.samples;
        scene.vertexDensity = drawing.vertices;
        scene.densityRevision = 1;
        auto drawn = (*renderer)->render(scene);
        REQUIRE_MESSAGE(drawn.ok(), drawn.error().describe());
        picture = std::move(*drawn);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
    return picture;
}

glm::vec3 pixel(const render::Picture& p, glm::vec2 at) {
    const std::size_t x = static_cast<std::size_t>(at.x), y = static_cast<std::size_t>(at.y);
    const std::uint8_t* px = &p.rgba[(y * p.width + x) * 4];
    return glm::vec3(px[0], px[1], px[2]);
}

bool inside(const render::Picture& p, glm::vec2 at, float margin) {
    return at.x >= margin && at.y >= margin && at.x < static_cast<float>(p.width) - margin &&
           at.y < static_cast<float>(p.height) - margin;
}

// Every pen point of the forehead at `density(point)`, all else 0.
std::vector<float> foreheadAt(const std::function<float(std::uint32_t)>& density) {
    const core::SkinSamples& pen = world().field.samples(false);
    std::vector<float> out(pen.size() + world().field.samples(true).size(), 0.0f);
    for (std::uint32_t s = 0; s < pen.size(); ++s)
        if (pen.area(s) == world().forehead) out[s] = density(s);
    return out;
}

}  // namespace

TEST_CASE("the heatmap colours each pixel by the point whose sub-triangle holds it, as the core finds it") {
    const World& w = world();
    const core::SkinSamples& pen = w.field.samples(false);
    constexpr std::uint32_t kWidth = 640, kHeight = 480;
    render::Camera camera;  // 70 mm in front of the forehead: a point's sub-triangle spans ten pixels or so
    camera.target = w.centre;
    camera.eye = w.centre + glm::vec3(0.0f, 0.0f, 70.0f);
    camera.nearMm = 5.0f;
    camera.farMm = 500.0f;
    const auto covered = [](std::uint32_t s) { return ((s * 2654435761u) >> 13) & 1u; };  // a fixed random pattern
    const render::Picture pattern = draw(camera, kWidth, kHeight, {foreheadAt([&](std::uint32_t s) { return covered(s) ? 2.0f * kTarget : 0.0f; }), {}});
    const render::Picture allCovered = draw(camera, kWidth, kHeight, {foreheadAt([](std::uint32_t) { return 2.0f * kTarget; }), {}});
    const render::Picture allBare = draw(camera, kWidth, kHeight, {foreheadAt([](std::uint32_t) { return 0.0f; }), {}});

    const glm::vec3 toEye = glm::normalize(camera.eye - camera.target);
    const glm::vec2 size(static_cast<float>(kWidth), static_cast<float>(kHeight));
    std::size_t checked = 0, right = 0;
    for (std::uint32_t s = 0; s < pen.size(); ++s) {
        if (pen.area(s) != w.forehead) continue;
        const std::optional<glm::vec2> at = render::projectToPixels(camera, size, pen.position(s));
        if (!at || !inside(pattern, *at, 4.0f)) continue;
        // Facing the camera, so the sub-triangle is many pixels across.
        if (glm::dot(core::triangleNormal(w.head->mesh(), pen.triangle(s)), toEye) < 0.8f) continue;
        const glm::vec3 c = pixel(allCovered, *at), b = pixel(allBare, *at), p = pixel(pattern, *at);
        if (glm::distance(c, b) < 40.0f) continue;  // not a heatmap pixel (hair, brow)
        ++checked;
        const bool looksCovered = glm::distance(p, c) < glm::distance(p, b);
        if (looksCovered == (covered(s) != 0u)) ++right;
    }
    MESSAGE("points checked: " << checked << ", showing their own colour: " << right);
    REQUIRE(checked > 2000);
    CHECK(right == checked);
}

TEST_CASE("a 2 mm band of bare skin across the needled forehead reads bare all along its centre line") {
    const World& w = world();
    const core::SkinSamples& pen = w.field.samples(false);
    // Every pen point of the forehead needled (8 punctures at each: between the target and the
    // maximum) except those within 1 mm of the band's centre line, a level 2 mm band at the centroid.
    const float bandY = w.centre.y;
    core::PunctureTally tally(w.field);
    for (std::uint32_t s = 0; s < pen.size(); ++s)
        if (pen.area(s) == w.forehead && std::abs(pen.position(s).y - bandY) >= 1.0f)
            for (int k = 0; k < 8; ++k) tally.addAtHome(pen.triangle(s), w.forehead, core::ToolKind::Pen, false, s);
    tally.settle();
    const std::vector<char> penEverywhere(w.field.areaCount(), 0);
    const core::DrawnSamples drawn = core::drawnSamples(tally, penEverywhere);
    const std::vector<float> vertices = core::drawnVertexDensity(w.head->mesh(), tally, penEverywhere);

    constexpr std::uint32_t kWidth = 1280, kHeight = 720;
    const render::Camera camera = render::frameBounds(render::View::Front, core::meshBounds(w.head->mesh()),
                                                      static_cast<float>(kWidth) / static_cast<float>(kHeight));
    // (Drawn from the vertices alone, as before, 30 of the 80 centre line pixels read bare.)
    const render::Picture band = draw(camera, kWidth, kHeight, {drawn.density, vertices});
    // References: the whole forehead covered (as the strips are), untouched, and half way to the target.
    const auto uniform = [&](float d) {
        std::vector<float> v(w.head->mesh().vertexCount(), 0.0f);
        for (std::size_t t = 0; t < w.head->mesh().triangleCount(); ++t)
            if (w.field.areaOf(t) == w.forehead)
                for (std::uint32_t c : {w.head->mesh().triangles[t].a, w.head->mesh().triangles[t].b, w.head->mesh().triangles[t].c}) v[c] = d;
        return draw(camera, kWidth, kHeight, {foreheadAt([d](std::uint32_t) { return d; }), v});
    };
    const render::Picture covered = uniform(2.4f * kTarget), bare = uniform(0.0f), half = uniform(0.5f * kTarget);
    const auto looksCovered = [&](glm::vec2 at) {
        const glm::vec3 p = pixel(band, at);
        return glm::distance(p, pixel(covered, at)) < std::min(glm::distance(p, pixel(bare, at)), glm::distance(p, pixel(half, at)));
    };

    // Along the centre line and along lines through the strips 4 mm above and below it: the points
    // there well inside the zone, facing the camera, one pixel each.
    const glm::vec2 size(static_cast<float>(kWidth), static_cast<float>(kHeight));
    const auto along = [&](float offsetMm, float withinMm) {
        std::vector<glm::vec2> pixels;
        for (std::uint32_t s = 0; s < pen.size(); ++s) {
            if (pen.area(s) != w.forehead || std::abs(pen.position(s).y - (bandY + offsetMm)) > withinMm || pen.edgeDistanceMm(s) < 6.0f)
                continue;
            if (core::triangleNormal(w.head->mesh(), pen.triangle(s)).z < 0.7f) continue;
            const std::optional<glm::vec2> at = render::projectToPixels(camera, size, pen.position(s));
            if (!at || !inside(band, *at, 2.0f)) continue;
            const glm::vec2 whole(std::floor(at->x), std::floor(at->y));
            if (std::find(pixels.begin(), pixels.end(), whole) == pixels.end()) pixels.push_back(whole);
        }
        return pixels;
    };
    const std::vector<glm::vec2> centreLine = along(0.0f, 0.15f);
    std::size_t bareOnLine = 0;
    for (glm::vec2 at : centreLine) bareOnLine += looksCovered(at) ? 0 : 1;
    std::size_t strips = 0, coveredInStrips = 0;
    for (const float offset : {-4.0f, 4.0f})
        for (glm::vec2 at : along(offset, 0.15f)) {
            ++strips;
            coveredInStrips += looksCovered(at) ? 1 : 0;
        }
    MESSAGE("centre line pixels: " << centreLine.size() << ", bare: " << bareOnLine << "; strip pixels: " << strips
                                << ", covered: " << coveredInStrips);
    REQUIRE(centreLine.size() >= 60);
    REQUIRE(strips >= 120);
    CHECK(static_cast<double>(bareOnLine) >= 0.9 * static_cast<double>(centreLine.size()));
    CHECK(static_cast<double>(coveredInStrips) >= 0.9 * static_cast<double>(strips));
}
