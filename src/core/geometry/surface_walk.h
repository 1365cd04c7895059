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

// The triangle across each edge: edge 0 is (a, b), 1 is (b, c), 2 is (c, a). kNoTriangle on an open
// boundary. Edges shared by more than two triangles are treated as boundaries.
class TriangleAdjacency {
public:
    TriangleAdjacency() = default;
    explicit TriangleAdjacency(const SurfaceMesh& mesh);
    std::uint32_t across(std::uint32_t triangle, int edge) const { return neighbours_[triangle][edge]; }
    std::size_t size() const { return neighbours_.size(); }

private:
    std::vector<std::array<std::uint32_t, 3>> neighbours_;
};

// Where the line through `point` along `direction` meets the surface, found by walking from `start`
// across edges. `distance` in the result is the signed distance along the unit direction (negative:
// the surface is behind the point). nullopt if the walk leaves the surface or needs more steps.
std::optional<SurfaceHit> walkAlong(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency, std::uint32_t start,
                                    glm::vec3 point, glm::vec3 direction, int maxSteps = 24);

}  // namespace pinpoint::core
