#include "core/geometry/quad_mesh.h"

#include <glm/geometric.hpp>

#include <bit>
#include <cassert>
#include <cstring>
#include <unordered_map>

namespace pinpoint::core {

namespace {
struct PositionKey {
    std::uint32_t x, y, z;
    bool operator==(const PositionKey&) const = default;
};
struct PositionKeyHash {
    std::size_t operator()(const PositionKey& k) const {
        std::uint64_t h = k.x * 0x9E3779B97F4A7C15ull;
        h ^= (k.y + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2));
        h ^= (k.z + 0x85157AF5ull + (h << 6) + (h >> 2));
        return static_cast<std::size_t>(h);
    }
};
PositionKey keyOf(glm::vec3 p) {
    // +0.0f folds -0.0 into 0.0 so both weld together.
    return {std::bit_cast<std::uint32_t>(p.x + 0.0f), std::bit_cast<std::uint32_t>(p.y + 0.0f),
            std::bit_cast<std::uint32_t>(p.z + 0.0f)};
}
}  // namespace

QuadMesh weldQuadCorners(const std::vector<glm::vec3>& cornerPositions, const std::vector<glm::vec2>& cornerUvs) {
    assert(cornerPositions.size() % 4 == 0);
    assert(cornerUvs.empty() || cornerUvs.size() == cornerPositions.size());
    QuadMesh out;
    std::unordered_map<PositionKey, std::uint32_t, PositionKeyHash> index;
    index.reserve(cornerPositions.size());
    const std::size_t quadCount = cornerPositions.size() / 4;
    out.quads.resize(quadCount);
    if (!cornerUvs.empty()) out.quadUvs.resize(quadCount);
    for (std::size_t q = 0; q < quadCount; ++q) {
        for (int k = 0; k < 4; ++k) {
            const glm::vec3 p = cornerPositions[4 * q + k];
            auto [it, inserted] = index.try_emplace(keyOf(p), static_cast<std::uint32_t>(out.positions.size()));
            if (inserted) out.positions.push_back(p);
            out.quads[q][k] = it->second;
            if (!cornerUvs.empty()) out.quadUvs[q][k] = cornerUvs[4 * q + k];
        }
    }
    return out;
}

QuadMesh selectQuads(const QuadMesh& mesh, const std::vector<bool>& keep) {
    assert(keep.size() == mesh.quads.size());
    QuadMesh out;
    std::vector<std::uint32_t> remap(mesh.positions.size(), UINT32_MAX);
    for (std::size_t q = 0; q < mesh.quads.size(); ++q) {
        if (!keep[q]) continue;
        std::array<std::uint32_t, 4> quad{};
        for (int k = 0; k < 4; ++k) {
            std::uint32_t& r = remap[mesh.quads[q][k]];
            if (r == UINT32_MAX) {
                r = static_cast<std::uint32_t>(out.positions.size());
                out.positions.push_back(mesh.positions[mesh.quads[q][k]]);
            }
            quad[k] = r;
        }
        out.quads.push_back(quad);
        if (!mesh.quadUvs.empty()) out.quadUvs.push_back(mesh.quadUvs[q]);
    }
    return out;
}

SurfaceMesh triangulate(const QuadMesh& mesh) {
    SurfaceMesh out;
    out.positions = mesh.positions;
    out.triangles.reserve(2 * mesh.quads.size());
    if (!mesh.quadUvs.empty()) out.cornerUvs.reserve(6 * mesh.quads.size());
    for (std::size_t q = 0; q < mesh.quads.size(); ++q) {
        const auto& v = mesh.quads[q];
        out.triangles.push_back({v[0], v[1], v[2]});
        out.triangles.push_back({v[0], v[2], v[3]});
        if (!mesh.quadUvs.empty()) {
            const auto& t = mesh.quadUvs[q];
            out.cornerUvs.insert(out.cornerUvs.end(), {t[0], t[1], t[2], t[0], t[2], t[3]});
        }
    }
    computeVertexNormals(out);
    return out;
}

void computeVertexNormals(SurfaceMesh& mesh) {
    mesh.normals.assign(mesh.positions.size(), glm::vec3(0.0f));
    for (const Triangle& t : mesh.triangles) {
        const glm::vec3 a = mesh.positions[t.a], b = mesh.positions[t.b], c = mesh.positions[t.c];
        const glm::vec3 weighted = glm::cross(b - a, c - a);  // length = twice the area
        mesh.normals[t.a] += weighted;
        mesh.normals[t.b] += weighted;
        mesh.normals[t.c] += weighted;
    }
    for (glm::vec3& n : mesh.normals) {
        const float len = glm::length(n);
        n = len > 0.0f ? n / len : glm::vec3(0.0f, 0.0f, 1.0f);
    }
}

}  // namespace pinpoint::core
