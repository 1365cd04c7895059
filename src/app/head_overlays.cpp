#include "app/head_overlays.h"

#include "render/density_colours.h"
#include "render/picture_labels.h"

#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace pinpoint::app {

namespace {

// The swapchain is sRGB and ImGui's colours are linear (app/imgui_session.h): the table's linear
// colours go in as they are, and the GPU blends the bar between them in linear light as the
// surface shader does.
ImU32 linearColour(glm::vec3 c, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, alpha)); }

void centredText(ImDrawList* draw, ImVec2 centre, const std::string& text, ImU32 colour) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    draw->AddText(ImVec2(centre.x - 0.5f * size.x, centre.y), colour, text.c_str());
}

}  // namespace

glm::vec2 drawDensityLegend(const render::DensityScale& scale, glm::vec2 bottomLeft) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float barWidth = 420.0f, barHeight = 14.0f, pad = 8.0f;
    // Zones with targets of their own (a scenario may set them) are coloured by their own numbers.
    std::set<std::pair<float, float>> others;
    for (const render::DensityLandmarks& l : scale.areas)
        if (!(l == scale.shown)) others.insert({l.targetPerCm2, l.maxPerCm2});
    const glm::vec2 size(barWidth + 2.0f * pad, (others.empty() ? 3.0f : 4.0f) * line + barHeight + 3.5f * pad);
    const ImVec2 a(bottomLeft.x, bottomLeft.y - size.y), b(bottomLeft.x + size.x, bottomLeft.y);
    draw->AddRectFilled(a, b, linearColour(glm::vec3(0.004f), 0.82f), 4.0f);
    const ImU32 text = linearColour(glm::vec3(0.85f));
    const float x0 = a.x + pad;
    float y = a.y + pad;
    draw->AddText(ImVec2(x0, y), text, "Punctures per cm\u00b2, as the score counts them");
    y += line + pad;
    // One gradient between each pair of stops; an edge (two stops at one position) takes no width.
    const auto xAt = [&](float s) { return x0 + barWidth * s / render::kScaleEnd; };
    for (std::size_t i = 0; i + 1 < render::kDensityStops.size(); ++i) {
        const render::DensityStop &s0 = render::kDensityStops[i], &s1 = render::kDensityStops[i + 1];
        if (s1.position <= s0.position) continue;
        const ImU32 c0 = linearColour(render::stopLinear(s0)), c1 = linearColour(render::stopLinear(s1));
        draw->AddRectFilledMultiColor(ImVec2(xAt(s0.position), y), ImVec2(xAt(s1.position), y + barHeight), c0, c1, c1, c0);
    }
    for (float s : {render::kTargetPosition, render::kMaximumPosition})
        draw->AddLine(ImVec2(xAt(s), y - 3.0f), ImVec2(xAt(s), y + barHeight + 3.0f), text, 2.0f);
    y += barHeight + 0.5f * pad;
    centredText(draw, ImVec2(xAt(render::kTargetPosition), y), "target " + render::landmarkNumber(scale.shown.targetPerCm2), text);
    centredText(draw, ImVec2(xAt(render::kMaximumPosition), y), "maximum " + render::landmarkNumber(scale.shown.maxPerCm2), text);
    y += line;
    centredText(draw, ImVec2(xAt(0.5f), y), render::kBelowTargetWords, text);
    centredText(draw, ImVec2(xAt(1.5f), y), render::kCoveredWords, text);
    centredText(draw, ImVec2(xAt(2.5f), y), render::kOverTreatedWords, text);
    if (!others.empty()) {
        y += line;
        draw->AddText(ImVec2(x0, y), linearColour(glm::vec3(0.45f)), "some zones have their own target and maximum");
    }
    return size;
}

std::string legendLine(const render::DensityScale& scale) {
    char text[96];
    std::snprintf(text, sizeof text, "legend target %.0f maximum %.0f", scale.shown.targetPerCm2, scale.shown.maxPerCm2);
    return text;
}

bool boxMeetsSpot(glm::vec2 a, glm::vec2 b, const ClearSpot& spot) {
    const glm::vec2 nearest = glm::clamp(spot.centre, glm::min(a, b), glm::max(a, b));
    return glm::distance(nearest, spot.centre) < spot.radius;
}

std::vector<DrawnLabel> drawZoneLabels(const render::SceneBuilder& builder, const render::Camera& camera, glm::vec2 viewport,
                                       const std::optional<ClearSpot>& clear) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    std::vector<const render::SceneBuilder::ZoneLabel*> shown;
    std::vector<std::pair<glm::vec2, glm::vec2>> boxes;
    for (const render::SceneBuilder::ZoneLabel& label : builder.zoneLabels()) {
        if (!builder.sees(label, camera.eye)) continue;
        if (const std::optional<glm::vec2> at = render::projectToPixels(camera, viewport, label.anchor)) {
            const ImVec2 size = ImGui::CalcTextSize(label.text.c_str());
            shown.push_back(&label);
            boxes.emplace_back(*at, glm::vec2(size.x + 8.0f, size.y + 4.0f));
        }
    }
    const std::vector<std::optional<glm::vec2>> placed = render::spreadLabels(boxes);
    std::vector<DrawnLabel> drawn;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (!placed[i]) continue;
        const glm::vec2 a = *placed[i] - 0.5f * boxes[i].second, b = *placed[i] + 0.5f * boxes[i].second;
        if (clear && boxMeetsSpot(a, b, *clear)) continue;
        drawn.push_back({shown[i]->text, a, b});
        draw->AddRectFilled(ImVec2(a.x, a.y), ImVec2(b.x, b.y), linearColour(glm::vec3(0.003f), 0.72f), 3.0f);
        draw->AddText(ImVec2(a.x + 4.0f, a.y + 2.0f),
                      linearColour(shown[i]->forbidden ? glm::vec3(1.0f, 0.35f, 0.3f) : glm::vec3(1.0f)), shown[i]->text.c_str());
    }
    return drawn;
}

}  // namespace pinpoint::app
