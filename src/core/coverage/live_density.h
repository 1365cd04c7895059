#pragma once
// Density that grows while the trainee works: punctures are added one by one to a tally at both
// scales (a zone's device may change as the work goes on) and only the triangles and vertices whose
// drawn value changes are recomputed (the same numbers drawnDensity and drawnVertexDensity give for
// the punctures so far), and the points' densities the heatmap is drawn from. Reports the ranges of
// vertices and points that changed and the box around them, so a renderer uploads only those and
// redraws only that part of the picture.
#include "core/coverage/density_field.h"
#include "core/geometry/mesh.h"
#include "core/sim/puncture.h"

#include <cstdint>
#include <vector>

namespace pinpoint::core {

// What changed: a range of vertices with the box around them, and a range of points (their index in
// DrawnSamples::density). Changed points lie on triangles whose vertices changed too.
struct VertexRange {
    std::size_t first = 0;
    std::size_t count = 0;  // 0: nothing
    Bounds box;             // around the changed vertices (mm); meaningless while count is 0
    std::size_t sampleFirst = 0;
    std::size_t sampleCount = 0;  // 0: no point
    void include(std::size_t v, glm::vec3 position);
    void includeSample(std::size_t s);
    void include(const VertexRange& other);
};

class LiveDensity {
public:
    // `mesh` and `field` must outlive this object.
    LiveDensity(const SurfaceMesh& mesh, const DensityField& field);

    void add(const Puncture& puncture);
    void clear();

    const PunctureTally& tally() const { return tally_; }
    // The device each area is measured as so far (by area index).
    const std::vector<char>& rollerAreas() const { return roller_; }
    // Punctures per cm² where a puncture at this point would land, as the score measures it there.
    double densityAt(std::uint32_t triangle, glm::vec2 barycentric) const;
    const std::vector<double>& densityPerTriangle() const { return triangleDensity_; }  // drawn, per cm²
    const std::vector<float>& vertexDensity() const { return vertexDensity_; }          // per cm²
    // Every point's density as drawn (DrawnSamples::density; both scales, whatever each zone is measured
    // as). The changed range names only the points of the scale each zone is drawn at (all of a zone's
    // when it turns to the other device), so the other scale's are not sent while they are not shown.
    const std::vector<float>& sampleDensity() const { return sampleDensity_; }
    std::uint64_t revision() const { return revision_; }

    // Vertices changed since the last call (and resets the range).
    VertexRange takeChangedVertices();

private:
    void refreshTriangle(std::uint32_t t);
    void refreshVertex(std::uint32_t v);

    const SurfaceMesh* mesh_;
    PunctureTally tally_;
    std::vector<char> roller_;
    std::vector<double> triangleDensity_;
    std::vector<double> cornerDensity_;  // 3 per triangle (cornerDensity)
    std::vector<float> vertexDensity_;
    std::vector<float> sampleDensity_;
    std::vector<double> triangleArea_;
    VertexTriangles corners_;  // triangles around each vertex
    std::vector<std::uint32_t> changedTriangles_;
    std::vector<char> triangleChanged_;
    std::uint64_t revision_ = 0;
    VertexRange changed_;
};

}  // namespace pinpoint::core
