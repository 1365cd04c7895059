#include "core/face/head.h"

#include "core/geometry/bvh.h"

#include <glm/geometric.hpp>

namespace pinpoint::core {

namespace {

constexpr float kSubdivisionMarginMm = 20.0f;
constexpr float kShoulderFlareMm = 25.0f;

SurfaceMesh buildPart(const std::vector<glm::vec3>& corners, const std::vector<glm::vec2>& uvs, float minY, float cutY,
                      int levels) {
    QuadMesh welded = weldQuadCorners(corners, uvs);
    std::vector<bool> keep(welded.quads.size());
    for (std::size_t q = 0; q < keep.size(); ++q) {
        bool above = true;
        for (std::uint32_t v : welded.quads[q]) above = above && welded.positions[v].y >= minY;
        keep[q] = above;
    }
    QuadMesh fine = subdivideCatmullClark(selectQuads(welded, keep), levels);
    std::vector<bool> head(fine.quads.size());
    for (std::size_t q = 0; q < head.size(); ++q) {
        float y = 0.0f;
        for (std::uint32_t v : fine.quads[q]) y += 0.25f * fine.positions[v].y;
        head[q] = y >= cutY;
    }
    return triangulate(selectQuads(fine, head));
}

// Skin that no ray from outside reaches: rays along the normal and four directions 60 degrees
// around it all hit the head again. The flare of the shoulders just above the neck cut is left out of
// the occluders: on a whole body it is no cavity, and it would hide the skin under the chin.
void markInnerSkin(HeadGeometry& g, float neckCutMm) {
    SurfaceMesh occluders = g.mesh;
    occluders.triangles.clear();
    for (std::size_t t = 0; t < g.mesh.triangleCount(); ++t)
        if (triangleCentroid(g.mesh, t).y > neckCutMm + kShoulderFlareMm) occluders.triangles.push_back(g.mesh.triangles[t]);
    const Bvh bvh(occluders);
    const float tilt = 0.866f;  // sin 60
    for (std::size_t t = 0; t < g.mesh.triangleCount(); ++t) {
        if (g.parts[t] != SurfacePart::Skin) continue;
        const glm::vec3 n = triangleNormal(g.mesh, t);
        glm::vec3 u = glm::cross(n, glm::vec3(0, 1, 0));
        if (glm::dot(u, u) < 0.01f) u = glm::cross(n, glm::vec3(1, 0, 0));
        u = glm::normalize(u);
        const glm::vec3 v = glm::cross(n, u);
        const glm::vec3 from = triangleCentroid(g.mesh, t) + 0.05f * n;
        bool escapes = false;
        for (glm::vec3 d : {n, 0.5f * n + tilt * u, 0.5f * n - tilt * u, 0.5f * n + tilt * v, 0.5f * n - tilt * v})
            escapes = escapes || !bvh.castRay(from, d, 1000.0f);
        if (!escapes) g.parts[t] = SurfacePart::Inner;
    }
}

}  // namespace

HeadGeometry buildHeadGeometry(const HeadSourceQuads& source, const HeadBuildOptions& options) {
    const float cut = options.neckCutMm;
    SurfaceMesh skin =
        buildPart(source.skinCorners, source.skinUvs, cut - kSubdivisionMarginMm, cut, options.subdivisionLevels);
    const SurfaceMesh eyes = buildPart(source.eyeCorners, source.eyeUvs, cut - kSubdivisionMarginMm, cut,
                                       options.subdivisionLevels);

    HeadGeometry out;
    out.parts.assign(skin.triangleCount(), SurfacePart::Skin);
    out.parts.resize(skin.triangleCount() + eyes.triangleCount(), SurfacePart::Eye);
    const auto offset = static_cast<std::uint32_t>(skin.positions.size());
    out.mesh = std::move(skin);
    out.mesh.positions.insert(out.mesh.positions.end(), eyes.positions.begin(), eyes.positions.end());
    out.mesh.normals.insert(out.mesh.normals.end(), eyes.normals.begin(), eyes.normals.end());
    for (const Triangle& t : eyes.triangles) out.mesh.triangles.push_back({t.a + offset, t.b + offset, t.c + offset});
    if (!out.mesh.cornerUvs.empty() && !eyes.cornerUvs.empty())
        out.mesh.cornerUvs.insert(out.mesh.cornerUvs.end(), eyes.cornerUvs.begin(), eyes.cornerUvs.end());
    else
        out.mesh.cornerUvs.clear();
    markInnerSkin(out, cut);
    return out;
}

std::vector<AreaSummary> summarizeAreas(const Head& head) {
    const auto& areas = head.zoneFile.zones.areas;
    std::vector<AreaSummary> out(areas.size());
    std::vector<glm::dvec3> weighted(areas.size(), glm::dvec3(0.0));
    for (std::size_t i = 0; i < areas.size(); ++i) {
        out[i].name = areas[i].name;
        out[i].kind = areas[i].kind;
    }
    const SurfaceMesh& mesh = head.mesh();
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const std::size_t a = head.labels.areaOfTriangle[t];
        const double area = triangleAreaMm2(mesh, t);
        out[a].areaCm2 += area;
        weighted[a] += area * glm::dvec3(triangleCentroid(mesh, t));
        ++out[a].triangles;
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].areaCm2 > 0.0) out[i].centroid = glm::vec3(weighted[i] / out[i].areaCm2);
        out[i].areaCm2 /= 100.0;  // mm^2 -> cm^2
    }
    return out;
}

}  // namespace pinpoint::core
