// The screens before treatment: start (scenario), intake (patient, questions) and the decision.
#include "app/screens.h"

#include "app/spawn_pinpoint.h"

#include "core/face/area_names.h"
#include "core/scoring/score_report.h"
#include "core/scoring/session_facts.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace pinpoint::app {

namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void beginSidePanel(const char* title) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kSidePanelWidth, io.DisplaySize.y));
    ImGui::Begin(title, nullptr, kPanelFlags);
}

void showError(const AppState& state) {
    if (state.error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
    ImGui::TextWrapped("%s", state.error.c_str());
    ImGui::PopStyleColor();
}

const char* fitzpatrickText(int type) {
    static const char* names[] = {"?", "I", "II", "III", "IV", "V", "VI"};
    return names[(type >= 1 && type <= 6) ? type : 0];
}

}  // namespace

void drawStartScreen(AppState& state) {
    beginSidePanel("Pinpoint - choose a training case");
    ImGui::TextWrapped("Microneedling training simulator. Pick a case, screen the patient, decide, "
                       "set up the device and treat. Everything you do is recorded.");
    ImGui::Separator();
    ImGui::BeginChild("cases", ImVec2(0, ImGui::GetContentRegionAvail().y - 160), true);
    for (int i = 0; i < static_cast<int>(state.scenarioFiles.size()); ++i) {
        const std::string name = std::filesystem::path(state.scenarioFiles[i]).stem().string();
        if (ImGui::Selectable(name.c_str(), state.scenarioIndex == i) && state.scenarioIndex != i) {
            state.scenarioIndex = i;
            state.error.clear();
            state.scenario = state.services.loadScenario(state.scenarioFiles[i]);
            if (!state.scenario) state.error = "That scenario file has errors (see the terminal); pick another.";
        }
    }
    ImGui::EndChild();
    if (state.scenario) ImGui::TextWrapped("%s", state.scenario->title.c_str());
    showError(state);
    if (hookedButton(state, "Start this case", "start", -1.0f) && state.scenario && startSession(state))
        goTo(state, Screen::Intake);
    reapSpawned();
    // Instructors: a new case in the case editor (`pinpoint edit`), in a window of its own.
    if (hookedButton(state, "Write a new case (editor)", "new_case", -1.0f)) {
        if (spawnPinpoint(pinpointBinary(), {"edit"})) state.error.clear();
        else state.error = "Cannot start the case editor; run `pinpoint edit` instead.";
    }
    ImGui::End();
}

void drawIntakeScreen(AppState& state) {
    const core::Scenario& sc = *state.scenario;
    const core::Patient& p = sc.patient;
    beginSidePanel("Patient intake");
    ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1.0f), "%s", sc.title.c_str());
    ImGui::Separator();
    ImGui::Text("%s, %d, %s", p.name.c_str(), p.age, p.sex.c_str());
    ImGui::Text("Fitzpatrick type %s - %s", fitzpatrickText(p.fitzpatrick),
                std::string(core::indicationInfo(p.indication).label).c_str());
    if (!p.history.empty()) {
        ImGui::Spacing();
        std::string history = p.history;  // the file's line breaks are not the panel's
        std::replace(history.begin(), history.end(), '\n', ' ');
        ImGui::TextWrapped("%s", history.c_str());
    }
    if (sc.course) {  // a follow-up: the earlier visits and today's skin
        ImGui::Spacing();
        const std::vector<std::string> course = core::courseLines(*sc.course);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1.0f), "%s", course.front().c_str());
        ImGui::PopTextWrapPos();
        for (std::size_t i = 1; i < course.size(); ++i) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", course[i].c_str());
        }
        ImGui::Spacing();
    }
    for (const core::PatientCondition& c : p.conditions)
        if (c.disclosed && !c.fromCourse) ImGui::BulletText("Known: %s%s%s", displayName(c.id).c_str(), c.note.empty() ? "" : " - ", c.note.c_str());
    for (const core::Medication& m : p.medications) ImGui::BulletText("Takes: %s", m.name.c_str());
    ImGui::Separator();
    ImGui::Text("Ask the patient:");
    for (const core::IntakeQuestion& q : sc.questions) {
        ImGui::PushID(q.id.c_str());
        if (state.asked.count(q.id)) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("You: %s", q.text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Indent();
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.85f, 0.55f, 1.0f));
            ImGui::TextWrapped("\"%s\"", q.answer.c_str());
            ImGui::PopStyleColor();
            ImGui::Unindent();
        } else {
            if (hookedButton(state, "Ask", "ask_" + q.id)) {
                state.asked.insert(q.id);
                recordEvent(state, core::questionEvent(state.recorder->now(), q.id));
            }
            ImGui::SameLine();
            ImGui::TextWrapped("%s", q.text.c_str());
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    showError(state);
    if (hookedButton(state, "Continue to the decision", "to_decision", -1.0f)) goTo(state, Screen::Decision);
    ImGui::End();
}

namespace {

// The trainee's own plan when proceeding with modifications: the catalogue's actions, a depth cap, zones
// to avoid.
void drawPlanModifications(AppState& state) {
    ImGui::Separator();
    ImGui::Text("Modifications to the plan");
    for (const core::PlanModification* action : state.services.conditions->planActions()) {  // assets/conditions.toml
        bool on = state.planActions.count(action->id) > 0;
        if (ImGui::Checkbox(action->label.c_str(), &on)) {
            if (on) state.planActions.insert(action->id);
            else state.planActions.erase(action->id);
        }
        state.hooks.position("button", "action_" + action->id, 0.5f * (ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x),
                             0.5f * (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y));
    }
    ImGui::Checkbox("Cap the depth at", &state.depthCapOn);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140);
    ImGui::SliderFloat("mm##cap", &state.depthCapMm, 0.25f, 2.0f, "%.2f");
    ImGui::Text("Zones to avoid:");
    int column = 0;
    for (std::string_view zone : core::kTreatmentZones) {
        const std::string z(zone);
        bool on = state.avoidZones.count(z) > 0;
        if (column++ % 2) ImGui::SameLine(210);
        if (ImGui::Checkbox(displayName(z).c_str(), &on)) {
            if (on) state.avoidZones.insert(z);
            else state.avoidZones.erase(z);
        }
    }
}

// The case's counselling, right and wrong statements unmarked: the trainee ticks what they would say.
void drawCounselChoice(AppState& state) {
    if (state.scenario->counsel.empty()) return;
    ImGui::Separator();
    ImGui::TextWrapped("What will you tell %s?", state.scenario->patient.name.c_str());
    ImGui::TextDisabled("Tick every statement you make; leave the rest.");
    for (const core::AftercareAdvice& c : state.scenario->counsel) {
        ImGui::PushID(c.id.c_str());
        bool on = state.counselChosen.count(c.id) > 0;
        if (ImGui::Checkbox("##counsel", &on)) {
            if (on) state.counselChosen.insert(c.id);
            else state.counselChosen.erase(c.id);
        }
        state.hooks.position("button", "counsel_" + c.id, 0.5f * (ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x),
                             0.5f * (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y));
        ImGui::SameLine();
        ImGui::TextWrapped("%s", c.text.c_str());
        ImGui::PopID();
    }
}

// The decision as chosen, with the plan and what was told, into the session; then on to the protocol
// or, declining or deferring, to the debrief.
void recordDecision(AppState& state) {
    const core::Decision d = static_cast<core::Decision>(state.decision);
    core::RequiredPlan plan;
    if (d == core::Decision::ProceedModified) {
        plan.actions.assign(state.planActions.begin(), state.planActions.end());
        plan.avoidZones.assign(state.avoidZones.begin(), state.avoidZones.end());
        if (state.depthCapOn) plan.depthCapMm = std::round(state.depthCapMm * 20.0) / 20.0;
    }
    if (!state.scenario->counsel.empty()) {
        std::vector<std::string> told;  // in the case's order, so a session reads like the list
        for (const core::AftercareAdvice& c : state.scenario->counsel)
            if (state.counselChosen.count(c.id)) told.push_back(c.id);
        recordEvent(state, core::counselEvent(state.recorder->now(), told));
    }
    recordEvent(state, core::decisionEvent(state.recorder->now(), d, plan));
    state.decided = d;
    if (d == core::Decision::Defer || d == core::Decision::Decline)
        finishSession(state);
    else
        goTo(state, Screen::Protocol);
}

}  // namespace

void drawDecisionScreen(AppState& state) {
    beginSidePanel("Decision");
    ImGui::TextWrapped("Will you treat %s today?", state.scenario->patient.name.c_str());
    static const char* labels[] = {"Proceed", "Proceed with modifications", "Defer (treat later)", "Decline"};
    static const char* ids[] = {"proceed", "proceed_modified", "defer", "decline"};
    for (int i = 0; i < 4; ++i) {
        if (ImGui::RadioButton(labels[i], state.decision == i)) state.decision = i;
        state.hooks.position("button", std::string("choice_") + ids[i], 0.5f * (ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x),
                             0.5f * (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y));
    }
    if (state.decision == 1) drawPlanModifications(state);
    drawCounselChoice(state);
    ImGui::Separator();
    showError(state);
    if (hookedButton(state, "Record the decision", "decide", -1.0f)) recordDecision(state);
    if (hookedButton(state, "Back to the patient", "back_intake", -1.0f)) goTo(state, Screen::Intake);
    ImGui::End();
}

}  // namespace pinpoint::app
