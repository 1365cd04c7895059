// The case editor's head: what a click on it does (a zone in or out of the plan, a lesion placed and
// sized), and what is drawn over it (the zone names, kept off the lesion being placed; zones out of
// the plan; the lesions' extent), with the test hooks' lines for them.
#include "app/case_editor_state.h"

#include "app/head_overlays.h"
#include "render/views.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstdio>

namespace pinpoint::app::case_editor {

std::string zoneAt(const EditorState& s, const core::SurfaceHit& hit) {
    const std::uint16_t area = s.in.surface->areas.areaAt(hit.triangle, hit.point);
    const auto& areas = s.in.head->zoneFile.zones.areas;
    return area < areas.size() ? areas[area].name : std::string();
}

// A left click on the skin: a zone in or out of the plan, or a lesion placed (then sized by dragging).
void clickHead(EditorState& s, const core::SurfaceHit& hit) {
    core::Scenario& c = s.draft->scenario;
    const std::string zone = zoneAt(s, hit);
    char line[160];
    std::snprintf(line, sizeof line, "picked %.3f %.3f %.3f %s", hit.point.x, hit.point.y, hit.point.z, zone.c_str());
    s.hooks.line(line);
    if (s.headTool == HeadTool::Zones) {
        for (core::ZoneScenarioRules& z : c.zones)
            if (z.zone == zone) {
                z.treat = !z.treat;
                auto& avoid = c.plan.avoidZones;  // a zone back in the plan is no longer one to avoid
                if (z.treat) avoid.erase(std::remove(avoid.begin(), avoid.end(), zone), avoid.end());
                s.changed = true;
                s.hooks.line("zone " + zone + (z.treat ? " in" : " out"));
                s.status = zone + (z.treat ? " is in the plan" : " is out of the plan");
            }
        return;
    }
    c.lesions.push_back({kLesionKinds[static_cast<std::size_t>(s.lesionKind)], hit.point, 0.5f * kNewLesionDiameterMm});
    s.sizing = c.lesions.size() - 1;
    s.changed = true;
    s.status = std::string("Placed a ") + kLesionKinds[static_cast<std::size_t>(s.lesionKind)] + " on " + zone +
               ", 3 mm across; drag away from it to size it (1 mm for every 10 pixels), or type its diameter on the Lesions tab";
}

// The lesion just placed, while the button is held: its diameter follows the pointer's travel from the
// click (window pixels), 1 mm for every 10 pixels at any zoom, so a few millimetres are easy to set;
// a click that hardly moves keeps 3 mm.
void sizeLesion(EditorState& s, glm::vec2 pointer) {
    if (!s.sizing || *s.sizing >= s.draft->scenario.lesions.size()) return;
    const float pixels = glm::distance(pointer, s.sizingFrom);
    if (pixels < 4.0f) return;
    const float diameter = std::clamp(std::round(pixels) / kDragPixelsPerMm, kLesionDiameterMm.first, kLesionDiameterMm.second);
    core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
    if (0.5f * diameter != l.radiusMm) {
        l.radiusMm = 0.5f * diameter;
        s.changed = true;
        char line[80];
        std::snprintf(line, sizeof line, "sizing lesion %zu diameter %.1f", *s.sizing, diameter);
        s.hooks.line(line);
    }
}

namespace {

// Where the zone names must not go: over the lesion being sized, or under the pointer about to place one.
std::optional<ClearSpot> spotToKeepClear(const EditorState& s, const HeadView& view, glm::vec2 pointer, bool overHead) {
    const auto& [cam, viewport, scale] = view;
    if (s.headTool != HeadTool::Lesion) return std::nullopt;
    if (s.sizing && *s.sizing < s.draft->scenario.lesions.size()) {
        const core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
        const std::optional<glm::vec2> centre = render::projectToPixels(cam, viewport, l.position);
        const std::optional<glm::vec2> edge = render::projectToPixels(cam, viewport, l.position + glm::vec3(l.radiusMm, 0.0f, 0.0f));
        if (centre && edge) return ClearSpot{*centre / scale, glm::distance(*centre, *edge) / scale.x + 16.0f};
    }
    if (overHead) return ClearSpot{pointer, 40.0f};
    return std::nullopt;
}

// The zone names drawn, for the test hooks, when they change ("labels cheek_left nose ...").
void reportLabels(EditorState& s, const std::vector<DrawnLabel>& drawn) {
    if (!s.hooks.enabled()) return;
    std::vector<std::string> names;
    for (const DrawnLabel& d : drawn) names.push_back(d.text);
    std::sort(names.begin(), names.end());
    std::string line = "labels ";
    for (const std::string& n : names) line += n + "|";
    if (line != s.labelsListed) s.hooks.line(s.labelsListed = line);
}

}  // namespace

void finishSizing(EditorState& s) {
    if (*s.sizing < s.draft->scenario.lesions.size()) {
        const core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
        char line[160];
        std::snprintf(line, sizeof line, "lesion %zu %s %.3f %.3f %.3f %.2f", *s.sizing, l.kind.c_str(), l.position.x,
                      l.position.y, l.position.z, l.radiusMm);
        s.hooks.line(line);
    }
    s.sizing.reset();
}

void drawHeadMarks(EditorState& s, const render::SceneBuilder& sceneBuilder, const HeadView& view, glm::vec2 pointer,
                   bool overHead) {
    const auto& [cam, viewport, scale] = view;
    const std::optional<ClearSpot> clear = spotToKeepClear(s, view, pointer, overHead);
    reportLabels(s, drawZoneLabels(sceneBuilder, cam, viewport / scale, clear));
    // What the zones overlay does not show: the zones out of the plan, and the lesions' extent
    // (a lesion under a label would otherwise be hidden).
    ImDrawList* draw = ImGui::GetBackgroundDrawList();  // under the panels, over the labels
    for (const render::SceneBuilder::ZoneLabel& label : sceneBuilder.zoneLabels()) {
        if (label.forbidden || !sceneBuilder.sees(label, cam.eye)) continue;
        const std::optional<core::SurfaceHit> at = s.in.surface->bvh.closestPoint(label.anchor, 2.0f);
        const core::ZoneScenarioRules* zone = at ? s.draft->scenario.zone(zoneAt(s, *at)) : nullptr;
        if (!zone || zone->treat) continue;
        if (const std::optional<glm::vec2> p = render::projectToPixels(cam, viewport, label.anchor)) {
            const ImVec2 text(p->x / scale.x - 40.0f, p->y / scale.y + 11.0f);
            if (clear && boxMeetsSpot({text.x - 3.0f, text.y - 1.0f}, {text.x + 86.0f, text.y + 19.0f}, *clear)) continue;
            draw->AddRectFilled(ImVec2(text.x - 3.0f, text.y - 1.0f), ImVec2(text.x + 86.0f, text.y + 19.0f),
                                IM_COL32(0, 0, 0, 190), 3.0f);
            draw->AddText(text, IM_COL32(255, 90, 70, 255), "not in plan");
        }
    }
    for (const core::Lesion& l : s.draft->scenario.lesions) {
        const std::optional<glm::vec2> centre = render::projectToPixels(cam, viewport, l.position);
        const std::optional<glm::vec2> edge =
            render::projectToPixels(cam, viewport, l.position + glm::vec3(l.radiusMm, 0.0f, 0.0f));
        if (!centre || !edge) continue;
        const float r = std::max(3.0f, glm::distance(*centre, *edge) / scale.x);
        draw->AddCircle(ImVec2(centre->x / scale.x, centre->y / scale.y), r, IM_COL32(255, 220, 40, 255), 32, 2.0f);
    }
    if (s.hooks.enabled())  // where each zone's label sits, for the tests to click
        for (const render::SceneBuilder::ZoneLabel& label : sceneBuilder.zoneLabels()) {
            if (!sceneBuilder.sees(label, cam.eye)) continue;
            const std::optional<core::SurfaceHit> at = s.in.surface->bvh.closestPoint(label.anchor, 2.0f);
            if (!at) continue;
            const std::string name = zoneAt(s, *at);
            if (const std::optional<glm::vec2> p = render::projectToPixels(cam, viewport, label.anchor))
                s.hooks.position("point", name, p->x, p->y);
        }
}

}  // namespace pinpoint::app::case_editor
