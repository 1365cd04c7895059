#include "core/coverage/treatment_measurement.h"

#include <algorithm>
#include <cmath>

namespace pinpoint::core {

namespace {

int directionBin(float degrees) { return static_cast<int>(std::floor((degrees + 22.5f) / 45.0f)) % 4; }

}  // namespace

MeasurementRules measurementRules(const Rubric& rubric, Indication indication) {
    MeasurementRules rules;
    rules.directionMinShare = rubric.directionMinShare;
    for (const ZoneTargets& z : rubric.zones) rules.zones[z.zone] = {z.depthFor(indication), rubric.pen, rubric.roller};
    return rules;
}

TreatmentMeasurement measureTreatment(const Head& head, const DensityField& field, const Rubric& rubric,
                                      Indication indication, const SimulationOutput& sim) {
    return measureTreatment(head, field, measurementRules(rubric, indication), sim);
}

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
        z.roller = 2 * rollerPunctures[a] > perArea[a];  // the device that made most of its punctures
        if (auto it = rules.zones.find(z.name); it != rules.zones.end()) {
            z.density = z.roller ? it->second.roller : it->second.pen;
            z.depthRange = it->second.depth;
        }
        slot[a] = static_cast<int>(m.zones.size());
        m.zones.push_back(z);
    }

    // Coverage, over-treatment and the density's mean and spread, weighted by area.
    std::vector<double> area(m.zones.size(), 0.0), sum(m.zones.size(), 0.0), sumSq(m.zones.size(), 0.0);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const int s = slot[head.labels.areaOfTriangle[t]];
        if (s < 0) continue;
        ZoneMeasurement& z = m.zones[s];
        const double a = triangleAreaMm2(mesh, t), d = m.densityPerTriangle[t];
        area[s] += a;
        sum[s] += a * d;
        sumSq[s] += a * d * d;
        if (d >= z.density.targetPerCm2) z.coverage += a;
        if (d > z.density.maxPerCm2) z.overTreated += a;
    }
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        ZoneMeasurement& z = m.zones[s];
        z.areaCm2 = area[s] / 100.0;
        if (area[s] <= 0.0) continue;
        z.coverage /= area[s];
        z.overTreated /= area[s];
        z.densityMeanPerCm2 = sum[s] / area[s];
        z.densitySdPerCm2 = std::sqrt(std::max(0.0, sumSq[s] / area[s] - z.densityMeanPerCm2 * z.densityMeanPerCm2));
    }

    // Depth and angle, in puncture order (deterministic sums).
    std::vector<double> depthSum(m.zones.size(), 0.0), angleSum(m.zones.size(), 0.0);
    std::vector<std::size_t> inRange(m.zones.size(), 0);
    for (const Puncture& p : sim.punctures) {
        const int s = slot[p.area];
        if (s < 0) continue;
        ZoneMeasurement& z = m.zones[s];
        const double depth = p.depthMm;
        if (z.punctures == 0) z.depth.minMm = z.depth.maxMm = depth;
        z.depth.minMm = std::min(z.depth.minMm, depth);
        z.depth.maxMm = std::max(z.depth.maxMm, depth);
        ++z.punctures;
        depthSum[s] += depth;
        angleSum[s] += p.angleDeg;
        z.maxAngleDeg = std::max(z.maxAngleDeg, static_cast<double>(p.angleDeg));
        if (z.depthRange.contains(depth)) ++inRange[s];
        z.worstDepthExcessMm = std::max(z.worstDepthExcessMm, depth - z.depthRange.maxMm);
    }
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        ZoneMeasurement& z = m.zones[s];
        if (z.punctures == 0) continue;
        const double n = static_cast<double>(z.punctures);
        z.depth.meanMm = depthSum[s] / n;
        z.meanAngleDeg = angleSum[s] / n;
        z.depthInRange = static_cast<double>(inRange[s]) / n;
        z.worstDepthExcessMm = std::max(0.0, z.worstDepthExcessMm);
    }

    // Travel: how far the tool moved over each zone, in which directions, for how long.
    for (const TravelSegment& seg : sim.travel) {
        const int s = slot[seg.area];
        if (s < 0) continue;
        m.zones[s].travelMm[directionBin(seg.directionDeg)] += seg.lengthMm;
        m.zones[s].contactSeconds += seg.t1 - seg.t0;
    }
    for (ZoneMeasurement& z : m.zones) {
        double total = 0.0;
        for (double d : z.travelMm) total += d;
        for (double d : z.travelMm) z.directions += total > 0.0 && d >= rules.directionMinShare * total;
    }
    return m;
}

}  // namespace pinpoint::core
