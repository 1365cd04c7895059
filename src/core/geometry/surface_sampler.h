#pragma once
// Area-uniform random points on a surface: every square millimetre is equally likely, whatever the
// triangle sizes. Deterministic for a given seed.
#include "core/geometry/mesh.h"
#include "core/geometry/random.h"

#include <cstdint>
#include <vector>

namespace pinpoint::core {

struct SurfaceSample {
    std::uint32_t triangle = 0;
    glm::vec2 barycentric{0.0f};
    glm::vec3 point{0.0f};
};

class SurfaceSampler {
public:
    // Samples the triangles for which `include` is true (all when empty; same size as the mesh's
    // triangle list otherwise).
    explicit SurfaceSampler(const SurfaceMesh& mesh, const std::vector<bool>& include = {});

    SurfaceSample sample(SplitMix64& rng) const;
    double areaMm2() const { return cumulative_.empty() ? 0.0 : cumulative_.back(); }

private:
    const SurfaceMesh* mesh_;
    std::vector<std::uint32_t> triangles_;  // the sampled triangles
    std::vector<double> cumulative_;        // running sum of their areas, mm^2
};

}  // namespace pinpoint::core
