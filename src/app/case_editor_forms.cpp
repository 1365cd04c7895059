// The case editor's forms: one tab per part of the case, each field followed by its problems.
#include "app/case_editor_state.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace pinpoint::app::case_editor {

namespace {

constexpr std::array<const char*, 3> kSexes{"female", "male", "other"};
constexpr std::array<core::Decision, 4> kDecisions{core::Decision::Proceed, core::Decision::ProceedModified,
                                                   core::Decision::Defer, core::Decision::Decline};

bool editText(const char* label, std::string& value, float multilineHeight = 0.0f) {
    std::vector<char> buffer(value.size() + 2048, '\0');
    std::memcpy(buffer.data(), value.data(), value.size());
    const bool edited = multilineHeight > 0.0f
                            ? ImGui::InputTextMultiline(label, buffer.data(), buffer.size(), ImVec2(-1.0f, multilineHeight))
                            : ImGui::InputText(label, buffer.data(), buffer.size());
    if (edited) value = buffer.data();
    return edited;
}

// The reader's problems for a field, in red under it.
void showProblems(EditorState& s, const std::string& field) {
    for (const core::FieldProblem* p : s.draft->problemsAt(field)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.25f, 0.2f, 1.0f));
        ImGui::TextWrapped("%s%s%s", p->error.message.c_str(), p->error.hint.empty() ? "" : " - ", p->error.hint.c_str());
        ImGui::PopStyleColor();
        hookItem(s, "problem." + p->field);  // where the tests find it: beside its field
    }
}

void drawPatient(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    core::Patient& p = c.patient;
    ImGui::TextDisabled("The case");
    s.changed |= editText("Case id", c.id);
    hookItem(s, "field.scenario.id");
    showProblems(s, "scenario.id");
    s.changed |= editText("Title", c.title);
    showProblems(s, "scenario.title");
    s.changed |= editText("Teaches", c.teaches);
    showProblems(s, "scenario.teaches");
    ImGui::Separator();
    ImGui::TextDisabled("The patient");
    s.changed |= editText("Name", p.name);
    hookItem(s, "field.patient.name");
    showProblems(s, "patient.name");
    s.changed |= ImGui::InputInt("Age", &p.age);
    hookItem(s, "field.patient.age");
    showProblems(s, "patient.age");
    int sex = static_cast<int>(std::find(kSexes.begin(), kSexes.end(), p.sex) - kSexes.begin());
    if (ImGui::Combo("Sex", &sex, kSexes.data(), static_cast<int>(kSexes.size()))) {
        p.sex = kSexes[static_cast<std::size_t>(sex)];
        s.changed = true;
    }
    showProblems(s, "patient.sex");
    s.changed |= ImGui::SliderInt("Fitzpatrick type", &p.fitzpatrick, 1, 6);
    showProblems(s, "patient.fitzpatrick");
    int indication = p.indication == core::Indication::Scars ? 1 : 0;
    const char* indications[] = {"rejuvenation", "scars"};
    if (ImGui::Combo("Indication", &indication, indications, 2)) {
        p.indication = indication == 1 ? core::Indication::Scars : core::Indication::Rejuvenation;
        s.changed = true;
    }
    showProblems(s, "patient.indication");
    ImGui::TextUnformatted("History (what the trainee reads at intake)");
    s.changed |= editText("##history", p.history, 90.0f);
    hookItem(s, "field.patient.history");
    showProblems(s, "patient.history");
    ImGui::Separator();
    ImGui::TextDisabled("Conditions (from the catalogue)");
    for (std::size_t i = 0; i < p.conditions.size(); ++i) {
        core::PatientCondition& condition = p.conditions[i];
        if (condition.fromCourse) continue;  // the reader adds it from the [course]
        ImGui::PushID(static_cast<int>(i));
        ImGui::TextUnformatted(condition.id.c_str());
        ImGui::SameLine();
        bool hidden = !condition.disclosed;
        if (ImGui::Checkbox("found by asking", &hidden)) {
            condition.disclosed = !hidden;
            s.changed = true;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Remove")) {
            p.conditions.erase(p.conditions.begin() + static_cast<std::ptrdiff_t>(i));
            s.changed = true;
            ImGui::PopID();
            break;
        }
        s.changed |= editText("Note", condition.note);
        showProblems(s, "condition." + std::to_string(i));
        ImGui::PopID();
    }
    const std::vector<core::ConditionInfo>& catalogue = s.in.conditions->conditions;
    if (!catalogue.empty()) {
        s.newCondition = std::clamp(s.newCondition, 0, static_cast<int>(catalogue.size()) - 1);
        ImGui::SetNextItemWidth(300.0f);
        if (ImGui::BeginCombo("##condition", catalogue[static_cast<std::size_t>(s.newCondition)].id.c_str())) {
            for (std::size_t i = 0; i < catalogue.size(); ++i)
                if (ImGui::Selectable(catalogue[i].id.c_str(), static_cast<int>(i) == s.newCondition))
                    s.newCondition = static_cast<int>(i);
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        if (ImGui::Button("Add condition")) {
            p.conditions.push_back({catalogue[static_cast<std::size_t>(s.newCondition)].id, "", true, false});
            s.changed = true;
        }
        ImGui::TextDisabled("%s", catalogue[static_cast<std::size_t>(s.newCondition)].name.c_str());
    }
}

std::string newQuestionId(const core::Scenario& c) {
    for (int n = static_cast<int>(c.questions.size()) + 1;; ++n) {
        const std::string id = "question_" + std::to_string(n);
        if (std::none_of(c.questions.begin(), c.questions.end(), [&](const core::IntakeQuestion& q) { return q.id == id; }))
            return id;
    }
}

void drawQuestions(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextWrapped("What the trainee can ask at intake. Unless marked optional, each question is part of the screen.");
    for (std::size_t i = 0; i < c.questions.size(); ++i) {
        core::IntakeQuestion& q = c.questions[i];
        const std::string field = "question." + std::to_string(i);
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        s.changed |= editText("Id", q.id);
        showProblems(s, field + ".id");
        s.changed |= editText("Question", q.text);
        hookItem(s, "field." + field + ".text");
        showProblems(s, field + ".text");
        s.changed |= editText("Answer", q.answer);
        hookItem(s, "field." + field + ".answer");
        showProblems(s, field + ".answer");
        // What it reveals: the patient's conditions found only by asking.
        for (const core::PatientCondition& condition : c.patient.conditions) {
            if (condition.fromCourse) continue;
            bool reveals = std::find(q.reveals.begin(), q.reveals.end(), condition.id) != q.reveals.end();
            if (ImGui::Checkbox(("reveals " + condition.id).c_str(), &reveals)) {
                if (reveals) q.reveals.push_back(condition.id);
                else q.reveals.erase(std::find(q.reveals.begin(), q.reveals.end(), condition.id));
                s.changed = true;
            }
        }
        showProblems(s, field + ".reveals");
        s.changed |= ImGui::Checkbox("Optional (not part of the screen)", &q.optional);
        showProblems(s, field + ".optional");
        showProblems(s, field);
        if (ImGui::Button("Remove question")) {
            c.questions.erase(c.questions.begin() + static_cast<std::ptrdiff_t>(i));
            s.changed = true;
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    if (ImGui::Button("Add a question")) {
        c.questions.push_back({newQuestionId(c), "", "", {}, false});
        s.changed = true;
    }
    hookItem(s, "add_question");
}

void drawDecision(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextDisabled("The decision");
    int expected = static_cast<int>(std::find(kDecisions.begin(), kDecisions.end(), c.expectedDecision) - kDecisions.begin());
    const char* names[] = {"proceed", "proceed_modified", "defer", "decline"};
    if (ImGui::Combo("Expected", &expected, names, 4)) {
        c.expectedDecision = kDecisions[static_cast<std::size_t>(expected)];
        s.changed = true;
    }
    showProblems(s, "decision.expected");
    ImGui::TextUnformatted("Also acceptable:");
    for (std::size_t i = 0; i < kDecisions.size(); ++i) {
        bool on = std::find(c.acceptableDecisions.begin(), c.acceptableDecisions.end(), kDecisions[i]) != c.acceptableDecisions.end();
        if (i != 2) ImGui::SameLine();  // two to a line: the panel is narrow
        if (ImGui::Checkbox(names[i], &on)) {
            if (on) c.acceptableDecisions.push_back(kDecisions[i]);
            else c.acceptableDecisions.erase(std::find(c.acceptableDecisions.begin(), c.acceptableDecisions.end(), kDecisions[i]));
            s.changed = true;
        }
    }
    showProblems(s, "decision.acceptable");
    showProblems(s, "decision");
    ImGui::Separator();
    ImGui::TextDisabled("The plan (click a zone on the head, or tick it here)");
    for (std::size_t i = 0; i < c.zones.size(); ++i) {
        if (i % 3) ImGui::SameLine(static_cast<float>(i % 3) * 170.0f + 8.0f);
        s.changed |= ImGui::Checkbox(c.zones[i].zone.c_str(), &c.zones[i].treat);
    }
    showProblems(s, "treatment.zones");
    ImGui::TextUnformatted("Tools:");
    for (const char* tool : {"pen", "roller"}) {
        ImGui::SameLine();
        auto& tools = c.allowedTools;
        bool on = std::find(tools.begin(), tools.end(), tool) != tools.end();
        if (ImGui::Checkbox(tool, &on)) {
            if (on) tools.emplace_back(tool);
            else tools.erase(std::find(tools.begin(), tools.end(), tool));
            s.changed = true;
        }
    }
    showProblems(s, "treatment.tools");
    // What a correct plan must include: the catalogue's modifications, and a depth cap.
    ImGui::TextUnformatted("The plan must record:");
    std::vector<std::string> modifications;
    for (const core::ConditionInfo& info : s.in.conditions->conditions)
        if (!info.modification.empty() &&
            std::find(modifications.begin(), modifications.end(), info.modification) == modifications.end())
            modifications.push_back(info.modification);
    for (const std::string& m : modifications) {
        auto& actions = c.plan.actions;
        bool on = std::find(actions.begin(), actions.end(), m) != actions.end();
        if (ImGui::Checkbox(m.c_str(), &on)) {
            if (on) actions.push_back(m);
            else actions.erase(std::find(actions.begin(), actions.end(), m));
            s.changed = true;
        }
    }
    showProblems(s, "plan.actions");
    bool capped = c.plan.depthCapMm.has_value();
    if (ImGui::Checkbox("Depth cap", &capped)) {
        c.plan.depthCapMm = capped ? std::optional<double>(0.5) : std::nullopt;
        s.changed = true;
    }
    if (c.plan.depthCapMm) {
        ImGui::SameLine();
        float cap = static_cast<float>(*c.plan.depthCapMm);
        ImGui::SetNextItemWidth(160.0f);
        if (ImGui::InputFloat("mm##cap", &cap, 0.05f, 0.25f, "%.2f")) {
            c.plan.depthCapMm = std::round(cap * 100.0) / 100.0;  // what was typed, not a float's tail
            s.changed = true;
        }
    }
    showProblems(s, "plan.depth_cap_mm");
    showProblems(s, "plan");
    showProblems(s, "zones");
    ImGui::Separator();
    ImGui::TextDisabled("Scoring");
    float passMark = static_cast<float>(c.passMark), minCoverage = static_cast<float>(c.minCoverage);
    if (ImGui::InputFloat("Pass mark", &passMark, 1.0f, 5.0f, "%.1f")) {
        c.passMark = std::round(passMark * 10.0) / 10.0;
        s.changed = true;
    }
    hookItem(s, "field.scoring.pass_mark");
    showProblems(s, "scoring.pass_mark");
    if (ImGui::InputFloat("Minimum coverage", &minCoverage, 1.0f, 5.0f, "%.1f")) {
        c.minCoverage = std::round(minCoverage * 10.0) / 10.0;
        s.changed = true;
    }
    showProblems(s, "scoring.min_coverage");
    showProblems(s, "scoring");
    showProblems(s, "treatment");
}

void drawLesions(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextWrapped("Pick a kind, choose \"Place lesions\" above the head, click the skin and drag to size.");
    ImGui::Combo("Kind", &s.lesionKind, kLesionKinds.data(), static_cast<int>(kLesionKinds.size()));
    for (std::size_t i = 0; i < c.lesions.size(); ++i) {
        core::Lesion& l = c.lesions[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        ImGui::Text("%s at (%.1f, %.1f, %.1f)", l.kind.c_str(), l.position.x, l.position.y, l.position.z);
        if (ImGui::SliderFloat("Radius (mm)", &l.radiusMm, 0.5f, 20.0f, "%.1f")) {
            l.radiusMm = std::round(l.radiusMm * 10.0f) / 10.0f;
            s.changed = true;
        }
        if (ImGui::Button("Remove lesion")) {
            c.lesions.erase(c.lesions.begin() + static_cast<std::ptrdiff_t>(i));
            s.changed = true;
            ImGui::PopID();
            break;
        }
        showProblems(s, "lesion." + std::to_string(i));
        ImGui::PopID();
    }
}

}  // namespace

// Reports the last item's centre to the tests as `button ID X Y`.
void hookItem(EditorState& s, const std::string& id) {
    if (!s.hooks.enabled()) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
}

// The forms, one tab each.
void drawTabs(EditorState& s) {
    if (!ImGui::BeginTabBar("case")) return;
    const auto tab = [&](const char* title, const char* id, void (*draw)(EditorState&)) {
        const bool open = ImGui::BeginTabItem(title);
        hookItem(s, std::string("tab.") + id);
        if (open) {
            ImGui::BeginChild(id);
            draw(s);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
    };
    tab("Patient", "patient", drawPatient);
    tab("Questions", "questions", drawQuestions);
    tab("Decision, plan, scoring", "decision", drawDecision);
    tab("Lesions", "lesions", drawLesions);
    ImGui::EndTabBar();
}

}  // namespace pinpoint::app::case_editor
