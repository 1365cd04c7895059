#include "core/scoring/scoring_engine.h"

#include "core/scoring/component_scores.h"

#include <algorithm>
#include <cstdio>

namespace pinpoint::core {

MeasurementRules measurementRules(const Scenario& scenario, const Rubric& rubric) {
    MeasurementRules rules = measurementRulesBase(rubric);
    const bool rollerOnly = scenario.allowedTools.size() == 1 && scenario.allowedTools.front() == "roller";
    for (const ZoneScenarioRules& z : scenario.zones)
        rules.zones[z.zone] = {z.depth, rollerOnly ? rubric.pen : z.density, rollerOnly ? z.density : rubric.roller};
    return rules;
}

HeatmapScale heatmapScale(const Scenario* scenario, const Rubric& rubric, bool roller) {
    DensityTargets targets = rubric.density(roller);
    if (scenario) {
        const MeasurementRules rules = measurementRules(*scenario, rubric);
        for (const ZoneScenarioRules& z : scenario->zones)
            if (z.treat)
                if (auto it = rules.zones.find(z.zone); it != rules.zones.end()) {
                    targets = roller ? it->second.roller : it->second.pen;
                    break;
                }
    }
    return {targets.targetPerCm2, targets.maxPerCm2, std::max(targets.maxPerCm2, 1.5 * targets.targetPerCm2) / 1.5};
}

ScoreResult scoreSession(const Scenario& scenario, const Rubric& rubric, const Head& head, const DensityField& field,
                         const Session& session, const SimulationOutput& sim) {
    ScoreResult r;
    r.measurement = measureTreatment(head, field, measurementRules(scenario, rubric), sim);
    const SessionFacts facts = sessionFacts(session);
    for (const ZoneScenarioRules& z : scenario.zones)
        if (z.treat && std::find(scenario.plan.avoidZones.begin(), scenario.plan.avoidZones.end(), z.zone) ==
                           scenario.plan.avoidZones.end())
            r.planZones.push_back(z.zone);

    ScoringContext c{scenario, rubric, head, sim, facts, r};
    checkSafetyGates(c);
    r.decision = judgeDecision(c);
    checkDecisionGates(c);
    r.aftercare = judgeAftercare(c);
    std::stable_sort(r.criticalErrors.begin(), r.criticalErrors.end(),
                     [](const CriticalError& a, const CriticalError& b) { return a.t < b.t; });
    // Scored on the decision alone: nothing needled, and either a right refusal (the expected one or
    // an acceptable alternative) or a scenario whose patient is not to be treated at all.
    const bool needled = !sim.punctures.empty();
    const bool rightRefusal = r.decision.correct && r.decision.made && r.decision.made->decision &&
                              !treatsPatient(*r.decision.made->decision);
    r.decisionOnly = !needled && (!scenario.treats() || rightRefusal);

    r.components[3] = contraindicationsScore(c);
    if (!r.decisionOnly) {
        r.components[0] = coverageScore(c);
        r.components[1] = overlapScore(c);
        r.components[2] = depthScore(c);
        r.components[4] = techniqueScore(c);
        r.components[5] = protocolScore(c);
    }
    const double weights[6] = {scenario.weights.coverage,          scenario.weights.overlap,
                               scenario.weights.depth,             scenario.weights.contraindications,
                               scenario.weights.technique,         scenario.weights.protocol};
    double total = 0.0, weightSum = 0.0;
    for (std::size_t i = 0; i < r.components.size(); ++i)
        if (r.components[i]) {
            total += weights[i] * *r.components[i];
            weightSum += weights[i];
        }
    r.score = weightSum > 0.0 ? roundScore(total / weightSum) : 0.0;
    // A plan left largely untreated is not a pass, however well the little that was done was done.
    if (r.components[0] && *r.components[0] < scenario.minCoverage) {
        char reason[160];
        std::snprintf(reason, sizeof reason, "coverage %.1f is below the scenario's minimum of %.0f: the plan was not finished",
                      *r.components[0], scenario.minCoverage);
        r.unmetRequirements.push_back(reason);
    }
    r.passed = r.criticalErrors.empty() && r.unmetRequirements.empty() && r.score >= scenario.passMark;
    return r;
}

}  // namespace pinpoint::core
