#pragma once
// Density that grows while the trainee works: punctures are added one by one and only the triangles
// and vertices whose value changes are recomputed (the same numbers DensityField::densityPerCm2 and
// vertexDensity give for the punctures so far). Reports the range of vertices that changed and the
// box around them, so a renderer uploads only those and redraws only that part of the picture.
#include "core/coverage/density_field.h"
#include "core/geometry/mesh.h"
#include "core/sim/puncture.h"

#include <cstdint>
#include <vector>

namespace pinpoint::core {

struct VertexRange {
    std::size_t first = 0;
    std::size_t count = 0;  // 0: nothing
    Bounds box;             // around the changed vertices (mm); meaningless while count is 0
    void include(std::size_t v, glm::vec3 position);
    void include(const VertexRange& other);
};

class LiveDensity {
public:
    // `mesh` and `field` must outlive this object.
    LiveDensity(const SurfaceMesh& mesh, const DensityField& field);

    void add(const Puncture& puncture);
    void clear();

    const std::vector<std::uint32_t>& puncturesPerTriangle() const { return counts_; }
    const std::vector<double>& densityPerTriangle() const { return triangleDensity_; }  // per cm2
    const std::vector<float>& vertexDensity() const { return vertexDensity_; }          // per cm2
    std::uint64_t revision() const { return revision_; }

    // Vertices changed since the last call (and resets the range).
    VertexRange takeChangedVertices();

private:
    void refreshVertex(std::uint32_t v);

    const SurfaceMesh* mesh_;
    const DensityField* field_;
    std::vector<std::uint32_t> counts_;
    std::vector<double> triangleDensity_;
    std::vector<float> vertexDensity_;
    std::vector<double> triangleArea_;
    // Inverse of the field's patches: the triangles whose density a puncture in triangle t raises.
    std::vector<std::uint32_t> affectedStart_;
    std::vector<std::uint32_t> affected_;
    VertexTriangles corners_;  // triangles around each vertex
    std::uint64_t revision_ = 0;
    VertexRange changed_;
};

}  // namespace pinpoint::core
