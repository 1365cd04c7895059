// Safety gates (critical errors) and the decision part of scoring.
#include "core/scoring/lesion_rules.h"
#include "core/scoring/component_scores.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

namespace pinpoint::core {

namespace {

std::string mm(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f mm", v);
    return b;
}

std::string at(double t) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f s", t);
    return b;
}

void critical(ScoringContext& c, std::string code, double t, std::string message) {
    c.result.criticalErrors.push_back({std::move(code), t, std::move(message)});
}

// A plan's depth cap is a safety limit, with no margin: whole micrometres, compared exactly.
void checkDepthCap(ScoringContext& c) {
    const std::optional<double>& cap = c.scenario.plan.depthCapMm;
    if (!cap) return;
    const Puncture* first = nullptr;
    std::size_t count = 0;
    double deepest = 0.0;
    for (const Puncture& p : c.sim.punctures)
        if (p.depthUm > toMicrometres(*cap)) {
            if (!first) first = &p;
            ++count;
            deepest = std::max(deepest, toMillimetres(p.depthUm));
        }
    if (first)
        critical(c, "depth_beyond_cap", first->t,
                 std::to_string(count) + " puncture(s) deeper than the plan's depth cap of " + mm(*cap) + ", the deepest at " +
                     mm(deepest) + ", the first in '" + c.head.zoneFile.zones.areas[first->area].name + "'");
}

}  // namespace

// A case that gives one roller: rolling with another (the set-up in force at a roller puncture).
void checkRollerGiven(ScoringContext& c) {
    const Scenario& s = c.scenario;
    if (s.rollerNeedles > 0) {
        const auto& punctures = c.sim.punctures;
        const std::vector<ToolEvent>& tools = c.facts.tools;
        std::size_t next = 0;
        const ToolEvent* inForce = nullptr;
        for (const Puncture& p : punctures) {  // in time order, as the tool events
            while (next < tools.size() && tools[next].t <= p.t) inForce = &tools[next++];
            if (p.tool != ToolKind::Roller) continue;
            if (inForce && inForce->needles != s.rollerNeedles) {
                critical(c, "forbidden_tool", p.t,
                         "rolled with a " + std::to_string(inForce->needles) + "-needle roller; this case gives the " +
                             std::to_string(s.rollerNeedles) + "-needle roller");
                break;
            }
        }
    }
}

void checkSafetyGates(ScoringContext& c) {
    const Scenario& s = c.scenario;
    const auto& areas = c.head.zoneFile.zones.areas;
    const auto& punctures = c.sim.punctures;
    if (punctures.empty()) return;

    if (!s.treats())
        critical(c, "treated_contraindicated", punctures.front().t,
                 std::string("needled a patient who should have been ") +
                     (s.expectedDecision == Decision::Decline ? "declined" : "deferred"));

    // The first puncture of each kind of violation, in time order.
    const Puncture* forbidden = nullptr;
    const Puncture* avoided = nullptr;
    const Puncture* tooDeep = nullptr;
    const Puncture* badTool = nullptr;
    const Puncture* lesion = nullptr;
    std::size_t forbiddenCount = 0;
    double worstExcess = 0.0;
    for (const Puncture& p : punctures) {
        const Area& area = areas[p.area];
        if (area.kind == AreaKind::Forbidden) {
            ++forbiddenCount;
            if (!forbidden) forbidden = &p;
        } else if (!avoided && contains(s.plan.avoidZones, area.name)) {
            avoided = &p;
        }
        Micrometres limit = std::numeric_limits<Micrometres>::max() / 2;
        if (const ZoneScenarioRules* z = s.zone(area.name)) limit = z->depth.maxUm();
        if (s.plan.depthCapMm) limit = std::min(limit, toMicrometres(*s.plan.depthCapMm));
        if (p.depthUm > limit + toMicrometres(s.depthMarginMm)) {
            if (!tooDeep) tooDeep = &p;
            worstExcess = std::max(worstExcess, toMillimetres(p.depthUm - limit));
        }
        const char* tool = p.tool == ToolKind::Roller ? "roller" : "pen";
        if (!badTool && !contains(s.allowedTools, tool)) badTool = &p;
        for (const Lesion& l : s.lesions)
            if (inLesion(l, p.point)) {
                ++c.result.lesionPunctures;
                if (!lesion) lesion = &p;
            }
    }
    if (forbidden)
        critical(c, "needled_forbidden_area", forbidden->t,
                 std::to_string(forbiddenCount) + " puncture(s) in forbidden areas, the first in '" +
                     areas[forbidden->area].name + "' at " + at(forbidden->t));
    if (lesion)
        critical(c, "needled_lesion", lesion->t,
                 std::to_string(c.result.lesionPunctures) + " puncture(s) into a lesion the plan must avoid");
    if (avoided)
        critical(c, "needled_avoided_zone", avoided->t, "needled '" + areas[avoided->area].name + "', which the plan avoids");
    if (tooDeep)
        critical(c, "depth_beyond_margin", tooDeep->t,
                 "needles went " + mm(worstExcess) + " beyond the allowed depth in '" + areas[tooDeep->area].name +
                     "' (margin " + mm(s.depthMarginMm) + ")");
    if (badTool)
        critical(c, "forbidden_tool", badTool->t,
                 std::string("used a ") + (badTool->tool == ToolKind::Roller ? "roller" : "pen") +
                     ", which this scenario does not allow");
    if (!badTool) checkRollerGiven(c);
    // Tissue injury: skin needled far beyond its maximum density (a dwell, passes stacked on one spot).
    for (const ZoneMeasurement& z : c.result.measurement.zones)
        if (z.injuryT >= 0.0) {
            char message[200];
            std::snprintf(message, sizeof message,
                          "'%s': %.2f cm² of skin needled beyond %.0f times its maximum density of %.0f/cm² (tissue injury)",
                          z.name.c_str(), z.injuredAreaCm2, c.result.measurement.injuryDensityFactor, z.density.maxPerCm2);
            critical(c, "tissue_injury", z.injuryT, message);
        }
    checkDepthCap(c);
}

void checkDecisionGates(ScoringContext& c) {
    const Scenario& s = c.scenario;
    const auto& punctures = c.sim.punctures;
    if (punctures.empty()) return;

    // Needling while one's own defer or decline is in force.
    std::vector<DecisionMade> decisions = c.facts.decisions;
    std::stable_sort(decisions.begin(), decisions.end(), [](const DecisionMade& a, const DecisionMade& b) { return a.t < b.t; });
    std::size_t next = 0;
    const DecisionMade* inForce = nullptr;
    for (const Puncture& p : punctures) {
        while (next < decisions.size() && decisions[next].t <= p.t) inForce = &decisions[next++];
        if (inForce && inForce->decision && !treatsPatient(*inForce->decision)) {
            critical(c, "treated_after_own_refusal", p.t,
                     "needled at " + at(p.t) + " after deciding '" + inForce->name + "' at " + at(inForce->t));
            break;
        }
    }

    // Treating unscreened: none of the scenario's screening questions asked before the decision.
    bool hasScreen = false, screened = false;
    for (const IntakeQuestion& q : s.questions)
        if (!q.optional) {
            hasScreen = true;
            screened = screened || contains(c.result.decision.questionsAskedBefore, q.id);
        }
    if (hasScreen && !screened)
        critical(c, "treated_without_screening", punctures.front().t,
                 "needled without having asked any of the scenario's screening questions before the decision");

    // Safety steps (the skin disinfected) before the first needle.
    for (const std::string& step : s.safetySteps) {
        std::optional<double> done;
        for (const StepDone& d : c.facts.steps)
            if (d.step == step && (!done || d.t < *done)) done = d.t;
        if (done && *done <= punctures.front().t) continue;
        critical(c, "needled_before_safety_step", punctures.front().t,
                 "needled at " + at(punctures.front().t) + " before '" + step + "', a safety step, " +
                     (done ? "was done (at " + at(*done) + ")" : "which was never done"));
    }
}

namespace {

// What was told, against a list of right and wrong statements; harmful ones told are critical errors
// of `harmfulKind`.
AftercareOutcome judgeStatements(ScoringContext& c, const std::vector<AftercareAdvice>& list, const AftercareGiven& told,
                                 const char* harmfulKind) {
    AftercareOutcome a;
    a.recorded = true;
    a.t = told.t;
    a.given = told.advice;
    const auto find = [&](const std::string& id) {
        return std::find_if(list.begin(), list.end(), [&](const AftercareAdvice& x) { return x.id == id; }) != list.end();
    };
    for (const std::string& id : a.given)
        if (!find(id) && !contains(a.unknown, id)) a.unknown.push_back(id);
    for (const AftercareAdvice& advice : list) {
        const bool given = contains(a.given, advice.id);
        if (advice.right && !given) a.missed.push_back(advice.id);
        if (!advice.right && given) {
            a.wrong.push_back(advice.id);
            if (advice.harmful)
                critical(c, harmfulKind, a.t,
                         "told the patient \"" + advice.text + "\": " + (advice.why.empty() ? "harmful advice" : advice.why));
        }
    }
    return a;
}

}  // namespace

AftercareOutcome judgeAftercare(ScoringContext& c) {
    if (!c.facts.aftercare || c.rubric.aftercare.advice.empty()) return {};
    return judgeStatements(c, c.rubric.aftercare.advice, *c.facts.aftercare, "harmful_aftercare_advice");
}

AftercareOutcome judgeCounsel(ScoringContext& c) {
    if (c.scenario.counsel.empty()) return {};
    // Nothing told is every right statement missed (the case asks for it at the decision).
    const AftercareGiven told = c.facts.counsel.value_or(AftercareGiven{c.facts.endTime, {}});
    AftercareOutcome a = judgeStatements(c, c.scenario.counsel, told, "harmful_counsel");
    a.recorded = c.facts.counsel.has_value();
    return a;
}

DecisionOutcome judgeDecision(ScoringContext& c) {
    DecisionOutcome d;
    d.expected = c.scenario.expectedDecision;
    const double firstNeedle = c.sim.punctures.empty() ? 1e300 : c.sim.punctures.front().t;
    for (const DecisionMade& m : c.facts.decisions)
        if (m.t <= firstNeedle || !d.made) d.made = m;  // the one in force when needling began
    const double decided = d.made ? d.made->t : firstNeedle;  // with no decision, the screen ends at the first needle
    for (const QuestionAsked& q : c.facts.questions)
        if (q.t <= decided && !contains(d.questionsAskedBefore, q.id)) d.questionsAskedBefore.push_back(q.id);
    if (!d.made) return d;
    if (d.made->decision == d.expected) d.correct = true;
    else if (d.made->decision && std::find(c.scenario.acceptableDecisions.begin(), c.scenario.acceptableDecisions.end(),
                                           *d.made->decision) != c.scenario.acceptableDecisions.end())
        d.correct = d.acceptable = true;
    // An alternative the sources support for one of the patient's conditions is right, not second best.
    for (const SourceSupport& s : c.scenario.sourceSupported)
        if (d.acceptable && d.made->decision == s.decision) {
            d.acceptable = false;
            d.supportedBy = s.condition + ": " + s.source;
        }
    return d;
}

double contraindicationsScore(ScoringContext& c) {
    const Scenario& s = c.scenario;
    const DecisionOutcome& d = c.result.decision;
    const char* k = "contraindications";
    const RubricPoints& pts = c.rubric.points;
    double score = 100.0;
    // The decision.
    if (!d.made) {
        deduct(c, k, pts.decision, std::string("no decision was recorded (expected: ") + decisionName(s.expectedDecision) + ")");
        score -= pts.decision;
    } else if (!d.correct) {
        deduct(c, k, pts.decision, "decided '" + d.made->name + "' where the right decision was '" + decisionName(s.expectedDecision) + "'");
        score -= pts.decision;
    } else if (d.acceptable) {
        deduct(c, k, pts.acceptableAlternativeLoss,
               "'" + d.made->name + "' is acceptable, but the best decision was '" + decisionName(s.expectedDecision) + "'");
        score -= pts.acceptableAlternativeLoss;
    }
    // The screen: the questions not marked optional, asked before deciding (40 points, shared); those
    // that reveal an undisclosed condition are worth a further 20 points, shared.
    auto revealsHidden = [&](const IntakeQuestion& q) {
        for (const PatientCondition& pc : s.patient.conditions)
            if (!pc.disclosed && contains(q.reveals, pc.id)) return true;
        return false;
    };
    const auto screen = static_cast<double>(std::count_if(s.questions.begin(), s.questions.end(),
                                                          [](const IntakeQuestion& q) { return !q.optional; }));
    const auto revealing = static_cast<double>(std::count_if(s.questions.begin(), s.questions.end(), revealsHidden));
    for (const IntakeQuestion& q : s.questions) {
        if (contains(d.questionsAskedBefore, q.id)) continue;
        const bool reveals = revealsHidden(q);
        const double lost = (q.optional ? 0.0 : pts.screening / screen) + (reveals ? pts.revealingQuestions / revealing : 0.0);
        if (lost <= 0.0) continue;
        deduct(c, k, lost, "did not ask \"" + q.text + "\" before deciding" + (reveals ? "; the answer reveals a contraindication" : ""));
        score -= lost;
    }
    // The plan a modified treatment must include: 20 points.
    if (s.expectedDecision == Decision::ProceedModified && d.made && d.made->decision == Decision::ProceedModified) {
        std::vector<std::string> missing;
        std::size_t items = s.plan.actions.size() + s.plan.avoidZones.size() + (s.plan.depthCapMm ? 1 : 0);
        for (const std::string& a : s.plan.actions)
            if (!contains(d.made->actions, a)) missing.push_back("action '" + a + "'");
        for (const std::string& z : s.plan.avoidZones)
            if (!contains(d.made->avoidZones, z)) missing.push_back("avoiding zone '" + z + "'");
        if (s.plan.depthCapMm && (!d.made->depthCapMm || *d.made->depthCapMm > *s.plan.depthCapMm + 1e-9))
            missing.push_back("a depth cap of " + mm(*s.plan.depthCapMm));
        for (const std::string& m : missing) {
            const double share = pts.plan / static_cast<double>(items);
            deduct(c, k, share, "the plan does not include " + m);
            score -= share;
        }
    }
    // What the case asks the trainee to tell the patient with the decision ([[counsel]]): the right
    // statements share `counsel` points; each wrong one told costs `wrong_counsel`.
    const auto rightCounsel = static_cast<double>(
        std::count_if(s.counsel.begin(), s.counsel.end(), [](const AftercareAdvice& x) { return x.right; }));
    for (const AftercareAdvice& x : s.counsel) {
        if (x.right && contains(c.result.counsel.missed, x.id)) {
            deduct(c, k, pts.counsel / rightCounsel, "did not tell the patient \"" + x.text + "\"");
            score -= pts.counsel / rightCounsel;
        } else if (!x.right && contains(c.result.counsel.wrong, x.id)) {
            deduct(c, k, pts.wrongCounsel, "told the patient \"" + x.text + "\" (wrong: " + x.why + ")");
            score -= pts.wrongCounsel;
        }
    }
    // Deciding after needling began.
    if (d.made && !c.sim.punctures.empty() && d.made->t > c.sim.punctures.front().t) {
        deduct(c, k, pts.lateDecision, "the decision came after needling began (at " + at(c.sim.punctures.front().t) + ")");
        score -= pts.lateDecision;
    }
    return roundScore(score);
}

double roundScore(double score) { return std::round(std::clamp(score, 0.0, 100.0) * 100.0) / 100.0; }

}  // namespace pinpoint::core
