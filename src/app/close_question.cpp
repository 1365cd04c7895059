#include "app/close_question.h"

#include <imgui.h>

namespace pinpoint::app {

namespace {

bool hookedButton(TestHooks& hooks, const char* label, const char* id, float width) {
    const bool pressed = ImGui::Button(label, ImVec2(width, 0.0f));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
    return pressed;
}

}  // namespace

std::optional<CloseChoice> drawCloseQuestion(const CloseQuestion& q, TestHooks& hooks) {
    if (!ImGui::IsPopupOpen(q.title)) ImGui::OpenPopup(q.title);
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0.5f * io.DisplaySize.x, 0.5f * io.DisplaySize.y), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(q.title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove))
        return std::nullopt;
    for (const std::string& line : q.lines) ImGui::TextUnformatted(line.c_str());
    if (!q.canSave) ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1.0f), "%s", q.whyNot.c_str());
    ImGui::Spacing();
    std::optional<CloseChoice> choice;
    ImGui::BeginDisabled(!q.canSave);
    if (hookedButton(hooks, "Save and close", "close_save", 160.0f)) choice = CloseChoice::SaveAndClose;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (hookedButton(hooks, "Close without saving", "close_discard", 180.0f)) choice = CloseChoice::CloseWithoutSaving;
    ImGui::SameLine();
    const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (hookedButton(hooks, q.keepLabel, "close_keep", 160.0f) || escape) choice = CloseChoice::KeepOpen;
    if (choice) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return choice;
}

const char* closeAnswerLine(CloseChoice choice, bool closing) {
    if (!closing) return "close_kept";
    return choice == CloseChoice::SaveAndClose ? "closing saved" : "closing discarded";
}

}  // namespace pinpoint::app
