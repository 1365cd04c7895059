#include "render/scene_builder.h"

#include "core/geometry/mesh.h"
#include "render/skin_look.h"
#include "render/surface_renderer.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace pinpoint::render {

namespace {

std::string labelText(std::string name) {
    std::replace(name.begin(), name.end(), '_', ' ');
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

DensityLandmarks landmarks(const core::DensityTargets& t) {
    return {static_cast<float>(t.targetPerCm2), static_cast<float>(t.maxPerCm2)};
}

}  // namespace

SceneBuilder::SceneBuilder(const core::Head& head, const core::TreatmentSurface& surface)
    : head_(&head), surface_(&surface) {
    // Each label sits on the area's own triangle nearest its centroid (a ring-shaped zone such as the
    // perioral one has its centroid over another area).
    const std::vector<core::AreaSummary> areas = core::summarizeAreas(head);
    const core::SurfaceMesh& mesh = head.mesh();
    std::vector<std::optional<std::size_t>> nearest(areas.size());
    std::vector<float> best(areas.size(), std::numeric_limits<float>::infinity());
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        if (!head.geometry.parts.empty() && head.geometry.parts[t] != core::SurfacePart::Skin) continue;
        const std::size_t a = head.labels.areaOfTriangle[t];
        if (a >= areas.size()) continue;
        const float d = glm::distance(core::pointOnTriangle(mesh, t, glm::vec2(1.0f / 3.0f)), areas[a].centroid);
        if (d < best[a]) {
            best[a] = d;
            nearest[a] = t;
        }
    }
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (nearest[a])
            labels_.push_back({labelText(areas[a].name), areas[a].kind == core::AreaKind::Forbidden,
                               core::pointOnTriangle(mesh, *nearest[a], glm::vec2(1.0f / 3.0f)),
                               core::normalOnTriangle(mesh, *nearest[a], glm::vec2(1.0f / 3.0f))});
}

SkinMark SceneBuilder::lesionMark(const core::Lesion& lesion) const {
    SkinMark mark;
    mark.position = lesion.position;
    // The dome stays small enough to show the skin around it, and big enough to see from afar.
    mark.radiusMm = std::max(1.5f, 0.6f * lesion.radiusMm);
    if (const auto hit = surface_->bvh.closestPoint(lesion.position, 5.0f))
        mark.normal = core::normalOnTriangle(head_->mesh(), hit->triangle, hit->barycentric);
    return mark;
}

DensityScale SceneBuilder::densityScale(const core::HeatmapScale& scale) const {
    DensityScale out;
    out.shown = {static_cast<float>(scale.targetPerCm2), static_cast<float>(scale.maxPerCm2)};
    for (const core::Area& area : head_->zoneFile.zones.areas) out.areas.push_back(landmarks(scale.of(area.name)));
    return out;
}

std::optional<ToolShape> SceneBuilder::recordedTool(const core::ToolState& state, const core::ToolCatalogue& tools,
                                                    bool warningOn) const {
    if (!state.pose) return std::nullopt;
    ToolShape shape;
    const bool roller = state.settings && state.settings->tool == core::ToolKind::Roller;
    shape.kind = roller ? ToolShape::Kind::Roller : ToolShape::Kind::Pen;
    shape.tip = glm::vec3(state.pose->p);
    const auto hit = surface_->bvh.closestPoint(shape.tip, 5.0f);
    if (state.pose->axis) shape.axis = glm::normalize(glm::vec3(*state.pose->axis));
    else if (hit) shape.axis = -core::normalOnTriangle(head_->mesh(), hit->triangle, hit->barycentric);
    shape.liftMm = state.pose->contact ? 0.0f : 2.5f;
    const bool forbidden = hit && (head_->areaOfTriangle(hit->triangle).kind == core::AreaKind::Forbidden ||
                                   (!head_->geometry.parts.empty() && head_->geometry.parts[hit->triangle] == core::SurfacePart::Eye));
    shape.ringColour = forbidden ? kRingForbidden : warningOn ? kRingWarning : kRingFine;
    if (state.settings && !roller)
        if (const core::Cartridge* c = tools.findCartridge(state.settings->cartridge))
            shape.footprintRadiusMm = static_cast<float>(0.5 * c->footprintDiameterMm);
    if (roller) {
        const core::Roller* r = state.settings->roller.empty() ? tools.findRollerByNeedles(state.settings->needles)
                                                              : tools.findRoller(state.settings->roller);
        if (r) {
            shape.drumDiameterMm = static_cast<float>(r->drumDiameterMm);
            shape.drumWidthMm = static_cast<float>(r->drumWidthMm);
        }
        // The drum lies across the way the simulation rolled it (as the trainee saw it), before that
        // across the way the tool moved, else across the head.
        glm::vec3 along(0.0f);
        if (state.rollingHeading) along = *state.rollingHeading;
        else if (state.travel) along = glm::vec3(*state.travel);
        glm::vec3 across = glm::cross(shape.axis, along);
        if (glm::length(across) < 1e-3f) across = glm::cross(shape.axis, glm::vec3(0.0f, 1.0f, 0.0f));
        if (glm::length(across) < 1e-3f) across = glm::vec3(1.0f, 0.0f, 0.0f);
        shape.across = glm::normalize(across);
    }
    return shape;
}

Scene SceneBuilder::build(const SceneInputs& in) const {
    Scene scene;
    scene.camera = in.camera;
    scene.overlay = in.overlay;
    scene.vertexDensity = in.vertexDensity;
    scene.vertexBleeding = in.vertexBleeding;
    scene.sampleDensity = in.sampleDensity;
    scene.rollerAreas = in.rollerAreas;
    scene.densityRevision = in.densityRevision;
    if (in.changed) {
        scene.densityChangedFirst = in.changed->first;
        scene.densityChangedCount = in.changed->count;
        scene.sampleChangedFirst = in.changed->sampleFirst;
        scene.sampleChangedCount = in.changed->sampleCount;
        if (in.changed->count > 0) scene.densityChangedBox = in.changed->box;
    }
    scene.densityScale = densityScale(in.scale);
    scene.densityFullScale = static_cast<float>(in.scale.fullScale);
    scene.tool = in.tool;
    for (const core::Lesion& lesion : in.lesions) scene.marks.push_back(lesionMark(lesion));
    scene.background = in.background;
    if (in.skinTones) scene.skin = skinLook(*in.skinTones, in.fitzpatrick);
    scene.bleedingPoints = in.bleedingPoints;
    scene.bleedingGeneration = in.bleedingGeneration;
    return scene;
}

bool SceneBuilder::sees(const ZoneLabel& label, glm::vec3 eye) const {
    const glm::vec3 toEye = eye - label.anchor;
    if (glm::dot(label.normal, glm::normalize(toEye)) < 0.2f) return false;  // edge-on or facing away
    const auto hit = surface_->bvh.castRay(eye, -toEye);
    return hit && glm::distance(hit->point, label.anchor) < 3.0f;
}

std::vector<std::optional<glm::vec2>> spreadLabels(const std::vector<std::pair<glm::vec2, glm::vec2>>& boxes) {
    std::vector<std::optional<glm::vec2>> placed;
    const auto clear = [&](glm::vec2 centre, glm::vec2 size) {
        for (std::size_t i = 0; i < placed.size(); ++i)
            if (placed[i] && std::abs(placed[i]->x - centre.x) < 0.5f * (boxes[i].second.x + size.x) &&
                std::abs(placed[i]->y - centre.y) < 0.5f * (boxes[i].second.y + size.y))
                return false;
        return true;
    };
    for (const auto& [centre, size] : boxes) {
        std::optional<glm::vec2> at;
        for (float step : {0.0f, 1.0f, -1.0f, 2.0f, -2.0f})
            if (const glm::vec2 c = centre + glm::vec2(0.0f, step * (size.y + 2.0f)); clear(c, size)) {
                at = c;
                break;
            }
        placed.push_back(at);
    }
    return placed;
}

std::optional<glm::vec2> projectToPixels(const Camera& camera, glm::vec2 size, glm::vec3 point) {
    const glm::vec4 clip = viewProjection(camera, size.x / std::max(size.y, 1.0f)) * glm::vec4(point, 1.0f);
    if (clip.w <= 0.0f) return std::nullopt;
    return glm::vec2((clip.x / clip.w * 0.5f + 0.5f) * size.x, (clip.y / clip.w * 0.5f + 0.5f) * size.y);
}

}  // namespace pinpoint::render
