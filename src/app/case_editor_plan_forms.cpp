// The case editor's forms for the decision and the plan (zones with their depths, tools, what the plan
// must record, a policy) and for the scoring (pass mark, minimum coverage, the components' weights).
#include "app/case_editor_state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

namespace pinpoint::app::case_editor {

namespace {

constexpr std::array<core::Decision, 4> kDecisions{core::Decision::Proceed, core::Decision::ProceedModified,
                                                   core::Decision::Defer, core::Decision::Decline};
constexpr std::array<const char*, 4> kDecisionNames{"proceed", "proceed_modified", "defer", "decline"};

template <typename T>
bool toggle(const char* label, std::vector<T>& items, const T& item) {
    bool on = std::find(items.begin(), items.end(), item) != items.end();
    if (!ImGui::Checkbox(label, &on)) return false;
    if (on) items.push_back(item);
    else items.erase(std::find(items.begin(), items.end(), item));
    return true;
}

// One row per zone: in the plan or not, to be avoided altogether, and today's depth beside the
// rubric's chart for the patient's indication (a depth other than the chart's is written under
// [zones.NAME]).
void drawZones(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextDisabled("The plan (click a zone on the head, or tick it here)");
    constexpr float kAvoid = 176.0f, kChart = 224.0f, kMin = 318.0f, kMax = 378.0f, kReset = 440.0f;
    ImGui::TextUnformatted("Zone in plan");
    ImGui::SameLine(kAvoid);
    ImGui::TextUnformatted("Avoid");
    ImGui::SameLine(kChart);
    ImGui::TextUnformatted("Chart");
    ImGui::SameLine(kMin);
    ImGui::TextUnformatted("Depth today, mm");
    for (core::ZoneScenarioRules& z : c.zones) {
        ImGui::PushID(z.zone.c_str());
        // A zone to be avoided is out of the plan: ticking one box unticks the other.
        auto& avoid = c.plan.avoidZones;
        if (ImGui::Checkbox(z.zone.c_str(), &z.treat)) {
            if (z.treat) avoid.erase(std::remove(avoid.begin(), avoid.end(), z.zone), avoid.end());
            s.changed = true;
        }
        hookItem(s, "field.zones." + z.zone + ".treat");
        ImGui::SameLine(kAvoid);
        if (toggle("##avoid", avoid, z.zone)) {
            if (std::find(avoid.begin(), avoid.end(), z.zone) != avoid.end()) z.treat = false;
            s.changed = true;
        }
        hookItem(s, "field.plan.avoid_zones." + z.zone);
        const core::ZoneTargets* chart = s.in.rubric->find(z.zone);
        if (z.treat && chart) {
            const core::DepthRange& range = chart->depthFor(c.patient.indication);
            ImGui::SameLine(kChart);
            ImGui::TextDisabled("%.2f-%.2f", range.minMm, range.maxMm);
            ImGui::SameLine(kMin);
            s.changed |= editNumber("##min", z.depth.minMm, 0.0, 2, 58.0f);
            hookItem(s, "field.zones." + z.zone + ".depth_min");
            ImGui::SameLine(kMax);
            s.changed |= editNumber("##max", z.depth.maxMm, 0.0, 2, 58.0f);
            hookItem(s, "field.zones." + z.zone + ".depth_max");
            if (z.depth.minMm != range.minMm || z.depth.maxMm != range.maxMm) {
                ImGui::SameLine(kReset);
                if (ImGui::SmallButton("chart")) {
                    z.depth = range;
                    s.changed = true;
                }
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the chart's depth for this zone");
            }
        }
        showProblems(s, "zones." + z.zone);
        ImGui::PopID();
    }
    hint("Avoid: not to be needled at all (it leaves the plan). Chart: the rubric's depth for the patient's "
         "indication; a depth today other than the chart's is written for the zone.");
    if (c.plan.depthCapMm) {
        char line[96];
        std::snprintf(line, sizeof line, "The depth cap lowers every zone's maximum to %.2f mm.", *c.plan.depthCapMm);
        hint(line);
    }
    showProblems(s, "treatment.zones");
    showProblems(s, "plan.avoid_zones");
}

// A [policy] line for each condition the catalogue lets a case switch (isotretinoin today).
void drawPolicies(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextUnformatted("Policy, where the catalogue allows a choice:");
    for (const core::ConditionInfo& info : s.in.conditions->conditions) {
        if (info.policyOptions.empty()) continue;
        const auto set = c.policies.find(info.id);
        const std::string catalogueChoice = std::string("catalogue: ") + core::conditionActionName(info.action);
        const std::string shown = set == c.policies.end() ? catalogueChoice : core::conditionActionName(set->second);
        ImGui::SetNextItemWidth(205.0f);
        if (ImGui::BeginCombo(info.id.c_str(), shown.c_str())) {
            if (ImGui::Selectable(catalogueChoice.c_str(), set == c.policies.end())) {
                c.policies.erase(info.id);
                s.changed = true;
            }
            for (const core::ConditionAction option : info.policyOptions) {
                const bool chosen = set != c.policies.end() && set->second == option;
                if (ImGui::Selectable(core::conditionActionName(option), chosen)) {
                    c.policies[info.id] = option;
                    s.changed = true;
                }
            }
            ImGui::EndCombo();
        }
        showProblems(s, "policy." + info.id);
    }
}

}  // namespace

void drawDecision(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    ImGui::TextDisabled("The decision");
    int expected =
        static_cast<int>(std::find(kDecisions.begin(), kDecisions.end(), c.expectedDecision) - kDecisions.begin());
    auto& also = c.acceptableDecisions;
    if (ImGui::Combo("Expected", &expected, kDecisionNames.data(), 4)) {
        c.expectedDecision = kDecisions[static_cast<std::size_t>(expected)];
        also.erase(std::remove(also.begin(), also.end(), c.expectedDecision), also.end());  // expected, not also
        s.changed = true;
    }
    showProblems(s, "decision.expected");
    ImGui::TextUnformatted("Also acceptable:");
    int shown = 0;  // the other three: the expected decision is acceptable already
    for (std::size_t i = 0; i < kDecisions.size(); ++i) {
        if (kDecisions[i] == c.expectedDecision) continue;
        if (shown++ != 2) ImGui::SameLine();  // two to a line: the panel is narrow
        s.changed |= toggle(kDecisionNames[i], also, kDecisions[i]);
        hookItem(s, std::string("field.decision.acceptable.") + kDecisionNames[i]);
    }
    showProblems(s, "decision.acceptable");
    drawPolicies(s);
    ImGui::Separator();
    drawZones(s);
    ImGui::Separator();
    ImGui::TextUnformatted("Tools:");
    for (const char* tool : {"pen", "roller"}) {
        ImGui::SameLine();
        s.changed |= toggle(tool, c.allowedTools, std::string(tool));
        hookItem(s, std::string("field.treatment.tools.") + tool);
    }
    showProblems(s, "treatment.tools");
    drawRollerGiven(s);
    // What a correct plan must include: the catalogue's plan actions (its [[modification]] list), and a depth cap.
    ImGui::TextUnformatted("The plan must record:");
    for (const core::PlanModification* m : s.in.conditions->planActions()) {
        s.changed |= toggle(m->label.c_str(), c.plan.actions, m->id);
        hookItem(s, "field.plan.actions." + m->id);
    }
    showProblems(s, "plan.actions");
    bool capped = c.plan.depthCapMm.has_value();
    if (ImGui::Checkbox("Depth cap", &capped)) {
        c.plan.depthCapMm = capped ? std::optional<double>(0.5) : std::nullopt;
        s.changed = true;
    }
    if (c.plan.depthCapMm) {
        ImGui::SameLine();
        s.changed |= editNumber("mm##cap", *c.plan.depthCapMm, 0.05, 2, 160.0f);
    }
    showProblems(s, "plan.depth_cap_mm");
    for (const char* section : {"decision", "plan", "policy", "treatment"}) showSectionProblems(s, section);
    ImGui::Separator();
    drawCounsel(s);
}

void drawScoring(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    s.changed |= editNumber("Pass mark", c.passMark, 1.0, 1);
    hookItem(s, "field.scoring.pass_mark");
    showProblems(s, "scoring.pass_mark");
    s.changed |= editNumber("Minimum coverage", c.minCoverage, 1.0, 1);
    showProblems(s, "scoring.min_coverage");
    ImGui::Separator();
    ImGui::TextWrapped("How much each component counts towards the score: each 0 to 1, all six adding up to 1 "
                       "(docs/scoring.md).");
    core::ComponentWeights& w = c.weights;
    for (const auto& [label, key, value] :
         {std::tuple{"Coverage", "coverage", &w.coverage}, std::tuple{"Overlap", "overlap", &w.overlap},
          std::tuple{"Depth", "depth", &w.depth},
          std::tuple{"Contraindications", "contraindications", &w.contraindications},
          std::tuple{"Technique", "technique", &w.technique}, std::tuple{"Protocol", "protocol", &w.protocol}}) {
        s.changed |= editNumber(label, *value, 0.05, 3, 200.0f);
        hookField(s, std::string("field.scoring.weights.") + key);
        showProblems(s, std::string("scoring.weights.") + key);
    }
    const double sum = w.coverage + w.overlap + w.depth + w.contraindications + w.technique + w.protocol;
    ImGui::Text("Together: %.3f", sum);
    showSectionProblems(s, "scoring.weights");  // the reader's check of the sum, reported at the weights' table
    if (sum > 0.0 && ImGui::Button("Scale them to add up to 1")) {
        // Each in proportion, to two places; what rounding leaves over goes to the largest.
        double* parts[] = {&w.coverage, &w.overlap, &w.depth, &w.contraindications, &w.technique, &w.protocol};
        double total = 0.0;
        for (double* p : parts) total += (*p = std::round(*p / sum * 100.0) / 100.0);
        double* largest =
            *std::max_element(std::begin(parts), std::end(parts), [](double* a, double* b) { return *a < *b; });
        *largest = std::round((*largest + 1.0 - total) * 100.0) / 100.0;
        s.changed = true;
    }
    hookItem(s, "scale_weights");
    showSectionProblems(s, "scoring");
}

}  // namespace pinpoint::app::case_editor
