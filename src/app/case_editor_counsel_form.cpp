// The case editor's form for what the trainee may tell the patient with the decision ([[counsel]]):
// right and plausible wrong statements, shown to the trainee unmarked and scored under
// contraindications (docs/scenario-format.md). And which roller the case gives, when it allows one.
#include "app/case_editor_state.h"

#include <algorithm>
#include <string>

namespace pinpoint::app::case_editor {

namespace {

std::string newCounselId(const core::Scenario& c) {
    for (int n = static_cast<int>(c.counsel.size()) + 1;; ++n) {
        const std::string id = "counsel_" + std::to_string(n);
        if (std::none_of(c.counsel.begin(), c.counsel.end(), [&](const core::AftercareAdvice& a) { return a.id == id; }))
            return id;
    }
}

// One statement: its words, right or wrong (and then why, and whether it would harm), its source.
// False when it was removed.
bool drawStatement(EditorState& s, core::Scenario& c, std::size_t i) {
    core::AftercareAdvice& a = c.counsel[i];
    const std::string field = "counsel." + std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    ImGui::Separator();
    s.changed |= editText("Id", a.id);
    showProblems(s, field + ".id");
    s.changed |= editText("What is said", a.text);
    hookItem(s, "field." + field + ".text");
    showProblems(s, field + ".text");
    if (ImGui::RadioButton("Right", a.right)) {
        a.right = true;
        a.harmful = false;  // a right statement cannot be harmful
        s.changed = true;
    }
    hookItem(s, "field." + field + ".right");
    ImGui::SameLine();
    if (ImGui::RadioButton("Wrong", !a.right)) {
        a.right = false;
        s.changed = true;
    }
    hookItem(s, "field." + field + ".wrong");
    if (!a.right) {
        ImGui::SameLine();
        s.changed |= ImGui::Checkbox("Harmful (a critical error)", &a.harmful);
        hookItem(s, "field." + field + ".harmful");
        s.changed |= editText("Why it is wrong", a.why);
        hookItem(s, "field." + field + ".why");
        showProblems(s, field + ".why");
    }
    showProblems(s, field + ".right");
    s.changed |= editText("Source", a.source);
    hookItem(s, "field." + field + ".source");
    showProblems(s, field + ".source");
    showSectionProblems(s, field);
    const bool removed = ImGui::Button("Remove statement");
    if (removed) {
        c.counsel.erase(c.counsel.begin() + static_cast<std::ptrdiff_t>(i));
        s.changed = true;
    }
    ImGui::PopID();
    return !removed;
}

}  // namespace

void drawCounsel(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextDisabled("What the trainee may tell the patient");
    hint("Statements shown with the decision, unmarked: the right ones share the contraindication points, "
         "each wrong one told costs points, a harmful one fails the session. Give each its source.");
    for (std::size_t i = 0; i < c.counsel.size(); ++i)
        if (!drawStatement(s, c, i)) break;
    showSectionProblems(s, "counsel");
    if (ImGui::Button("Add a statement")) {
        core::AftercareAdvice a;
        a.id = newCounselId(c);
        a.right = true;
        c.counsel.push_back(std::move(a));
        s.changed = true;
    }
    hookItem(s, "add_counsel");
}

void drawRollerGiven(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    if (std::find(c.allowedTools.begin(), c.allowedTools.end(), "roller") == c.allowedTools.end()) {
        if (c.rollerNeedles != 0) {  // no roller, so none given
            c.rollerNeedles = 0;
            s.changed = true;
        }
        return;
    }
    ImGui::TextUnformatted("Roller given:");
    ImGui::SameLine();
    if (ImGui::RadioButton("any", c.rollerNeedles == 0)) {
        c.rollerNeedles = 0;
        s.changed = true;
    }
    hookItem(s, "field.treatment.roller_needles.any");
    for (const core::Roller& roller : s.in.tools->rollers) {
        ImGui::SameLine();
        const std::string label = std::to_string(roller.needles()) + " needles";
        if (ImGui::RadioButton(label.c_str(), c.rollerNeedles == roller.needles())) {
            c.rollerNeedles = roller.needles();
            s.changed = true;
        }
        hookItem(s, "field.treatment.roller_needles." + std::to_string(roller.needles()));
    }
    showProblems(s, "treatment.roller_needles");
}

}  // namespace pinpoint::app::case_editor
