#pragma once
// Puncture density over the skin in punctures per cm², area-correct: the density at a triangle is
// the punctures in the surrounding patch of skin (triangles connected to it whose centroids lie
// within `radiusMm`) divided by that patch's true area. Triangle size and UV stretch cannot bias it.
// With area labels, a patch stays inside its triangle's zone: a zone's coverage measures that zone's
// skin, undiluted by an untreated neighbour.
#include "core/geometry/mesh.h"
#include "core/geometry/surface_walk.h"

#include <cstdint>
#include <span>
#include <vector>

namespace pinpoint::core {

class DensityField {
public:
    DensityField() = default;
    DensityField(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency, double radiusMm,
                 const std::vector<std::uint16_t>* areaOfTriangle = nullptr);

    double radiusMm() const { return radiusMm_; }
    std::size_t triangleCount() const { return patchAreaMm2_.size(); }
    double patchAreaMm2(std::size_t triangle) const { return patchAreaMm2_[triangle]; }
    // The triangles whose punctures count toward `triangle`'s density.
    std::span<const std::uint32_t> patch(std::size_t triangle) const {
        return {members_.data() + patchStart_[triangle], members_.data() + patchStart_[triangle + 1]};
    }

    // Density per triangle (punctures / cm²) from the number of punctures in each triangle.
    std::vector<double> densityPerCm2(const std::vector<std::uint32_t>& puncturesPerTriangle) const;

private:
    double radiusMm_ = 0.0;
    std::vector<std::uint32_t> patchStart_;  // CSR: patch of triangle t is members_[start[t] .. start[t+1])
    std::vector<std::uint32_t> members_;
    std::vector<double> patchAreaMm2_;
};

}  // namespace pinpoint::core
