// What the simulator adds to the picture: erythema that builds with density on plain skin, the tool
// and its footprint on the skin, and density uploads limited to the vertices that changed.
#include "render_support.h"

#include "core/coverage/bleeding_points.h"
#include "render/head_surface.h"
#include "render/surface_renderer.h"
#include "render/tool_mesh.h"
#include "render/views.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <algorithm>

using namespace pinpoint;
using testing::ValidationLog;

namespace {

constexpr std::uint32_t kWidth = 320, kHeight = 240;

render::Scene frontScene() {
    render::Scene scene;
    scene.camera = render::frameBounds(render::View::Front, core::meshBounds(testing::testHead().mesh()),
                                       static_cast<float>(kWidth) / kHeight);
    return scene;
}

double meanRedness(const render::Picture& p) {
    double sum = 0.0;
    for (std::size_t i = 0; i + 3 < p.rgba.size(); i += 4) sum += static_cast<double>(p.rgba[i]) - p.rgba[i + 1];
    return sum / static_cast<double>(p.rgba.size() / 4);
}

glm::vec3 foreheadCentre() {
    for (const core::AreaSummary& a : core::summarizeAreas(testing::testHead()))
        if (a.name == "forehead") return a.centroid;
    return {};
}

// A validated context and an offscreen renderer of the test head (the context outlives the renderer).
struct Rig {
    std::unique_ptr<render::Context> context;
    render::HeadSurface surface;
    std::unique_ptr<render::OffscreenRenderer> renderer;
};

std::unique_ptr<Rig> makeRig(ValidationLog& log, render::OffscreenOptions options = {kWidth, kHeight, 1}) {
    auto rig = std::make_unique<Rig>();
    rig->context = testing::validatedContext(log);
    rig->surface = render::headSurface(testing::testHead());
    auto renderer = render::OffscreenRenderer::create(*rig->context, rig->surface, options);
    REQUIRE(renderer.ok());
    rig->renderer = std::move(*renderer);
    return rig;
}

// The front-facing skin vertex nearest `aim`.
glm::vec3 nearestSkin(glm::vec3 aim) {
    const core::SurfaceMesh& mesh = testing::testHead().mesh();
    glm::vec3 best = mesh.positions[0];
    for (const glm::vec3& p : mesh.positions)
        if (p.z > 0.0f && glm::length(p - aim) < glm::length(best - aim)) best = p;
    return best;
}

// Punctures within `radiusMm` of `at` add `perCm2` to `density`, reported in `scene` the way the
// live density reports them (a new revision, the changed range and the box around it).
void punctureAround(render::Scene& scene, std::vector<float>& density, glm::vec3 at, float radiusMm, float perCm2) {
    const core::SurfaceMesh& mesh = testing::testHead().mesh();
    core::Bounds box{glm::vec3(1e30f), glm::vec3(-1e30f)};
    std::size_t first = density.size(), last = 0;
    for (std::size_t v = 0; v < mesh.vertexCount(); ++v) {
        if (glm::length(mesh.positions[v] - at) > radiusMm) continue;
        density[v] += perCm2;
        box.min = glm::min(box.min, mesh.positions[v]);
        box.max = glm::max(box.max, mesh.positions[v]);
        first = std::min(first, v);
        last = std::max(last, v);
    }
    REQUIRE(first <= last);
    scene.densityRevision += 1;
    scene.densityChangedFirst = first;
    scene.densityChangedCount = last - first + 1;
    scene.densityChangedBox = box;
}

}  // namespace

TEST_CASE("erythema: punctures redden plain skin, and zero density leaves it untouched") {
    ValidationLog log;
    {
        const auto rig = makeRig(log);
        auto& renderer = rig->renderer;
        render::Scene scene = frontScene();
        const render::Picture untreated = *renderer->render(scene);
        const std::vector<float> zeros(testing::testHead().mesh().vertexCount(), 0.0f);
        scene.vertexDensity = zeros;
        scene.densityRevision = 1;
        CHECK((*renderer->render(scene)).rgba == untreated.rgba);
        const std::vector<float> density = render::demoDensity(testing::testHead(), 100.0f);
        scene.vertexDensity = density;
        scene.densityRevision = 2;
        const render::Picture treated = *renderer->render(scene);
        // Type II's erythema (the default skin; assets/skin_tones.toml) from shallow punctures alone,
        // over a picture that is mostly background.
        CHECK(meanRedness(treated) > meanRedness(untreated) + 0.8);
        CHECK(testing::compareImages(treated, kWidth, kHeight, untreated.rgba, 12).differingShare > 0.015);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("pinpoint bleeding shows only where the needles reached the dermis") {
    ValidationLog log;
    {
        const auto rig = makeRig(log);
        auto& renderer = rig->renderer;
        render::Scene scene = frontScene();
        // Close to the forehead, where the demo density is at about full scale.
        const glm::vec3 forehead = foreheadCentre();
        scene.camera.target = forehead;
        scene.camera.eye = forehead + glm::vec3(0.0f, 0.0f, 180.0f);
        scene.camera.nearMm = 10.0f;
        scene.camera.farMm = 1000.0f;
        const std::vector<float> density = render::demoDensity(testing::testHead(), 100.0f);
        const std::vector<float> none(density.size(), 0.0f);
        // A puncture at the middle of every forehead triangle near the centre, each reaching the dermis.
        const core::SurfaceMesh& mesh = testing::testHead().mesh();
        core::BleedingPoints points(mesh);
        for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
            core::Puncture p;
            p.triangle = t;
            p.barycentric = glm::vec2(1.0f / 3.0f);
            p.point = core::pointOnTriangle(mesh, t, p.barycentric);
            if (glm::distance(p.point, forehead) < 25.0f) points.add(p);
        }
        REQUIRE(points.points().size() > 30);
        scene.bleedingPoints = points.points();
        const auto picture = [&](const std::vector<float>& dermal, std::uint64_t revision, bool withPoints) {
            scene.vertexDensity = density;
            scene.vertexBleeding = dermal;
            scene.densityRevision = revision;
            scene.bleedingPoints = withPoints ? std::span<const core::BleedingPoint>(points.points())
                                              : std::span<const core::BleedingPoint>();
            return *renderer->render(scene);
        };
        const render::Picture plain = picture(none, 1, false);
        CHECK(picture(none, 2, true).rgba == plain.rgba);  // no dermal density: no drop
        const render::Picture deep = picture(density, 3, true);
        const render::Picture erythemaOnly = picture(density, 4, false);
        // Where the drops are: darker, redder pixels than the same skin without them, each next to
        // one of the punctures as projected.
        const glm::mat4 vp = render::viewProjection(scene.camera, static_cast<float>(kWidth) / kHeight);
        std::vector<glm::vec2> projected;
        for (const core::BleedingPoint& b : points.points()) {
            const glm::vec4 c = vp * glm::vec4(b.position, 1.0f);
            projected.emplace_back((c.x / c.w * 0.5f + 0.5f) * kWidth, (c.y / c.w * 0.5f + 0.5f) * kHeight);
        }
        std::size_t drops = 0, astray = 0;
        for (std::size_t i = 0; i + 3 < deep.rgba.size(); i += 4) {
            if (deep.rgba[i + 1] + 12 > erythemaOnly.rgba[i + 1]) continue;
            ++drops;
            const glm::vec2 pixel(static_cast<float>((i / 4) % kWidth) + 0.5f, static_cast<float>((i / 4) / kWidth) + 0.5f);
            float nearest = 1e9f;
            for (const glm::vec2& q : projected) nearest = std::min(nearest, glm::distance(q, pixel));
            astray += nearest > 2.5f;
        }
        CAPTURE(drops);
        CAPTURE(astray);
        CHECK(drops > 20);
        CHECK(astray == 0);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("the tool is drawn: a pen along the needle axis and a roller on the skin") {
    ValidationLog log;
    {
        const auto rig = makeRig(log);
        auto& renderer = rig->renderer;
        render::Scene scene = frontScene();
        const render::Picture bare = *renderer->render(scene);
        render::ToolShape pen;
        pen.tip = foreheadCentre();
        pen.axis = glm::normalize(glm::vec3(0.3f, -0.2f, -1.0f));
        scene.tool = pen;
        const render::Picture withPen = *renderer->render(scene);
        CHECK(testing::compareImages(withPen, kWidth, kHeight, bare.rgba, 24).differingShare > 0.004);
        render::ToolShape roller = pen;
        roller.kind = render::ToolShape::Kind::Roller;
        scene.tool = roller;
        const render::Picture withRoller = *renderer->render(scene);
        CHECK(testing::compareImages(withRoller, kWidth, kHeight, withPen.rgba, 24).differingShare > 0.003);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("the footprint shows on the skin in its state's colour, even with the pen pointing at the camera") {
    ValidationLog log;
    {
        const auto rig = makeRig(log, {kWidth, kHeight, 1});
        auto& renderer = rig->renderer;
        render::Scene scene = frontScene();
        const glm::vec3 tip = nearestSkin(foreheadCentre());
        // Where the tip lands in the picture.
        const glm::mat4 vp = render::viewProjection(scene.camera, static_cast<float>(kWidth) / kHeight);
        const glm::vec4 clip = vp * glm::vec4(tip, 1.0f);
        const int px = static_cast<int>((clip.x / clip.w + 1.0f) * 0.5f * kWidth);
        const int py = static_cast<int>((clip.y / clip.w + 1.0f) * 0.5f * kHeight);
        // Pixels near the tip in a colour (strongly green, or strongly red) the skin never has.
        const auto coloured = [&](const render::Picture& p, bool green) {
            std::size_t n = 0;
            for (int y = py - 12; y <= py + 12; ++y)
                for (int x = px - 12; x <= px + 12; ++x) {
                    const std::uint8_t* c = &p.rgba[4 * (static_cast<std::size_t>(y) * kWidth + x)];
                    n += green ? (c[1] > c[0] + 30 && c[1] > c[2] + 20) : (c[0] > c[1] + 90 && c[0] > c[2] + 90);
                }
            return n;
        };
        for (const bool towardCamera : {false, true}) {
            CAPTURE(towardCamera);
            render::ToolShape pen;
            pen.tip = tip;
            pen.axis = towardCamera ? glm::normalize(tip - scene.camera.eye) : glm::normalize(glm::vec3(0.3f, -0.2f, -1.0f));
            pen.footprintRadiusMm = 3.0f;
            pen.ringColour = {0.1f, 0.9f, 0.3f};
            scene.tool = pen;
            const render::Picture fine = *renderer->render(scene);
            pen.ringColour = {0.95f, 0.08f, 0.05f};
            scene.tool = pen;
            const render::Picture forbidden = *renderer->render(scene);
            CHECK(coloured(fine, true) >= 8);
            CHECK(coloured(forbidden, false) >= 8);
            CHECK(coloured(forbidden, true) == 0);
        }
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("tool meshes stay within the vertex budget, opaque parts first") {
    render::ToolShape t;
    CHECK(render::toolMesh(t).size() <= render::kMaxToolVertices);
    t.kind = render::ToolShape::Kind::Roller;
    const auto roller = render::toolMesh(t);
    CHECK(roller.size() <= render::kMaxToolVertices);
    CHECK(roller.size() % 3 == 0);
    t.kind = render::ToolShape::Kind::Pen;
    std::size_t opaque = 0;
    const auto pen = render::toolMesh(t, &opaque);
    REQUIRE(opaque < pen.size());  // the clear cartridge
    CHECK(opaque % 3 == 0);
    for (std::size_t i = 0; i < pen.size(); ++i) CHECK((pen[i].colour.w >= 1.0f) == (i < opaque));
}

TEST_CASE("every tool triangle winds counter-clockwise seen from outside (the opaque parts' backs are culled)") {
    for (const auto kind : {render::ToolShape::Kind::Pen, render::ToolShape::Kind::Roller}) {
        render::ToolShape t;
        t.kind = kind;
        t.tip = {0.0f, 1500.0f, 100.0f};
        const auto mesh = render::toolMesh(t);
        std::size_t inward = 0, flat = 0;
        for (std::size_t i = 0; i + 2 < mesh.size(); i += 3) {
            const glm::vec3 n = glm::cross(mesh[i + 1].position - mesh[i].position, mesh[i + 2].position - mesh[i].position);
            if (glm::length(n) < 1e-9f) {
                ++flat;
                continue;
            }
            // The vertex normals point out of the part; the winding's normal must agree.
            if (glm::dot(n, mesh[i].normal + mesh[i + 1].normal + mesh[i + 2].normal) <= 0.0f) ++inward;
        }
        CAPTURE(kind == render::ToolShape::Kind::Pen);
        CHECK(inward == 0);
        CHECK(flat < mesh.size() / 30);
    }
}

TEST_CASE("only the vertices that changed are uploaded") {
    ValidationLog log;
    {
        const auto rig = makeRig(log);
        auto& renderer = rig->renderer;
        render::Scene scene = frontScene();
        std::vector<float> density(testing::testHead().mesh().vertexCount(), 0.0f);
        scene.vertexDensity = density;
        scene.densityRevision = 1;  // first sight: everything
        REQUIRE(renderer->draw(scene).ok());
        const std::size_t whole = renderer->densityBytesUploaded();
        CHECK(whole == density.size() * 2 * sizeof(float));  // density and bleeding per vertex
        density[100] = 50.0f;
        density[104] = 50.0f;
        scene.densityRevision = 2;
        scene.densityChangedFirst = 100;
        scene.densityChangedCount = 5;
        REQUIRE(renderer->draw(scene).ok());
        CHECK(renderer->densityBytesUploaded() - whole == 5 * 2 * sizeof(float));
        REQUIRE(renderer->draw(scene).ok());  // same revision: nothing
        CHECK(renderer->densityBytesUploaded() - whole == 5 * 2 * sizeof(float));
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("a kept picture redrawn only where the tool and the density changed equals one drawn whole") {
    ValidationLog log;
    // Single-sampled as on lavapipe, and with 4x multisampling resolved into the kept picture, as on a GPU.
    for (const std::uint32_t samples : {1u, 4u}) {
        CAPTURE(samples);
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        render::OffscreenOptions keptOptions{kWidth, kHeight, samples};
        keptOptions.keepPicture = true;
        auto kept = render::OffscreenRenderer::create(*context, surface, keptOptions);
        auto whole = render::OffscreenRenderer::create(*context, surface, {kWidth, kHeight, samples});
        REQUIRE(kept.ok());
        REQUIRE(whole.ok());
        REQUIRE((*kept)->samples() == (samples == 1 ? vk::SampleCountFlagBits::e1 : vk::SampleCountFlagBits::e4));
        const core::SurfaceMesh& mesh = testing::testHead().mesh();
        std::vector<float> density(mesh.vertexCount(), 0.0f);
        for (render::Overlay overlay : {render::Overlay::Density, render::Overlay::None}) {
            render::Scene scene = frontScene();
            scene.overlay = overlay;
            scene.densityFullScale = 1000.0f;
            scene.vertexDensity = density;
            render::ToolShape pen;
            pen.axis = glm::normalize(glm::vec3(0.3f, -0.2f, -1.0f));
            const glm::vec3 start = foreheadCentre() - glm::vec3(25.0f, 0.0f, 0.0f);
            for (int step = 0; step < 8; ++step) {
                // The pen moves 7 mm along the forehead; the skin under it gets punctures.
                const glm::vec3 aim = start + glm::vec3(7.0f * static_cast<float>(step), 0.0f, 0.0f);
                pen.tip = nearestSkin(aim);
                scene.tool = pen;
                punctureAround(scene, density, pen.tip, 4.0f, 400.0f);
                const render::Picture a = *(*kept)->render(scene);
                const render::Picture b = *(*whole)->render(scene);
                CAPTURE(step);
                CHECK(a.rgba == b.rgba);
            }
        }
        // Only the first frame of each overlay was drawn whole; the rest were small parts of it.
        const std::uint64_t pixels = std::uint64_t{kWidth} * kHeight;
        CHECK((*kept)->redrawnPixels() < 2 * pixels + 14 * pixels / 4);
        CHECK((*whole)->redrawnPixels() == 16 * pixels);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("density that changes off screen is still sent, and shows once the camera turns to it") {
    ValidationLog log;
    {
        const auto rig = makeRig(log, {kWidth, kHeight, 1, true});
        auto whole = render::OffscreenRenderer::create(*rig->context, rig->surface, {kWidth, kHeight, 1});
        REQUIRE(whole.ok());
        const core::SurfaceMesh& mesh = testing::testHead().mesh();
        std::vector<float> density(mesh.vertexCount(), 0.0f);
        render::Scene scene = frontScene();
        scene.vertexDensity = density;
        scene.densityFullScale = 1000.0f;
        // Close on the forehead: the chin is off screen.
        const glm::vec3 forehead = foreheadCentre();
        scene.camera.target = forehead;
        scene.camera.eye = forehead + glm::vec3(0.0f, 0.0f, 150.0f);
        scene.camera.nearMm = 10.0f;
        scene.densityRevision = 1;
        REQUIRE(rig->renderer->draw(scene).ok());
        REQUIRE((*whole)->draw(scene).ok());
        glm::vec3 chin = mesh.positions[0];
        for (const glm::vec3& p : mesh.positions)
            if (p.z > 40.0f && std::abs(p.x) < 10.0f && p.y < chin.y) chin = p;  // the lowest front point
        punctureAround(scene, density, chin, 8.0f, 800.0f);
        REQUIRE(rig->renderer->draw(scene).ok());  // nothing on screen changed
        REQUIRE((*whole)->draw(scene).ok());
        // The whole head in view, and new punctures elsewhere: the chin's must show too.
        scene.camera = frontScene().camera;
        punctureAround(scene, density, nearestSkin(forehead), 8.0f, 800.0f);
        const render::Picture kept = *rig->renderer->render(scene);
        const render::Picture drawnWhole = *(*whole)->render(scene);
        CHECK(kept.rgba == drawnWhole.rgba);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("bleeding points: seeking back to a prefix, and a new list, draw exactly what a fresh renderer draws") {
    ValidationLog log;
    {
        const auto rig = makeRig(log);
        const auto fresh = makeRig(log);
        render::Scene scene = frontScene();
        const glm::vec3 forehead = foreheadCentre();
        scene.camera.target = forehead;
        scene.camera.eye = forehead + glm::vec3(0.0f, 0.0f, 180.0f);
        scene.camera.nearMm = 10.0f;
        scene.camera.farMm = 1000.0f;
        const std::vector<float> density = render::demoDensity(testing::testHead(), 100.0f);
        scene.vertexDensity = density;
        scene.vertexBleeding = density;
        scene.densityRevision = 1;
        const core::SurfaceMesh& mesh = testing::testHead().mesh();
        core::BleedingPoints points(mesh);
        for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
            core::Puncture p;
            p.triangle = t;
            p.barycentric = glm::vec2(0.25f, 0.5f);
            p.point = core::pointOnTriangle(mesh, t, p.barycentric);
            p.t = glm::distance(p.point, forehead);  // made outward from the centre
            if (p.t < 30.0) points.add(p);
        }
        std::vector<core::BleedingPoint> sorted = points.points();
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.t < b.t; });
        const std::span<const core::BleedingPoint> all(sorted);
        const auto draw = [&](Rig& r, std::span<const core::BleedingPoint> shown, std::uint64_t generation) {
            scene.bleedingPoints = shown;
            scene.bleedingGeneration = generation;
            return *r.renderer->render(scene);
        };
        const render::Picture whole = draw(*rig, all, 1);
        const render::Picture half = draw(*rig, all.first(all.size() / 2), 1);  // seeking back
        CHECK(half.rgba != whole.rgba);
        CHECK(half.rgba == draw(*fresh, all.first(all.size() / 2), 1).rgba);
        CHECK(draw(*rig, all, 1).rgba == whole.rgba);  // and forward again
        // Another list (a new session) of the same length: resent from the start.
        std::vector<core::BleedingPoint> moved = sorted;
        for (core::BleedingPoint& b : moved) b.position += 3.0f * b.normal + glm::vec3(4.0f, 0.0f, 0.0f);
        const render::Picture other = draw(*rig, moved, 2);
        CHECK(other.rgba != whole.rgba);
        CHECK(other.rgba == draw(*fresh, moved, 2).rgba);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}
