// Finish: the session file as written is read back and scored by the core (the score an assessor
// re-derives from the same file), then shown with its components, deductions and critical errors,
// over the density heatmap.
#include "app/screens.h"

#include "core/scoring/score_report.h"
#include "core/session/session_file.h"

#include <imgui.h>

#include <cstdio>

namespace pinpoint::app {

void finishSession(AppState& state) {
    Debrief d;
    // Warnings still on end with the session (at the last line's time: they never lengthen it).
    for (const core::SessionEvent& e : state.warningTracker.finish(state.recorder->lastTime())) recordEvent(state, e);
    if (!state.recorder->close()) d.error = "Could not close " + state.recorder->path() + " (disk full?).";
    if (state.streamer) state.streamer->nudge();  // the closing signature goes to the centre now
    core::Result<core::Session> session = core::readSessionFile(state.recorder->path(), state.services.tools);
    if (!session) {
        d.error += session.error().describe();
    } else {
        const core::SimulationOutput sim = core::simulateSession(*state.services.surface, *state.services.tools, *session);
        d.result = core::scoreSession(*state.scenario, *state.services.rubric, *state.services.head,
                                      *state.services.density, *session, sim);
        d.reportText = core::scoreReportText(d.result, *state.scenario, *session);
    }
    state.debrief = std::move(d);
    state.finished = true;
    state.overlay = render::Overlay::Density;
    char line[96];
    std::snprintf(line, sizeof line, "score %.1f %s", state.debrief->result.score,
                  state.debrief->result.passed ? "passed" : "failed");
    state.hooks.line(line);
    goTo(state, Screen::Debrief);
}

void drawDebriefScreen(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kSidePanelWidth + 90.0f, io.DisplaySize.y));
    ImGui::Begin("Debrief", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings);
    const Debrief& d = *state.debrief;
    if (!d.error.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.4f, 1.0f), "The session could not be scored:");
        ImGui::TextWrapped("%s", d.error.c_str());
    } else {
        const core::ScoreResult& r = d.result;
        ImGui::SetWindowFontScale(1.5f);
        ImGui::TextColored(r.passed ? ImVec4(0.4f, 0.95f, 0.45f, 1.0f) : ImVec4(1.0f, 0.4f, 0.35f, 1.0f), "%s  %.0f / 100",
                           r.passed ? "PASSED" : "NOT PASSED", r.score);
        ImGui::SetWindowFontScale(1.0f);
        const core::DecisionOutcome& dec = r.decision;
        ImGui::Text("Decision: %s (expected %s)%s", dec.made ? dec.made->name.c_str() : "none",
                    core::decisionName(dec.expected), dec.correct ? "" : dec.acceptable ? " - acceptable" : " - wrong");
        ImGui::Separator();
        for (std::size_t i = 0; i < core::kComponents.size(); ++i) {
            if (!r.components[i]) continue;
            char text[64];
            std::snprintf(text, sizeof text, "%s %.0f", displayName(core::kComponents[i]).c_str(), *r.components[i]);
            ImGui::ProgressBar(static_cast<float>(*r.components[i] / 100.0), ImVec2(-1.0f, 0.0f), text);
        }
        for (const std::string& u : r.unmetRequirements) {
            ImGui::Separator();
            ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1.0f), "Not finished:");
            ImGui::TextWrapped("%s", u.c_str());
        }
        if (!r.criticalErrors.empty()) {
            ImGui::Separator();
            ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "Critical errors (fail whatever the points):");
            for (const core::CriticalError& e : r.criticalErrors)
                ImGui::TextWrapped("- at %.1f s: %s", e.t, e.message.c_str());
        }
        ImGui::Separator();
        ImGui::Text("Where the points went:");
        ImGui::BeginChild("deductions", ImVec2(0, ImGui::GetContentRegionAvail().y - 110), true);
        if (r.deductions.empty()) ImGui::TextDisabled("Nothing deducted.");
        for (const core::Deduction& x : r.deductions)
            ImGui::TextWrapped("-%.0f %s: %s", x.points, x.component.c_str(), x.reason.c_str());
        ImGui::EndChild();
    }
    ImGui::TextDisabled("Recorded in %s", state.recorder ? state.recorder->path().c_str() : "-");
    if (ImGui::RadioButton("Density heatmap", state.overlay == render::Overlay::Density)) state.overlay = render::Overlay::Density;
    ImGui::SameLine();
    if (ImGui::RadioButton("Skin", state.overlay == render::Overlay::None)) state.overlay = render::Overlay::None;
    ImGui::SameLine();
    if (ImGui::RadioButton("Zones", state.overlay == render::Overlay::Zones)) state.overlay = render::Overlay::Zones;
    if (hookedButton(state, "Quit", "quit", -1.0f)) state.quit = true;
    ImGui::End();
}

}  // namespace pinpoint::app
