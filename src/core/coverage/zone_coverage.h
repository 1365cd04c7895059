#pragma once
// How much of each zone's skin is treated to its target, left bare and treated beyond its maximum:
// the one rule the score, the live panel and review use, on the same tally of punctures at the
// needles' scale (density_field.h).
#include "core/coverage/density_field.h"
#include "core/scoring/rubric.h"

#include <glm/vec3.hpp>

#include <cstddef>
#include <vector>

namespace pinpoint::core {

struct ZoneCoverage {
    double areaMm2 = 0.0;
    double coveredMm2 = 0.0;   // at or above the target density
    double bareMm2 = 0.0;      // below half the target, inside the zone (beyond its edge margin): skipped rows, bands
    double overMm2 = 0.0;      // above the maximum density
    double coverage() const { return areaMm2 > 0.0 ? coveredMm2 / areaMm2 : 0.0; }
    double bare() const { return areaMm2 > 0.0 ? bareMm2 / areaMm2 : 0.0; }
    double overTreated() const { return areaMm2 > 0.0 ? overMm2 / areaMm2 : 0.0; }
};

// A spot the needles must keep off (a lesion): centre and radius, mm.
struct KeptOff {
    glm::vec3 centre{0.0f};
    float radiusMm = 0.0f;
};

// Whether skin at `densityPerCm2` counts as bare against `targets`.
inline bool isBare(double densityPerCm2, const DensityTargets& targets) { return densityPerCm2 < 0.5 * targets.targetPerCm2; }

// Whether bare skin at sample `s` counts as a skipped band: inside its zone, beyond the edge margin
// from the zone's edge and from every spot kept off (the skin a careful hand leaves around a lesion).
bool insideForBareSkin(const SkinSamples& samples, std::uint32_t s, const std::vector<KeptOff>& keptOff);

// One entry per area; `targets[a]` null for areas that are not measured. Each area is measured at
// the scale of its device (`roller`, per area: rollerAreas or PunctureTally::measuredAsRoller).
std::vector<ZoneCoverage> zoneCoverage(const PunctureTally& tally, const std::vector<char>& roller,
                                       const std::vector<const DensityTargets*>& targets,
                                       const std::vector<KeptOff>& keptOff = {});

// Calls f(samples, sample, density per cm²) for every sample, each at its area's scale.
template <class F>
void forEachMeasuredSample(const PunctureTally& tally, const std::vector<char>& roller, F&& f) {
    for (const bool scale : {false, true}) {
        const SkinSamples& samples = tally.field().samples(scale);
        for (std::uint32_t s = 0; s < samples.size(); ++s) {
            const std::uint16_t a = samples.area(s);
            if ((a < roller.size() && roller[a] != 0) != scale) continue;
            f(samples, s, tally.densityPerCm2(scale, s));
        }
    }
}

}  // namespace pinpoint::core
