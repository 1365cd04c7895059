#include "core/geometry/surface_sampler.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace pinpoint::core {

// The sampler keeps a pointer to `mesh`: the mesh must outlive the sampler and keep its triangles.
SurfaceSampler::SurfaceSampler(const SurfaceMesh& mesh, const std::vector<bool>& include) : mesh_(&mesh) {
    assert(include.empty() || include.size() == mesh.triangleCount());
    const std::size_t n = mesh.triangleCount();
    triangles_.reserve(n);
    cumulative_.reserve(n);
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!include.empty() && (i >= include.size() || !include[i])) continue;
        const double area = triangleAreaMm2(mesh, i);
        if (!(area > 0.0)) continue;  // zero-area (or NaN) triangles can never be drawn
        sum += area;
        triangles_.push_back(static_cast<std::uint32_t>(i));
        cumulative_.push_back(sum);
    }
}

SurfaceSample SurfaceSampler::sample(SplitMix64& rng) const {
    const double total = areaMm2();
    if (!(total > 0.0)) return {};  // nothing to sample

    // Triangle with probability proportional to its area: the first whose running sum exceeds
    // u1 * total.
    const double target = rng.uniform() * total;
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    const std::size_t k = std::min(static_cast<std::size_t>(it - cumulative_.begin()), triangles_.size() - 1);

    // Area-uniform point in the triangle: sqrt(r1) spreads the samples evenly from corner a to the
    // edge bc, r2 places them evenly along it.
    const double r1 = std::sqrt(rng.uniform());
    const double r2 = rng.uniform();
    SurfaceSample s;
    s.triangle = triangles_[k];
    float u = static_cast<float>(r1 * (1.0 - r2));
    float v = static_cast<float>(r1 * r2);
    // Rounding to float may push u + v a hair past 1: then set the smaller coordinate to 1 minus
    // the larger (exact, as the larger is >= 0.5).
    if (u + v > 1.0f) {
        if (u >= v) v = 1.0f - u;
        else u = 1.0f - v;
    }
    s.barycentric = glm::vec2(u, v);
    s.point = pointOnTriangle(*mesh_, s.triangle, s.barycentric);
    return s;
}

}  // namespace pinpoint::core
