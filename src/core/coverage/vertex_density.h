#pragma once
// Density as the heatmap draws it. On the points of the treatment zones (skin_samples.h) the surface
// shader colours each pixel by the point whose sub-triangle holds it (drawnSamples), so a bare band
// narrower than the mesh's triangles reads bare; the vertices' densities colour the skin without points
// (forbidden areas) and the erythema and pinpoint bleeding of the skin as it is.
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

// Every point's density as the heatmap draws it: the pen's points, then the roller's (punctures per
// cm², at each scale as the tally counted them), and the device each area is measured as (by area
// index), which picks the points an area's pixels are coloured by.
struct DrawnSamples {
    std::vector<float> density;  // pen points [0, pen count), then roller points
    std::vector<char> roller;    // by area
};
DrawnSamples drawnSamples(const PunctureTally& tally, std::vector<char> rollerPerArea);
// Where a point of one scale sits in DrawnSamples::density.
inline std::size_t drawnSampleIndex(const DensityField& field, bool roller, std::uint32_t sample) {
    return roller ? field.samples(false).size() + sample : sample;
}

}  // namespace pinpoint::core
