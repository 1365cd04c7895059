// The offscreen renderer on lavapipe with the validation layer on: golden images, views, overlays,
// density uploads. Any validation warning or error fails the test.
#include "render_support.h"

#include "core/geometry/mesh.h"
#include "render/head_surface.h"
#include "render/picture_labels.h"
#include "render/views.h"

#include <doctest/doctest.h>

using namespace pinpoint;
using pinpoint::testing::ValidationLog;

namespace {

constexpr std::uint32_t kWidth = 320;
constexpr std::uint32_t kHeight = 240;

struct Shot {
    render::View view = render::View::Front;
    render::Overlay overlay = render::Overlay::None;
    bool demoDensity = false;
    std::uint32_t width = kWidth;
    std::uint32_t height = kHeight;
};

render::Scene sceneFor(const Shot& shot, const std::vector<float>& density) {
    render::Scene scene;
    scene.overlay = shot.overlay;
    scene.camera = render::frameBounds(shot.view, core::meshBounds(testing::testHead().mesh()),
                                       static_cast<float>(shot.width) / static_cast<float>(shot.height));
    scene.vertexDensity = density;
    scene.densityRevision = 1;
    return scene;
}

// Renders with a fresh validated context; fails the test on any validation message, leaks included.
render::Picture renderShot(const Shot& shot, const render::HeadSurface& surface) {
    ValidationLog log;
    render::Picture picture;
    {
        auto context = testing::validatedContext(log);
        auto renderer = render::OffscreenRenderer::create(*context, surface, {shot.width, shot.height, 4});
        REQUIRE_MESSAGE(renderer.ok(), renderer.error().describe());
        std::vector<float> density;
        if (shot.demoDensity) density = render::demoDensity(testing::testHead(), 4000.0f);  // up to the default maximum
        auto result = (*renderer)->render(sceneFor(shot, density));
        REQUIRE_MESSAGE(result.ok(), result.error().describe());
        picture = std::move(*result);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
    return picture;
}

render::Picture renderShot(const Shot& shot) { return renderShot(shot, render::headSurface(testing::testHead())); }

void checkGolden(const std::string& name, const Shot& shot) {
    const render::Picture picture = renderShot(shot);
    const std::string problem = testing::checkGolden(name, picture);
    CHECK_MESSAGE(problem.empty(), problem);
}

}  // namespace

TEST_CASE("a validated Vulkan context finds a device and reports nothing") {
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        MESSAGE("device: " << context->info().name << " (" << render::deviceTypeName(context->info().type) << ")");
        CHECK_FALSE(context->info().name.empty());
        const char* icd = std::getenv("VK_ICD_FILENAMES");
        if (icd != nullptr && std::string(icd).find("lvp_icd") != std::string::npos)
            CHECK(context->info().name.find("llvmpipe") != std::string::npos);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("golden: front view, plain skin") { checkGolden("front_none", {render::View::Front}); }
TEST_CASE("golden: left view, density heatmap") {
    checkGolden("left_density", {render::View::Left, render::Overlay::Density, true});
}
TEST_CASE("golden: right view, zones") { checkGolden("right_zones", {render::View::Right, render::Overlay::Zones}); }
TEST_CASE("golden: three-quarter left view, zones") {
    checkGolden("three_quarter_left_zones", {render::View::ThreeQuarterLeft, render::Overlay::Zones});
}
TEST_CASE("golden: front view, density heatmap with its legend") {
    // As `pinpoint render --overlay density --legend` draws it: the landmarks are the default rubric's
    // pen (target 1,000, maximum 4,000 per cm2), and the made-up treatment reaches past the maximum.
    render::Picture picture = renderShot({render::View::Front, render::Overlay::Density, true, 560, 420});
    render::drawDensityLegend(picture, render::DensityScale{});
    const std::string problem = testing::checkGolden("front_density_legend", picture);
    CHECK_MESSAGE(problem.empty(), problem);
}
TEST_CASE("golden: three-quarter right view, density heatmap") {
    checkGolden("three_quarter_right_density", {render::View::ThreeQuarterRight, render::Overlay::Density, true});
}

TEST_CASE("every view frames the whole head with a margin") {
    for (render::View view : render::kAllViews) {
        CAPTURE(render::viewName(view));
        const render::Picture p = renderShot({view, render::Overlay::None, false, 160, 120});
        const double share = testing::coverage(p);
        CHECK(share > 0.15);
        CHECK(share < 0.70);
        // Nothing touches the picture's edge (the neck's clipped edge may come close to the bottom).
        bool edgeClear = true;
        for (std::uint32_t x = 0; x < p.width; ++x)
            for (std::uint32_t y : {0u, p.height - 1})
                for (int c = 0; c < 3; ++c) edgeClear = edgeClear && p.rgba[(y * p.width + x) * 4 + c] == p.rgba[c];
        for (std::uint32_t y = 0; y < p.height; ++y)
            for (std::uint32_t x : {0u, p.width - 1})
                for (int c = 0; c < 3; ++c) edgeClear = edgeClear && p.rgba[(y * p.width + x) * 4 + c] == p.rgba[c];
        CHECK(edgeClear);
    }
}

TEST_CASE("the left view shows the patient's left cheek, the right view the right one") {
    const core::Head& head = testing::testHead();
    render::HeadSurface surface = render::headSurface(head);
    // Paint the left cheek pure green and the right one pure blue; everything else grey.
    for (std::size_t i = 0; i < surface.areas.size(); ++i) {
        const std::string& name = head.zoneFile.zones.areas[i].name;
        surface.areas[i] = {name == "cheek_left"    ? glm::vec3(0, 1, 0)
                            : name == "cheek_right" ? glm::vec3(0, 0, 1)
                                                    : glm::vec3(0.5f),
                            false};
    }
    auto count = [](const render::Picture& p, int channel) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < p.rgba.size(); i += 4) {
            const int r = p.rgba[i], g = p.rgba[i + 1], b = p.rgba[i + 2];
            const int mine = channel == 1 ? g : b, other = channel == 1 ? std::max(r, b) : std::max(r, g);
            if (mine > other + 30) ++n;
        }
        return n;
    };
    const render::Picture left = renderShot({render::View::Left, render::Overlay::Zones, false, 160, 120}, surface);
    const render::Picture right = renderShot({render::View::Right, render::Overlay::Zones, false, 160, 120}, surface);
    CHECK(count(left, 1) > 200);
    CHECK(count(left, 2) < count(left, 1) / 10);
    CHECK(count(right, 2) > 200);
    CHECK(count(right, 1) < count(right, 2) / 10);
}

TEST_CASE("frames are deterministic and the density is uploaded only when its revision changes") {
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        auto renderer = render::OffscreenRenderer::create(*context, surface, {kWidth, kHeight, 4});
        REQUIRE(renderer.ok());
        const Shot shot{render::View::Front, render::Overlay::Density};
        std::vector<float> density = render::demoDensity(testing::testHead(), 100.0f);
        render::Scene scene = sceneFor(shot, density);
        const render::Picture first = *(*renderer)->render(scene);
        CHECK(first.rgba == (*(*renderer)->render(scene)).rgba);

        std::fill(density.begin(), density.end(), 0.0f);  // changed, but the revision says not
        CHECK((*(*renderer)->render(scene)).rgba == first.rgba);
        scene.densityRevision = 2;
        const render::Picture cleared = *(*renderer)->render(scene);
        CHECK(cleared.rgba != first.rgba);
        scene.overlay = render::Overlay::None;  // no density shown at all looks the same as zero density
        const render::Picture plain = *(*renderer)->render(scene);
        CHECK(testing::compareImages(cleared, plain.width, plain.height, plain.rgba, 40).differingShare < 0.05);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("an impossible image size is an error, not a crash") {
    ValidationLog log;
    {
        auto context = testing::validatedContext(log);
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        auto renderer = render::OffscreenRenderer::create(*context, surface, {1u << 20, 16, 1});
        REQUIRE_FALSE(renderer.ok());
        CHECK(renderer.error().describe().find("image size") != std::string::npos);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}
