#pragma once
// A quad surface (as modelled in MakeHuman), its vertex welding, Catmull-Clark subdivision and
// conversion to the triangle SurfaceMesh that every query uses.
#include "core/geometry/mesh.h"

#include <array>
#include <cstdint>
#include <vector>

namespace pinpoint::core {

struct QuadMesh {
    std::vector<glm::vec3> positions;
    std::vector<std::array<std::uint32_t, 4>> quads;  // counter-clockwise seen from outside
    std::vector<std::array<glm::vec2, 4>> quadUvs;    // texture coordinates per quad corner (may be empty)
};

// Builds a welded QuadMesh from unshared corners (4 per quad, as importers deliver them): corners at
// exactly the same position become one vertex, so UV seams do not split the surface.
QuadMesh weldQuadCorners(const std::vector<glm::vec3>& cornerPositions, const std::vector<glm::vec2>& cornerUvs);

// Keeps the quads for which keep[q] is true and drops vertices no longer used.
QuadMesh selectQuads(const QuadMesh& mesh, const std::vector<bool>& keep);

// One Catmull-Clark step per level. Open boundaries use the crease rules (edge midpoints,
// (A + 6P + B) / 8 for boundary vertices), so a cut edge stays where it was. Texture coordinates are
// interpolated bilinearly inside each quad. Every quad becomes four, with the same orientation.
QuadMesh subdivideCatmullClark(const QuadMesh& mesh, int levels);

// Two triangles per quad, with area-weighted smooth vertex normals.
SurfaceMesh triangulate(const QuadMesh& mesh);

// Area-weighted smooth normals for a triangle mesh (replaces mesh.normals).
void computeVertexNormals(SurfaceMesh& mesh);

}  // namespace pinpoint::core
