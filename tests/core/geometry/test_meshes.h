#pragma once
// Small synthetic meshes for the geometry tests, and brute-force (double precision) reference
// queries written independently of the BVH's algorithms.
#include "core/geometry/mesh.h"
#include "core/geometry/random.h"

#include <glm/geometric.hpp>
#include <glm/vec3.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <optional>

namespace pinpoint::core::testing {

inline SurfaceMesh singleTriangle(glm::vec3 a, glm::vec3 b, glm::vec3 c) {
    SurfaceMesh m;
    m.positions = {a, b, c};
    m.triangles = {{0, 1, 2}};
    return m;
}

// UV sphere centred at `centre`, outward winding. radiusAt(theta, phi) gives each vertex's radius
// (theta: polar angle from +Y, phi: azimuth), so the same code makes bumpy closed surfaces.
template <class RadiusFn>
SurfaceMesh uvSphere(int stacks, int slices, glm::vec3 centre, RadiusFn radiusAt) {
    SurfaceMesh m;
    const double pi = std::numbers::pi;
    auto vertex = [&](double theta, double phi) {
        const double r = radiusAt(theta, phi);
        const glm::dvec3 dir(std::sin(theta) * std::cos(phi), std::cos(theta), std::sin(theta) * std::sin(phi));
        m.positions.push_back(centre + glm::vec3(r * dir));
        m.normals.push_back(glm::vec3(dir));
    };
    vertex(0.0, 0.0);  // north pole: index 0
    for (int i = 1; i < stacks; ++i)
        for (int j = 0; j < slices; ++j) vertex(pi * i / stacks, 2.0 * pi * j / slices);
    vertex(pi, 0.0);  // south pole
    const auto south = static_cast<std::uint32_t>(m.positions.size() - 1);
    auto ring = [&](int i, int j) { return static_cast<std::uint32_t>(1 + (i - 1) * slices + (j % slices)); };
    for (int j = 0; j < slices; ++j) m.triangles.push_back({0, ring(1, j + 1), ring(1, j)});
    for (int i = 1; i + 1 < stacks; ++i)
        for (int j = 0; j < slices; ++j) {
            m.triangles.push_back({ring(i, j), ring(i, j + 1), ring(i + 1, j)});
            m.triangles.push_back({ring(i, j + 1), ring(i + 1, j + 1), ring(i + 1, j)});
        }
    for (int j = 0; j < slices; ++j) m.triangles.push_back({ring(stacks - 1, j), ring(stacks - 1, j + 1), south});
    return m;
}

// ~20k triangles, radius 100 mm.
inline SurfaceMesh sphere100() {
    return uvSphere(100, 100, glm::vec3(0.0f), [](double, double) { return 100.0; });
}

// A lumpy closed surface, ~200 mm across, with some noise per vertex (seeded, so fixed).
inline SurfaceMesh lumpySurface() {
    SplitMix64 rng(1234);
    return uvSphere(90, 120, glm::vec3(5.0f, -3.0f, 2.0f), [&](double theta, double phi) {
        return 95.0 + 12.0 * std::sin(3.0 * theta) * std::cos(5.0 * phi) + 6.0 * std::cos(2.0 * theta) +
               1.5 * (rng.uniform() - 0.5);
    });
}

// A flat grid in the z = 0 plane over [0, size]^2 with n x n cells.
inline SurfaceMesh planeGrid(int n, float size) {
    SurfaceMesh m;
    for (int i = 0; i <= n; ++i)
        for (int j = 0; j <= n; ++j) {
            m.positions.push_back({size * static_cast<float>(j) / static_cast<float>(n),
                                   size * static_cast<float>(i) / static_cast<float>(n), 0.0f});
            m.normals.push_back({0.0f, 0.0f, 1.0f});
        }
    auto id = [&](int i, int j) { return static_cast<std::uint32_t>(i * (n + 1) + j); };
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            m.triangles.push_back({id(i, j), id(i, j + 1), id(i + 1, j + 1)});
            m.triangles.push_back({id(i, j), id(i + 1, j + 1), id(i + 1, j)});
        }
    return m;
}

struct Corners {
    glm::dvec3 a, b, c;
};
inline Corners cornersOf(const SurfaceMesh& m, std::size_t tri) {
    const Triangle& t = m.triangles[tri];
    return {glm::dvec3(m.positions[t.a]), glm::dvec3(m.positions[t.b]), glm::dvec3(m.positions[t.c])};
}

// Ray parameter (along the unit direction) where the ray meets the triangle, by plane intersection
// and an inside test with signed areas, in double precision.
inline std::optional<double> rayTriangle(glm::dvec3 o, glm::dvec3 d, const Corners& k) {
    const glm::dvec3 n = glm::cross(k.b - k.a, k.c - k.a);
    const double denom = glm::dot(n, d);
    if (denom == 0.0 || glm::dot(n, n) == 0.0) return std::nullopt;
    const double t = glm::dot(n, k.a - o) / denom;
    if (t < 0.0) return std::nullopt;
    const glm::dvec3 p = o + t * d;
    const double e0 = glm::dot(glm::cross(k.b - k.a, p - k.a), n);
    const double e1 = glm::dot(glm::cross(k.c - k.b, p - k.b), n);
    const double e2 = glm::dot(glm::cross(k.a - k.c, p - k.c), n);
    if (e0 < 0.0 || e1 < 0.0 || e2 < 0.0) return std::nullopt;
    return t;
}

struct BruteHit {
    std::size_t triangle = 0;
    double distance = 0.0;
};

inline std::optional<BruteHit> bruteRay(const SurfaceMesh& m, glm::vec3 origin, glm::vec3 direction,
                                        double maxDistance = std::numeric_limits<double>::infinity()) {
    const glm::dvec3 o(origin);
    const glm::dvec3 d = glm::normalize(glm::dvec3(direction));
    std::optional<BruteHit> best;
    for (std::size_t i = 0; i < m.triangleCount(); ++i) {
        const auto t = rayTriangle(o, d, cornersOf(m, i));
        if (t && *t <= maxDistance && (!best || *t < best->distance)) best = BruteHit{i, *t};
    }
    return best;
}

inline glm::dvec3 closestOnSegment(glm::dvec3 p, glm::dvec3 a, glm::dvec3 b) {
    const glm::dvec3 e = b - a;
    const double ee = glm::dot(e, e);
    const double s = ee > 0.0 ? std::clamp(glm::dot(p - a, e) / ee, 0.0, 1.0) : 0.0;
    return a + s * e;
}

// Distance from p to the triangle: the plane projection if it falls inside, else the nearest edge.
inline double pointTriangleDistance(glm::dvec3 p, const Corners& k) {
    const glm::dvec3 n = glm::cross(k.b - k.a, k.c - k.a);
    const double nn = glm::dot(n, n);
    if (nn > 0.0) {
        const glm::dvec3 q = p - glm::dot(p - k.a, n) / nn * n;
        const double e0 = glm::dot(glm::cross(k.b - k.a, q - k.a), n);
        const double e1 = glm::dot(glm::cross(k.c - k.b, q - k.b), n);
        const double e2 = glm::dot(glm::cross(k.a - k.c, q - k.c), n);
        if (e0 >= 0.0 && e1 >= 0.0 && e2 >= 0.0) return glm::length(p - q);
    }
    const double dab = glm::length(p - closestOnSegment(p, k.a, k.b));
    const double dbc = glm::length(p - closestOnSegment(p, k.b, k.c));
    const double dca = glm::length(p - closestOnSegment(p, k.c, k.a));
    return std::min({dab, dbc, dca});
}

inline std::optional<BruteHit> bruteClosest(const SurfaceMesh& m, glm::vec3 query,
                                            double maxDistance = std::numeric_limits<double>::infinity()) {
    std::optional<BruteHit> best;
    for (std::size_t i = 0; i < m.triangleCount(); ++i) {
        const double d = pointTriangleDistance(glm::dvec3(query), cornersOf(m, i));
        if (d <= maxDistance && (!best || d < best->distance)) best = BruteHit{i, d};
    }
    return best;
}

inline glm::vec3 randomInBox(SplitMix64& rng, glm::vec3 lo, glm::vec3 hi) {
    return {lo.x + static_cast<float>(rng.uniform()) * (hi.x - lo.x),
            lo.y + static_cast<float>(rng.uniform()) * (hi.y - lo.y),
            lo.z + static_cast<float>(rng.uniform()) * (hi.z - lo.z)};
}

inline glm::vec3 randomUnit(SplitMix64& rng) {
    const double z = 2.0 * rng.uniform() - 1.0;
    const double phi = 2.0 * std::numbers::pi * rng.uniform();
    const double r = std::sqrt(std::max(0.0, 1.0 - z * z));
    return glm::vec3(glm::dvec3(r * std::cos(phi), r * std::sin(phi), z));
}

}  // namespace pinpoint::core::testing
