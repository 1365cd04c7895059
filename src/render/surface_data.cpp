#include "render/surface_data.h"

#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <glm/vec3.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <unordered_map>

namespace pinpoint::render {

namespace {

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b) {
    if (a > b) std::swap(a, b);
    return (std::uint64_t{a} << 32) | b;
}

std::uint32_t areaCode(const HeadSurface& s, std::size_t tri) {
    const std::uint32_t area =
        s.areaOfTriangle.empty() ? 0u : std::min<std::uint32_t>(s.areaOfTriangle[tri], kAreaMask);
    const bool eye = !s.parts.empty() && s.parts[tri] == core::SurfacePart::Eye;
    return area | (eye ? kEyeBit : 0u);
}

// Bits of the edges (opposite corner 0, 1, 2) that separate two different areas.
std::vector<std::uint8_t> borderEdges(const HeadSurface& s) {
    const core::SurfaceMesh& mesh = *s.mesh;
    std::vector<std::uint8_t> bits(mesh.triangleCount(), 0u);
    // Each edge key maps to the first triangle and corner that used it.
    std::unordered_map<std::uint64_t, std::uint64_t> firstUse;
    firstUse.reserve(mesh.triangleCount() * 2);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const core::Triangle& tr = mesh.triangles[t];
        const std::uint32_t corners[3] = {tr.a, tr.b, tr.c};
        for (std::uint32_t i = 0; i < 3; ++i) {
            const std::uint64_t key = edgeKey(corners[(i + 1) % 3], corners[(i + 2) % 3]);
            const auto [it, inserted] = firstUse.try_emplace(key, (std::uint64_t{t} << 2) | i);
            if (inserted) continue;
            const std::size_t other = static_cast<std::size_t>(it->second >> 2);
            if (areaCode(s, other) == areaCode(s, t)) continue;
            bits[t] |= static_cast<std::uint8_t>(1u << i);
            bits[other] |= static_cast<std::uint8_t>(1u << (it->second & 3u));
        }
    }
    return bits;
}

// How far corner `i` lies from the line through the other two.
float heightOver(const glm::vec3 (&p)[3], int i) {
    const glm::vec3 a = p[(i + 1) % 3], b = p[(i + 2) % 3];
    const glm::vec3 ab = b - a;
    const float len = glm::length(ab);
    return len > 0.0f ? glm::length(glm::cross(p[i] - a, ab)) / len : 0.0f;
}

std::array<EyeBall, 2> findEyes(const HeadSurface& s) {
    const core::SurfaceMesh& mesh = *s.mesh;
    std::array<EyeBall, 2> eyes{};
    if (s.parts.empty()) return eyes;
    std::vector<bool> isEyeVertex(mesh.vertexCount(), false);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        if (s.parts[t] != core::SurfacePart::Eye) continue;
        const core::Triangle& tr = mesh.triangles[t];
        isEyeVertex[tr.a] = isEyeVertex[tr.b] = isEyeVertex[tr.c] = true;
    }
    for (int side = 0; side < 2; ++side) {
        glm::vec3 lo(1e30f), hi(-1e30f);
        bool any = false;
        for (std::size_t v = 0; v < mesh.vertexCount(); ++v) {
            if (!isEyeVertex[v] || (mesh.positions[v].x >= 0.0f) != (side == 0)) continue;
            lo = glm::min(lo, mesh.positions[v]);
            hi = glm::max(hi, mesh.positions[v]);
            any = true;
        }
        if (!any) continue;
        // The eyeball is a sphere: its centre is the middle of its box, its radius half the box's
        // height (the front of the eyeball may be flattened by the cornea).
        eyes[side].centre = 0.5f * (lo + hi);
        eyes[side].radius = 0.5f * (hi.y - lo.y);
    }
    return eyes;
}

}  // namespace

std::vector<float> vertexCavity(const core::SurfaceMesh& mesh) {
    const std::size_t n = mesh.vertexCount();
    std::vector<float> rise(n, 0.0f), weight(n, 0.0f);
    for (const core::Triangle& tr : mesh.triangles) {
        const std::uint32_t c[3] = {tr.a, tr.b, tr.c};
        for (int i = 0; i < 3; ++i) {
            for (int j = 1; j < 3; ++j) {
                const std::uint32_t v = c[i], w = c[(i + j) % 3];
                const glm::vec3 d = mesh.positions[w] - mesh.positions[v];
                const float len = glm::length(d);
                if (len <= 0.0f) continue;
                rise[v] += glm::dot(mesh.normals[v], d) / len;  // > 0: the neighbour rises above
                weight[v] += 1.0f;
            }
        }
    }
    std::vector<float> cavity(n, 1.0f);
    for (std::size_t v = 0; v < n; ++v)
        if (weight[v] > 0.0f) rise[v] /= weight[v];
    // Spread it a little so folds darken over a few millimetres, not a single ring of vertices.
    for (int pass = 0; pass < 3; ++pass) {
        std::vector<float> sum(rise), count(n, 1.0f);
        for (const core::Triangle& tr : mesh.triangles) {
            const std::uint32_t c[3] = {tr.a, tr.b, tr.c};
            for (int i = 0; i < 3; ++i) {
                sum[c[i]] += rise[c[(i + 1) % 3]] + rise[c[(i + 2) % 3]];
                count[c[i]] += 2.0f;
            }
        }
        for (std::size_t v = 0; v < n; ++v) rise[v] = sum[v] / count[v];
    }
    for (std::size_t v = 0; v < n; ++v) cavity[v] = std::clamp(1.0f - 2.5f * std::max(rise[v], 0.0f), 0.35f, 1.0f);
    return cavity;
}

std::vector<float> vertexCurvature(const core::SurfaceMesh& mesh) {
    // A neighbour at distance d that falls h below the tangent plane of a sphere of radius R has
    // h = d^2 / (2R), so 1/R = 2h / d^2; averaged over a vertex's edges, then smoothed a little.
    const std::size_t n = mesh.vertexCount();
    std::vector<float> sum(n, 0.0f), weight(n, 0.0f);
    for (const core::Triangle& tr : mesh.triangles) {
        const std::uint32_t c[3] = {tr.a, tr.b, tr.c};
        for (int i = 0; i < 3; ++i)
            for (int j = 1; j < 3; ++j) {
                const std::uint32_t v = c[i], w = c[(i + j) % 3];
                const glm::vec3 d = mesh.positions[w] - mesh.positions[v];
                const float d2 = glm::dot(d, d);
                if (d2 <= 0.0f) continue;
                sum[v] += -2.0f * glm::dot(mesh.normals[v], d) / d2;
                weight[v] += 1.0f;
            }
    }
    std::vector<float> curvature(n, 0.0f);
    for (std::size_t v = 0; v < n; ++v)
        if (weight[v] > 0.0f) curvature[v] = std::clamp(sum[v] / weight[v], -0.5f, 0.5f);
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<float> total(curvature), count(n, 1.0f);
        for (const core::Triangle& tr : mesh.triangles) {
            const std::uint32_t c[3] = {tr.a, tr.b, tr.c};
            for (int i = 0; i < 3; ++i) {
                total[c[i]] += curvature[c[(i + 1) % 3]] + curvature[c[(i + 2) % 3]];
                count[c[i]] += 2.0f;
            }
        }
        for (std::size_t v = 0; v < n; ++v) curvature[v] = total[v] / count[v];
    }
    return curvature;
}

float longestEdgeMm(const core::SurfaceMesh& mesh) {
    float longest = 0.0f;
    for (const core::Triangle& t : mesh.triangles) {
        const glm::vec3 a = mesh.positions[t.a], b = mesh.positions[t.b], c = mesh.positions[t.c];
        longest = std::max({longest, glm::length(b - a), glm::length(c - b), glm::length(a - c)});
    }
    return longest;
}

float neckClipHeight(const core::SurfaceMesh& mesh) {
    constexpr float kLoopBandMm = 30.0f;  // the cut's teeth are a few mm tall
    std::unordered_map<std::uint64_t, int> uses;
    for (const core::Triangle& t : mesh.triangles)
        for (std::uint64_t key : {edgeKey(t.a, t.b), edgeKey(t.b, t.c), edgeKey(t.c, t.a)}) ++uses[key];
    const float lowest = meshBounds(mesh).min.y;
    float clip = -1e30f;
    for (const auto& [key, count] : uses) {
        if (count != 1) continue;
        for (std::uint32_t v : {static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key)}) {
            const float y = mesh.positions[v].y;
            if (y < lowest + kLoopBandMm) clip = std::max(clip, y);
        }
    }
    return clip;
}

std::pair<glm::vec4, glm::vec4> barycentricRows(glm::vec3 a, glm::vec3 b, glm::vec3 c) {
    // u = (cc (p-a).ab - bc (p-a).ac) / det and v = (bb (p-a).ac - bc (p-a).ab) / det, with bb = ab.ab,
    // bc = ab.ac, cc = ac.ac: linear in p, so each is one row.
    const glm::vec3 ab = b - a, ac = c - a;
    const float bb = glm::dot(ab, ab), bc = glm::dot(ab, ac), cc = glm::dot(ac, ac);
    const float det = bb * cc - bc * bc;
    if (!(det > 0.0f)) return {glm::vec4(0.0f), glm::vec4(0.0f)};  // degenerate: never drawn
    const glm::vec3 u = (cc * ab - bc * ac) / det, v = (bb * ac - bc * ab) / det;
    return {glm::vec4(u, -glm::dot(u, a)), glm::vec4(v, -glm::dot(v, a))};
}

SurfaceData packSurface(const HeadSurface& s) {
    assert(s.mesh != nullptr);
    const core::SurfaceMesh& mesh = *s.mesh;
    assert(s.parts.empty() || s.parts.size() == mesh.triangleCount());
    assert(s.areaOfTriangle.empty() || s.areaOfTriangle.size() == mesh.triangleCount());
    assert(s.vertexAlbedo.empty() || s.vertexAlbedo.size() == mesh.vertexCount());
    assert(s.areas.size() <= kMaxAreas);

    SurfaceData out;
    assert(s.vertexOcclusion.empty() || s.vertexOcclusion.size() == mesh.vertexCount());
    const std::vector<float> cavity = s.vertexOcclusion.empty() ? vertexCavity(mesh) : s.vertexOcclusion;
    const std::vector<float> curvature = vertexCurvature(mesh);

    const std::vector<std::uint8_t> borders = borderEdges(s);
    const auto packed = [&](std::uint32_t v, std::uint32_t code, glm::vec3 border) {
        const glm::vec3 albedo = s.vertexAlbedo.empty() ? kDefaultSkinAlbedo : s.vertexAlbedo[v];
        return GpuVertex{glm::vec4(mesh.positions[v], 1.0f), glm::vec4(mesh.normals[v], curvature[v]),
                         glm::vec4(albedo, cavity[v]), glm::vec4(border, 0.0f), glm::uvec4(v, code, 0u, 0u)};
    };
    std::unordered_map<std::uint64_t, std::uint32_t> shared;  // (mesh vertex, area) -> packed vertex
    shared.reserve(mesh.vertexCount() * 5 / 4);
    out.vertices.reserve(mesh.vertexCount() * 3 / 2);
    out.indices.reserve(mesh.triangleCount() * 3);
    const auto pack = [&](std::size_t t) {
        const core::Triangle& tr = mesh.triangles[t];
        const std::uint32_t corners[3] = {tr.a, tr.b, tr.c};
        const std::uint32_t code = areaCode(s, t);
        if (borders[t] == 0) {
            for (const std::uint32_t v : corners) {
                const auto [it, inserted] = shared.try_emplace((std::uint64_t{v} << 32) | code,
                                                               static_cast<std::uint32_t>(out.vertices.size()));
                if (inserted) out.vertices.push_back(packed(v, code, glm::vec3(kNoBorderMm)));
                out.indices.push_back(it->second);
            }
            return;
        }
        // A triangle on a border gets corners of its own: component i of `border` is the distance to
        // the edge opposite corner i, exact when interpolated (its height at corner i, 0 on the edge).
        const glm::vec3 p[3] = {mesh.positions[tr.a], mesh.positions[tr.b], mesh.positions[tr.c]};
        for (int j = 0; j < 3; ++j) {
            glm::vec3 border(kNoBorderMm);
            for (int i = 0; i < 3; ++i)
                if ((borders[t] & (1u << i)) != 0u) border[i] = i == j ? heightOver(p, i) : 0.0f;
            out.indices.push_back(static_cast<std::uint32_t>(out.vertices.size()));
            out.vertices.push_back(packed(corners[j], code, border));
        }
    };
    // Skin, then eyes (each is drawn with its own pipeline), in clusters the renderer can skip.
    const std::vector<std::uint32_t> order = clusterTriangles(mesh, s.parts, kTrianglesPerCluster, out.clusters);
    for (std::uint32_t t : order) pack(t);
    const bool sampled = s.samples && s.samples->triangleCount() == mesh.triangleCount();
    if (sampled) out.sampleCount = s.samples->samples(false).size() + s.samples->samples(true).size();
    out.triangles.reserve(order.size());
    for (std::uint32_t t : order) {
        const core::Triangle& tr = mesh.triangles[t];
        const auto [toU, toV] = barycentricRows(mesh.positions[tr.a], mesh.positions[tr.b], mesh.positions[tr.c]);
        glm::uvec4 points(0u);
        if (sampled) {
            const core::SkinSamples& pen = s.samples->samples(false);
            const core::SkinSamples& roller = s.samples->samples(true);
            points = {pen.firstOf(t), pen.cutsOf(t), static_cast<std::uint32_t>(pen.size()) + roller.firstOf(t), roller.cutsOf(t)};
        }
        out.triangles.push_back({toU, toV, points});
    }
    out.eyes = findEyes(s);
    out.clipBelowY = neckClipHeight(mesh);
    return out;
}

}  // namespace pinpoint::render
