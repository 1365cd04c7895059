// Golden pictures of the tool on the skin (lavapipe, validation on): the pen on the forehead seen from
// the front, its footprint drawn on the skin and its shadow beside it; and the same pen pointing
// straight at the camera, where it turns see-through in front of the footprint.
#include "render_support.h"

#include "core/face/head.h"
#include "render/head_surface.h"
#include "render/views.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

using namespace pinpoint;
using pinpoint::testing::ValidationLog;

namespace {

constexpr std::uint32_t kWidth = 480, kHeight = 360;

glm::vec3 foreheadSkin() {
    glm::vec3 centroid(0.0f);
    for (const core::AreaSummary& a : core::summarizeAreas(testing::testHead()))
        if (a.name == "forehead") centroid = a.centroid;
    // The skin vertex nearest the centroid, on the front of the face.
    const core::SurfaceMesh& mesh = testing::testHead().mesh();
    glm::vec3 best = mesh.positions[0];
    for (const glm::vec3& p : mesh.positions)
        if (p.z > 0.0f && glm::distance(p, centroid) < glm::distance(best, centroid)) best = p;
    return best;
}

void checkToolGolden(const std::string& name, bool towardCamera) {
    render::Scene scene;
    scene.camera = render::frameBounds(render::View::Front, core::meshBounds(testing::testHead().mesh()),
                                       static_cast<float>(kWidth) / kHeight);
    // Closer than the whole head: the upper face.
    const glm::vec3 tip = foreheadSkin();
    scene.camera.target = tip - glm::vec3(0.0f, 25.0f, 0.0f);
    scene.camera.eye = scene.camera.target + glm::vec3(0.0f, 0.0f, 380.0f);
    scene.camera.nearMm = 20.0f;
    scene.camera.farMm = 2000.0f;
    render::ToolShape pen;
    pen.tip = tip;
    pen.axis = towardCamera ? glm::normalize(tip - scene.camera.eye) : glm::normalize(glm::vec3(0.35f, -0.25f, -1.0f));
    pen.footprintRadiusMm = 3.0f;
    pen.ringColour = {0.1f, 0.9f, 0.3f};
    scene.tool = pen;
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        auto renderer = render::OffscreenRenderer::create(*context, surface, {kWidth, kHeight, 4});
        REQUIRE_MESSAGE(renderer.ok(), renderer.error().describe());
        auto picture = (*renderer)->render(scene);
        REQUIRE_MESSAGE(picture.ok(), picture.error().describe());
        const std::string problem = testing::checkGolden(name, *picture);
        CHECK_MESSAGE(problem.empty(), problem);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

}  // namespace

TEST_CASE("golden: the pen on the forehead, its footprint and shadow on the skin") {
    checkToolGolden("front_pen_footprint", false);
}
TEST_CASE("golden: the pen pointing at the camera turns see-through over its footprint") {
    checkToolGolden("front_pen_toward_camera", true);
}
