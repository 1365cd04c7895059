// The case editor's fields, shared by its forms: text that wraps, numbers kept to what was typed, the
// reader's problems in red under the field they are about, and where the tests find each control.
#include "app/case_editor_state.h"
#include "app/soft_wrap.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace pinpoint::app::case_editor {

namespace {


void showProblemList(EditorState& s, const std::vector<const core::FieldProblem*>& problems) {
    for (const core::FieldProblem* p : problems) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.25f, 0.2f, 1.0f));
        ImGui::TextWrapped("%s%s%s", p->error.message.c_str(), p->error.hint.empty() ? "" : " - ", p->error.hint.c_str());
        ImGui::PopStyleColor();
        hookItem(s, "problem." + p->field);  // where the tests find it: beside its field
    }
}

// The width the history box wraps at, and one measure of text, both ImGui's.
float textWidth(std::string_view text) { return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x; }

struct WrapEdit {
    SoftWrapped before;  // what the box showed before this frame's edit
    float width = 0.0f;
    std::string text;    // the text after it, the box's breaks spaces again
    bool edited = false;
};

// Called by the box after each edit: the text is worked out from what was typed, and the box's breaks
// are laid out again. Only spaces and breaks swap places, so the cursor keeps its place.
int rewrapAfterEdit(ImGuiInputTextCallbackData* data) {
    auto* e = static_cast<WrapEdit*>(data->UserData);
    e->text = unwrapEdit(e->before, std::string(data->Buf, static_cast<std::size_t>(data->BufTextLen)));
    e->before = softWrap(e->text, e->width, textWidth);
    std::copy(e->before.shown.begin(), e->before.shown.end(), data->Buf);
    data->BufDirty = true;
    e->edited = true;
    return 0;
}

}  // namespace

bool editText(const char* label, std::string& value, float multilineHeight) {
    std::vector<char> buffer(value.size() + 2048, '\0');
    std::memcpy(buffer.data(), value.data(), value.size());
    const bool edited = multilineHeight > 0.0f
                            ? ImGui::InputTextMultiline(label, buffer.data(), buffer.size(), ImVec2(-1.0f, multilineHeight))
                            : ImGui::InputText(label, buffer.data(), buffer.size());
    if (edited) value = buffer.data();
    return edited;
}

bool editWrappedText(const char* label, std::string& value, float height) {
    const ImGuiStyle& style = ImGui::GetStyle();
    WrapEdit e;
    // Inside the frame's padding, and leaving room for the scroll bar a long text brings.
    e.width = ImGui::GetContentRegionAvail().x - 2.0f * style.FramePadding.x - style.ScrollbarSize - 2.0f;
    e.before = softWrap(value, e.width, textWidth);
    std::vector<char> buffer(value.size() + 2048, '\0');
    std::copy(e.before.shown.begin(), e.before.shown.end(), buffer.begin());
    const bool edited = ImGui::InputTextMultiline(label, buffer.data(), buffer.size(), ImVec2(-1.0f, height),
                                                  ImGuiInputTextFlags_CallbackEdit, rewrapAfterEdit, &e);
    if (!edited) return false;
    value = e.edited ? e.text : unwrapEdit(e.before, buffer.data());
    return true;
}

void showProblems(EditorState& s, const std::string& field) { showProblemList(s, s.draft->problemsAt(field)); }

void hint(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void showSectionProblems(EditorState& s, const std::string& field) {
    std::vector<const core::FieldProblem*> own;
    for (const core::FieldProblem* p : s.draft->problemsAt(field))
        if (p->field == field) own.push_back(p);
    showProblemList(s, own);
}

bool editNumber(const char* label, double& value, double step, int decimals, float width) {
    float v = static_cast<float>(value);
    const std::string format = "%." + std::to_string(decimals) + "f";
    if (width > 0.0f) ImGui::SetNextItemWidth(width);
    if (!ImGui::InputFloat(label, &v, static_cast<float>(step), static_cast<float>(step * 5.0), format.c_str()))
        return false;
    const double scale = std::pow(10.0, decimals);
    value = std::round(v * scale) / scale;
    return true;
}

// Reports the last item's centre to the tests as `button ID X Y`.
void hookItem(EditorState& s, const std::string& id) {
    if (!s.hooks.enabled()) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
}

void hookField(EditorState& s, const std::string& id) {
    if (!s.hooks.enabled()) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.hooks.position("button", id, a.x + 24.0f, 0.5f * (a.y + b.y));
}

}  // namespace pinpoint::app::case_editor
