#include "core/geometry/surface_walk.h"

#include <glm/geometric.hpp>

#include <cmath>
#include <unordered_map>

namespace pinpoint::core {

TriangleAdjacency::TriangleAdjacency(const SurfaceMesh& mesh) {
    neighbours_.assign(mesh.triangleCount(), {kNoTriangle, kNoTriangle, kNoTriangle});
    planes_.resize(mesh.triangleCount());
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        TrianglePlane& p = planes_[t];
        const Triangle& tri = mesh.triangles[t];
        p.a = mesh.positions[tri.a];
        p.ab = mesh.positions[tri.b] - p.a;
        p.ac = mesh.positions[tri.c] - p.a;
        const glm::vec3 n = glm::cross(p.ab, p.ac);
        const float length = glm::length(n);
        p.normal = length > 0.0f ? n / length : glm::vec3(0.0f);
        p.d00 = glm::dot(p.ab, p.ab);
        p.d01 = glm::dot(p.ab, p.ac);
        p.d11 = glm::dot(p.ac, p.ac);
        const float det = p.d00 * p.d11 - p.d01 * p.d01;
        p.inverseDet = length > 0.0f && det > 0.0f ? 1.0f / det : 0.0f;
    }
    struct Side {
        std::uint32_t triangle;
        int edge;
        int uses;
    };
    std::unordered_map<std::uint64_t, Side> open;
    open.reserve(mesh.triangleCount() * 2);
    for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
        const Triangle& tri = mesh.triangles[t];
        const std::uint32_t v[3] = {tri.a, tri.b, tri.c};
        for (int e = 0; e < 3; ++e) {
            std::uint32_t a = v[e], b = v[(e + 1) % 3];
            if (a > b) std::swap(a, b);
            const std::uint64_t key = (static_cast<std::uint64_t>(a) << 32) | b;
            auto [it, inserted] = open.try_emplace(key, Side{t, e, 1});
            if (inserted) continue;
            Side& other = it->second;
            if (++other.uses == 2) {
                neighbours_[t][e] = other.triangle;
                neighbours_[other.triangle][other.edge] = t;
            } else {  // non-manifold: cut every link along this edge
                neighbours_[t][e] = kNoTriangle;
                neighbours_[other.triangle][other.edge] = kNoTriangle;
            }
        }
    }
}

std::optional<SurfaceHit> walkAlong(const TriangleAdjacency& adjacency, std::uint32_t start,
                                    glm::vec3 point, glm::vec3 direction, int maxSteps) {
    const glm::vec3 dir = glm::normalize(direction);
    std::uint32_t t = start;
    std::uint32_t previous = kNoTriangle;
    for (int step = 0; step < maxSteps && t != kNoTriangle; ++step) {
        const TrianglePlane& p = adjacency.plane(t);
        if (p.inverseDet == 0.0f) return std::nullopt;
        // Along the direction when it crosses the plane well; else straight onto the plane.
        const float denom = glm::dot(dir, p.normal);
        const bool steep = std::fabs(denom) > 0.2f;
        const float s = steep ? glm::dot(p.a - point, p.normal) / denom : 0.0f;
        const glm::vec3 x = steep ? point + s * dir : point - glm::dot(point - p.a, p.normal) * p.normal;
        const glm::vec3 ax = x - p.a;
        const float d20 = glm::dot(ax, p.ab), d21 = glm::dot(ax, p.ac);
        const float u = (p.d11 * d20 - p.d01 * d21) * p.inverseDet;
        const float v = (p.d00 * d21 - p.d01 * d20) * p.inverseDet;
        const float w = 1.0f - u - v;
        constexpr float eps = -1e-5f;
        if (u >= eps && v >= eps && w >= eps) {
            if (!steep) return std::nullopt;
            SurfaceHit hit;
            hit.triangle = t;
            hit.barycentric = {u, v};
            hit.point = x;
            hit.normal = p.normal;
            hit.distance = s;
            return hit;
        }
        // Leave across the edge opposite the most negative coordinate (w: edge b-c, u: c-a, v: a-b),
        // never straight back where we came from unless it is the only way.
        int edge = (w <= u && w <= v) ? 1 : (u <= v ? 2 : 0);
        std::uint32_t next = adjacency.across(t, edge);
        if (next == previous) {
            const int second = (edge == 1) ? (u <= v ? 2 : 0) : (edge == 2 ? (w <= v ? 1 : 0) : (w <= u ? 1 : 2));
            const float secondValue = second == 1 ? w : (second == 2 ? u : v);
            if (secondValue < eps) next = adjacency.across(t, second);
        }
        previous = t;
        t = next;
    }
    return std::nullopt;
}

}  // namespace pinpoint::core
