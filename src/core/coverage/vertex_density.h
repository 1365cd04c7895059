#pragma once
// Density at the vertices, for drawing: each vertex takes the area-weighted mean of the densities of
// the triangles around it (punctures / cm², as DensityField gives them per triangle).
#include "core/geometry/mesh.h"

#include <vector>

namespace pinpoint::core {

std::vector<float> vertexDensity(const SurfaceMesh& mesh, const std::vector<double>& densityPerTriangle);

}  // namespace pinpoint::core
