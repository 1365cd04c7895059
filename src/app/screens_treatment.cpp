// The live panel during treatment: the tool's settings (keys [ ] depth, - = speed), the zone under
// the tool and its depth range, warnings, per-zone coverage of the plan, overlays, Finish.
#include "app/screens.h"
#include "app/treatment_hand.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pinpoint::app {

namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

// Changes the settings and records them, when they changed.
void changeTool(AppState& state, int depthSteps, int speedSteps) {
    const core::ToolCatalogue& catalogue = *state.services.tools;
    ToolSetup before = state.tool;
    if (state.tool.kind == core::ToolKind::Pen) {
        const double step = catalogue.pen.depthStepMm;
        state.tool.depthMm = std::clamp(roundToStep(state.tool.depthMm + depthSteps * step, step),
                                        catalogue.pen.minDepthMm, catalogue.pen.maxDepthMm);
        const int levels = static_cast<int>(catalogue.pen.speedLevelsHz.size());
        state.tool.speedLevel = std::clamp(state.tool.speedLevel + speedSteps, 0, std::max(levels - 1, 0));
    } else if (const core::Roller* r = catalogue.findRoller(state.tool.roller); r && !r->needleLengthsMm.empty()) {
        // A roller's length is fixed by the roller chosen: step through the lengths sold.
        const auto& lengths = r->needleLengthsMm;
        auto it = std::min_element(lengths.begin(), lengths.end(), [&](double a, double b) {
            return std::abs(a - state.tool.rollerLengthMm) < std::abs(b - state.tool.rollerLengthMm);
        });
        const long i = std::clamp<long>(std::distance(lengths.begin(), it) + depthSteps, 0, static_cast<long>(lengths.size()) - 1);
        state.tool.rollerLengthMm = lengths[static_cast<std::size_t>(i)];
    }
    if (before.depthMm != state.tool.depthMm || before.speedLevel != state.tool.speedLevel ||
        before.rollerLengthMm != state.tool.rollerLengthMm)
        recordEvent(state, toolEvent(state, state.recorder->now()));
}

void coverageBar(const ZoneProgress& z, float width) {
    char text[96];
    std::snprintf(text, sizeof text, "%s %.0f%%%s", displayName(z.name).c_str(), 100.0 * z.coverage,
                  z.overTreated > 0.01 ? " OVER" : "");
    const ImVec4 colour = z.overTreated > 0.01 ? ImVec4(0.85f, 0.2f, 0.7f, 1.0f)
                          : z.coverage >= 0.9  ? ImVec4(0.25f, 0.75f, 0.3f, 1.0f)
                                               : ImVec4(0.25f, 0.5f, 0.85f, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
    ImGui::ProgressBar(static_cast<float>(z.coverage), ImVec2(width, 0.0f), text);
    ImGui::PopStyleColor();
}

}  // namespace

void drawTreatmentPanel(AppState& state, const TreatmentHand& hand) {
    const ImGuiIO& io = ImGui::GetIO();
    // Every press counts, however short (the window queues them; ImGui 1.86 would miss a quick tap).
    for (const int key : io.WantCaptureKeyboard ? std::vector<int>{} : state.keyPresses) {
        if (key == GLFW_KEY_RIGHT_BRACKET) changeTool(state, +1, 0);
        if (key == GLFW_KEY_LEFT_BRACKET) changeTool(state, -1, 0);
        if (key == GLFW_KEY_EQUAL) changeTool(state, 0, +1);
        if (key == GLFW_KEY_MINUS) changeTool(state, 0, -1);
        if (key == GLFW_KEY_Z) state.overlay = state.overlay == render::Overlay::Zones ? render::Overlay::None : render::Overlay::Zones;
        if (key == GLFW_KEY_H) state.overlay = state.overlay == render::Overlay::Density ? render::Overlay::None : render::Overlay::Density;
    }
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kTreatmentPanelWidth, 0));
    ImGui::SetNextWindowSize(ImVec2(kTreatmentPanelWidth, io.DisplaySize.y));
    ImGui::Begin("Treatment", nullptr, kPanelFlags);
    const core::ToolEvent t = toolEvent(state, 0.0);
    if (t.tool == core::ToolKind::Pen)
        ImGui::Text("Pen, %s: depth %.2f mm, %.0f strokes/s", t.cartridge.c_str(), t.depthMm, t.speedHz);
    else
        ImGui::Text("Roller, %d needles, %.2f mm", t.needles, t.depthMm);
    if (hookedButton(state, "Depth -", "depth_down")) changeTool(state, -1, 0);
    ImGui::SameLine();
    if (hookedButton(state, "Depth +", "depth_up")) changeTool(state, +1, 0);
    if (t.tool == core::ToolKind::Pen) {
        ImGui::SameLine();
        if (hookedButton(state, "Speed -", "speed_down")) changeTool(state, 0, -1);
        ImGui::SameLine();
        if (hookedButton(state, "Speed +", "speed_up")) changeTool(state, 0, +1);
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Left button: needles down. Right-drag: turn the head. Wheel: zoom. Keys [ ] depth, - = speed.");
    ImGui::PopTextWrapPos();
    ImGui::Separator();

    const Feedback& f = hand.feedback();
    if (hand.tool()) {
        ImGui::Text("Under the tool: %s", displayName(f.area).c_str());
        if (f.depth) ImGui::Text("Depth range here: %.2f - %.2f mm", f.depth->minMm, f.depth->maxMm);
        ImGui::Text("Density: %.0f /cm2   angle %.0f deg", f.densityPerCm2, f.angleDeg);
    } else {
        ImGui::TextDisabled("Move the mouse over the skin.");
    }
    if (!state.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.4f, 1.0f), "%s", state.error.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.42f, 0.3f, 1.0f));
    for (const core::TreatmentWarning& w : f.warnings) ImGui::TextWrapped("! %s", w.text.c_str());
    ImGui::PopStyleColor();
    if (f.warnings.empty() && hand.tool())
        ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.45f, 1.0f), hand.inContact() ? "Needling - good" : "Ready");
    ImGui::Separator();

    ImGui::Text("Coverage of your plan");
    if (state.live) {
        const float half = 0.5f * (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x);
        int column = 0;
        for (const ZoneProgress& z : state.live->progress()) {
            if (column++ % 2) ImGui::SameLine();
            coverageBar(z, half);
        }
        ImGui::Text("Punctures: %zu", state.live->punctures());
        if (state.live->forbiddenPunctures() > 0)
            ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1.0f), "In forbidden areas: %zu", state.live->forbiddenPunctures());
    }
    ImGui::Separator();
    ImGui::Text("Show (Z, H):");
    ImGui::SameLine();
    if (ImGui::RadioButton("Skin", state.overlay == render::Overlay::None)) state.overlay = render::Overlay::None;
    ImGui::SameLine();
    if (ImGui::RadioButton("Zones", state.overlay == render::Overlay::Zones)) state.overlay = render::Overlay::Zones;
    ImGui::SameLine();
    if (ImGui::RadioButton("Heatmap", state.overlay == render::Overlay::Density)) state.overlay = render::Overlay::Density;
    ImGui::Separator();
    if (state.stepsDone.count("post_care_given")) {
        ImGui::TextColored(ImVec4(0.45f, 0.9f, 0.45f, 1.0f), "[done] Post-care given");
    } else if (hookedButton(state, "Give post-care", "step_post_care_given")) {
        state.stepsDone.insert("post_care_given");
        recordEvent(state, core::StepEvent{state.recorder->now(), "post_care_given"});
    }
    ImGui::SameLine();
    if (hookedButton(state, "Finish: score it", "finish", -1.0f)) finishSession(state);
    ImGui::End();
}

}  // namespace pinpoint::app
