#pragma once
// How much of each zone's skin is treated to its target and beyond its maximum: the one rule the
// score, the live panel and review use, on the same density (DensityField / LiveDensity).
#include "core/face/head.h"
#include "core/scoring/rubric.h"

#include <cstddef>
#include <vector>

namespace pinpoint::core {

// A zone is measured against the targets of the device that made most of its punctures (the pen's
// when none was made).
inline bool measuredAsRoller(std::size_t rollerPunctures, std::size_t punctures) { return 2 * rollerPunctures > punctures; }

struct ZoneCoverage {
    double areaMm2 = 0.0;
    double coveredMm2 = 0.0;   // at or above the target density
    double overMm2 = 0.0;      // above the maximum density
    double coverage() const { return areaMm2 > 0.0 ? coveredMm2 / areaMm2 : 0.0; }
    double overTreated() const { return areaMm2 > 0.0 ? overMm2 / areaMm2 : 0.0; }
};

// One entry per area of the zone file; `targets[a]` null for areas that are not measured.
std::vector<ZoneCoverage> zoneCoverage(const Head& head, const std::vector<double>& densityPerTriangle,
                                       const std::vector<const DensityTargets*>& targets);

}  // namespace pinpoint::core
