// Checks across the sections of a scenario: the rubric it was written for, conditions against the
// questions that reveal them, the expected decision against the condition catalogue (after the
// scenario's policies), and the plan against what the conditions require.
#include "core/scoring/scenario_parse.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace pinpoint::core::scenario_detail {

namespace {

// How cautious a decision is: proceed < proceed_modified < defer < decline.
int caution(Decision d) {
    switch (d) {
        case Decision::Proceed: return 0;
        case Decision::ProceedModified: return 1;
        case Decision::Defer: return 2;
        case Decision::Decline: return 3;
    }
    return 0;
}

Decision decisionFor(ConditionAction a) {
    switch (a) {
        case ConditionAction::Decline: return Decision::Decline;
        case ConditionAction::Defer: return Decision::Defer;
        case ConditionAction::Modify:
        case ConditionAction::AvoidArea: return Decision::ProceedModified;
        case ConditionAction::Proceed: return Decision::Proceed;
    }
    return Decision::Proceed;
}

ConditionAction effectiveAction(const ScenarioParse& p, const ConditionInfo& info) {
    auto it = p.scenario.policies.find(info.id);
    return it == p.scenario.policies.end() ? info.action : it->second;
}

bool hasCondition(const Patient& patient, const std::string& id) {
    return std::any_of(patient.conditions.begin(), patient.conditions.end(),
                       [&](const PatientCondition& c) { return c.id == id; });
}

void checkRubric(ScenarioParse& p) {
    const Scenario& s = p.scenario;
    if (p.nodes.rubricId && s.rubricId != p.rubric.id)
        p.problems.add(p.nodes.rubricId, "the scenario is written for rubric '" + s.rubricId + "', but the rubric in use is '" +
                                             p.rubric.id + "'");
    if (!p.nodes.rubricVersion) return;
    const std::string written = "the scenario is written for rubric version '" + s.rubricVersion + "'";
    const std::string inUse = "the rubric in use is " + p.rubric.version;
    switch (versionFit(s.rubricVersion, p.rubric.version)) {
        case VersionFit::Same: break;
        case VersionFit::OlderMinor:  // scored under the rubric in use; the score report says so too
            p.problems.note(p.nodes.rubricVersion, olderMinorNote(p.rubric, s.rubricVersion));
            break;
        case VersionFit::OlderMajor:
            p.problems.add(p.nodes.rubricVersion, written + ", an earlier major version: " + inUse + ", which measures differently",
                           "run `pinpoint validate --upgrade " + p.problems.reader.file() +
                               "` to rewrite it for " + p.rubric.version + " and see what changed");
            break;
        case VersionFit::NewerMinor:
        case VersionFit::NewerMajor:
            p.problems.add(p.nodes.rubricVersion, written + ", newer than this Pinpoint's: " + inUse,
                           "install the Pinpoint that ships rubric " + s.rubricVersion + ", or write the case for " + p.rubric.version);
            break;
        case VersionFit::Unreadable:
            p.problems.add(p.nodes.rubricVersion, "rubric_version '" + s.rubricVersion + "' is not a version",
                           "write MAJOR.MINOR.PATCH, e.g. \"" + p.rubric.version + "\"");
            break;
    }
}

// Conditions that come with the skin type (the catalogue's fitzpatrick_from: types V-VI and
// conservative depth, clinical.md).
void addSkinTypeConditions(ScenarioParse& p) {
    Patient& patient = p.scenario.patient;
    for (const ConditionInfo& skinType : p.catalogue.conditions) {
        if (skinType.fitzpatrickFrom == 0) continue;
        for (std::size_t i = 0; i < patient.conditions.size(); ++i)
            if (patient.conditions[i].id == skinType.id && patient.fitzpatrick > 0 && patient.fitzpatrick < skinType.fitzpatrickFrom)
                p.problems.add(p.nodes.conditions[i], "condition '" + skinType.id + "' for a patient of Fitzpatrick type " +
                                                          std::to_string(patient.fitzpatrick));
        if (patient.fitzpatrick >= skinType.fitzpatrickFrom && !hasCondition(patient, skinType.id)) {
            patient.conditions.push_back({skinType.id, "Fitzpatrick type " + std::to_string(patient.fitzpatrick), true});
            p.nodes.conditions.push_back(p.nodes.fitzpatrick);
        }
    }
}

// Conditions that come with the course: the last session too recent (min_interval_days), today's skin
// not ready (skin_today). They are seen at intake (disclosed), like the skin type.
void addCourseConditions(ScenarioParse& p) {
    Patient& patient = p.scenario.patient;
    const std::optional<Course>& course = p.scenario.course;
    for (const ConditionInfo& info : p.catalogue.conditions) {
        if (!info.minIntervalDays && info.skinToday.empty()) continue;
        std::string because;
        if (course && info.minIntervalDays && course->daysSinceLastVisit() && *course->daysSinceLastVisit() < *info.minIntervalDays)
            because = "the last session was " + std::to_string(*course->daysSinceLastVisit()) + " days ago (at least " +
                      std::to_string(*info.minIntervalDays) + " days apart)";
        if (course && std::find(info.skinToday.begin(), info.skinToday.end(), course->skin) != info.skinToday.end())
            because = "today's skin: " + course->skin + (course->skinNote.empty() ? "" : " - " + course->skinNote);
        const bool listed = hasCondition(patient, info.id);
        if (because.empty()) {
            // Only a course can give a condition that comes from the interval alone.
            if (listed && info.skinToday.empty())
                for (std::size_t i = 0; i < patient.conditions.size(); ++i)
                    if (patient.conditions[i].id == info.id)
                        p.problems.add(p.nodes.conditions[i], "condition '" + info.id + "' is listed, but the [course] does not give it",
                                       "it comes from the earlier visits' dates: at least " +
                                           std::to_string(*info.minIntervalDays) + " days between sessions");
            continue;
        }
        if (!listed) {
            patient.conditions.push_back({info.id, because, true, true});
            p.nodes.conditions.push_back(p.nodes.courseSkin ? p.nodes.courseSkin : p.nodes.course);
        }
    }
}

// Medications and the conditions they imply: listed when current, not listed when lapsed.
void checkMedications(ScenarioParse& p) {
    Patient& patient = p.scenario.patient;
    for (std::size_t i = 0; i < patient.medications.size(); ++i) {
        const Medication& m = patient.medications[i];
        const ConditionInfo* info = m.condition.empty() ? nullptr : p.catalogue.find(m.condition);
        if (info && impliesCondition(m, *info) && !hasCondition(patient, m.condition))
            p.problems.add(p.nodes.medications[i]->as_table()->get("condition"),
                           "medication '" + m.name + "' implies condition '" + m.condition +
                               "', which [[patient.condition]] does not list");
    }
    // A condition listed although every medication that names it lapsed past the condition's window.
    for (const PatientCondition& c : patient.conditions) {
        const ConditionInfo* info = p.catalogue.find(c.id);
        if (!info || !info->windowDays) continue;
        std::optional<std::size_t> lapsed;
        bool current = false;
        for (std::size_t i = 0; i < patient.medications.size(); ++i)
            if (patient.medications[i].condition == c.id) {
                if (impliesCondition(patient.medications[i], *info)) current = true;
                else if (!lapsed) lapsed = i;
            }
        if (!lapsed || current) continue;
        const Medication& m = patient.medications[*lapsed];
        p.problems.add(p.nodes.medications[*lapsed]->as_table()->get("days_since_last_dose"),
                       "condition '" + c.id + "' is listed, but medication '" + m.name + "' was last taken " +
                           std::to_string(m.daysSinceLastDose) + " days ago, beyond the condition's " +
                           std::to_string(*info->windowDays) + "-day window",
                       "remove the [[patient.condition]], or bring days_since_last_dose within the window");
    }
}

// What the questions reveal: conditions the patient has, hidden ones only by questions not optional,
// and every hidden condition revealed by some question.
void checkReveals(ScenarioParse& p) {
    const Patient& patient = p.scenario.patient;
    const std::vector<IntakeQuestion>& questions = p.scenario.questions;
    for (std::size_t q = 0; q < questions.size(); ++q)
        for (std::size_t k = 0; k < questions[q].reveals.size(); ++k)
            if (!hasCondition(patient, questions[q].reveals[k]))
                p.problems.add(p.nodes.reveals[q][k], "question '" + questions[q].id + "' reveals '" + questions[q].reveals[k] +
                                                          "', which the patient does not have");
    for (std::size_t q = 0; q < questions.size(); ++q)
        for (const std::string& id : questions[q].reveals) {
            const bool hidden = std::any_of(patient.conditions.begin(), patient.conditions.end(),
                                            [&](const PatientCondition& c) { return c.id == id && !c.disclosed; });
            if (questions[q].optional && hidden)
                p.problems.add(p.nodes.questions[q]->as_table()->get("optional"),
                               "question '" + questions[q].id + "' reveals the hidden condition '" + id + "' and cannot be optional");
        }
    for (std::size_t i = 0; i < patient.conditions.size(); ++i) {
        const PatientCondition& c = patient.conditions[i];
        if (c.disclosed) continue;
        const bool revealed = std::any_of(questions.begin(), questions.end(), [&](const IntakeQuestion& q) {
            return std::find(q.reveals.begin(), q.reveals.end(), c.id) != q.reveals.end();
        });
        if (!revealed)
            p.problems.add(p.nodes.conditions[i], "condition '" + c.id + "' is not disclosed and no question reveals it",
                           "add a [[question]] with reveals = [\"" + c.id + "\"], or set disclosed = true");
    }
}

void checkConditions(ScenarioParse& p) {
    addSkinTypeConditions(p);
    addCourseConditions(p);
    checkMedications(p);
    checkReveals(p);
}

// A decision a source supports for one of the patient's conditions is never scored wrong: the
// scenario expects it or lists it as acceptable (where it scores as right).
void checkSourceSupport(ScenarioParse& p) {
    Scenario& s = p.scenario;
    s.sourceSupported.clear();
    for (const PatientCondition& c : s.patient.conditions) {
        const ConditionInfo* info = p.catalogue.find(c.id);
        if (!info) continue;
        for (Decision d : info->sourcesSupport) {
            s.sourceSupported.push_back({d, c.id, info->sourcesSupportSource});
            const bool accepted = d == s.expectedDecision ||
                                  std::find(s.acceptableDecisions.begin(), s.acceptableDecisions.end(), d) != s.acceptableDecisions.end();
            if (accepted) continue;
            const toml::node* at = !p.nodes.acceptable.empty() ? p.nodes.acceptable.front() : p.nodes.expected;
            p.problems.add(at, std::string("a trainee who decides '") + decisionName(d) + "' for condition '" + c.id +
                                   "' follows the sources (" + info->sourcesSupportSource + ") and must not be marked wrong",
                           std::string("add \"") + decisionName(d) + "\" to acceptable under [decision]");
        }
    }
}

void checkDecision(ScenarioParse& p) {
    const Scenario& s = p.scenario;
    if (!p.nodes.expected) return;
    Decision required = Decision::Proceed;
    std::string because;
    for (const PatientCondition& c : s.patient.conditions) {
        const ConditionInfo* info = p.catalogue.find(c.id);
        if (!info) continue;
        const Decision d = decisionFor(effectiveAction(p, *info));
        if (caution(d) > caution(required)) {
            required = d;
            because = c.id;
        }
    }
    // The expected decision is at least as cautious as the catalogue's; an acceptable alternative
    // may swap defer and decline (neither needles today) but never treats where the catalogue says not to.
    auto check = [&](Decision d, const toml::node* at, const char* what, bool alternative) {
        const auto level = [&](Decision x) { return alternative ? std::min(caution(x), 2) : caution(x); };
        if (level(d) >= level(required)) return;
        p.problems.add(at, std::string(what) + " '" + decisionName(d) + "' is less cautious than '" + decisionName(required) +
                               "', which the condition catalogue asks for condition '" + because + "'",
                       "an instructor may be stricter than the catalogue, never laxer; a [policy] can switch a condition that allows it");
    };
    check(s.expectedDecision, p.nodes.expected, "the expected decision", false);
    // An expected decision that only a lapsed condition (its medication past the window) asks for.
    if (caution(s.expectedDecision) > caution(required))
        for (const Medication& m : s.patient.medications) {
            const ConditionInfo* info = m.condition.empty() ? nullptr : p.catalogue.find(m.condition);
            if (!info || impliesCondition(m, *info) || caution(decisionFor(effectiveAction(p, *info))) < caution(s.expectedDecision))
                continue;
            p.problems.add(p.nodes.expected,
                           std::string("the expected decision '") + decisionName(s.expectedDecision) + "' is what condition '" +
                               info->id + "' asks for, but medication '" + m.name + "' was last taken " +
                               std::to_string(m.daysSinceLastDose) + " days ago, beyond the condition's " +
                               std::to_string(*info->windowDays) + "-day window: the condition no longer applies",
                           std::string("the catalogue asks for '") + decisionName(required) + "'");
            break;
        }
    for (std::size_t i = 0; i < s.acceptableDecisions.size(); ++i) {
        if (s.acceptableDecisions[i] == s.expectedDecision)
            p.problems.add(p.nodes.acceptable[i], "acceptable repeats the expected decision");
        else
            check(s.acceptableDecisions[i], p.nodes.acceptable[i], "the acceptable decision", true);
    }
    checkSourceSupport(p);
}

void checkPlan(ScenarioParse& p) {
    Scenario& s = p.scenario;
    const RequiredPlan& plan = s.plan;
    const toml::node* planAt = p.nodes.plan ? static_cast<const toml::node*>(p.nodes.plan) : p.nodes.expected;
    if (s.expectedDecision == Decision::ProceedModified && p.nodes.expected) {
        for (std::size_t i = 0; i < s.patient.conditions.size(); ++i) {
            const PatientCondition& c = s.patient.conditions[i];
            const ConditionInfo* info = p.catalogue.find(c.id);
            if (!info) continue;
            const ConditionAction action = effectiveAction(p, *info);
            const PlanModification* m = p.catalogue.modification(info->modification);
            const bool depthCap = m && m->kind == ModificationKind::DepthCap;
            if (action == ConditionAction::Modify && depthCap && !plan.depthCapMm)
                p.problems.add(planAt, "condition '" + c.id + "' asks for '" + info->modification + "', a depth cap, but [plan] sets no depth_cap_mm");
            else if (action == ConditionAction::Modify && !depthCap &&
                     std::find(plan.actions.begin(), plan.actions.end(), info->modification) == plan.actions.end())
                p.problems.add(planAt, "condition '" + c.id + "' asks for '" + info->modification + "', which [plan] actions does not list");
            else if (action == ConditionAction::AvoidArea && s.lesions.empty() && plan.avoidZones.empty())
                p.problems.add(p.nodes.conditions[i], "condition '" + c.id +
                                                          "' is an area to avoid, but the scenario has no [[lesion]] and no [plan] avoid_zones");
        }
        if (plan.avoidZones.empty() && !plan.depthCapMm && plan.actions.empty() && s.lesions.empty())
            p.problems.add(p.nodes.expected, "the expected decision is proceed_modified, but [plan] asks for no modification");
    }
    for (const auto& [zone, at] : p.nodes.avoidZones) {
        const ZoneScenarioRules* z = s.zone(zone);
        if (z && z->treat && p.nodes.treatmentZones)
            p.problems.add(at, "zone '" + zone + "' is both to be avoided and in [treatment] zones");
    }
    if (s.treats() && p.nodes.expected &&
        std::none_of(s.zones.begin(), s.zones.end(), [](const ZoneScenarioRules& z) { return z.treat; }))
        p.problems.add(p.nodes.expected, "the patient is to be treated, but no zone is in the treatment plan");
    if (!plan.depthCapMm) return;
    for (ZoneScenarioRules& z : s.zones) {
        if (!z.treat) continue;
        if (z.depth.minMm > *plan.depthCapMm + 1e-9) {
            auto at = p.nodes.zoneDepths.find(z.zone);
            char message[200];
            std::snprintf(message, sizeof message, "zone %s starts at %g mm, deeper than the plan's depth_cap_mm %g",
                          z.zone.c_str(), z.depth.minMm, *plan.depthCapMm);
            p.problems.add(at != p.nodes.zoneDepths.end() ? at->second : p.nodes.depthCap, message,
                           "set a shallower depth_mm under [zones." + z.zone + "]");
        }
        z.depth.maxMm = std::min(z.depth.maxMm, *plan.depthCapMm);
    }
}

}  // namespace

void checkScenario(ScenarioParse& p) {
    checkRubric(p);
    checkConditions(p);
    checkDecision(p);
    checkPlan(p);
}

}  // namespace pinpoint::core::scenario_detail
