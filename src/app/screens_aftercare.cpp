// The aftercare counselling at the end of the treatment: the trainee ticks what to tell the patient
// from the rubric's list (right and plausible wrong advice, in the rubric's order, not marked). Giving
// it records the rubric's aftercare step (post_care_given) and an `aftercare` event with the advice chosen (docs/session-format.md).
#include "app/screens.h"

#include "core/scoring/session_facts.h"

#include <imgui.h>

namespace pinpoint::app {

void drawAftercareSection(AppState& state) {
    const core::AftercareRules& rules = state.services.rubric->aftercare;
    ImGui::TextWrapped("Aftercare: what will you tell %s?", state.scenario ? state.scenario->patient.name.c_str() : "the patient");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Tick every piece of advice you give; leave the rest. Scroll for more.");
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    const float buttons = 2.0f * ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("advice", ImVec2(0, ImGui::GetContentRegionAvail().y - buttons), false);
    for (const core::AftercareAdvice& advice : rules.advice) {
        ImGui::PushID(advice.id.c_str());
        bool on = state.aftercareChosen.count(advice.id) > 0;
        if (ImGui::Checkbox("##advice", &on)) {
            if (on) state.aftercareChosen.insert(advice.id);
            else state.aftercareChosen.erase(advice.id);
        }
        if (ImGui::IsItemVisible())  // scrolled out of the list: not clickable, not reported
            state.hooks.position("button", "advice_" + advice.id, 0.5f * (ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x),
                                 0.5f * (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y));
        ImGui::SameLine();
        ImGui::TextWrapped("%s", advice.text.c_str());
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::Separator();
    if (hookedButton(state, "Give this advice", "give_aftercare", -1.0f) && state.recorder) {
        std::vector<std::string> chosen;  // in the list's order, so a session reads like the list
        for (const core::AftercareAdvice& advice : rules.advice)
            if (state.aftercareChosen.count(advice.id)) chosen.push_back(advice.id);
        const double now = state.recorder->now();
        state.stepsDone.insert(rules.step);
        recordEvent(state, core::StepEvent{now, rules.step});
        recordEvent(state, core::aftercareEvent(now, chosen));
        state.aftercareOpen = false;
    }
    if (hookedButton(state, "Back to the treatment", "back_treatment", -1.0f)) state.aftercareOpen = false;
}

}  // namespace pinpoint::app
