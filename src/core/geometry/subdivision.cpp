// Catmull-Clark subdivision of a welded quad mesh (see quad_mesh.h). There is no corner rule: a
// boundary corner is rounded like any boundary vertex (the head is cropped after subdividing).
#include "core/geometry/quad_mesh.h"

#include <unordered_map>

namespace pinpoint::core {

namespace {

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b) {
    if (a > b) std::swap(a, b);
    return (static_cast<std::uint64_t>(a) << 32) | b;
}

struct EdgeInfo {
    std::uint32_t index = 0;      // new vertex index of the edge point
    std::uint32_t a = 0, b = 0;   // end vertices
    std::uint32_t faces[2] = {0, 0};
    int faceCount = 0;
};

QuadMesh subdivideOnce(const QuadMesh& in) {
    const std::size_t vertexCount = in.positions.size();
    const std::size_t quadCount = in.quads.size();

    // Edges, in first-seen order so the result is deterministic.
    std::unordered_map<std::uint64_t, std::uint32_t> edgeIndex;
    edgeIndex.reserve(quadCount * 2);
    std::vector<EdgeInfo> edges;
    std::vector<std::array<std::uint32_t, 4>> quadEdges(quadCount);
    for (std::size_t q = 0; q < quadCount; ++q) {
        for (int k = 0; k < 4; ++k) {
            const std::uint32_t a = in.quads[q][k], b = in.quads[q][(k + 1) % 4];
            auto [it, inserted] = edgeIndex.try_emplace(edgeKey(a, b), static_cast<std::uint32_t>(edges.size()));
            if (inserted) edges.push_back({static_cast<std::uint32_t>(vertexCount + edges.size()), a, b, {0, 0}, 0});
            EdgeInfo& e = edges[it->second];
            if (e.faceCount < 2) e.faces[e.faceCount] = static_cast<std::uint32_t>(q);
            ++e.faceCount;
            quadEdges[q][k] = it->second;
        }
    }

    QuadMesh out;
    out.positions.resize(vertexCount + edges.size() + quadCount);
    const std::size_t faceBase = vertexCount + edges.size();

    std::vector<glm::vec3> facePoint(quadCount);
    for (std::size_t q = 0; q < quadCount; ++q) {
        const auto& v = in.quads[q];
        facePoint[q] = 0.25f * (in.positions[v[0]] + in.positions[v[1]] + in.positions[v[2]] + in.positions[v[3]]);
        out.positions[faceBase + q] = facePoint[q];
    }

    // Edge points; collect per-vertex sums for the vertex rule at the same time.
    std::vector<glm::vec3> faceSum(vertexCount, glm::vec3(0.0f)), edgeMidSum(vertexCount, glm::vec3(0.0f)),
        boundaryNeighbourSum(vertexCount, glm::vec3(0.0f));
    std::vector<int> faceCount(vertexCount, 0), edgeCount(vertexCount, 0), boundaryCount(vertexCount, 0);
    for (const EdgeInfo& e : edges) {
        const glm::vec3 pa = in.positions[e.a], pb = in.positions[e.b];
        const glm::vec3 mid = 0.5f * (pa + pb);
        if (e.faceCount == 2) {
            out.positions[e.index] = 0.25f * (pa + pb + facePoint[e.faces[0]] + facePoint[e.faces[1]]);
        } else {
            out.positions[e.index] = mid;
            if (e.faceCount == 1) {  // an open boundary (non-manifold edges get midpoints only)
                boundaryNeighbourSum[e.a] += pb;
                boundaryNeighbourSum[e.b] += pa;
                ++boundaryCount[e.a];
                ++boundaryCount[e.b];
            }
        }
        edgeMidSum[e.a] += mid;
        edgeMidSum[e.b] += mid;
        ++edgeCount[e.a];
        ++edgeCount[e.b];
    }
    for (std::size_t q = 0; q < quadCount; ++q) {
        for (std::uint32_t v : in.quads[q]) {
            faceSum[v] += facePoint[q];
            ++faceCount[v];
        }
    }

    // Vertex points: interior rule, boundary (crease) rule, corners and odd cases stay put.
    for (std::size_t v = 0; v < vertexCount; ++v) {
        const glm::vec3 p = in.positions[v];
        if (boundaryCount[v] == 2) {
            out.positions[v] = (boundaryNeighbourSum[v] + 6.0f * p) / 8.0f;
        } else if (boundaryCount[v] == 0 && faceCount[v] >= 3 && faceCount[v] == edgeCount[v]) {
            const float n = static_cast<float>(faceCount[v]);
            const glm::vec3 f = faceSum[v] / n;
            const glm::vec3 r = edgeMidSum[v] / n;
            out.positions[v] = (f + 2.0f * r + (n - 3.0f) * p) / n;
        } else {
            out.positions[v] = p;
        }
    }

    // Four children per quad: corner k, edge after k, face point, edge before k.
    out.quads.reserve(4 * quadCount);
    const bool hasUv = !in.quadUvs.empty();
    if (hasUv) out.quadUvs.reserve(4 * quadCount);
    for (std::size_t q = 0; q < quadCount; ++q) {
        const auto& v = in.quads[q];
        const std::uint32_t face = static_cast<std::uint32_t>(faceBase + q);
        for (int k = 0; k < 4; ++k) {
            const std::uint32_t after = edges[quadEdges[q][k]].index;
            const std::uint32_t before = edges[quadEdges[q][(k + 3) % 4]].index;
            out.quads.push_back({v[k], after, face, before});
            if (hasUv) {
                const auto& t = in.quadUvs[q];
                const glm::vec2 centre = 0.25f * (t[0] + t[1] + t[2] + t[3]);
                out.quadUvs.push_back({t[k], 0.5f * (t[k] + t[(k + 1) % 4]), centre, 0.5f * (t[k] + t[(k + 3) % 4])});
            }
        }
    }
    return out;
}

}  // namespace

QuadMesh subdivideCatmullClark(const QuadMesh& mesh, int levels) {
    QuadMesh current = mesh;
    for (int i = 0; i < levels; ++i) current = subdivideOnce(current);
    return current;
}

}  // namespace pinpoint::core
