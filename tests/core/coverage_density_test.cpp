#include "core/coverage/density_field.h"
#include "core/geometry/quad_mesh.h"
#include "core/geometry/random.h"

#include <doctest/doctest.h>

using namespace pinpoint::core;

namespace {

// A flat 40 x 40 mm sheet whose cells get finer toward +x: triangle size varies fourfold.
SurfaceMesh unevenSheet() {
    std::vector<float> xs = {0};
    while (xs.back() < 40.0f) xs.push_back(xs.back() + (xs.back() < 20.0f ? 2.0f : 0.5f));
    std::vector<glm::vec3> corners;
    for (std::size_t i = 0; i + 1 < xs.size(); ++i)
        for (float y = 0; y < 40.0f; y += 1.0f)
            corners.insert(corners.end(), {{xs[i], y, 0}, {xs[i + 1], y, 0}, {xs[i + 1], y + 1, 0}, {xs[i], y + 1, 0}});
    return triangulate(weldQuadCorners(corners, {}));
}

std::size_t triangleAt(const SurfaceMesh& m, float x, float y) {
    for (std::size_t t = 0; t < m.triangleCount(); ++t) {
        const glm::vec3 a = m.positions[m.triangles[t].a], b = m.positions[m.triangles[t].b], c = m.positions[m.triangles[t].c];
        const float d = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
        const float u = ((x - a.x) * (c.y - a.y) - (c.x - a.x) * (y - a.y)) / d;
        const float v = ((b.x - a.x) * (y - a.y) - (x - a.x) * (b.y - a.y)) / d;
        if (u >= 0 && v >= 0 && u + v <= 1) return t;
    }
    return 0;
}

}  // namespace

TEST_CASE("density is punctures per cm² whatever the triangle sizes") {
    const SurfaceMesh sheet = unevenSheet();
    const TriangleAdjacency adjacency(sheet);
    const DensityField field(sheet, adjacency, 3.0);
    // 40,000 punctures spread uniformly over the 16 cm² sheet: 2,500 per cm².
    std::vector<std::uint32_t> counts(sheet.triangleCount(), 0);
    SplitMix64 rng(3);
    for (int i = 0; i < 40000; ++i)
        ++counts[triangleAt(sheet, static_cast<float>(40.0 * rng.uniform()), static_cast<float>(40.0 * rng.uniform()))];
    const auto density = field.densityPerCm2(counts);
    double coarse = 0, fine = 0;
    int nc = 0, nf = 0;
    for (std::size_t t = 0; t < sheet.triangleCount(); ++t) {
        const glm::vec3 c = triangleCentroid(sheet, t);
        if (c.y < 6 || c.y > 34 || c.x < 6 || c.x > 34) continue;  // away from the edges
        (c.x < 20 ? coarse : fine) += density[t];
        (c.x < 20 ? nc : nf)++;
    }
    CHECK(coarse / nc == doctest::Approx(2500.0).epsilon(0.05));
    CHECK(fine / nf == doctest::Approx(2500.0).epsilon(0.05));
}

TEST_CASE("a known number of punctures in one spot gives that count over the patch area") {
    const SurfaceMesh sheet = unevenSheet();
    const TriangleAdjacency adjacency(sheet);
    const DensityField field(sheet, adjacency, 3.0);
    std::vector<std::uint32_t> counts(sheet.triangleCount(), 0);
    const std::size_t t = triangleAt(sheet, 10.3f, 20.2f);
    counts[t] = 50;
    const auto density = field.densityPerCm2(counts);
    CHECK(density[t] == doctest::Approx(100.0 * 50.0 / field.patchAreaMm2(t)));
    CHECK(field.patchAreaMm2(t) == doctest::Approx(3.14159 * 9.0).epsilon(0.25));  // about a 3 mm disc
    CHECK(density[triangleAt(sheet, 30.0f, 20.0f)] == 0.0);  // far away: nothing
}

#include "core/coverage/vertex_density.h"

TEST_CASE("vertex density is the area-weighted mean of the triangles around each vertex") {
    SurfaceMesh m;
    m.positions = {{0, 0, 0}, {2, 0, 0}, {0, 1, 0}, {0, -3, 0}};
    m.triangles = {{0, 1, 2}, {0, 3, 1}};  // areas 1 and 3
    const auto v = vertexDensity(m, {100.0, 500.0});
    CHECK(v[2] == doctest::Approx(100.0f));              // only the first triangle
    CHECK(v[3] == doctest::Approx(500.0f));              // only the second
    CHECK(v[0] == doctest::Approx((100.0 + 1500.0) / 4.0));  // both, by area
}
