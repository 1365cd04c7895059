#include "core/coverage/density_field.h"

#include <glm/geometric.hpp>

namespace pinpoint::core {

DensityField::DensityField(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency, double radiusMm,
                           const std::vector<std::uint16_t>* areaOf)
    : radiusMm_(radiusMm) {
    const std::size_t n = mesh.triangleCount();
    std::vector<glm::vec3> centroid(n);
    std::vector<double> area(n);
    for (std::size_t t = 0; t < n; ++t) {
        centroid[t] = triangleCentroid(mesh, t);
        area[t] = triangleAreaMm2(mesh, t);
    }
    const float r2 = static_cast<float>(radiusMm * radiusMm);
    std::vector<std::uint32_t> seenBy(n, kNoTriangle);
    std::vector<std::uint32_t> frontier;
    patchStart_.reserve(n + 1);
    patchAreaMm2_.resize(n);
    for (std::uint32_t t = 0; t < n; ++t) {
        patchStart_.push_back(static_cast<std::uint32_t>(members_.size()));
        // Breadth-first over connected triangles inside the radius: a patch never jumps a gap
        // (across the lips or the nostril) as a plain distance test would.
        frontier.assign(1, t);
        seenBy[t] = t;
        double sum = 0.0;
        for (std::size_t i = 0; i < frontier.size(); ++i) {
            const std::uint32_t m = frontier[i];
            members_.push_back(m);
            sum += area[m];
            for (int e = 0; e < 3; ++e) {
                const std::uint32_t next = adjacency.across(m, e);
                if (next == kNoTriangle || seenBy[next] == t) continue;
                if (areaOf && (*areaOf)[next] != (*areaOf)[t]) continue;
                seenBy[next] = t;
                const glm::vec3 d = centroid[next] - centroid[t];
                if (glm::dot(d, d) <= r2) frontier.push_back(next);
            }
        }
        patchAreaMm2_[t] = sum;
    }
    patchStart_.push_back(static_cast<std::uint32_t>(members_.size()));
}

std::vector<double> DensityField::densityPerCm2(const std::vector<std::uint32_t>& counts) const {
    std::vector<double> density(patchAreaMm2_.size(), 0.0);
    for (std::size_t t = 0; t < density.size(); ++t) {
        std::uint64_t sum = 0;
        for (std::uint32_t i = patchStart_[t]; i < patchStart_[t + 1]; ++i) sum += counts[members_[i]];
        density[t] = patchAreaMm2_[t] > 0.0 ? 100.0 * static_cast<double>(sum) / patchAreaMm2_[t] : 0.0;
    }
    return density;
}

}  // namespace pinpoint::core
