#include "render/surface_clusters.h"

#include <glm/geometric.hpp>
#include <glm/vec4.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <cmath>

namespace pinpoint::render {

PixelRect unite(const PixelRect& a, const PixelRect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

PixelRect intersect(const PixelRect& a, const PixelRect& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

PixelRect clampTo(const PixelRect& r, int width, int height) {
    return {std::clamp(r.x0, 0, width), std::clamp(r.y0, 0, height), std::clamp(r.x1, 0, width),
            std::clamp(r.y1, 0, height)};
}

PixelRect grow(const PixelRect& r, int pixels) {
    if (r.empty()) return r;
    return {r.x0 - pixels, r.y0 - pixels, r.x1 + pixels, r.y1 + pixels};
}

namespace {
constexpr float kFarPixels = 1e6f;  // keeps the conversion to int defined for boxes far off screen
}

PixelRect projectBox(glm::vec3 lo, glm::vec3 hi, const glm::mat4& viewProjection, int width, int height) {
    const PixelRect whole{0, 0, width, height};
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 corner((i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z);
        const glm::vec4 clip = viewProjection * glm::vec4(corner, 1.0f);
        if (clip.w <= 1e-3f) return whole;  // reaches behind the camera: assume anywhere
        const float x = (clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(width);
        const float y = (clip.y / clip.w * 0.5f + 0.5f) * static_cast<float>(height);
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x);
        y1 = std::max(y1, y);
    }
    const auto floorInt = [](float v) { return static_cast<int>(std::floor(std::clamp(v, -kFarPixels, kFarPixels))); };
    const auto ceilInt = [](float v) { return static_cast<int>(std::ceil(std::clamp(v, -kFarPixels, kFarPixels))); };
    return {floorInt(x0), floorInt(y0), ceilInt(x1), ceilInt(y1)};
}

namespace {

glm::vec3 faceNormal(const core::SurfaceMesh& mesh, const core::Triangle& t) {
    const glm::vec3 a = mesh.positions[t.a], b = mesh.positions[t.b], c = mesh.positions[t.c];
    const glm::vec3 n = glm::cross(b - a, c - a);
    const float len = glm::length(n);
    return len > 0.0f ? n / len : glm::vec3(0.0f);
}

// 0..5: +X, -X, +Y, -Y, +Z, -Z, whichever the normal is closest to.
int dominantAxis(glm::vec3 n) {
    const glm::vec3 a = glm::abs(n);
    const int axis = a.x >= a.y && a.x >= a.z ? 0 : (a.y >= a.z ? 1 : 2);
    return axis * 2 + (n[axis] < 0.0f ? 1 : 0);
}

std::uint32_t spreadBits(std::uint32_t v) {  // 10 bits -> every third bit of 30
    v &= 0x3ffu;
    v = (v | (v << 16)) & 0x030000ffu;
    v = (v | (v << 8)) & 0x0300f00fu;
    v = (v | (v << 4)) & 0x030c30c3u;
    v = (v | (v << 2)) & 0x09249249u;
    return v;
}

constexpr std::uint32_t kNoNeighbour = 0xffffffffu;

// The triangles across each edge (opposite corners a, b, c are irrelevant: any order will do).
std::vector<std::array<std::uint32_t, 3>> triangleNeighbours(const core::SurfaceMesh& mesh) {
    std::vector<std::array<std::uint32_t, 3>> out(mesh.triangleCount(), {kNoNeighbour, kNoNeighbour, kNoNeighbour});
    std::unordered_map<std::uint64_t, std::uint64_t> firstUse;  // edge -> triangle << 2 | slot
    firstUse.reserve(mesh.triangleCount() * 2);
    for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
        const core::Triangle& tr = mesh.triangles[t];
        const std::uint32_t c[3] = {tr.a, tr.b, tr.c};
        for (std::uint32_t i = 0; i < 3; ++i) {
            std::uint32_t u = c[i], v = c[(i + 1) % 3];
            if (u > v) std::swap(u, v);
            const auto [it, inserted] = firstUse.try_emplace((std::uint64_t{u} << 32) | v, (std::uint64_t{t} << 2) | i);
            if (inserted) continue;
            const std::uint32_t other = static_cast<std::uint32_t>(it->second >> 2);
            out[t][i] = other;
            out[other][it->second & 3u] = t;
        }
    }
    return out;
}

SurfaceCluster describe(const core::SurfaceMesh& mesh, const std::vector<glm::vec3>& normals,
                        const std::vector<std::uint32_t>& triangles, std::uint32_t firstIndex, bool eyes) {
    SurfaceCluster c;
    c.firstIndex = firstIndex;
    c.indexCount = static_cast<std::uint32_t>(triangles.size() * 3);
    c.eyes = eyes;
    c.lo = glm::vec3(1e30f);
    c.hi = glm::vec3(-1e30f);
    glm::vec3 sum(0.0f);
    for (std::uint32_t t : triangles) {
        const core::Triangle& tr = mesh.triangles[t];
        for (std::uint32_t v : {tr.a, tr.b, tr.c}) {
            c.lo = glm::min(c.lo, mesh.positions[v]);
            c.hi = glm::max(c.hi, mesh.positions[v]);
        }
        sum += normals[t];
    }
    const float len = glm::length(sum);
    if (len <= 0.0f) return c;  // leastFacing stays -1: never skipped
    c.facing = sum / len;
    c.leastFacing = 1.0f;
    // A degenerate triangle faces nowhere and is never drawn, so it does not widen the cone.
    for (std::uint32_t t : triangles)
        if (normals[t] != glm::vec3(0.0f)) c.leastFacing = std::min(c.leastFacing, glm::dot(normals[t], c.facing));
    return c;
}

}  // namespace

std::vector<std::uint32_t> clusterTriangles(const core::SurfaceMesh& mesh, std::span<const core::SurfacePart> parts,
                                            std::uint32_t perCluster, std::vector<SurfaceCluster>& clusters) {
    clusters.clear();
    perCluster = std::max(perCluster, 1u);
    const core::Bounds box = core::meshBounds(mesh);
    const glm::vec3 size = glm::max(box.max - box.min, glm::vec3(1e-6f));
    struct Key {
        std::uint64_t order;
        std::uint32_t triangle;
    };
    std::vector<Key> keys;
    keys.reserve(mesh.triangleCount());
    std::vector<glm::vec3> normals(mesh.triangleCount());
    for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
        const core::Triangle& tr = mesh.triangles[t];
        normals[t] = faceNormal(mesh, tr);
        const glm::vec3 centre = (mesh.positions[tr.a] + mesh.positions[tr.b] + mesh.positions[tr.c]) / 3.0f;
        const glm::uvec3 q(glm::clamp((centre - box.min) / size, 0.0f, 1.0f) * 1023.0f);
        const std::uint64_t morton = spreadBits(q.x) | (spreadBits(q.y) << 1) | (spreadBits(q.z) << 2);
        const bool eye = !parts.empty() && parts[t] == core::SurfacePart::Eye;
        const std::uint64_t group = (eye ? 8u : 0u) + static_cast<std::uint64_t>(dominantAxis(normals[t]));
        keys.push_back({(group << 32) | morton, t});
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return a.order != b.order ? a.order < b.order : a.triangle < b.triangle;
    });
    const std::vector<std::array<std::uint32_t, 3>> neighbours = triangleNeighbours(mesh);
    std::vector<std::uint32_t> groupOf(mesh.triangleCount());
    for (const Key& k : keys) groupOf[k.triangle] = static_cast<std::uint32_t>(k.order >> 32);

    // Each cluster grows from the first unused triangle along the curve to its neighbours that face
    // the same way, breadth first, so it stays a compact patch.
    std::vector<std::uint32_t> order;
    order.reserve(keys.size());
    std::vector<bool> used(mesh.triangleCount(), false);
    std::vector<std::uint32_t> patch;
    for (const Key& seed : keys) {
        if (used[seed.triangle]) continue;
        const std::uint32_t group = groupOf[seed.triangle];
        patch.assign(1, seed.triangle);
        used[seed.triangle] = true;
        for (std::size_t next = 0; next < patch.size() && patch.size() < perCluster; ++next)
            for (std::uint32_t n : neighbours[patch[next]])
                if (n != kNoNeighbour && !used[n] && groupOf[n] == group && patch.size() < perCluster) {
                    used[n] = true;
                    patch.push_back(n);
                }
        clusters.push_back(describe(mesh, normals, patch, static_cast<std::uint32_t>(order.size() * 3), group >= 8));
        order.insert(order.end(), patch.begin(), patch.end());
    }
    return order;
}

bool facesAway(const SurfaceCluster& cluster, glm::vec3 eye) {
    // Every face normal lies within angle a of `facing` (cos a = leastFacing); every point within r
    // of the box's centre c. With v = c - eye at angle b from `facing`, each face is turned away
    // (n . (p - eye) > 0) when |v| cos(a + b) > r.
    if (cluster.leastFacing <= 0.0f) return false;
    const glm::vec3 centre = 0.5f * (cluster.lo + cluster.hi);
    const float radius = 0.5f * glm::length(cluster.hi - cluster.lo);
    const glm::vec3 v = centre - eye;
    const float distance = glm::length(v);
    if (distance <= radius) return false;
    const float cosB = glm::dot(v, cluster.facing) / distance;
    const float sinB = std::sqrt(std::max(0.0f, 1.0f - cosB * cosB));
    const float cosA = cluster.leastFacing;
    const float sinA = std::sqrt(std::max(0.0f, 1.0f - cosA * cosA));
    return distance * (cosB * cosA - sinB * sinA) > radius;
}

}  // namespace pinpoint::render
