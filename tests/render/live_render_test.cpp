// What the simulator adds to the picture: erythema that builds with density on plain skin, the tool
// and its footprint ring, and density uploads limited to the vertices that changed.
#include "render_support.h"

#include "render/head_surface.h"
#include "render/tool_mesh.h"
#include "render/views.h"

#include <doctest/doctest.h>

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

}  // namespace

TEST_CASE("erythema: punctures redden plain skin, and zero density leaves it untouched") {
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        auto renderer = render::OffscreenRenderer::create(*context, surface, {kWidth, kHeight, 1});
        REQUIRE(renderer.ok());
        render::Scene scene = frontScene();
        const render::Picture untreated = *(*renderer)->render(scene);
        const std::vector<float> zeros(testing::testHead().mesh().vertexCount(), 0.0f);
        scene.vertexDensity = zeros;
        scene.densityRevision = 1;
        CHECK((*(*renderer)->render(scene)).rgba == untreated.rgba);
        const std::vector<float> density = render::demoDensity(testing::testHead(), 100.0f);
        scene.vertexDensity = density;
        scene.densityRevision = 2;
        const render::Picture treated = *(*renderer)->render(scene);
        CHECK(meanRedness(treated) > meanRedness(untreated) + 2.0);
        CHECK(testing::compareImages(treated, kWidth, kHeight, untreated.rgba, 12).differingShare > 0.03);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("the tool is drawn: a pen along the needle axis and a roller on the skin") {
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        auto renderer = render::OffscreenRenderer::create(*context, surface, {kWidth, kHeight, 1});
        REQUIRE(renderer.ok());
        render::Scene scene = frontScene();
        const render::Picture bare = *(*renderer)->render(scene);
        render::ToolShape pen;
        pen.tip = foreheadCentre();
        pen.axis = glm::normalize(glm::vec3(0.3f, -0.2f, -1.0f));
        scene.tool = pen;
        const render::Picture withPen = *(*renderer)->render(scene);
        CHECK(testing::compareImages(withPen, kWidth, kHeight, bare.rgba, 24).differingShare > 0.004);
        render::ToolShape roller = pen;
        roller.kind = render::ToolShape::Kind::Roller;
        scene.tool = roller;
        const render::Picture withRoller = *(*renderer)->render(scene);
        CHECK(testing::compareImages(withRoller, kWidth, kHeight, withPen.rgba, 24).differingShare > 0.003);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("tool meshes stay within the vertex budget") {
    render::ToolShape t;
    CHECK(render::toolMesh(t).size() <= render::kMaxToolVertices);
    t.kind = render::ToolShape::Kind::Roller;
    const auto roller = render::toolMesh(t);
    CHECK(roller.size() <= render::kMaxToolVertices);
    CHECK(roller.size() % 3 == 0);
}

TEST_CASE("only the vertices that changed are uploaded") {
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        auto renderer = render::OffscreenRenderer::create(*context, surface, {kWidth, kHeight, 1});
        REQUIRE(renderer.ok());
        render::Scene scene = frontScene();
        std::vector<float> density(testing::testHead().mesh().vertexCount(), 0.0f);
        scene.vertexDensity = density;
        scene.densityRevision = 1;  // first sight: everything
        REQUIRE((*renderer)->draw(scene).ok());
        const std::size_t whole = (*renderer)->densityBytesUploaded();
        CHECK(whole == density.size() * sizeof(float));
        density[100] = 50.0f;
        density[104] = 50.0f;
        scene.densityRevision = 2;
        scene.densityChangedFirst = 100;
        scene.densityChangedCount = 5;
        REQUIRE((*renderer)->draw(scene).ok());
        CHECK((*renderer)->densityBytesUploaded() - whole == 5 * sizeof(float));
        REQUIRE((*renderer)->draw(scene).ok());  // same revision: nothing
        CHECK((*renderer)->densityBytesUploaded() - whole == 5 * sizeof(float));
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}
