#include "core/geometry/quad_mesh.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <map>
#include <set>

using namespace pinpoint::core;

namespace {

// A unit cube as an importer delivers it: 6 quads, 4 unshared corners each, outward winding.
std::vector<glm::vec3> cubeCorners() {
    const glm::vec3 v[8] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                            {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
    const int faces[6][4] = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {2, 3, 7, 6}, {1, 2, 6, 5}, {0, 4, 7, 3}};
    std::vector<glm::vec3> out;
    for (const auto& f : faces)
        for (int k : f) out.push_back(v[k]);
    return out;
}

// Edges used by exactly one quad.
int boundaryEdges(const QuadMesh& m) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> count;
    for (const auto& q : m.quads)
        for (int k = 0; k < 4; ++k) {
            auto a = q[k], b = q[(k + 1) % 4];
            count[{std::min(a, b), std::max(a, b)}]++;
        }
    int n = 0;
    for (const auto& [e, c] : count) n += c == 1;
    return n;
}

}  // namespace

TEST_CASE("welding joins corners at the same position and keeps UVs per corner") {
    const auto corners = cubeCorners();
    std::vector<glm::vec2> uvs(corners.size(), glm::vec2(0.5f));
    uvs[0] = {0.1f, 0.2f};
    const QuadMesh m = weldQuadCorners(corners, uvs);
    CHECK(m.positions.size() == 8);
    CHECK(m.quads.size() == 6);
    CHECK(m.quadUvs[0][0].x == doctest::Approx(0.1f));
    CHECK(boundaryEdges(m) == 0);
}

TEST_CASE("Catmull-Clark on a closed cube stays closed, quadruples the quads and shrinks toward the centre") {
    const QuadMesh cube = weldQuadCorners(cubeCorners(), {});
    const QuadMesh once = subdivideCatmullClark(cube, 1);
    CHECK(once.quads.size() == 24);
    CHECK(once.positions.size() == 8 + 12 + 6);  // vertices + edges + faces
    CHECK(boundaryEdges(once) == 0);
    // Known values: a cube corner (valence 3) moves to (±5/9, ±5/9, ±5/9) after one step.
    CHECK(once.positions[6].x == doctest::Approx(5.0f / 9.0f));
    CHECK(once.positions[6].y == doctest::Approx(5.0f / 9.0f));
    const QuadMesh twice = subdivideCatmullClark(cube, 2);
    CHECK(twice.quads.size() == 96);
    CHECK(boundaryEdges(twice) == 0);
    // Euler characteristic of a sphere: V - E + F = 2.
    const auto e = 2 * twice.quads.size();
    CHECK(static_cast<long>(twice.positions.size()) - static_cast<long>(e) + static_cast<long>(twice.quads.size()) == 2);
}

TEST_CASE("Catmull-Clark keeps a flat open grid flat and its boundary on the boundary") {
    std::vector<glm::vec3> corners;
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 3; ++x) {
            const float fx = float(x), fy = float(y);
            corners.insert(corners.end(), {{fx, fy, 0}, {fx + 1, fy, 0}, {fx + 1, fy + 1, 0}, {fx, fy + 1, 0}});
        }
    const QuadMesh flat = subdivideCatmullClark(weldQuadCorners(corners, {}), 2);
    CHECK(flat.quads.size() == 9 * 16);
    for (const glm::vec3& p : flat.positions) {
        CHECK(p.z == doctest::Approx(0.0f));
        CHECK(p.x >= -1e-5f);
        CHECK(p.x <= 3.0f + 1e-5f);
    }
    // The boundary follows the B-spline of the boundary polygon: along the straight middle of the
    // x = 0 edge the points stay on it (y = 0.75 .. 2.25 in steps of 0.25), while the corners,
    // having no corner rule, are rounded off inward along the diagonal.
    int onEdge = 0;
    for (const glm::vec3& p : flat.positions)
        if (std::abs(p.x) < 1e-6f) {
            ++onEdge;
            CHECK(p.y >= 0.75f - 1e-6f);
            CHECK(p.y <= 2.25f + 1e-6f);
        }
    CHECK(onEdge == 7);
    CHECK(flat.positions[0].x == doctest::Approx(0.15625f));  // the (0, 0) corner after two steps
    CHECK(flat.positions[0].y == doctest::Approx(0.15625f));
}

TEST_CASE("triangulate gives two triangles per quad with outward normals") {
    const SurfaceMesh m = triangulate(subdivideCatmullClark(weldQuadCorners(cubeCorners(), {}), 1));
    CHECK(m.triangleCount() == 48);
    for (std::size_t t = 0; t < m.triangleCount(); ++t) {
        const glm::vec3 c = triangleCentroid(m, t);
        CHECK(glm::dot(triangleNormal(m, t), c) > 0.0f);  // points away from the centre
    }
    for (std::size_t v = 0; v < m.vertexCount(); ++v) CHECK(glm::dot(m.normals[v], m.positions[v]) > 0.0f);
}

TEST_CASE("selectQuads keeps only the chosen quads and their vertices") {
    const QuadMesh cube = weldQuadCorners(cubeCorners(), {});
    std::vector<bool> keep(6, false);
    keep[1] = true;
    const QuadMesh one = selectQuads(cube, keep);
    CHECK(one.quads.size() == 1);
    CHECK(one.positions.size() == 4);
    for (const glm::vec3& p : one.positions) CHECK(p.z == doctest::Approx(1.0f));
}
