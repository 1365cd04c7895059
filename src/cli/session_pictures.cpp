#include "cli/session_pictures.h"

#include "core/coverage/vertex_density.h"
#include "core/review/replay_index.h"
#include "render/head_surface.h"
#include "render/offscreen_renderer.h"

#include <algorithm>

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
    out.targetPerCm2 = context.rubric.density(roller).targetPerCm2;
    out.maxPerCm2 = context.rubric.density(roller).maxPerCm2;
    if (scenario && scenario->allowedTools.size() == 1 && (scenario->allowedTools.front() == "roller") == roller)
        for (const core::ZoneScenarioRules& z : scenario->zones)
            if (z.treat && z.density.targetPerCm2 > 0.0) {
                out.targetPerCm2 = z.density.targetPerCm2;
                out.maxPerCm2 = z.density.maxPerCm2;
                break;
            }
    // The ramp: blue (none) .. green .. red at full scale .. purple at 1.5 x full scale, where the
    // skin is over-treated.
    out.fullScale = static_cast<float>(std::max(out.maxPerCm2, 1.5 * out.targetPerCm2) / 1.5);
    std::vector<double> perTriangle;
    if (at) {
        const core::ReplayIndex index(*context.surface, context.tools, context.density, session);
        perTriangle = index.densityAt(*at);
    } else {
        const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, session);
        std::vector<std::uint32_t> counts(context.head.mesh().triangles.size(), 0);
        for (const core::Puncture& p : sim.punctures) ++counts[p.triangle];
        perTriangle = context.density.densityPerCm2(counts);
    }
    out.perVertex = core::vertexDensity(context.head.mesh(), perTriangle);
    return out;
}

core::Result<std::vector<io::RgbaPixels>> renderDensityViews(const core::Head& head, const SessionDensity& density,
                                                             const PictureRequest& request) {
    auto context = render::Context::create({});
    if (!context) return context.error();
    const render::HeadSurface surface = render::headSurface(head);
    auto renderer = render::OffscreenRenderer::create(**context, surface, {request.width, request.height, request.msaa});
    if (!renderer) return renderer.error();
    render::Scene scene;
    scene.overlay = render::Overlay::Density;
    scene.vertexDensity = density.perVertex;
    scene.densityRevision = 1;
    scene.densityFullScale = density.fullScale;
    scene.background = request.background;
    const float aspect = static_cast<float>(request.width) / static_cast<float>(request.height);
    std::vector<io::RgbaPixels> pictures;
    for (render::View view : request.views) {
        scene.camera = render::frameBounds(view, core::meshBounds(head.mesh()), aspect);
        core::Result<render::Picture> picture = (*renderer)->render(scene);
        if (!picture) return picture.error();
        pictures.push_back({picture->width, picture->height, std::move(picture->rgba)});
    }
    return pictures;
}

}  // namespace pinpoint::cli
