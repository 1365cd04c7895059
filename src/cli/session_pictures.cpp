#include "cli/session_pictures.h"
#include "core/scoring/scoring_engine.h"

#include "core/coverage/vertex_density.h"
#include "core/review/replay_index.h"
#include "render/head_surface.h"
#include "render/offscreen_renderer.h"
#include "render/picture_labels.h"
#include "render/scene_builder.h"
#include "render/skin_look.h"
#include "render/surface_renderer.h"

#include <glm/geometric.hpp>
#include <cmath>

#include <algorithm>
#include <limits>

namespace pinpoint::cli {

SessionDensity sessionDensity(const TreatmentContext& context, const core::Session& session, const core::Scenario* scenario,
                              std::optional<double> at) {
    SessionDensity out;
    bool roller = false;
    for (const core::SessionEvent& e : session.events)
        if (const auto* tool = std::get_if<core::ToolEvent>(&e)) {
            roller = tool->tool == core::ToolKind::Roller;
            break;
        }
    const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, session);
    // The one scale of every screen: each zone by the device the score measures it as (up to `at`).
    out.scale = core::heatmapScale(scenario, context.rubric, roller,
                                   core::rollerByZone(context.head, sim.punctures,
                                                      at.value_or(std::numeric_limits<double>::infinity())));
    if (at) {
        const core::ReplayIndex index(*context.surface, context.tools, context.density, session);
        core::ReplayIndex::DrawnDensities drawn = index.drawnAt(*at, context.head.mesh());
        out.perVertex = std::move(drawn.all);
        out.dermalPerVertex = std::move(drawn.dermal);
        out.samples = std::move(drawn.samples);
        const std::span<const core::BleedingPoint> points = index.bleedingPoints().until(*at);
        out.bleedingPoints.assign(points.begin(), points.end());
        return out;
    }
    core::BleedingPoints bleeding(context.head.mesh());
    for (const core::Puncture& p : sim.punctures)
        if (context.tools.reachesDermis(p.depthUm)) bleeding.add(p);
    out.bleedingPoints = bleeding.points();
    const std::vector<char> rollerAreas = core::rollerAreas(context.density, sim.punctures);
    const auto dermal = [&](const core::Puncture& p) { return context.tools.reachesDermis(p.depthUm); };
    const core::PunctureTally all = core::tallyPunctures(context.density, sim.punctures);
    out.perVertex = core::drawnVertexDensity(context.head.mesh(), all, rollerAreas);
    out.samples = core::drawnSamples(all, rollerAreas);
    out.dermalPerVertex = core::drawnVertexDensity(
        context.head.mesh(), core::tallyPunctures(context.density, sim.punctures, rollerAreas, dermal), rollerAreas);
    return out;
}

void drawLesionMarkers(io::RgbaPixels& picture, const render::Camera& camera, const core::TreatmentSurface& surface,
                       const std::vector<core::Lesion>& lesions) {
    const float w = static_cast<float>(picture.width), h = static_cast<float>(picture.height);
    const glm::mat4 vp = render::viewProjection(camera, w / h);
    auto toPixel = [&](glm::vec3 p) {
        const glm::vec4 clip = vp * glm::vec4(p, 1.0f);
        return glm::vec2((clip.x / clip.w * 0.5f + 0.5f) * w, (clip.y / clip.w * 0.5f + 0.5f) * h);
    };
    const glm::vec3 right = glm::normalize(glm::cross(camera.target - camera.eye, camera.up));
    for (const core::Lesion& lesion : lesions) {
        // Seen when the first skin a ray from the eye meets is the lesion's.
        const glm::vec3 toLesion = lesion.position - camera.eye;
        const auto hit = surface.bvh.castRay(camera.eye, glm::normalize(toLesion));
        if (!hit || glm::distance(hit->point, lesion.position) > 3.0f) continue;
        const glm::vec2 centre = toPixel(lesion.position);
        const float radius = std::max(7.0f, glm::distance(centre, toPixel(lesion.position + right * (lesion.radiusMm + 1.5f))));
        const int x0 = static_cast<int>(centre.x - radius - 3), x1 = static_cast<int>(centre.x + radius + 3);
        const int y0 = static_cast<int>(centre.y - radius - 3), y1 = static_cast<int>(centre.y + radius + 3);
        for (int y = std::max(y0, 0); y <= std::min(y1, static_cast<int>(picture.height) - 1); ++y)
            for (int x = std::max(x0, 0); x <= std::min(x1, static_cast<int>(picture.width) - 1); ++x) {
                const float d = glm::distance(glm::vec2(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f), centre) - radius;
                std::uint8_t* px = &picture.rgba[(static_cast<std::size_t>(y) * picture.width + static_cast<std::size_t>(x)) * 4];
                if (std::fabs(d) <= 1.25f) {  // the red ring
                    px[0] = 220, px[1] = 38, px[2] = 38;
                } else if (std::fabs(d) <= 2.5f) {  // a white edge around it
                    px[0] = px[1] = px[2] = 255;
                }
            }
    }
}

core::Result<std::vector<io::RgbaPixels>> renderDensityViews(const TreatmentContext& treatment, const SessionDensity& density,
                                                             const PictureRequest& request,
                                                             const std::vector<core::Lesion>& lesions) {
    const core::Head& head = treatment.head;
    auto context = render::Context::create({});
    if (!context) return context.error();
    render::HeadSurface surface = render::headSurface(head);
    surface.samples = &treatment.density;
    auto renderer = render::OffscreenRenderer::create(**context, surface, {request.width, request.height, request.msaa});
    if (!renderer) return renderer.error();
    const render::SceneBuilder builder(head, *treatment.surface);
    render::SceneInputs frame;
    frame.vertexDensity = density.perVertex;
    frame.vertexBleeding = density.dermalPerVertex;
    frame.sampleDensity = density.samples.density;
    frame.rollerAreas = density.samples.roller;
    frame.bleedingPoints = density.bleedingPoints;
    frame.densityRevision = 1;
    frame.scale = density.scale;
    frame.lesions = lesions;
    frame.background = request.background;
    frame.skinTones = &treatment.skinTones;
    frame.fitzpatrick = request.fitzpatrick;
    const float aspect = static_cast<float>(request.width) / static_cast<float>(request.height);
    std::vector<io::RgbaPixels> pictures;
    for (std::size_t i = 0; i < request.views.size(); ++i) {
        frame.overlay = i < request.overlays.size() ? request.overlays[i] : request.overlay;
        frame.camera = render::frameBounds(request.views[i], core::meshBounds(head.mesh()), aspect);
        const render::Scene scene = builder.build(frame);
        core::Result<render::Picture> picture = (*renderer)->render(scene);
        if (!picture) return picture.error();
        if (scene.overlay == render::Overlay::Zones) render::drawZoneLabels(*picture, scene.camera, builder);
        if (request.legend && scene.overlay == render::Overlay::Density) render::drawDensityLegend(*picture, scene.densityScale);
        pictures.push_back({picture->width, picture->height, std::move(picture->rgba)});
        drawLesionMarkers(pictures.back(), scene.camera, *treatment.surface, lesions);
    }
    return pictures;
}

}  // namespace pinpoint::cli
