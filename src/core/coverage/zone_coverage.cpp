#include "core/coverage/zone_coverage.h"

#include <glm/geometric.hpp>

namespace pinpoint::core {

bool insideForBareSkin(const SkinSamples& samples, std::uint32_t s, const std::vector<KeptOff>& keptOff) {
    if (!samples.inside(s)) return false;
    const float margin = static_cast<float>(samples.scale().edgeMarginMm);
    for (const KeptOff& k : keptOff)
        if (glm::distance(samples.position(s), k.centre) <= k.radiusMm + margin) return false;
    return true;
}

std::vector<ZoneCoverage> zoneCoverage(const PunctureTally& tally, const std::vector<char>& roller,
                                       const std::vector<const DensityTargets*>& targets, const std::vector<KeptOff>& keptOff) {
    std::vector<ZoneCoverage> out(targets.size());
    forEachMeasuredSample(tally, roller, [&](const SkinSamples& samples, std::uint32_t s, double d) {
        const std::uint16_t a = samples.area(s);
        if (a >= targets.size() || !targets[a]) return;
        const double w = samples.weightMm2(s);
        out[a].areaMm2 += w;
        if (d >= targets[a]->targetPerCm2) out[a].coveredMm2 += w;
        if (isBare(d, *targets[a]) && insideForBareSkin(samples, s, keptOff)) out[a].bareMm2 += w;
        if (d > targets[a]->maxPerCm2) out[a].overMm2 += w;
    });
    return out;
}

}  // namespace pinpoint::core
