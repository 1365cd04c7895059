#pragma once
// Bounding volume hierarchy over a SurfaceMesh: first-hit ray casts and closest-point queries.
// The BVH copies what it needs from the mesh, so the mesh may be moved or freed afterwards.
// Triangle indices in results are indices into the original mesh's triangle list.
#include "core/geometry/mesh.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace pinpoint::core {

struct SurfaceHit {
    std::uint32_t triangle = 0;
    glm::vec2 barycentric{0.0f};  // (u, v) for corners b and c, as in pointOnTriangle
    glm::vec3 point{0.0f};        // mm, model space
    glm::vec3 normal{0.0f};       // unit geometric normal of the triangle (from its winding)
    float distance = 0.0f;        // ray: distance along the (normalised) ray; closest point: |query - point|
};

class Bvh {
public:
    Bvh() = default;
    explicit Bvh(const SurfaceMesh& mesh);

    // First surface hit along origin + t * direction, 0 <= t <= maxDistance. Both faces count.
    // `direction` need not be normalised; `distance` in the result is in mm.
    std::optional<SurfaceHit> castRay(glm::vec3 origin, glm::vec3 direction,
                                      float maxDistance = std::numeric_limits<float>::infinity()) const;

    // Nearest surface point to `query` no farther than maxDistance (mm); nullopt if none is.
    std::optional<SurfaceHit> closestPoint(glm::vec3 query,
                                           float maxDistance = std::numeric_limits<float>::infinity()) const;

    std::size_t triangleCount() const { return triangles_.size(); }
    std::size_t nodeCount() const { return nodes_.size(); }

    struct Node {
        glm::vec3 boundsMin{0.0f};
        std::uint32_t firstOrRight = 0;  // leaf: first triangle slot; inner: index of the right child
        glm::vec3 boundsMax{0.0f};
        std::uint32_t count = 0;         // leaf: triangle count (> 0); inner: 0 (left child is index + 1)
    };
    struct PackedTriangle {
        glm::vec3 a, ab, ac;     // corner a and the two edges, for fast intersection
        std::uint32_t original;  // index into the mesh's triangle list
    };

private:
    std::vector<Node> nodes_;
    std::vector<PackedTriangle> triangles_;
};

}  // namespace pinpoint::core
