#include "core/scoring/scenario_demo.h"

#include "core/scoring/session_facts.h"

#include <algorithm>

namespace pinpoint::core {

Session makeScenarioDemo(const TreatmentSurface& surface, const ToolCatalogue& tools, const Rubric& rubric,
                         const Scenario& scenario, const SloppyPractice& sloppy) {
    const Decision decision = sloppy.decision.value_or(scenario.expectedDecision);
    const bool treat = decision == Decision::Proceed || decision == Decision::ProceedModified;

    std::vector<SessionEvent> before, after;
    if (sloppy.askQuestions)
        for (const IntakeQuestion& q : scenario.questions) before.push_back(questionEvent(0.0, q.id));
    RequiredPlan plan = decision == Decision::ProceedModified ? scenario.plan : RequiredPlan{};
    if (!scenario.counsel.empty()) {  // what the case asks to be told with the decision
        std::vector<std::string> right;
        for (const AftercareAdvice& c : scenario.counsel)
            if (c.right) right.push_back(c.id);
        before.push_back(counselEvent(0.0, sloppy.counsel.value_or(right)));
    }
    before.push_back(decisionEvent(0.0, decision, plan));
    auto listed = [](const std::vector<std::string>& list, const std::string& s) {
        return std::find(list.begin(), list.end(), s) != list.end();
    };
    for (const std::string& step : scenario.requiredSteps) {
        if (listed(scenario.afterTreatmentSteps, step)) after.push_back(StepEvent{0.0, step});
        else if (treat && !sloppy.skipPreparation) before.push_back(StepEvent{0.0, step});
    }
    // The aftercare step records the counselling: the right advice, unless sloppy practice says otherwise.
    if (listed(scenario.requiredSteps, rubric.aftercare.step) && !rubric.aftercare.advice.empty())
        after.push_back(aftercareEvent(0.0, sloppy.aftercare.value_or(rubric.aftercare.rightAdvice())));
    // Every safety step before the first needle, even one the protocol does not score.
    for (const std::string& step : scenario.safetySteps)
        if (treat && !sloppy.skipPreparation && !listed(scenario.requiredSteps, step)) before.push_back(StepEvent{0.0, step});

    DemoOptions o;
    o.before = before;
    o.after = treat ? after : std::vector<SessionEvent>{};
    o.indication = scenario.patient.indication;
    const bool penAllowed = std::find(scenario.allowedTools.begin(), scenario.allowedTools.end(), "pen") != scenario.allowedTools.end();
    o.tool = penAllowed || scenario.allowedTools.empty() ? ToolKind::Pen : ToolKind::Roller;
    if (scenario.rollerNeedles > 0) o.rollerNeedles = scenario.rollerNeedles;
    for (const ZoneScenarioRules& z : scenario.zones) {
        o.zoneDepths[z.zone] = z.depth;
        o.zoneDirections[z.zone] = z.requiredDirections;
        const bool avoided = std::find(scenario.plan.avoidZones.begin(), scenario.plan.avoidZones.end(), z.zone) !=
                             scenario.plan.avoidZones.end();
        if ((z.treat && !avoided) || (avoided && sloppy.ignoreAvoidance)) o.zones.push_back(z.zone);
    }
    if (!sloppy.ignoreAvoidance) o.avoidZones = scenario.plan.avoidZones;
    o.depthCapMm = scenario.plan.depthCapMm;
    if (!sloppy.ignoreAvoidance)
        for (const Lesion& l : scenario.lesions) o.keepAway.emplace_back(l.position, l.radiusMm);
    o.crossingPasses = sloppy.crossingPasses;
    o.lineStride = sloppy.lineStride;
    o.rowSpacingMm = sloppy.rowSpacingMm;
    o.extraPasses = sloppy.extraPasses;
    o.depthOffsetMm = sloppy.depthOffsetMm;
    o.speedFactor = sloppy.speedFactor;
    if (!treat || o.zones.empty()) o.zones.clear();

    if (!treat) {  // intake and decision only
        Session s;
        double t = 0.0;
        for (SessionEvent e : before) {
            std::visit([&](auto& event) { event.t = t; }, e);
            s.events.push_back(std::move(e));
            t += 2.0;
        }
        return s;
    }
    return makeDemoSession(surface, tools, rubric, o);
}

}  // namespace pinpoint::core
