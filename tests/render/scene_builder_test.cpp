// The one scene builder of the app, the review window and the pictures: lesions as raised marks on
// the skin, the recorded tool with its footprint, the heatmap's landmarks per zone from the score's
// numbers, and zone names only where the camera sees them.
#include "render_support.h"

#include "core/geometry/mesh.h"
#include "core/tools/tool_catalogue.h"
#include "render/scene_builder.h"
#include "render/views.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <algorithm>

using namespace pinpoint;

namespace {

const core::TreatmentSurface& testSurface() {
    static const core::TreatmentSurface surface(testing::testHead());
    return surface;
}

std::size_t areaIndex(const std::string& name) {
    const auto& areas = testing::testHead().zoneFile.zones.areas;
    for (std::size_t i = 0; i < areas.size(); ++i)
        if (areas[i].name == name) return i;
    FAIL("no area " << name);
    return 0;
}

glm::vec3 centroidOf(const std::string& name) {
    for (const core::AreaSummary& a : core::summarizeAreas(testing::testHead()))
        if (a.name == name) return a.centroid;
    return {};
}

}  // namespace

TEST_CASE("scene builder: lesions are domes on the skin, along its normal, with the one radius rule") {
    const render::SceneBuilder builder(testing::testHead(), testSurface());
    const auto hit = testSurface().bvh.closestPoint(centroidOf("cheek_left"));
    REQUIRE(hit);
    const core::Lesion small{"raised_mole", hit->point, 1.0f}, large{"raised_mole", hit->point, 5.0f};
    const render::SkinMark a = builder.lesionMark(small), b = builder.lesionMark(large);
    CHECK(a.radiusMm == doctest::Approx(1.5f));  // never smaller than a visible dot
    CHECK(b.radiusMm == doctest::Approx(3.0f));
    const glm::vec3 normal = core::normalOnTriangle(testing::testHead().mesh(), hit->triangle, hit->barycentric);
    CHECK(glm::dot(a.normal, normal) > 0.999f);
    CHECK(a.normal.x > 0.3f);  // the patient's left cheek faces +x

    render::SceneInputs in;
    const std::vector<core::Lesion> lesions = {small, large};
    in.lesions = lesions;
    const render::Scene scene = builder.build(in);
    REQUIRE(scene.marks.size() == 2);
    CHECK(scene.marks[1].radiusMm == b.radiusMm);
}

TEST_CASE("scene builder: each area's heatmap landmarks are its zone's, as the score measures it") {
    const render::SceneBuilder builder(testing::testHead(), testSurface());
    core::HeatmapScale scale;
    scale.targetPerCm2 = 1000.0;
    scale.maxPerCm2 = 4000.0;
    scale.fullScale = 4000.0 / 1.5;
    scale.zones["forehead"] = {1000.0, 4000.0};
    scale.zones["cheek_left"] = {250.0, 1500.0};  // needled mostly with the roller
    render::SceneInputs in;
    in.scale = scale;
    const render::Scene scene = builder.build(in);
    CHECK(scene.densityScale.shown == render::DensityLandmarks{1000.0f, 4000.0f});
    CHECK(scene.densityScale.of(areaIndex("cheek_left")) == render::DensityLandmarks{250.0f, 1500.0f});
    CHECK(scene.densityScale.of(areaIndex("forehead")) == render::DensityLandmarks{1000.0f, 4000.0f});
    CHECK(scene.densityScale.of(areaIndex("nose")) == render::DensityLandmarks{1000.0f, 4000.0f});  // not listed: the legend's
    CHECK(scene.densityFullScale == doctest::Approx(4000.0f / 1.5f));
    CHECK(scene.densityScale.areas.size() == testing::testHead().zoneFile.zones.areas.size());
}

TEST_CASE("scene builder: the recorded tool carries its cartridge's footprint and the skin's normal") {
    const render::SceneBuilder builder(testing::testHead(), testSurface());
    const core::Result<core::ToolCatalogue> tools =
        core::readToolCatalogue(std::string(PINPOINT_GOLDEN_DIR) + "/../../assets/tools.toml");
    REQUIRE(tools.ok());
    const auto hit = testSurface().bvh.closestPoint(centroidOf("forehead"));
    REQUIRE(hit);
    core::ToolState state;
    CHECK_FALSE(builder.recordedTool(state, *tools));  // nothing posed yet: no tool
    core::ToolEvent pen;
    pen.tool = core::ToolKind::Pen;
    pen.cartridge = "36pin";
    if (!tools->findCartridge(pen.cartridge)) pen.cartridge = tools->cartridges.back().id;
    state.settings = pen;
    state.pose = core::PoseEvent{1.0, glm::dvec3(hit->point), true, std::nullopt};
    const std::optional<render::ToolShape> shape = builder.recordedTool(state, *tools);
    REQUIRE(shape);
    CHECK(shape->footprintRadiusMm == doctest::Approx(0.5 * tools->findCartridge(pen.cartridge)->footprintDiameterMm));
    CHECK(shape->liftMm == 0.0f);
    const glm::vec3 normal = core::normalOnTriangle(testing::testHead().mesh(), hit->triangle, hit->barycentric);
    CHECK(glm::dot(shape->axis, -normal) > 0.999f);  // no axis recorded: straight into the skin
    state.pose->axis = glm::dvec3(0.0, 0.0, -1.0);
    state.pose->contact = false;
    const std::optional<render::ToolShape> lifted = builder.recordedTool(state, *tools);
    CHECK(lifted->axis == glm::vec3(0.0f, 0.0f, -1.0f));
    CHECK(lifted->liftMm > 0.0f);
    // The ring as the trainee saw it: green, orange while a warning was on, red over a forbidden area.
    CHECK(lifted->ringColour == render::kRingFine);
    CHECK(builder.recordedTool(state, *tools, true)->ringColour == render::kRingWarning);
    const core::Head& head = testing::testHead();
    for (std::size_t t = 0; t < head.mesh().triangleCount(); ++t)
        if (head.areaOfTriangle(t).name == "lip_vermilion") {
            state.pose->p = glm::dvec3(core::pointOnTriangle(head.mesh(), t, glm::vec2(1.0f / 3.0f)));
            break;
        }
    CHECK(builder.recordedTool(state, *tools)->ringColour == render::kRingForbidden);

    // A roller's drum lies across the way it was rolling.
    core::ToolEvent roller;
    roller.tool = core::ToolKind::Roller;
    roller.roller = tools->rollers.front().id;
    state.settings = roller;
    state.pose = core::PoseEvent{1.0, glm::dvec3(hit->point), true, std::nullopt};
    for (const glm::dvec3 travel : {glm::dvec3(0.0, 1.0, 0.0), glm::dvec3(1.0, 0.0, 0.0)}) {
        state.travel = travel;
        const std::optional<render::ToolShape> drum = builder.recordedTool(state, *tools);
        REQUIRE(drum);
        CHECK(std::abs(glm::dot(drum->across, glm::vec3(travel))) < 0.05f);
    }
    // Once the simulation rolls the drum, its heading rules (it turns only as it rolls), not the
    // hand's latest travel: the drum is drawn as the live app drew it.
    state.travel = glm::dvec3(0.0, 1.0, 0.0);
    state.rollingHeading = glm::vec3(1.0f, 0.0f, 0.0f);
    const std::optional<render::ToolShape> rolled = builder.recordedTool(state, *tools);
    REQUIRE(rolled);
    CHECK(std::abs(rolled->across.x) < 0.05f);
    CHECK(std::abs(glm::dot(rolled->across, glm::vec3(0.0f, 1.0f, 0.0f))) > 0.5f);
}

TEST_CASE("scene builder: zone names only where the camera sees the zone") {
    const render::SceneBuilder builder(testing::testHead(), testSurface());
    const core::Bounds bounds = core::meshBounds(testing::testHead().mesh());
    const auto seen = [&](render::View view) {
        const render::Camera camera = render::frameBounds(view, bounds, 4.0f / 3.0f);
        std::vector<std::string> names;
        for (const render::SceneBuilder::ZoneLabel& l : builder.zoneLabels())
            if (builder.sees(l, camera.eye)) names.push_back(l.text);
        return names;
    };
    const auto has = [](const std::vector<std::string>& names, const char* name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    const std::vector<std::string> front = seen(render::View::Front), left = seen(render::View::Left);
    CHECK(has(front, "Forehead"));
    CHECK(has(front, "Nose"));
    CHECK(has(front, "Perioral"));  // a ring round the mouth: labelled on its own skin, not the lips
    CHECK(has(left, "Cheek left"));
    CHECK_FALSE(has(left, "Cheek right"));  // behind the head
    CHECK_FALSE(has(left, "Temple right"));
    // Every label sits on its own area's skin.
    for (const render::SceneBuilder::ZoneLabel& l : builder.zoneLabels()) {
        const auto hit = testSurface().bvh.closestPoint(l.anchor, 0.5f);
        CHECK(hit);
    }
    // Boxes that would cover each other are moved apart.
    const auto placed = render::spreadLabels({{{100.0f, 100.0f}, {80.0f, 20.0f}}, {{120.0f, 105.0f}, {80.0f, 20.0f}}});
    REQUIRE(placed[0]);
    REQUIRE(placed[1]);
    CHECK(std::abs(placed[1]->y - placed[0]->y) >= 20.0f);
}
