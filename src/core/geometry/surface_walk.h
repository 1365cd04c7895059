#pragma once
// Moving across the skin triangle by triangle. Locating each needle of a cartridge by walking from
// the contact triangle is much cheaper than a fresh BVH query and follows the surface exactly.
#include "core/geometry/bvh.h"
#include "core/geometry/mesh.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace pinpoint::core {

inline constexpr std::uint32_t kNoTriangle = 0xFFFFFFFFu;

// A triangle's plane and what it takes to find barycentric coordinates in it, computed once.
struct TrianglePlane {
    glm::vec3 a{0.0f}, ab{0.0f}, ac{0.0f};
    glm::vec3 normal{0.0f};          // unit, from the winding
    float d00 = 0, d01 = 0, d11 = 0;  // Gram matrix of (ab, ac)
    float inverseDet = 0;             // 0 for a degenerate triangle
};

// The triangle across each edge: edge 0 is (a, b), 1 is (b, c), 2 is (c, a). kNoTriangle on an open
// boundary. Edges shared by more than two triangles are treated as boundaries. Also keeps each
// triangle's plane for walking.
class TriangleAdjacency {
public:
    TriangleAdjacency() = default;
    explicit TriangleAdjacency(const SurfaceMesh& mesh);
    std::uint32_t across(std::uint32_t triangle, int edge) const { return neighbours_[triangle][edge]; }
    const TrianglePlane& plane(std::uint32_t triangle) const { return planes_[triangle]; }
    std::size_t size() const { return neighbours_.size(); }

private:
    std::vector<std::array<std::uint32_t, 3>> neighbours_;
    std::vector<TrianglePlane> planes_;
};

// Where the line through `point` along `direction` meets the surface, found by walking from `start`
// across edges. `distance` in the result is the signed distance along the unit direction (negative:
// the surface is behind the point). nullopt if the walk leaves the surface or needs more steps.
std::optional<SurfaceHit> walkAlong(const TriangleAdjacency& adjacency, std::uint32_t start,
                                    glm::vec3 point, glm::vec3 direction, int maxSteps = 24);

}  // namespace pinpoint::core
