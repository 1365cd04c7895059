#include "core/scoring/scoring_engine.h"

#include "core/scoring/component_scores.h"
#include "core/coverage/zone_coverage.h"

#include <algorithm>
#include <cstdio>

namespace pinpoint::core {

MeasurementRules measurementRules(const Scenario& scenario, const Rubric& rubric) {
    MeasurementRules rules = measurementRulesBase(rubric);
    const bool rollerOnly = scenario.allowedTools.size() == 1 && scenario.allowedTools.front() == "roller";
    for (const ZoneScenarioRules& z : scenario.zones)
        rules.zones[z.zone] = {z.depth, rollerOnly ? rubric.pen : z.density, rollerOnly ? z.density : rubric.roller};
    for (const Lesion& l : scenario.lesions) rules.keptOff.push_back({l.position, l.radiusMm});
    return rules;
}

HeatmapScale heatmapScale(const Scenario* scenario, const Rubric& rubric, bool roller,
                          const std::map<std::string, bool>& rollerByZone) {
    HeatmapScale scale;
    DensityTargets headline = rubric.density(roller);
    if (scenario) {
        const MeasurementRules rules = measurementRules(*scenario, rubric);
        for (const auto& [zone, r] : rules.zones) {
            const auto measured = rollerByZone.find(zone);
            scale.zones[zone] = (measured != rollerByZone.end() ? measured->second : roller) ? r.roller : r.pen;
        }
        for (const ZoneScenarioRules& z : scenario->zones)
            if (z.treat)
                if (auto it = rules.zones.find(z.zone); it != rules.zones.end()) {
                    headline = roller ? it->second.roller : it->second.pen;
                    break;
                }
    }
    scale.targetPerCm2 = headline.targetPerCm2;
    scale.maxPerCm2 = headline.maxPerCm2;
    scale.fullScale = std::max(headline.maxPerCm2, 1.5 * headline.targetPerCm2) / 1.5;
    return scale;
}

DensityTargets HeatmapScale::of(const std::string& zone) const {
    const auto it = zones.find(zone);
    return it != zones.end() ? it->second : DensityTargets{targetPerCm2, maxPerCm2};
}

std::map<std::string, bool> rollerByZone(const TreatmentMeasurement& measurement) {
    std::map<std::string, bool> out;
    for (const ZoneMeasurement& z : measurement.zones)
        if (z.punctures > 0) out[z.name] = z.roller;
    return out;
}

std::map<std::string, bool> rollerByZone(const Head& head, const std::vector<Puncture>& punctures, double until) {
    const auto& areas = head.zoneFile.zones.areas;
    std::vector<std::size_t> all(areas.size(), 0), roller(areas.size(), 0);
    for (const Puncture& p : punctures)
        if (p.t <= until && p.area < areas.size()) {
            ++all[p.area];
            roller[p.area] += p.tool == ToolKind::Roller;
        }
    std::map<std::string, bool> out;
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (all[a] > 0) out[areas[a].name] = measuredAsRoller(roller[a], all[a]);
    return out;
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
    r.counsel = judgeCounsel(c);
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
    // A plan left largely untreated is not a pass, however well the little that was done was done:
    // the share of the plan's skin at its target (the coverage component also charges bare skin again).
    double planArea = 0.0, planCovered = 0.0;
    for (const ZoneMeasurement& z : r.measurement.zones)
        if (std::find(r.planZones.begin(), r.planZones.end(), z.name) != r.planZones.end()) {
            planArea += z.areaCm2;
            planCovered += z.areaCm2 * z.coverage;
        }
    const double planCoverage = planArea > 0.0 ? roundScore(100.0 * planCovered / planArea) : 0.0;
    if (r.components[0] && planCoverage < scenario.minCoverage) {
        char reason[160];
        std::snprintf(reason, sizeof reason, "%.1f%% of the plan's skin reached its target, below the scenario's minimum of %.0f%%: the plan was not finished",
                      planCoverage, scenario.minCoverage);
        r.unmetRequirements.push_back(reason);
    }
    r.passed = r.criticalErrors.empty() && r.unmetRequirements.empty() && r.score >= scenario.passMark;
    return r;
}

}  // namespace pinpoint::core
