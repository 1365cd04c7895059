#pragma once
// Density at the vertices, for drawing the heatmap.
#include "core/coverage/density_field.h"
#include "core/geometry/mesh.h"

#include <vector>

namespace pinpoint::core {

// The density drawn at one corner (0, 1, 2: a, b, c) of a triangle: that of the point whose
// sub-triangle holds the corner, counted at the needles' scale as the score counts it there, so a bare
// band between rows reads bare wherever a vertex lies in it. Skin without points (forbidden areas) is
// drawn from its triangle's own punctures over its area (drawnDensity).
double cornerDensity(const PunctureTally& tally, std::size_t triangle, int corner, bool roller);

// Per vertex: the area-weighted mean of the corner densities at it (punctures / cm²), each zone at the
// scale of the device it is measured as (`rollerPerArea`, by area index).
std::vector<float> drawnVertexDensity(const SurfaceMesh& mesh, const PunctureTally& tally, const std::vector<char>& rollerPerArea);

}  // namespace pinpoint::core
