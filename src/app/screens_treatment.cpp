// The live panel during treatment: the tool's settings (keys [ ] depth, - = speed), the pen's angle
// (Shift + mouse tilts it, P stands it upright), the views (keys 1-5, F), the zone under the tool and
// its depth range, warnings, per-zone coverage of the plan, overlays, the aftercare advice, Finish.
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

// The pen's angle from perpendicular on a quarter dial: green up to the case's limit, red beyond,
// the needle at `degrees` (0 upright .. 45).
void angleGauge(float degrees, float limitDeg) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float radius = 34.0f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 pivot(at.x + 6.0f, at.y + radius + 4.0f);
    // 0 degrees points straight up from the pivot, 45 degrees (the most a pen tilts) leans right.
    const auto point = [&](float deg, float r) {
        const float a = deg * 3.14159265f / 180.0f;
        return ImVec2(pivot.x + r * std::sin(a), pivot.y - r * std::cos(a));
    };
    const float limit = std::clamp(limitDeg, 0.0f, kMaxPenTiltDeg);
    for (float d = 0.0f; d < kMaxPenTiltDeg; d += 1.0f) {
        const ImU32 colour = d < limit ? IM_COL32(70, 190, 90, 255) : IM_COL32(220, 70, 60, 255);
        draw->AddLine(point(d, radius - 6.0f), point(std::min(d + 1.0f, kMaxPenTiltDeg), radius - 6.0f), colour, 5.0f);
    }
    draw->AddLine(pivot, point(std::clamp(degrees, 0.0f, kMaxPenTiltDeg), radius), IM_COL32(240, 240, 240, 255), 2.0f);
    draw->AddCircleFilled(pivot, 3.0f, IM_COL32(240, 240, 240, 255));
    ImGui::Dummy(ImVec2(radius + 12.0f, radius + 8.0f));
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

// One quiet line at the foot of the panel: what the training centre has witnessed of this session, or
// that it is away and how many sessions wait for it. Nothing without a centre.
void centreStatus(AppState& state) {
    if (!state.streamer) return;
    const station::CentreState centre = state.streamer->state();
    const std::string text = station::describe(centre);
    state.hooks.text("centre", text);
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    if (centre.link == station::CentreState::Link::Online || centre.link == station::CentreState::Link::Connecting)
        ImGui::TextDisabled("%s", text.c_str());
    else
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.3f, 1.0f), "%s", text.c_str());
    ImGui::PopTextWrapPos();
}

// The treatment's keys. Every press counts, however short (the window queues them; ImGui 1.86 would
// miss a quick tap).
void handleTreatmentKeys(AppState& state, TreatmentHand& hand) {
    const ImGuiIO& io = ImGui::GetIO();
    for (const int key : io.WantCaptureKeyboard ? std::vector<int>{} : state.keyPresses) {
        if (key == GLFW_KEY_RIGHT_BRACKET) changeTool(state, +1, 0);
        if (key == GLFW_KEY_LEFT_BRACKET) changeTool(state, -1, 0);
        if (key == GLFW_KEY_EQUAL) changeTool(state, 0, +1);
        if (key == GLFW_KEY_MINUS) changeTool(state, 0, -1);
        if (key == GLFW_KEY_Z) state.overlay = state.overlay == render::Overlay::Zones ? render::Overlay::None : render::Overlay::Zones;
        if (key == GLFW_KEY_H) state.overlay = state.overlay == render::Overlay::Density ? render::Overlay::None : render::Overlay::Density;
        if (key == GLFW_KEY_P) hand.upright();
        // Views: front, the patient's left and right side, three-quarter left and right; F: the zone
        // under the cursor, close up.
        if (key == GLFW_KEY_1) state.camera.setView(0.0f);
        if (key == GLFW_KEY_2) state.camera.setView(80.0f);
        if (key == GLFW_KEY_3) state.camera.setView(-80.0f);
        if (key == GLFW_KEY_4) state.camera.setView(40.0f);
        if (key == GLFW_KEY_5) state.camera.setView(-40.0f);
        if (key == GLFW_KEY_F && hand.tool()) state.camera.focusOn(hand.tool()->hit.point);
    }
}

// What is under the tool, the warnings and the error, in a box of its own height.
void drawFeedback(const AppState& state, const TreatmentHand& hand) {
    // The live feedback in a box of its own height, scrolled when it holds more: the controls below stay
    // where they are as it changes (a trainee reaching for Finish takes the pointer off the skin, which
    // changes it), and a long list of warnings cannot push them off the window.
    ImGui::BeginChild("feedback", ImVec2(0.0f, 5.0f * ImGui::GetTextLineHeightWithSpacing()));
    const Feedback& f = hand.feedback();
    if (hand.tool()) {
        ImGui::Text("Under the tool: %s", displayName(f.area).c_str());
        if (f.depth) ImGui::Text("Depth range here: %.2f - %.2f mm", f.depth->minMm, f.depth->maxMm);
        ImGui::Text("Density: %.0f /cm2", f.densityPerCm2);
    } else {
        ImGui::TextDisabled("Move the mouse over the skin.");
    }
    if (!state.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.4f, 1.0f), "%s", state.error.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.42f, 0.3f, 1.0f));
    for (const core::TreatmentWarning& w : f.warnings) ImGui::TextWrapped("! %s", w.text.c_str());
    ImGui::PopStyleColor();
    if (f.warnings.empty() && hand.tool())
        ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.45f, 1.0f), hand.inContact() ? "Needling - good" : "Ready");
    ImGui::EndChild();
}

// The device in hand with its depth and speed, the keys, and the pen's angle against the case's limit.
void drawToolControls(AppState& state, const TreatmentHand& hand) {
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
    ImGui::TextDisabled("Left button: needles down. Shift + move: tilt the pen, P: upright. Right-drag: turn the "
                        "head, wheel: zoom, 1-5: views, F: close up. Keys [ ] depth, - = speed.");
    ImGui::PopTextWrapPos();
    if (t.tool == core::ToolKind::Pen) {
        // The angle under the tool when it is on the skin, else the tilt the hand holds.
        const float angle = hand.tool() ? static_cast<float>(hand.feedback().angleDeg) : hand.tiltDegrees();
        const float limit = state.scenario ? static_cast<float>(state.scenario->maxNeedleAngleDeg) : 15.0f;
        angleGauge(angle, limit);
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::Text("Pen angle %.0f deg from perpendicular", angle);
        ImGui::TextDisabled("limit %.0f deg%s", limit, hand.tilting() ? "  (tilting)" : "");
        ImGui::EndGroup();
        state.hooks.value("pen_angle", static_cast<int>(std::lround(angle)));
    }
}

}  // namespace

void drawTreatmentPanel(AppState& state, TreatmentHand& hand) {
    handleTreatmentKeys(state, hand);
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kTreatmentPanelWidth, 0));
    ImGui::SetNextWindowSize(ImVec2(kTreatmentPanelWidth, io.DisplaySize.y));
    ImGui::Begin("Treatment", nullptr, kPanelFlags);
    if (state.aftercareOpen) {
        drawAftercareSection(state);
        ImGui::End();
        return;
    }
    // The steps after the treatment and Finish stay at the foot of the panel, where they always are and
    // always seen; what is above scrolls when the window is too short for it (a plan of many zones).
    const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() +
                         ImGui::GetStyle().ItemSpacing.y + 2.0f;
    ImGui::BeginChild("above the foot", ImVec2(0.0f, -footer));
    drawToolControls(state, hand);
    ImGui::Separator();

    drawFeedback(state, hand);
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
    ImGui::Text("Show (Z, H):");  // on its own line: with the three choices beside it, "Heatmap" ran off the panel
    if (ImGui::RadioButton("Skin", state.overlay == render::Overlay::None)) state.overlay = render::Overlay::None;
    ImGui::SameLine();
    if (ImGui::RadioButton("Zones", state.overlay == render::Overlay::Zones)) state.overlay = render::Overlay::Zones;
    ImGui::SameLine();
    if (ImGui::RadioButton("Heatmap", state.overlay == render::Overlay::Density)) state.overlay = render::Overlay::Density;
    ImGui::EndChild();
    ImGui::Separator();
    // The steps after the treatment (the rubric's): the aftercare step opens the advice; another is ticked here.
    const core::Rubric& rubric = *state.services.rubric;
    for (const core::ProtocolStep* step : rubric.stepsAfterTreatment()) {
        if (state.stepsDone.count(step->id)) {
            ImGui::TextColored(ImVec4(0.45f, 0.9f, 0.45f, 1.0f), "[done] %s", step->label.c_str());
        } else if (step->id == rubric.aftercare.step) {
            if (hookedButton(state, "Aftercare advice...", "to_aftercare")) state.aftercareOpen = true;
        } else if (hookedButton(state, step->label.c_str(), "step_" + step->id)) {
            state.stepsDone.insert(step->id);
            recordEvent(state, core::StepEvent{state.recorder->now(), step->id});
        }
    }
    if (!rubric.stepsAfterTreatment().empty()) ImGui::SameLine();  // beside the last step
    if (hookedButton(state, "Finish: score it", "finish", -1.0f)) finishSession(state);
    centreStatus(state);
    ImGui::End();
}

}  // namespace pinpoint::app
