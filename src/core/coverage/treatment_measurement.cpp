#include "core/coverage/treatment_measurement.h"

#include "core/coverage/pass_strokes.h"
#include "core/coverage/zone_coverage.h"

#include <algorithm>
#include <cmath>

namespace pinpoint::core {

MeasurementRules measurementRulesBase(const Rubric& rubric) {
    MeasurementRules rules;
    rules.directionMinShare = rubric.directionMinShare;
    rules.strokeMinLengthMm = rubric.strokeMinLengthMm;
    rules.strokeMaxTurnDeg = rubric.strokeMaxTurnDeg;
    rules.injuryDensityFactor = rubric.injuryDensityFactor;
    return rules;
}

MeasurementRules measurementRules(const Rubric& rubric, Indication indication) {
    MeasurementRules rules = measurementRulesBase(rubric);
    for (const ZoneTargets& z : rubric.zones) rules.zones[z.zone] = {z.depthFor(indication), rubric.pen, rubric.roller};
    return rules;
}

TreatmentMeasurement measureTreatment(const Head& head, const DensityField& field, const Rubric& rubric,
                                      Indication indication, const SimulationOutput& sim) {
    return measureTreatment(head, field, measurementRules(rubric, indication), sim);
}

namespace {

// When each injured zone's skin first passed the injury density: for its first injured triangle (in
// mesh order), the moment the punctures in that triangle's patch reached the density.
void markInjuryTimes(TreatmentMeasurement& m, const DensityField& field, const std::vector<int>& slot, const Head& head,
                     const SimulationOutput& sim, const MeasurementRules& rules, const std::vector<std::uint32_t>& injured) {
    std::vector<char> inPatch(field.triangleCount(), 0);
    for (std::uint32_t t : injured) {
        ZoneMeasurement& z = m.zones[slot[head.labels.areaOfTriangle[t]]];
        if (z.injuryT >= 0.0) continue;
        for (std::uint32_t member : field.patch(t)) inPatch[member] = 1;
        const double needed = rules.injuryDensityFactor * z.density.maxPerCm2 * field.patchAreaMm2(t) / 100.0;
        double count = 0.0;
        for (const Puncture& p : sim.punctures)
            if (inPatch[p.triangle] && ++count > needed) {
                z.injuryT = p.t;
                break;
            }
        for (std::uint32_t member : field.patch(t)) inPatch[member] = 0;
        if (z.injuryT < 0.0 && !sim.punctures.empty()) z.injuryT = sim.punctures.back().t;
    }
}

// The largest connected stretch of each zone's skin left below half its target density. Judged per
// triangle from its own punctures (no smoothing: a bare band between dense lines must not borrow
// their density); triangles of the zone that share a corner are connected.
void markLargestGaps(TreatmentMeasurement& m, const std::vector<int>& slot, const Head& head,
                     const std::vector<std::uint32_t>& puncturesPerTriangle) {
    const SurfaceMesh& mesh = head.mesh();
    const VertexTriangles around(mesh);
    std::vector<char> seen(mesh.triangleCount(), 0);
    std::vector<std::uint32_t> stack;
    const auto untreated = [&](std::size_t t) {
        const int s = slot[head.labels.areaOfTriangle[t]];
        return s >= 0 && 100.0 * puncturesPerTriangle[t] < 0.5 * m.zones[s].density.targetPerCm2 * triangleAreaMm2(mesh, t);
    };
    for (std::size_t start = 0; start < mesh.triangleCount(); ++start) {
        if (seen[start] || !untreated(start)) continue;
        const int s = slot[head.labels.areaOfTriangle[start]];
        double areaMm2 = 0.0;
        seen[start] = 1;
        stack.assign(1, static_cast<std::uint32_t>(start));
        while (!stack.empty()) {
            const std::uint32_t t = stack.back();
            stack.pop_back();
            areaMm2 += triangleAreaMm2(mesh, t);
            for (std::uint32_t v : {mesh.triangles[t].a, mesh.triangles[t].b, mesh.triangles[t].c})
                for (std::uint32_t n : around.of(v)) {
                    if (!seen[n] && slot[head.labels.areaOfTriangle[n]] == s && untreated(n)) {
                        seen[n] = 1;
                        stack.push_back(n);
                    }
                }
        }
        m.zones[s].largestGapCm2 = std::max(m.zones[s].largestGapCm2, areaMm2 / 100.0);
    }
}

}  // namespace

TreatmentMeasurement measureTreatment(const Head& head, const DensityField& field, const MeasurementRules& rules,
                                      const SimulationOutput& sim) {
    const auto& areas = head.zoneFile.zones.areas;
    const SurfaceMesh& mesh = head.mesh();
    TreatmentMeasurement m;

    std::vector<std::uint32_t> perTriangle(mesh.triangleCount(), 0);
    std::vector<std::size_t> perArea(areas.size(), 0), rollerPunctures(areas.size(), 0);
    for (const Puncture& p : sim.punctures) {
        ++perTriangle[p.triangle];
        ++perArea[p.area];
        rollerPunctures[p.area] += p.tool == ToolKind::Roller;
    }
    m.densityPerTriangle = field.densityPerCm2(perTriangle);
    m.totalPunctures = sim.punctures.size();
    m.injuryDensityFactor = rules.injuryDensityFactor;

    // Zone by zone, in the zone file's order; index from area to its measurement.
    std::vector<int> slot(areas.size(), -1);
    for (std::size_t a = 0; a < areas.size(); ++a) {
        if (areas[a].kind == AreaKind::Forbidden) {
            m.forbiddenByArea.emplace_back(areas[a].name, perArea[a]);
            m.forbiddenPunctures += perArea[a];
            continue;
        }
        ZoneMeasurement z;
        z.name = areas[a].name;
        z.roller = measuredAsRoller(rollerPunctures[a], perArea[a]);
        if (auto it = rules.zones.find(z.name); it != rules.zones.end()) {
            z.density = z.roller ? it->second.roller : it->second.pen;
            z.depthRange = it->second.depth;
        }
        slot[a] = static_cast<int>(m.zones.size());
        m.zones.push_back(z);
    }

    // Coverage, over-treatment and the density's mean and spread, weighted by area.
    // Excess: the punctures beyond the maximum density, over the skin that has them (a dwell on one
    // spot piles them up however small the spot). Injury: skin beyond injuryDensityFactor x maximum.
    std::vector<const DensityTargets*> targets(areas.size(), nullptr);
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (slot[a] >= 0) targets[a] = &m.zones[slot[a]].density;
    const std::vector<ZoneCoverage> shares = zoneCoverage(head, m.densityPerTriangle, targets);
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (slot[a] >= 0) {
            m.zones[slot[a]].coverage = shares[a].coverage();
            m.zones[slot[a]].overTreated = shares[a].overTreated();
        }
    std::vector<double> area(m.zones.size(), 0.0), sum(m.zones.size(), 0.0), sumSq(m.zones.size(), 0.0);
    std::vector<std::uint32_t> injured;
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const int s = slot[head.labels.areaOfTriangle[t]];
        if (s < 0) continue;
        ZoneMeasurement& z = m.zones[s];
        const double a = triangleAreaMm2(mesh, t), d = m.densityPerTriangle[t];
        area[s] += a;
        sum[s] += a * d;
        sumSq[s] += a * d * d;
        if (d > z.density.maxPerCm2) z.excessPunctures += (d - z.density.maxPerCm2) * a / 100.0;
        if (z.density.maxPerCm2 > 0.0 && d > rules.injuryDensityFactor * z.density.maxPerCm2) {
            z.injuredAreaCm2 += a / 100.0;
            injured.push_back(static_cast<std::uint32_t>(t));
        }
    }
    markInjuryTimes(m, field, slot, head, sim, rules, injured);
    markLargestGaps(m, slot, head, perTriangle);
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        ZoneMeasurement& z = m.zones[s];
        z.areaCm2 = area[s] / 100.0;
        if (area[s] <= 0.0) continue;
        z.densityMeanPerCm2 = sum[s] / area[s];
        z.densitySdPerCm2 = std::sqrt(std::max(0.0, sumSq[s] / area[s] - z.densityMeanPerCm2 * z.densityMeanPerCm2));
        if (z.densityMeanPerCm2 > 0.0) z.evenness = std::clamp(1.0 - z.densitySdPerCm2 / z.densityMeanPerCm2, 0.0, 1.0);
    }

    // Depth and angle, in puncture order (deterministic sums).
    std::vector<std::int64_t> depthSum(m.zones.size(), 0);
    std::vector<double> angleSum(m.zones.size(), 0.0);
    std::vector<std::size_t> inRange(m.zones.size(), 0);
    for (const Puncture& p : sim.punctures) {
        const int s = slot[p.area];
        if (s < 0) continue;
        ZoneMeasurement& z = m.zones[s];
        const Micrometres depth = p.depthUm;
        if (z.punctures == 0) z.depth.minUm = z.depth.maxUm = depth;
        z.depth.minUm = std::min(z.depth.minUm, depth);
        z.depth.maxUm = std::max(z.depth.maxUm, depth);
        ++z.punctures;
        depthSum[s] += depth;
        angleSum[s] += p.angleDeg;
        z.maxAngleDeg = std::max(z.maxAngleDeg, static_cast<double>(p.angleDeg));
        if (z.depthRange.contains(depth)) ++inRange[s];
        z.worstDepthExcessUm = std::max(z.worstDepthExcessUm, depth - z.depthRange.maxUm());
    }
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        ZoneMeasurement& z = m.zones[s];
        if (z.punctures == 0) continue;
        const double n = static_cast<double>(z.punctures);
        z.depth.meanMm = static_cast<double>(depthSum[s]) / n / 1000.0;
        z.meanAngleDeg = angleSum[s] / n;
        z.depthInRange = static_cast<double>(inRange[s]) / n;
        z.excessShare = std::min(1.0, z.excessPunctures / n);
    }

    // Travel: how long the tool was on each zone, and how far it went in sustained strokes, by direction.
    for (const TravelSegment& seg : sim.travel)
        if (const int s = slot[seg.area]; s >= 0) m.zones[s].contactSeconds += seg.t1 - seg.t0;
    const std::vector<ZoneStrokes> strokes =
        passStrokes(sim.travel, slot, m.zones.size(), StrokeRules{rules.strokeMinLengthMm, rules.strokeMaxTurnDeg});
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        m.zones[s].travelMm = strokes[s].travelMm;
        m.zones[s].wanderingMm = strokes[s].wanderingMm;
    }
    for (ZoneMeasurement& z : m.zones) {
        double total = 0.0;
        for (double d : z.travelMm) total += d;
        for (double d : z.travelMm) z.directions += total > 0.0 && d >= rules.directionMinShare * total;
    }
    return m;
}

}  // namespace pinpoint::core
