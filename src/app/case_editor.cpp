// The case editor's window: the forms on the left, the head on the right, the actions on top.
#include "app/case_editor.h"

#include "app/app.h"
#include "app/app_window.h"
#include "app/head_overlays.h"
#include "app/imgui_session.h"
#include "app/orbit_camera.h"
#include "app/spawn_pinpoint.h"
#include "app/test_hooks.h"
#include "core/face/area_names.h"
#include "core/scoring/careful_check.h"
#include "core/scoring/case_draft.h"
#include "render/head_surface.h"
#include "render/imgui_layer.h"
#include "render/scene_builder.h"
#include "render/views.h"
#include "render/window_renderer.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace pinpoint::app {

namespace {

constexpr float kFormWidth = 540.0f;
constexpr float kBarHeight = 46.0f;
constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar;
// Lesion kinds the shipped cases use, and the common ones the format names.
constexpr std::array<const char*, 7> kLesionKinds{"raised_mole", "wart", "actinic_keratosis", "tattoo", "open_wound",
                                                  "skin_tag", "scar"};
constexpr std::array<const char*, 3> kSexes{"female", "male", "other"};
constexpr std::array<core::Decision, 4> kDecisions{core::Decision::Proceed, core::Decision::ProceedModified,
                                                   core::Decision::Defer, core::Decision::Decline};

enum class HeadTool { Zones, Lesion };

struct EditorState {
    const CaseEditorOptions* options = nullptr;
    CaseEditorInputs in;
    std::optional<core::CaseDraft> draft;
    TestHooks hooks{false};
    HeadTool headTool = HeadTool::Zones;
    int lesionKind = 0;
    int newCondition = 0;                // the catalogue condition the Add button adds
    std::string status;                  // the last action's outcome, under the bar
    std::optional<core::CarefulCheck> careful;
    std::string problemsListed;          // for the test hooks
    bool changed = true;                 // a change since the last check
    std::optional<std::size_t> sizing;   // the lesion being sized by a drag
    std::string openTab;                 // the tab a test asked for by clicking it
};

// An ImGui text field bound to a std::string (ImGui 1.86 edits char buffers).
bool editText(const char* label, std::string& value, float multilineHeight = 0.0f) {
    std::vector<char> buffer(value.size() + 2048, '\0');
    std::memcpy(buffer.data(), value.data(), value.size());
    const bool edited = multilineHeight > 0.0f
                            ? ImGui::InputTextMultiline(label, buffer.data(), buffer.size(), ImVec2(-1.0f, multilineHeight))
                            : ImGui::InputText(label, buffer.data(), buffer.size());
    if (edited) value = buffer.data();
    return edited;
}

// Reports the last item's centre to the tests as `button ID X Y`.
void hookItem(EditorState& s, const std::string& id) {
    if (!s.hooks.enabled()) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
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

// Everything the reader found that no field of the open tab shows: listed under the bar.
void drawTabs(EditorState& s) {
    if (!ImGui::BeginTabBar("case")) return;
    const auto tab = [&](const char* title, const char* id, void (*draw)(EditorState&)) {
        const ImGuiTabItemFlags flags = s.openTab == id ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(title, nullptr, flags);
        hookItem(s, std::string("tab.") + id);
        if (open) {
            if (s.openTab == id) s.openTab.clear();
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

void save(EditorState& s) {
    const core::Result<bool> saved = s.draft->save(s.options->path);
    if (saved) {
        s.status = "Saved " + s.options->path;
        s.hooks.line("saved " + s.options->path);
    } else {
        s.status = saved.error().message;
        s.hooks.line("save refused");
    }
}

void checkIt(EditorState& s) {
    const std::optional<core::Scenario>& readBack = s.draft->readBack();
    if (!readBack) {
        s.status = "Fix the problems first: the careful practitioner needs a valid case.";
        return;
    }
    s.careful = core::checkCarefulPractitioner(*s.in.surface, *s.in.tools, *s.in.rubric, *s.in.density, *readBack);
    char line[96];
    std::snprintf(line, sizeof line, "careful %s %.1f", s.careful->passed ? "passed" : "failed", s.careful->score);
    s.hooks.line(line);
    for (const std::string& r : s.careful->reasons) s.hooks.line("careful_reason " + r);
}

// The trainee's flow on the case as it stands, in a window of its own (`pinpoint --scenario FILE`).
void tryIt(EditorState& s) {
    if (!s.draft->readBack()) {
        s.status = "Fix the problems first: the trainee's flow needs a valid case.";
        return;
    }
    const std::string file = (std::filesystem::temp_directory_path() /
                              ("pinpoint-try-" + std::to_string(::getpid()) + ".toml")).string();
    if (!s.draft->save(file)) {  // the draft is unchanged; only its file name moves with save
        s.status = "Cannot write " + file;
        return;
    }
    s.draft->scenario.file = std::filesystem::exists(s.options->path) ? s.options->path : "";
    if (spawnPinpoint(s.options->pinpointBinary, {"--scenario", file})) {
        s.status = "Opened the trainee's flow on the case (" + file + ")";
        s.hooks.line("try " + file);
    } else {
        s.status = "Cannot start " + s.options->pinpointBinary;
    }
}

void drawBar(EditorState& s, float width) {
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, kBarHeight));
    ImGui::Begin("actions", nullptr, kPanel);
    ImGui::Text("%s", s.options->path.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!s.draft->canSave());
    if (ImGui::Button("Save")) save(s);
    ImGui::EndDisabled();
    hookItem(s, "save");
    ImGui::SameLine();
    if (ImGui::Button("Check it")) checkIt(s);
    hookItem(s, "check");
    ImGui::SameLine();
    if (ImGui::Button("Try it")) tryIt(s);
    hookItem(s, "try");
    ImGui::SameLine();
    const std::size_t n = s.draft->problems().size();
    if (n == 0) ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.4f, 1.0f), "No problems: validate accepts it");
    else ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1.0f), "%zu problem%s: Save is off", n, n == 1 ? "" : "s");
    ImGui::End();
}

void drawHeadPanel(EditorState& s, float x, float width) {
    ImGui::SetNextWindowPos(ImVec2(x, kBarHeight));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    ImGui::Begin("head tools", nullptr, kPanel | ImGuiWindowFlags_AlwaysAutoResize);
    int tool = s.headTool == HeadTool::Zones ? 0 : 1;
    ImGui::RadioButton("Zones in/out of the plan", &tool, 0);
    hookItem(s, "mode.zones");
    ImGui::SameLine();
    ImGui::RadioButton("Place lesions", &tool, 1);
    hookItem(s, "mode.lesion");
    s.headTool = tool == 0 ? HeadTool::Zones : HeadTool::Lesion;
    if (s.headTool == HeadTool::Lesion) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(170.0f);
        ImGui::Combo("##kind", &s.lesionKind, kLesionKinds.data(), static_cast<int>(kLesionKinds.size()));
    }
    if (!s.status.empty()) ImGui::TextWrapped("%s", s.status.c_str());
    if (s.careful) {
        if (s.careful->passed)
            ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.4f, 1.0f), "Careful practitioner: passes (%.1f)", s.careful->score);
        else
            ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1.0f), "Careful practitioner: fails (%.1f)", s.careful->score);
        for (const std::string& r : s.careful->reasons) ImGui::BulletText("%s", r.c_str());
    }
    std::vector<std::string> out;
    for (const core::ZoneScenarioRules& z : s.draft->scenario.zones)
        if (!z.treat) out.push_back(z.zone);
    std::string outText;
    for (const std::string& z : out) outText += (outText.empty() ? "" : ", ") + z;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Not in the plan: %s", outText.empty() ? "none" : outText.c_str());
    ImGui::PopStyleColor();
    ImGui::End();
}

std::string zoneAt(const EditorState& s, const core::SurfaceHit& hit) {
    const std::uint16_t area = s.in.surface->areas.areaAt(hit.triangle, hit.point);
    const auto& areas = s.in.head->zoneFile.zones.areas;
    return area < areas.size() ? areas[area].name : std::string();
}

// A left click on the skin: a zone in or out of the plan, or a lesion placed (then sized by dragging).
void clickHead(EditorState& s, const core::SurfaceHit& hit) {
    core::Scenario& c = s.draft->scenario;
    const std::string zone = zoneAt(s, hit);
    char line[160];
    std::snprintf(line, sizeof line, "picked %.3f %.3f %.3f %s", hit.point.x, hit.point.y, hit.point.z, zone.c_str());
    s.hooks.line(line);
    if (s.headTool == HeadTool::Zones) {
        for (core::ZoneScenarioRules& z : c.zones)
            if (z.zone == zone) {
                z.treat = !z.treat;
                s.changed = true;
                s.hooks.line("zone " + zone + (z.treat ? " in" : " out"));
                s.status = zone + (z.treat ? " is in the plan" : " is out of the plan");
            }
        return;
    }
    c.lesions.push_back({kLesionKinds[static_cast<std::size_t>(s.lesionKind)], hit.point, 3.0f});
    s.sizing = c.lesions.size() - 1;
    s.changed = true;
    s.status = std::string("Placed a ") + kLesionKinds[static_cast<std::size_t>(s.lesionKind)] + " on " + zone +
               "; drag to size it";
}

}  // namespace

int runCaseEditor(const CaseEditorOptions& options, const CaseEditorLoader& load) {
    auto window = AppWindow::open(options.width, options.height, "Pinpoint - case editor");
    if (!window) {
        std::cerr << "pinpoint edit: cannot open the editor window (" << window.error().message
                  << "); without one, write the file by hand (docs/scenario-format.md) and check it with "
                     "`pinpoint validate`\n";
        return kExitNoDisplay;
    }
    const std::optional<CaseEditorInputs> inputs = load();
    if (!inputs) return 2;

    EditorState s;
    s.options = &options;
    s.in = *inputs;
    s.hooks = TestHooks(options.testHooks);
    s.draft.emplace(*s.in.rubric, *s.in.conditions, &s.in.surface->bvh);
    if (std::filesystem::exists(options.path)) {
        const std::vector<core::Error> errors = s.draft->load(options.path);
        if (!errors.empty()) {
            for (const core::Error& e : errors) std::cerr << e.describe() << "\n";
            std::cerr << "pinpoint edit: " << options.path << " does not read; fix it by hand first\n";
            return 2;
        }
        s.status = "Opened " + options.path;
    } else {
        std::string id = std::filesystem::path(options.path).stem().string();
        for (char& ch : id)
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) ch = '-';
        s.draft->startNew(id.empty() ? "new-case" : id);
        s.status = "A new case; it is saved to " + options.path;
    }

    auto context = render::Context::create([&] {
        render::ContextOptions o;
        o.instanceExtensions = AppWindow::requiredInstanceExtensions();
        o.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
        o.makeSurface = [&](const vk::raii::Instance& instance) { return (*window)->createSurface(instance); };
        o.preferredDevice = options.gpu;
        return o;
    }());
    if (!context) {
        std::cerr << "pinpoint edit: " << context.error().describe() << "\n";
        return 2;
    }
    const render::HeadSurface headSurface = render::headSurface(*s.in.head);
    auto renderer = render::WindowRenderer::create(**context, (*context)->takeSurface(), headSurface,
                                                   (*window)->framebufferSize(), {true, 0});
    if (!renderer) {
        std::cerr << "pinpoint edit: " << renderer.error().describe() << "\n";
        return 2;
    }
    ImGuiSession imgui((*window)->handle());
    std::optional<render::ImGuiLayer> ui;
    ui.emplace(**context, (*renderer)->overlayRenderPass(), (*renderer)->overlaySamples(), (*renderer)->minImageCount(),
               (*renderer)->imageCount());

    const core::Bounds bounds = core::meshBounds(s.in.head->mesh());
    const render::Camera framed = render::frameBounds(render::View::Front, bounds,
                                                      static_cast<float>(options.width) / options.height, 25.0f);
    const glm::vec3 faceCentre(0.0f, 0.5f * (bounds.min.y + bounds.max.y) + 0.08f * (bounds.max.y - bounds.min.y),
                               0.5f * (bounds.min.z + bounds.max.z));
    OrbitCamera camera(faceCentre, 0.75f * glm::length(framed.eye - framed.target), 25.0f);
    const render::SceneBuilder sceneBuilder(*s.in.head, *s.in.surface);
    s.hooks.screen("editor");

    bool rightWasDown = false, leftWasDown = false;
    glm::vec2 lastMouse(0.0f);
    while (!(*window)->shouldClose()) {
        (*window)->pollEvents();
        reapSpawned();
        const vk::Extent2D size = (*window)->framebufferSize();
        if (size.width == 0 || size.height == 0) {
            glfwWaitEventsTimeout(0.1);
            continue;
        }
        if (s.changed) {  // every change is written out and read back by the reader validate uses
            s.changed = false;
            s.draft->check();
            s.careful.reset();  // the check was of the case before the change
            const std::vector<core::FieldProblem>& problems = s.draft->problems();
            if (s.hooks.enabled()) {  // printed when the list changes
                std::string listed = "problems " + std::to_string(problems.size());
                for (const core::FieldProblem& p : problems) listed += "\nproblem " + p.field + " " + p.error.message;
                if (listed != s.problemsListed) s.hooks.line(s.problemsListed = listed);
            }
        }
        ui->newFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const ImGuiIO& io = ImGui::GetIO();
        const glm::vec2 viewport(static_cast<float>(size.width), static_cast<float>(size.height));
        s.hooks.position("size", "window", viewport.x, viewport.y);

        ImGui::SetNextWindowPos(ImVec2(0.0f, kBarHeight));
        ImGui::SetNextWindowSize(ImVec2(kFormWidth, io.DisplaySize.y - kBarHeight));
        ImGui::Begin("case", nullptr, kPanel);
        drawTabs(s);
        ImGui::End();
        drawBar(s, io.DisplaySize.x);
        drawHeadPanel(s, kFormWidth, io.DisplaySize.x - kFormWidth);

        const glm::vec2 scale(io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y);
        camera.setScreenShift(0.5f * kFormWidth * scale.x, viewport.y);
        const glm::vec2 mouse(io.MousePos.x * scale.x, io.MousePos.y * scale.y);
        const float wheel = static_cast<float>((*window)->takeScroll());
        const bool overHead = !io.WantCaptureMouse;
        if (overHead) {
            if (wheel != 0.0f) camera.zoom(wheel);
            if (io.MouseDown[1] && rightWasDown) camera.orbit(mouse.x - lastMouse.x, mouse.y - lastMouse.y);
        }
        const auto pick = [&]() -> std::optional<core::SurfaceHit> {
            const Ray ray = camera.ray(mouse, viewport);
            std::optional<core::SurfaceHit> hit = s.in.surface->bvh.castRay(ray.origin, ray.direction);
            const core::Head& head = *s.in.head;
            if (hit && !head.geometry.parts.empty() && head.geometry.parts[hit->triangle] == core::SurfacePart::Inner)
                return std::nullopt;
            return hit;
        };
        if (io.MouseDown[0] && !leftWasDown && overHead)
            if (const std::optional<core::SurfaceHit> hit = pick()) clickHead(s, *hit);
        if (io.MouseDown[0] && leftWasDown && s.sizing && *s.sizing < s.draft->scenario.lesions.size()) {
            core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
            if (const std::optional<core::SurfaceHit> hit = pick()) {
                const float radius = std::round(std::clamp(glm::distance(hit->point, l.position), 1.0f, 20.0f) * 10.0f) / 10.0f;
                if (radius != l.radiusMm && glm::distance(hit->point, l.position) > 1.0f) {
                    l.radiusMm = radius;
                    s.changed = true;
                }
            }
        }
        if (!io.MouseDown[0] && s.sizing) {
            if (*s.sizing < s.draft->scenario.lesions.size()) {
                const core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
                char line[160];
                std::snprintf(line, sizeof line, "lesion %zu %s %.3f %.3f %.3f %.2f", *s.sizing, l.kind.c_str(),
                              l.position.x, l.position.y, l.position.z, l.radiusMm);
                s.hooks.line(line);
            }
            s.sizing.reset();
        }
        rightWasDown = io.MouseDown[1];
        leftWasDown = io.MouseDown[0];
        lastMouse = mouse;

        const render::Camera cam = camera.camera();
        drawZoneLabels(sceneBuilder, cam, glm::vec2(io.DisplaySize.x, io.DisplaySize.y));
        // What the zones overlay does not show: the zones out of the plan, and the lesions' extent
        // (a lesion under a label would otherwise be hidden).
        ImDrawList* draw = ImGui::GetBackgroundDrawList();  // under the panels, over the labels
        for (const render::SceneBuilder::ZoneLabel& label : sceneBuilder.zoneLabels()) {
            if (label.forbidden || !sceneBuilder.sees(label, cam.eye)) continue;
            const std::optional<core::SurfaceHit> at = s.in.surface->bvh.closestPoint(label.anchor, 2.0f);
            const core::ZoneScenarioRules* zone = at ? s.draft->scenario.zone(zoneAt(s, *at)) : nullptr;
            if (!zone || zone->treat) continue;
            if (const std::optional<glm::vec2> p = render::projectToPixels(cam, viewport, label.anchor)) {
                const ImVec2 text(p->x / scale.x - 40.0f, p->y / scale.y + 11.0f);
                draw->AddRectFilled(ImVec2(text.x - 3.0f, text.y - 1.0f), ImVec2(text.x + 86.0f, text.y + 19.0f),
                                    IM_COL32(0, 0, 0, 190), 3.0f);
                draw->AddText(text, IM_COL32(255, 90, 70, 255), "not in plan");
            }
        }
        for (const core::Lesion& l : s.draft->scenario.lesions) {
            const std::optional<glm::vec2> centre = render::projectToPixels(cam, viewport, l.position);
            const std::optional<glm::vec2> edge =
                render::projectToPixels(cam, viewport, l.position + glm::vec3(l.radiusMm, 0.0f, 0.0f));
            if (!centre || !edge) continue;
            const float r = std::max(3.0f, glm::distance(*centre, *edge) / scale.x);
            draw->AddCircle(ImVec2(centre->x / scale.x, centre->y / scale.y), r, IM_COL32(255, 220, 40, 255), 32, 2.0f);
        }
        if (s.hooks.enabled())  // where each zone's label sits, for the tests to click
            for (const render::SceneBuilder::ZoneLabel& label : sceneBuilder.zoneLabels()) {
                if (!sceneBuilder.sees(label, cam.eye)) continue;
                const std::optional<core::SurfaceHit> at = s.in.surface->bvh.closestPoint(label.anchor, 2.0f);
                if (!at) continue;
                const std::string name = zoneAt(s, *at);
                if (const std::optional<glm::vec2> p = render::projectToPixels(cam, viewport, label.anchor))
                    s.hooks.position("point", name, p->x, p->y);
            }
        ImGui::Render();

        render::SceneInputs frame;
        frame.camera = cam;
        frame.overlay = render::Overlay::Zones;
        frame.lesions = s.draft->scenario.lesions;
        frame.skinTones = s.in.skinTones;
        frame.fitzpatrick = std::clamp(s.draft->scenario.patient.fitzpatrick, 1, 6);
        const render::Scene scene = sceneBuilder.build(frame);
        (*renderer)->drawFrame(scene, size, [&](const vk::raii::CommandBuffer& cmd) { ui->record(cmd); });
    }
    (*renderer)->waitIdle();
    return 0;
}

}  // namespace pinpoint::app
