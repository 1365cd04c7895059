// Coverage, overlap, depth, technique and protocol: the parts of the score that grade the needling.
#include "core/scoring/component_scores.h"

#include <algorithm>
#include <cstdio>

namespace pinpoint::core {

namespace {

std::string percent(double share) {
    char b[32];
    std::snprintf(b, sizeof b, share < 0.1 ? "%.1f%%" : "%.0f%%", 100.0 * share);
    return b;
}

// The plan's zones with their share of the plan's skin area.
std::vector<std::pair<const ZoneMeasurement*, double>> planShares(const ScoringContext& c) {
    std::vector<std::pair<const ZoneMeasurement*, double>> out;
    double total = 0.0;
    for (const ZoneMeasurement& z : c.result.measurement.zones)
        if (contains(c.result.planZones, z.name)) {
            out.emplace_back(&z, z.areaCm2);
            total += z.areaCm2;
        }
    for (auto& [z, share] : out) share = total > 0.0 ? share / total : 0.0;
    return out;
}

}  // namespace

double coverageScore(ScoringContext& c) {
    double score = 100.0;
    for (const auto& [z, share] : planShares(c)) {
        const double lost = 100.0 * share * (1.0 - z->coverage);
        char reason[200];
        std::snprintf(reason, sizeof reason, "%s: %s of the zone below the target density of %.0f/cm²", z->name.c_str(),
                      percent(1.0 - z->coverage).c_str(), z->density.targetPerCm2);
        deduct(c, "coverage", lost, reason);
        score -= lost;
        // Bare skin (skipped rows, bands between lines) costs again: uneven work is worse than even
        // work a little short of the target.
        const double bare = 100.0 * share * c.rubric.bareSkinWeight * z->bare;
        std::snprintf(reason, sizeof reason, "%s: %s of the zone left bare (below half the target: rows or bands skipped), largest stretch %.1f cm²",
                      z->name.c_str(), percent(z->bare).c_str(), z->largestGapCm2);
        deduct(c, "coverage", bare, reason);
        score -= bare;
    }
    return roundScore(std::max(0.0, score));
}

double overlapScore(ScoringContext& c) {
    double score = 100.0;
    // Stacking and dwelling: the larger of the share of the zone's skin above the maximum density and
    // the share of its punctures beyond that maximum (a dwell piles thousands onto a few mm²).
    for (const auto& [z, share] : planShares(c)) {
        const double over = std::max(z->overTreated, z->excessShare);
        const double lost = 100.0 * share * over;
        char reason[200];
        std::snprintf(reason, sizeof reason,
                      "%s: %s of the zone above the maximum density of %.0f/cm², %s of its punctures beyond it (stacked passes, dwelling)",
                      z->name.c_str(), percent(z->overTreated).c_str(), z->density.maxPerCm2, percent(z->excessShare).c_str());
        deduct(c, "overlap", lost, reason);
        score -= lost;
    }
    // Needling treatment zones outside the plan: the rubric's points per percent of the punctures beyond
    // a free share (a cartridge at a zone's edge spills a little), up to its maximum ([points] off_plan_*).
    std::size_t offPlan = 0;
    std::string where;
    for (const ZoneMeasurement& z : c.result.measurement.zones)
        if (z.punctures > 0 && !contains(c.result.planZones, z.name) && !contains(c.scenario.plan.avoidZones, z.name)) {
            offPlan += z.punctures;
            where += (where.empty() ? "" : ", ") + z.name;
        }
    const std::size_t total = c.result.measurement.totalPunctures;
    if (offPlan > 0 && total > 0) {
        const double share = static_cast<double>(offPlan) / static_cast<double>(total);
        const RubricPoints& pts = c.rubric.points;
        const double lost = std::clamp(100.0 * pts.offPlanPerPercent * (share - pts.offPlanFreeShare), 0.0, pts.offPlanMax);
        deduct(c, "overlap", lost, percent(static_cast<double>(offPlan) / static_cast<double>(total)) +
                                       " of the punctures fell outside the plan (" + where + ")");
        score -= lost;
    }
    return roundScore(score);
}

double depthScore(ScoringContext& c) {
    // Share of the punctures in treatment zones whose depth is right for their zone (and under the cap).
    std::size_t counted = 0;
    for (const ZoneMeasurement& z : c.result.measurement.zones) counted += z.punctures;
    if (counted == 0) {
        deduct(c, "depth", 100.0, "no needle reached a treatment zone");
        return 0.0;
    }
    double score = 100.0;
    for (const ZoneMeasurement& z : c.result.measurement.zones) {
        if (z.punctures == 0) continue;
        double wrong = 1.0 - z.depthInRange;
        const bool overCap = c.scenario.plan.depthCapMm && z.depth.maxUm > toMicrometres(*c.scenario.plan.depthCapMm);
        if (overCap) wrong = std::max(wrong, c.rubric.points.depthOverCapShare);
        const double lost = 100.0 * wrong * static_cast<double>(z.punctures) / static_cast<double>(counted);
        char reason[200];
        std::snprintf(reason, sizeof reason, "%s: %s of its punctures outside %.2f-%.2f mm (set %.2f-%.2f mm)%s",
                      z.name.c_str(), percent(wrong).c_str(), z.depthRange.minMm, z.depthRange.maxMm, z.depth.minMm(),
                      z.depth.maxMm(), overCap ? ", above the plan's depth cap" : "");
        deduct(c, "depth", lost, reason);
        score -= lost;
    }
    return roundScore(score);
}

double techniqueScore(ScoringContext& c) {
    const Scenario& s = c.scenario;
    double score = 100.0;
    const Rubric& rubric = c.rubric;
    // Needles perpendicular to the skin.
    std::size_t tilted = 0;
    for (const Puncture& p : c.sim.punctures) tilted += p.angleDeg > s.maxNeedleAngleDeg;
    if (!c.sim.punctures.empty() && tilted > 0) {
        const double share = static_cast<double>(tilted) / static_cast<double>(c.sim.punctures.size());
        char reason[160];
        std::snprintf(reason, sizeof reason, "%s of the needles entered more than %.0f° off perpendicular",
                      percent(share).c_str(), s.maxNeedleAngleDeg);
        deduct(c, "technique", rubric.anglePoints * share, reason);
        score -= rubric.anglePoints * share;
    }
    // An even, unhurried speed of travel, by share of the distance travelled (weighting by
    // time would let a long pause excuse a fast sweep).
    double travelled = 0.0, fast = 0.0;
    for (const TravelSegment& seg : c.sim.travel) {
        const double dt = seg.t1 - seg.t0;
        travelled += seg.lengthMm;
        if (dt > 0.0 && seg.lengthMm / dt > s.maxTravelSpeedMmPerS) fast += seg.lengthMm;
    }
    if (travelled > 0.0 && fast > 0.0) {
        char reason[160];
        std::snprintf(reason, sizeof reason, "moved faster than %.0f mm/s over %s of the distance travelled",
                      s.maxTravelSpeedMmPerS, percent(fast / travelled).c_str());
        deduct(c, "technique", rubric.speedPoints * fast / travelled, reason);
        score -= rubric.speedPoints * fast / travelled;
    }
    // Crossing passes in every zone of the plan.
    for (const auto& [z, share] : planShares(c)) {
        const ZoneScenarioRules* rules = s.zone(z->name);
        const int required = rules ? rules->requiredDirections : rubric.requiredDirections;
        if (z->directions >= required || z->punctures == 0) continue;
        char reason[160];
        std::snprintf(reason, sizeof reason, "%s: passes in %d direction(s), %d crossing directions required",
                      z->name.c_str(), z->directions, required);
        deduct(c, "technique", rubric.directionPoints * share, reason);
        score -= rubric.directionPoints * share;
    }
    return roundScore(score);
}

double protocolScore(ScoringContext& c) {
    const Scenario& s = c.scenario;
    double score = 100.0;
    const bool needled = !c.sim.punctures.empty();
    const double first = needled ? c.sim.punctures.front().t : c.facts.endTime;
    const double last = needled ? c.sim.punctures.back().t : 0.0;
    const std::size_t n = s.requiredSteps.size();
    for (const std::string& step : s.requiredSteps) {
        const bool after = contains(s.afterTreatmentSteps, step);
        bool done = false, inOrder = false;
        for (const StepDone& d : c.facts.steps)
            if (d.step == step) {
                done = true;
                inOrder = inOrder || (after ? d.t >= last : d.t <= first);
            }
        const double pts = 100.0 / static_cast<double>(n);
        if (!done) {
            deduct(c, "protocol", pts, "step '" + step + "' was not done");
            score -= pts;
        } else if (!inOrder) {
            const double lost = pts * c.rubric.points.stepOutOfOrderShare;
            deduct(c, "protocol", lost, "step '" + step + "' was done " + (after ? "before the treatment ended" : "after needling began"));
            score -= lost;
        }
    }
    // Aftercare counselling (the rubric's [aftercare]): the right advice shares its points; each piece
    // of wrong advice costs more. Not judged in a session that records no advice (before rubric 2.1.0).
    const AftercareRules& rules = c.rubric.aftercare;
    const AftercareOutcome& a = c.result.aftercare;
    const auto rightCount = static_cast<double>(
        std::count_if(rules.advice.begin(), rules.advice.end(), [](const AftercareAdvice& x) { return x.right; }));
    for (const std::string& id : a.missed) {
        const double pts = rules.points / rightCount;
        deduct(c, "protocol", pts, "aftercare: did not tell the patient \"" + rules.find(id)->text + "\"");
        score -= pts;
    }
    for (const std::string& id : a.wrong) {
        const AftercareAdvice* w = rules.find(id);
        deduct(c, "protocol", rules.wrongAdvicePoints,
               "aftercare: told the patient \"" + w->text + "\"" + (w->why.empty() ? "" : " (wrong: " + w->why + ")"));
        score -= rules.wrongAdvicePoints;
    }
    if (s.timeLimitSeconds > 0.0 && c.facts.endTime > s.timeLimitSeconds) {
        char reason[120];
        std::snprintf(reason, sizeof reason, "the session took %.0f s, over the %.0f s time limit", c.facts.endTime, s.timeLimitSeconds);
        deduct(c, "protocol", c.rubric.points.overTimeLimit, reason);
        score -= c.rubric.points.overTimeLimit;
    }
    return roundScore(score);
}

}  // namespace pinpoint::core
