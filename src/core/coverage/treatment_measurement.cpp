#include "core/coverage/treatment_measurement.h"

#include "core/coverage/pass_strokes.h"
#include "core/coverage/zone_coverage.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace pinpoint::core {

std::vector<char> measuredAreas(const Head& head) {
    const auto& areas = head.zoneFile.zones.areas;
    std::vector<char> zone(areas.size(), 0);
    for (std::size_t a = 0; a < areas.size(); ++a) zone[a] = areas[a].kind == AreaKind::Treatment;
    return zone;
}

DensityField measurementField(const Head& head, const TriangleAdjacency& adjacency, const Rubric& rubric) {
    return DensityField(head.mesh(), adjacency, head.labels.areaOfTriangle, measuredAreas(head), {rubric.penScale, rubric.rollerScale});
}

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

// A sample of the measurement: which scale it is measured at, and its index there.
struct SampleRef {
    bool roller = false;
    std::uint32_t sample = 0;
};

// When each injured zone's skin first passed the injury density: for its first injured sample, the
// moment the punctures it counts reached the density. One pass over the punctures for every zone,
// each puncture at its own point (`homes`, at the scale it was counted at).
void markInjuryTimes(TreatmentMeasurement& m, const DensityField& field, const std::vector<int>& slot,
                     const SimulationOutput& sim, const MeasurementRules& rules, const std::vector<SampleRef>& injured,
                     const std::vector<std::uint32_t>& homes, const std::vector<char>& roller) {
    if (injured.empty()) return;
    std::vector<std::int32_t> watchedBy[2];  // per sample: the zone whose first injured sample counts it (-1: none)
    std::vector<double> needed(m.zones.size(), 0.0), count(m.zones.size(), 0.0);
    std::vector<char> watching(m.zones.size(), 0);
    std::size_t open = 0;
    for (const SampleRef& ref : injured) {
        const SkinSamples& samples = field.samples(ref.roller);
        const int zs = slot[samples.area(ref.sample)];
        ZoneMeasurement& z = m.zones[zs];
        if (watching[zs]) continue;
        watching[zs] = 1;
        ++open;
        needed[zs] = rules.injuryDensityFactor * z.density.maxPerCm2 * samples.discAreaMm2(ref.sample) / 100.0;
        std::vector<std::int32_t>& watch = watchedBy[ref.roller];
        if (watch.empty()) watch.assign(samples.size(), -1);
        for (std::uint32_t s : samples.near(ref.sample)) watch[s] = zs;
    }
    for (std::size_t i = 0; i < sim.punctures.size() && open > 0; ++i) {
        const std::uint32_t home = homes[i];
        if (home == kNoSample) continue;
        const Puncture& p = sim.punctures[i];
        const std::uint16_t area = field.areaOf(p.triangle);
        const std::vector<std::int32_t>& watch = watchedBy[area < roller.size() && roller[area] != 0];
        if (watch.empty() || watch[home] < 0) continue;
        const int zs = watch[home];
        ZoneMeasurement& z = m.zones[zs];
        if (z.injuryT >= 0.0) continue;
        if (++count[zs] > needed[zs]) {
            z.injuryT = p.t;
            --open;
        }
    }
    for (std::size_t zs = 0; zs < m.zones.size(); ++zs)
        if (watching[zs] && m.zones[zs].injuryT < 0.0 && !sim.punctures.empty()) m.zones[zs].injuryT = sim.punctures.back().t;
}

// The largest connected stretch of each zone's bare skin (below half its target). Bare samples of a
// zone closer than twice the spacing are connected: a band of bare skin is one stretch.
void markLargestGaps(TreatmentMeasurement& m, const std::vector<int>& slot, const PunctureTally& tally,
                     const std::vector<char>& roller) {
    for (const bool scale : {false, true}) {
        const SkinSamples& samples = tally.field().samples(scale);
        const float link = static_cast<float>(2.0 * samples.scale().spacingMm);
        // Per sample: 1 while bare and not yet reached (each sample is judged once).
        std::vector<char> open(samples.size(), 0);
        bool any = false;
        for (std::uint32_t s = 0; s < samples.size(); ++s) {
            const std::uint16_t a = samples.area(s);
            const int z = slot[a];
            open[s] = z >= 0 && (roller[a] != 0) == scale && isBare(tally.densityPerCm2(scale, s), m.zones[z].density);
            any = any || open[s];
        }
        if (!any) continue;
        std::vector<std::uint32_t> stack;
        for (std::uint32_t start = 0; start < samples.size(); ++start) {
            if (!open[start]) continue;
            double areaMm2 = 0.0;
            open[start] = 0;
            stack.assign(1, start);
            while (!stack.empty()) {
                const std::uint32_t s = stack.back();
                stack.pop_back();
                areaMm2 += samples.weightMm2(s);
                const glm::vec3 at = samples.position(s);
                for (std::uint32_t n : samples.near(s))
                    if (open[n] && glm::distance(samples.position(n), at) <= link) {
                        open[n] = 0;
                        stack.push_back(n);
                    }
            }
            ZoneMeasurement& z = m.zones[slot[samples.area(start)]];
            z.largestGapCm2 = std::max(z.largestGapCm2, areaMm2 / 100.0);
        }
    }
}

// Each zone's punctures, depth and angle (in puncture order: deterministic sums), and how long the
// tool was on it and how far it went in sustained strokes, by direction.
void measureDepthAndTravel(TreatmentMeasurement& m, const std::vector<int>& slot, const MeasurementRules& rules,
                           const SimulationOutput& sim) {
    std::vector<std::int64_t> depthSum(m.zones.size(), 0);
    std::vector<double> angleSum(m.zones.size(), 0.0);
    std::vector<std::size_t> inRange(m.zones.size(), 0);
    std::vector<Micrometres> rangeMinUm(m.zones.size()), rangeMaxUm(m.zones.size());  // each zone's range, converted once
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        rangeMinUm[s] = m.zones[s].depthRange.minUm();
        rangeMaxUm[s] = m.zones[s].depthRange.maxUm();
    }
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
        if (depth >= rangeMinUm[s] && depth <= rangeMaxUm[s]) ++inRange[s];  // DepthRange::contains
        z.worstDepthExcessUm = std::max(z.worstDepthExcessUm, depth - rangeMaxUm[s]);
    }
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        ZoneMeasurement& z = m.zones[s];
        if (z.punctures == 0) continue;
        const double n = static_cast<double>(z.punctures);
        z.depth.meanMm = static_cast<double>(depthSum[s]) / n / 1000.0;
        z.meanAngleDeg = angleSum[s] / n;
        z.depthInRange = static_cast<double>(inRange[s]) / n;
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
}

}  // namespace

TreatmentMeasurement measureTreatment(const Head& head, const DensityField& field, const MeasurementRules& rules,
                                      const SimulationOutput& sim) {
    const auto& areas = head.zoneFile.zones.areas;
    TreatmentMeasurement m;

    const std::vector<char> roller = rollerAreas(field, sim.punctures);
    m.totalPunctures = sim.punctures.size();
    m.injuryDensityFactor = rules.injuryDensityFactor;

    // Zone by zone, in the zone file's order; index from area to its measurement.
    std::vector<int> slot(areas.size(), -1);
    for (std::size_t a = 0; a < areas.size(); ++a) {
        if (areas[a].kind == AreaKind::Forbidden) {
            m.forbiddenByArea.emplace_back(areas[a].name, 0);  // counted below
            continue;
        }
        ZoneMeasurement z;
        z.name = areas[a].name;
        z.roller = roller[a] != 0;
        if (auto it = rules.zones.find(z.name); it != rules.zones.end()) {
            z.density = z.roller ? it->second.roller : it->second.pen;
            z.depthRange = it->second.depth;
        }
        slot[a] = static_cast<int>(m.zones.size());
        m.zones.push_back(z);
    }

    // Depth, angle and travel go through the punctures and the travel in their own order, on a
    // second thread while the density is measured (each writes its own fields of the zones).
    std::thread perPuncture([&] { measureDepthAndTravel(m, slot, rules, sim); });

    std::vector<std::uint32_t> homes;  // each puncture's point, at the scale it is counted at
    const PunctureTally tally =
        tallyPunctures(field, sim.punctures, roller, [](const Puncture&) { return true; }, std::numeric_limits<double>::infinity(), &homes);
    m.densityPerTriangle = drawnDensity(tally, roller);
    for (std::size_t a = 0, f = 0; a < areas.size(); ++a)
        if (areas[a].kind == AreaKind::Forbidden) {
            m.forbiddenByArea[f++].second = tally.punctures(a);
            m.forbiddenPunctures += tally.punctures(a);
        }

    // Coverage, bare skin, over-treatment and the density's mean and spread, over the zone's samples.
    // Excess: the punctures beyond the maximum density, over the skin that has them (a dwell on one
    // spot piles them up however small the spot). Injury: skin beyond injuryDensityFactor x maximum.
    std::vector<const DensityTargets*> targets(areas.size(), nullptr);
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (slot[a] >= 0) targets[a] = &m.zones[slot[a]].density;
    const std::vector<ZoneCoverage> shares = zoneCoverage(tally, roller, targets, rules.keptOff);
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (slot[a] >= 0) {
            m.zones[slot[a]].coverage = shares[a].coverage();
            m.zones[slot[a]].bare = shares[a].bare();
            m.zones[slot[a]].overTreated = shares[a].overTreated();
        }
    std::vector<double> area(m.zones.size(), 0.0), sum(m.zones.size(), 0.0), sumSq(m.zones.size(), 0.0);
    std::vector<SampleRef> injured;
    forEachMeasuredSample(tally, roller, [&](const SkinSamples& samples, std::uint32_t s, double d) {
        const int zs = slot[samples.area(s)];
        if (zs < 0) return;
        ZoneMeasurement& z = m.zones[zs];
        const double a = samples.weightMm2(s);
        area[zs] += a;
        sum[zs] += a * d;
        sumSq[zs] += a * d * d;
        if (d > z.density.maxPerCm2) z.excessPunctures += (d - z.density.maxPerCm2) * a / 100.0;
        if (z.density.maxPerCm2 > 0.0 && d > rules.injuryDensityFactor * z.density.maxPerCm2) {
            z.injuredAreaCm2 += a / 100.0;
            injured.push_back({&samples == &field.samples(true), s});
        }
    });
    markInjuryTimes(m, field, slot, sim, rules, injured, homes, roller);
    markLargestGaps(m, slot, tally, roller);
    for (std::size_t s = 0; s < m.zones.size(); ++s) {
        ZoneMeasurement& z = m.zones[s];
        z.areaCm2 = area[s] / 100.0;
        if (area[s] <= 0.0) continue;
        z.densityMeanPerCm2 = sum[s] / area[s];
        z.densitySdPerCm2 = std::sqrt(std::max(0.0, sumSq[s] / area[s] - z.densityMeanPerCm2 * z.densityMeanPerCm2));
        if (z.densityMeanPerCm2 > 0.0) z.evenness = std::clamp(1.0 - z.densitySdPerCm2 / z.densityMeanPerCm2, 0.0, 1.0);
    }

    perPuncture.join();
    for (ZoneMeasurement& z : m.zones)
        if (z.punctures > 0) z.excessShare = std::min(1.0, z.excessPunctures / static_cast<double>(z.punctures));
    return m;
}

}  // namespace pinpoint::core
