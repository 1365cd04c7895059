// The case editor's forms: one tab per part of the case, each field followed by its problems.
#include "app/case_editor_state.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace pinpoint::app::case_editor {

namespace {

constexpr std::array<const char*, 3> kSexes{"female", "male", "other"};

// The patient's conditions from the catalogue: each found by asking or told, with a note; and one added.
void drawConditions(EditorState& s) {
    core::Patient& p = s.draft->scenario.patient;
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
    int indication = static_cast<int>(p.indication);
    const auto indicationLabel = [](void*, int i, const char** out) {
        *out = core::kIndications[static_cast<std::size_t>(i)].label.data();  // literals: terminated
        return true;
    };
    if (ImGui::Combo("Indication", &indication, indicationLabel, nullptr, static_cast<int>(core::kIndicationCount))) {
        const core::Indication before = p.indication;
        p.indication = core::kIndications[static_cast<std::size_t>(indication)].value;
        // Zones on the old indication's chart move to the new one's; depths set by hand stay.
        for (core::ZoneScenarioRules& z : c.zones)
            if (const core::ZoneTargets* chart = s.in.rubric->find(z.zone)) {
                const core::DepthRange& old = chart->depthFor(before);
                if (z.depth.minMm == old.minMm && z.depth.maxMm == old.maxMm) z.depth = chart->depthFor(p.indication);
            }
        s.changed = true;
    }
    showProblems(s, "patient.indication");
    ImGui::TextUnformatted("History (what the trainee reads at intake)");
    s.changed |= editWrappedText("##history", p.history, 90.0f);
    hookItem(s, "field.patient.history");
    showProblems(s, "patient.history");
    ImGui::Separator();
    drawConditions(s);
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
        showSectionProblems(s, field);
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

bool hasCondition(const core::Patient& p, const std::string& id) {
    return std::any_of(p.conditions.begin(), p.conditions.end(),
                       [&](const core::PatientCondition& c) { return c.id == id; });
}

// The patient's medications ([[patient.medication]]): each may imply a catalogue condition, which the
// patient must then have too; the condition's "found by asking" hides the medication with it.
void drawMedications(EditorState& s) {
    core::Patient& p = s.draft->scenario.patient;
    const std::vector<core::ConditionInfo>& catalogue = s.in.conditions->conditions;
    ImGui::TextWrapped("What the patient takes. A medication that implies a condition needs that condition on the "
                       "Patient tab too; ticking it \"found by asking\" hides the medication with it.");
    for (std::size_t i = 0; i < p.medications.size(); ++i) {
        core::Medication& m = p.medications[i];
        const std::string field = "medication." + std::to_string(i);
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        s.changed |= editText("Drug and dose", m.name);
        hookItem(s, "field." + field + ".name");
        showProblems(s, field + ".name");
        if (ImGui::BeginCombo("Implies", m.condition.empty() ? "no condition" : m.condition.c_str())) {
            if (ImGui::Selectable("no condition", m.condition.empty())) {
                m.condition.clear();
                s.changed = true;
            }
            for (const core::ConditionInfo& info : catalogue)
                if (ImGui::Selectable(info.id.c_str(), info.id == m.condition)) {
                    m.condition = info.id;
                    s.changed = true;
                }
            ImGui::EndCombo();
        }
        hookItem(s, "field." + field + ".condition");
        const core::ConditionInfo* info = m.condition.empty() ? nullptr : s.in.conditions->find(m.condition);
        if (info && info->windowDays)
            hint(info->name + ": implied until " + std::to_string(*info->windowDays) + " days after the last dose");
        else if (info)
            hint(info->name);
        showProblems(s, field + ".condition");
        if (info && !hasCondition(p, info->id) && ImGui::SmallButton("Add the condition to the patient")) {
            p.conditions.push_back({info->id, m.name, true, false});
            s.changed = true;
        }
        bool taking = m.daysSinceLastDose == 0;
        if (ImGui::Checkbox("Still taking it", &taking)) {
            m.daysSinceLastDose = taking ? 0 : 30;
            s.changed = true;
        }
        hookItem(s, "field." + field + ".taking");
        if (!taking) {
            ImGui::SetNextItemWidth(160.0f);
            s.changed |= ImGui::InputInt("Days since the last dose", &m.daysSinceLastDose);
            hookField(s, "field." + field + ".days_since_last_dose");
        }
        showProblems(s, field + ".days_since_last_dose");
        showSectionProblems(s, field);
        if (ImGui::Button("Remove medication")) {
            p.medications.erase(p.medications.begin() + static_cast<std::ptrdiff_t>(i));
            s.changed = true;
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    if (ImGui::Button("Add a medication")) {
        p.medications.push_back({"", "", 0});
        s.changed = true;
    }
    hookItem(s, "add_medication");
}

void drawLesions(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextWrapped("Pick a kind, choose \"Place lesions\" above the head and click the skin (3 mm across); drag away "
                       "from the click to size it (1 mm for every 10 pixels), or type its diameter below.");
    ImGui::Combo("Kind", &s.lesionKind, kLesionKinds.data(), static_cast<int>(kLesionKinds.size()));
    for (std::size_t i = 0; i < c.lesions.size(); ++i) {
        core::Lesion& l = c.lesions[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        ImGui::Text("%s at (%.1f, %.1f, %.1f)", l.kind.c_str(), l.position.x, l.position.y, l.position.z);
        // Typed to a tenth of a millimetre: the head tool's drag is for a first guess.
        float diameter = 2.0f * l.radiusMm;
        ImGui::SetNextItemWidth(90.0f);
        if (ImGui::InputFloat("Diameter (mm)", &diameter, 0.0f, 0.0f, "%.1f")) {
            diameter = std::clamp(std::round(diameter * 10.0f) / 10.0f, kLesionDiameterMm.first, kLesionDiameterMm.second);
            if (0.5f * diameter != l.radiusMm) {
                l.radiusMm = 0.5f * diameter;
                s.changed = true;
            }
        }
        hookField(s, "field.lesion." + std::to_string(i) + ".diameter");  // on the box, not its label
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

// The forms, one tab each.
void drawTabs(EditorState& s) {
    // Narrow tabs, so that the seven titles fit the panel whole. The bar draws titles with the padding
    // it began with, and lays tabs out at the width each asked for: both are set here.
    constexpr float kPad = 4.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(kPad, ImGui::GetStyle().FramePadding.y));
    const bool bar = ImGui::BeginTabBar("case");
    ImGui::PopStyleVar();
    if (!bar) return;
    const auto tab = [&](const char* title, const char* id, void (*draw)(EditorState&)) {
        ImGui::SetNextItemWidth(ImGui::CalcTextSize(title).x + 2.0f * kPad + 1.0f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(kPad, ImGui::GetStyle().FramePadding.y));
        const bool open = ImGui::BeginTabItem(title);
        ImGui::PopStyleVar();
        hookItem(s, std::string("tab.") + id);
        if (open) {
            ImGui::BeginChild(id);
            draw(s);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
    };
    tab("Patient", "patient", drawPatient);
    tab("Medication", "medications", drawMedications);
    tab("Questions", "questions", drawQuestions);
    tab("Decision", "decision", drawDecision);
    tab("Scoring", "scoring", drawScoring);
    tab("Course", "course", drawCourse);
    tab("Lesions", "lesions", drawLesions);
    ImGui::EndTabBar();
}

}  // namespace pinpoint::app::case_editor
