// The live warnings judge by the score's own rules (issue 22, item 3): the area under the tool is the
// one a puncture there is counted in (the zone rules at the point, not the triangle's label), and a
// lesion is touched by the same geometry the score counts punctures in.
#include "app/live_treatment.h"
#include "core/scoring/lesion_rules.h"
#include "sim_fixture.h"

#include <glm/geometric.hpp>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

app::LiveTreatment liveOn(const core::Scenario& scenario, app::AppServices& services) {
    services = {&world().head, &world().tools, &world().rubric, nullptr, world().surface.get(), &world().density, nullptr, {}};
    return app::LiveTreatment(services, scenario, {}, std::nullopt);
}

core::Scenario healthyCase() {
    core::Scenario s;
    s.id = "live-rules";
    s.maxNeedleAngleDeg = 90.0;
    s.maxTravelSpeedMmPerS = 1000.0;
    return s;
}

}  // namespace

TEST_CASE("the area under the tool is the one a puncture there is counted in, also on triangles a border crosses") {
    const core::Head& head = world().head;
    const core::SurfaceMesh& mesh = head.mesh();
    app::AppServices services;
    const core::Scenario scenario = healthyCase();
    const app::LiveTreatment live = liveOn(scenario, services);
    int crossedPoints = 0, differFromLabel = 0;
    for (std::uint32_t t = 0; t < mesh.triangleCount() && differFromLabel < 50; ++t) {
        for (const glm::vec2 b : {glm::vec2(0.8f, 0.1f), glm::vec2(0.1f, 0.8f), glm::vec2(0.1f, 0.1f)}) {
            const glm::vec3 point = core::pointOnTriangle(mesh, t, b);
            const std::uint16_t counted = world().surface->areas.areaAt(t, point);  // as the simulation counts a puncture
            if (counted == head.labels.areaOfTriangle[t]) continue;
            ++differFromLabel;
            app::ToolState tool;
            tool.hit.triangle = t;
            tool.hit.point = point;
            tool.hit.barycentric = b;
            tool.hit.normal = core::normalOnTriangle(mesh, t, b);
            tool.axis = -tool.hit.normal;
            const app::Feedback f = live.assess(tool);
            CHECK_MESSAGE(f.area == head.zoneFile.zones.areas[counted].name, "triangle " << t);
            ++crossedPoints;
        }
    }
    CHECK(differFromLabel >= 20);  // the head has such points: the check above ran
    MESSAGE(crossedPoints << " points where the triangle's label is not the area counted");
}

TEST_CASE("a lesion is touched live exactly where the footprint can put a puncture the score counts in it") {
    const glm::vec3 centre = world().skinAt({30.0f, 1560.0f, 400.0f}, {0.0f, 0.0f, -1.0f});
    const core::Lesion mole{"raised_mole", centre, 2.0f};
    // The score's rule: on or inside the radius.
    CHECK(core::inLesion(mole, centre + glm::vec3(2.0f, 0.0f, 0.0f)));
    CHECK_FALSE(core::inLesion(mole, centre + glm::vec3(2.01f, 0.0f, 0.0f)));
    // A footprint reaches it when one of its needles could land on or inside the radius.
    CHECK(core::footprintReachesLesion(mole, centre + glm::vec3(4.5f, 0.0f, 0.0f), 2.5f));
    CHECK_FALSE(core::footprintReachesLesion(mole, centre + glm::vec3(4.51f, 0.0f, 0.0f), 2.5f));
    CHECK(core::footprintReachesLesion(mole, centre + glm::vec3(2.0f, 0.0f, 0.0f), 0.0f) ==
          core::inLesion(mole, centre + glm::vec3(2.0f, 0.0f, 0.0f)));

    core::Scenario scenario = healthyCase();
    scenario.lesions.push_back(mole);
    app::AppServices services;
    const app::LiveTreatment live = liveOn(scenario, services);
    const auto hitAt = [&](glm::vec3 from) {
        const std::optional<core::SurfaceHit> hit = world().surface->bvh.castRay(from, {0.0f, 0.0f, -1.0f});
        REQUIRE(hit);
        app::ToolState tool;
        tool.hit = *hit;
        tool.axis = -hit->normal;
        tool.footprintRadiusMm = 0.0;  // a single needle: exactly the score's rule
        return tool;
    };
    const auto touches = [&](const app::ToolState& tool) {
        for (const core::TreatmentWarning& w : live.assess(tool).warnings)
            if (w.kind == core::WarningKind::Lesion) return true;
        return false;
    };
    // Along the skin from the centre outwards: the live warning and the score's count agree at each step.
    for (float dx = 0.0f; dx <= 3.0f; dx += 0.05f) {
        const app::ToolState tool = hitAt({centre.x + dx, centre.y, 400.0f});
        CAPTURE(dx);
        CHECK(touches(tool) == core::inLesion(mole, tool.hit.point));
    }
}
