#include "core/coverage/zone_coverage.h"

namespace pinpoint::core {

std::vector<ZoneCoverage> zoneCoverage(const Head& head, const std::vector<double>& densityPerTriangle,
                                       const std::vector<const DensityTargets*>& targets) {
    const SurfaceMesh& mesh = head.mesh();
    std::vector<ZoneCoverage> out(targets.size());
    for (std::size_t t = 0; t < mesh.triangleCount() && t < densityPerTriangle.size(); ++t) {
        const std::uint16_t a = head.labels.areaOfTriangle[t];
        if (a >= targets.size() || !targets[a]) continue;
        const double area = triangleAreaMm2(mesh, t), d = densityPerTriangle[t];
        out[a].areaMm2 += area;
        if (d >= targets[a]->targetPerCm2) out[a].coveredMm2 += area;
        if (d > targets[a]->maxPerCm2) out[a].overMm2 += area;
    }
    return out;
}

}  // namespace pinpoint::core
