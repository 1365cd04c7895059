#pragma once
// Where the needles meet a lesion, said once for the score and the live warning: a puncture on or
// inside a lesion's radius is in it (a critical error), and a footprint whose needles could land
// there reaches it (the warning before it happens).
#include "core/scoring/scenario.h"

#include <glm/geometric.hpp>

namespace pinpoint::core {

inline bool inLesion(const Lesion& lesion, glm::vec3 point) { return glm::distance(point, lesion.position) <= lesion.radiusMm; }

// A footprint of radius `footprintRadiusMm` (mm) centred at `centre`: its outermost needle on or inside
// the lesion's radius.
inline bool footprintReachesLesion(const Lesion& lesion, glm::vec3 centre, double footprintRadiusMm) {
    return glm::distance(centre, lesion.position) <= lesion.radiusMm + footprintRadiusMm;
}

}  // namespace pinpoint::core
