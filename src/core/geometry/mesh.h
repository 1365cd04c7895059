#pragma once
// A triangle surface in model space (millimetres, +Y up, +Z out of the face, +X patient's left).
// Vertices are welded: triangles that share a position share a vertex index, so the skin is one
// connected surface for geometry queries. Texture coordinates are kept per triangle corner because
// UV seams would otherwise split vertices.
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace pinpoint::core {

struct Triangle {
    std::uint32_t a = 0, b = 0, c = 0;
};

struct Bounds {
    glm::vec3 min{0.0f};
    glm::vec3 max{0.0f};
};

struct SurfaceMesh {
    std::vector<glm::vec3> positions;  // mm
    std::vector<glm::vec3> normals;    // unit, per vertex (smooth shading)
    std::vector<Triangle> triangles;
    std::vector<glm::vec2> cornerUvs;  // 3 per triangle, may be empty

    std::size_t triangleCount() const { return triangles.size(); }
    std::size_t vertexCount() const { return positions.size(); }
};

// Geometric facts about one triangle.
glm::vec3 triangleCentroid(const SurfaceMesh& mesh, std::size_t tri);
glm::vec3 triangleNormal(const SurfaceMesh& mesh, std::size_t tri);  // unit, from the winding
double triangleAreaMm2(const SurfaceMesh& mesh, std::size_t tri);
std::vector<double> triangleAreasMm2(const SurfaceMesh& mesh);
double totalAreaMm2(const SurfaceMesh& mesh);
Bounds meshBounds(const SurfaceMesh& mesh);

// Point on triangle `tri` at barycentric (u, v) for corners b and c: p = (1-u-v)a + u b + v c.
glm::vec3 pointOnTriangle(const SurfaceMesh& mesh, std::size_t tri, glm::vec2 barycentric);
// Smooth (interpolated) unit normal at a barycentric point.
glm::vec3 normalOnTriangle(const SurfaceMesh& mesh, std::size_t tri, glm::vec2 barycentric);

// The triangles around each vertex, in triangle order (compressed rows).
class VertexTriangles {
public:
    VertexTriangles() = default;
    explicit VertexTriangles(const SurfaceMesh& mesh);
    std::span<const std::uint32_t> of(std::size_t vertex) const {
        return {triangles_.data() + start_[vertex], triangles_.data() + start_[vertex + 1]};
    }

private:
    std::vector<std::uint32_t> start_;      // triangles of vertex v: triangles_[start_[v] .. start_[v+1])
    std::vector<std::uint32_t> triangles_;
};

}  // namespace pinpoint::core
