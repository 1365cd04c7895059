#pragma once
// The surface cut into clusters of nearby triangles that face about the same way, so a frame draws
// only the clusters it can see: those inside the area being drawn and not wholly turned away from
// the camera. lavapipe shades every vertex of a draw on one thread, so skipping the back of the head
// and everything outside a small redraw is most of a frame's vertex work. Pure CPU, tested alone.
#include "core/face/zone_rules.h"
#include "core/geometry/mesh.h"

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace pinpoint::render {

struct SurfaceCluster {
    std::uint32_t firstIndex = 0;  // into the packed index buffer
    std::uint32_t indexCount = 0;
    glm::vec3 lo{0.0f}, hi{0.0f};   // the box around its triangles (mm)
    glm::vec3 facing{0.0f, 0.0f, 1.0f};  // unit: the average direction its triangles face
    float leastFacing = -1.0f;     // the smallest cosine between a triangle's face and `facing`
    bool eyes = false;
};

// A rectangle of pixels, [x0, x1) x [y0, y1); empty when x0 >= x1 or y0 >= y1.
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x0 >= x1 || y0 >= y1; }
    bool overlaps(const PixelRect& o) const { return !empty() && !o.empty() && x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

PixelRect unite(const PixelRect& a, const PixelRect& b);
PixelRect intersect(const PixelRect& a, const PixelRect& b);  // empty when they do not overlap
PixelRect clampTo(const PixelRect& r, int width, int height);
PixelRect grow(const PixelRect& r, int pixels);

// The pixels a box covers on screen (unclamped), or the whole screen when part of it is behind the camera.
// `viewProjection` maps model space to Vulkan clip space (y down).
PixelRect projectBox(glm::vec3 lo, glm::vec3 hi, const glm::mat4& viewProjection, int width, int height);

// Groups triangles (indices into mesh.triangles) into clusters: skin first, then eyes; within each,
// by the axis they mostly face, in compact patches of neighbours, `perCluster` triangles at most.
// Returns the triangle order; `clusters` gets each cluster's range in that order (in triangles x 3)
// and its box and facing.
std::vector<std::uint32_t> clusterTriangles(const core::SurfaceMesh& mesh, std::span<const core::SurfacePart> parts,
                                            std::uint32_t perCluster, std::vector<SurfaceCluster>& clusters);

// True when every triangle of the cluster faces away from a camera at `eye` (so the rasterizer would
// cull them all).
bool facesAway(const SurfaceCluster& cluster, glm::vec3 eye);

}  // namespace pinpoint::render
