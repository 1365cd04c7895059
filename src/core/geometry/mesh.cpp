#include "core/geometry/mesh.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <limits>

namespace pinpoint::core {

namespace {
struct Corners {
    glm::vec3 a, b, c;
};
Corners corners(const SurfaceMesh& mesh, std::size_t tri) {
    const Triangle& t = mesh.triangles[tri];
    return {mesh.positions[t.a], mesh.positions[t.b], mesh.positions[t.c]};
}
}  // namespace

glm::vec3 triangleCentroid(const SurfaceMesh& mesh, std::size_t tri) {
    const Corners k = corners(mesh, tri);
    return (k.a + k.b + k.c) / 3.0f;
}

glm::vec3 triangleNormal(const SurfaceMesh& mesh, std::size_t tri) {
    const Corners k = corners(mesh, tri);
    const glm::vec3 n = glm::cross(k.b - k.a, k.c - k.a);
    const float len = glm::length(n);
    return len > 0.0f ? n / len : glm::vec3(0.0f, 0.0f, 1.0f);
}

double triangleAreaMm2(const SurfaceMesh& mesh, std::size_t tri) {
    const Corners k = corners(mesh, tri);
    const glm::dvec3 ab = glm::dvec3(k.b) - glm::dvec3(k.a);
    const glm::dvec3 ac = glm::dvec3(k.c) - glm::dvec3(k.a);
    return 0.5 * glm::length(glm::cross(ab, ac));
}

std::vector<double> triangleAreasMm2(const SurfaceMesh& mesh) {
    std::vector<double> areas(mesh.triangleCount());
    for (std::size_t i = 0; i < areas.size(); ++i) areas[i] = triangleAreaMm2(mesh, i);
    return areas;
}

double totalAreaMm2(const SurfaceMesh& mesh) {
    double sum = 0.0;
    for (std::size_t i = 0; i < mesh.triangleCount(); ++i) sum += triangleAreaMm2(mesh, i);
    return sum;
}

Bounds meshBounds(const SurfaceMesh& mesh) {
    if (mesh.positions.empty()) return {};
    Bounds b{glm::vec3(std::numeric_limits<float>::max()), glm::vec3(std::numeric_limits<float>::lowest())};
    for (const glm::vec3& p : mesh.positions) {
        b.min = glm::min(b.min, p);
        b.max = glm::max(b.max, p);
    }
    return b;
}

glm::vec3 pointOnTriangle(const SurfaceMesh& mesh, std::size_t tri, glm::vec2 bc) {
    const Corners k = corners(mesh, tri);
    return (1.0f - bc.x - bc.y) * k.a + bc.x * k.b + bc.y * k.c;
}

glm::vec3 normalOnTriangle(const SurfaceMesh& mesh, std::size_t tri, glm::vec2 bc) {
    if (mesh.normals.size() != mesh.positions.size()) return triangleNormal(mesh, tri);
    const Triangle& t = mesh.triangles[tri];
    const glm::vec3 n =
        (1.0f - bc.x - bc.y) * mesh.normals[t.a] + bc.x * mesh.normals[t.b] + bc.y * mesh.normals[t.c];
    const float len = glm::length(n);
    return len > 0.0f ? n / len : triangleNormal(mesh, tri);
}

VertexTriangles::VertexTriangles(const SurfaceMesh& mesh) : start_(mesh.vertexCount() + 1, 0) {
    for (const Triangle& t : mesh.triangles)
        for (std::uint32_t v : {t.a, t.b, t.c}) ++start_[v + 1];
    for (std::size_t v = 0; v < mesh.vertexCount(); ++v) start_[v + 1] += start_[v];
    triangles_.resize(start_.back());
    std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t)
        for (std::uint32_t v : {mesh.triangles[t].a, mesh.triangles[t].b, mesh.triangles[t].c})
            triangles_[fill[v]++] = static_cast<std::uint32_t>(t);
}

}  // namespace pinpoint::core
