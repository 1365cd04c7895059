#include "core/geometry/surface_sampler.h"

#include "core/geometry/test_meshes.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <array>
#include <cmath>
#include <cstring>

using namespace pinpoint::core;
using namespace pinpoint::core::testing;

namespace {

// The unit square [0,1]^2 (z = 0) tiled 8 x 8 cells, each cut very differently: two triangles,
// fine k x k grids (k up to 40), or a fan of 24 slivers. Triangle areas differ by a factor > 1000.
SurfaceMesh patchworkSquare() {
    SurfaceMesh m;
    auto add = [&](glm::vec3 a, glm::vec3 b, glm::vec3 c) {
        const auto i = static_cast<std::uint32_t>(m.positions.size());
        m.positions.insert(m.positions.end(), {a, b, c});
        m.triangles.push_back({i, i + 1, i + 2});
    };
    const float cell = 1.0f / 8.0f;
    for (int ci = 0; ci < 8; ++ci)
        for (int cj = 0; cj < 8; ++cj) {
            const glm::vec3 o(cell * static_cast<float>(cj), cell * static_cast<float>(ci), 0.0f);
            const int kind = (ci * 5 + cj * 3) % 5;
            if (kind == 4) {
                // Fan from the cell's corner o to points along the two far edges.
                const int n = 12;
                std::vector<glm::vec3> rim;
                for (int s = 0; s <= n; ++s) rim.push_back(o + glm::vec3(cell, cell * static_cast<float>(s) / n, 0.0f));
                for (int s = n - 1; s >= 0; --s) rim.push_back(o + glm::vec3(cell * static_cast<float>(s) / n, cell, 0.0f));
                for (std::size_t s = 0; s + 1 < rim.size(); ++s) add(o, rim[s], rim[s + 1]);
                continue;
            }
            const int k = std::array{1, 3, 9, 40}[kind];
            const float h = cell / static_cast<float>(k);
            for (int i = 0; i < k; ++i)
                for (int j = 0; j < k; ++j) {
                    const glm::vec3 p = o + glm::vec3(h * static_cast<float>(j), h * static_cast<float>(i), 0.0f);
                    const glm::vec3 px = p + glm::vec3(h, 0, 0), py = p + glm::vec3(0, h, 0), pxy = p + glm::vec3(h, h, 0);
                    if ((i + j) % 2 == 0) {
                        add(p, px, pxy);
                        add(p, pxy, py);
                    } else {
                        add(p, px, py);
                        add(px, pxy, py);
                    }
                }
        }
    return m;
}

// Chi-square statistic of counts in a regions x regions grid over the unit square, against equal
// expected counts.
double gridChiSquare(const std::vector<glm::vec3>& points, int regions) {
    std::vector<int> counts(static_cast<std::size_t>(regions * regions), 0);
    for (const glm::vec3& p : points) {
        const int i = std::clamp(static_cast<int>(p.y * static_cast<float>(regions)), 0, regions - 1);
        const int j = std::clamp(static_cast<int>(p.x * static_cast<float>(regions)), 0, regions - 1);
        ++counts[static_cast<std::size_t>(i * regions + j)];
    }
    const double expected = static_cast<double>(points.size()) / static_cast<double>(counts.size());
    double chi2 = 0.0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    return chi2;
}

void checkOnTriangle(const SurfaceMesh& m, const SurfaceSample& s) {
    REQUIRE(s.triangle < m.triangleCount());
    CHECK(s.barycentric.x >= 0.0f);
    CHECK(s.barycentric.y >= 0.0f);
    CHECK(s.barycentric.x + s.barycentric.y <= 1.0f);
    CHECK(glm::length(pointOnTriangle(m, s.triangle, s.barycentric) - s.point) < 1e-5f);
}

}  // namespace

TEST_CASE("sampler: area is the sum of the triangle areas") {
    const SurfaceMesh m = patchworkSquare();
    const SurfaceSampler sampler(m);
    CHECK(sampler.areaMm2() == doctest::Approx(1.0).epsilon(1e-6));
    const SurfaceMesh s = sphere100();
    CHECK(SurfaceSampler(s).areaMm2() == doctest::Approx(totalAreaMm2(s)).epsilon(1e-9));
}

TEST_CASE("sampler: uniform per unit area over triangles of wildly different sizes") {
    const SurfaceMesh m = patchworkSquare();
    std::vector<double> areas = triangleAreasMm2(m);
    const auto [smallest, largest] = std::minmax_element(areas.begin(), areas.end());
    REQUIRE(*largest / *smallest > 1000.0);

    const SurfaceSampler sampler(m);
    SplitMix64 rng(2024);
    const int n = 200000;
    std::vector<glm::vec3> points;
    points.reserve(n);
    for (int i = 0; i < n; ++i) {
        const SurfaceSample s = sampler.sample(rng);
        checkOnTriangle(m, s);
        points.push_back(s.point);
    }
    // 7 x 7 regions (not aligned with the 8 x 8 cells): 48 degrees of freedom, mean 48, sd ~10.
    const double chi2 = gridChiSquare(points, 7);
    MESSAGE("chi-square (48 dof) = " << chi2);
    CHECK(chi2 < 100.0);
    // 20 x 20 regions, finer than the cells: 399 dof, sd ~28.
    CHECK(gridChiSquare(points, 20) < 520.0);

    // The same statistic catches a sampler that picks triangles uniformly instead of by area.
    SplitMix64 rng2(2024);
    std::vector<glm::vec3> biased;
    for (int i = 0; i < n; ++i) {
        const auto tri = static_cast<std::size_t>(rng2.uniform() * static_cast<double>(m.triangleCount()));
        biased.push_back(pointOnTriangle(m, tri, {1.0f / 3.0f, 1.0f / 3.0f}));
    }
    CHECK(gridChiSquare(biased, 7) > 1000.0);
}

TEST_CASE("sampler: uniform within one triangle") {
    const SurfaceMesh m = singleTriangle({0, 0, 0}, {7, 1, 0}, {2, 5, 3});
    const SurfaceSampler sampler(m);
    SplitMix64 rng(77);
    // Barycentric sub-triangles of a 6-way subdivision: 36 equal areas.
    const int g = 6;
    std::vector<int> counts(g * g, 0);
    const int n = 200000;
    double sumU = 0.0, sumV = 0.0;
    for (int i = 0; i < n; ++i) {
        const SurfaceSample s = sampler.sample(rng);
        REQUIRE(s.triangle == 0);
        sumU += s.barycentric.x;
        sumV += s.barycentric.y;
        const float fu = s.barycentric.x * g, fv = s.barycentric.y * g;
        const int iu = std::min(static_cast<int>(fu), g - 1), iv = std::min(static_cast<int>(fv), g - 1);
        const bool upper = (fu - static_cast<float>(iu)) + (fv - static_cast<float>(iv)) > 1.0f;
        // Cells in row iv: 2*(g-iv)-1 triangles; index them row by row.
        int index = 0;
        for (int r = 0; r < iv; ++r) index += 2 * (g - r) - 1;
        index += 2 * iu + (upper ? 1 : 0);
        REQUIRE(index < g * g);
        ++counts[static_cast<std::size_t>(index)];
    }
    CHECK(sumU / n == doctest::Approx(1.0 / 3.0).epsilon(0.01));
    CHECK(sumV / n == doctest::Approx(1.0 / 3.0).epsilon(0.01));
    const double expected = static_cast<double>(n) / (g * g);
    double chi2 = 0.0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    MESSAGE("chi-square (35 dof) = " << chi2);
    CHECK(chi2 < 80.0);
}

TEST_CASE("sampler: octants of a sphere get equal shares") {
    const SurfaceMesh m = sphere100();
    const SurfaceSampler sampler(m);
    SplitMix64 rng(3);
    std::array<int, 8> counts{};
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const SurfaceSample s = sampler.sample(rng);
        const int octant = (s.point.x > 0 ? 1 : 0) | (s.point.y > 0 ? 2 : 0) | (s.point.z > 0 ? 4 : 0);
        ++counts[static_cast<std::size_t>(octant)];
        CHECK(std::fabs(glm::length(s.point) - 100.0f) < 0.1f);
    }
    const double expected = n / 8.0;
    double chi2 = 0.0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    CHECK(chi2 < 30.0);  // 7 dof
}

TEST_CASE("sampler: the include mask is honoured") {
    const SurfaceMesh m = patchworkSquare();
    std::vector<bool> include(m.triangleCount());
    double includedArea = 0.0;
    for (std::size_t i = 0; i < m.triangleCount(); ++i) {
        include[i] = triangleCentroid(m, i).x < 0.5f;
        if (include[i]) includedArea += triangleAreaMm2(m, i);
    }
    const SurfaceSampler sampler(m, include);
    CHECK(sampler.areaMm2() == doctest::Approx(includedArea));
    CHECK(sampler.areaMm2() == doctest::Approx(0.5).epsilon(1e-6));
    SplitMix64 rng(8);
    int leftQuarter = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const SurfaceSample s = sampler.sample(rng);
        REQUIRE(include[s.triangle]);
        checkOnTriangle(m, s);
        CHECK(s.point.x <= 0.5f + 1e-6f);
        if (s.point.x < 0.25f) ++leftQuarter;
    }
    CHECK(leftQuarter == doctest::Approx(n / 2).epsilon(0.03));

    // Nothing included: zero area and a default sample.
    const SurfaceSampler nothing(m, std::vector<bool>(m.triangleCount(), false));
    CHECK(nothing.areaMm2() == 0.0);
    const SurfaceSample s = nothing.sample(rng);
    CHECK(s.triangle == 0);
    CHECK(s.point == glm::vec3(0.0f));
}

TEST_CASE("sampler: zero-area meshes give default samples, zero-area triangles are never drawn") {
    const SurfaceMesh flat = singleTriangle({1, 1, 1}, {2, 2, 2}, {3, 3, 3});
    const SurfaceSampler none(flat);
    CHECK(none.areaMm2() == 0.0);
    SplitMix64 rng(1);
    CHECK(none.sample(rng).point == glm::vec3(0.0f));
    CHECK(SurfaceSampler(SurfaceMesh{}).areaMm2() == 0.0);

    SurfaceMesh m = singleTriangle({0, 0, 0}, {1, 0, 0}, {0, 1, 0});
    m.positions.push_back({5, 5, 5});
    m.triangles.insert(m.triangles.begin(), Triangle{3, 3, 3});  // degenerate, first
    m.triangles.push_back({3, 3, 3});                            // degenerate, last
    const SurfaceSampler sampler(m);
    for (int i = 0; i < 2000; ++i) REQUIRE(sampler.sample(rng).triangle == 1);
}

TEST_CASE("sampler: deterministic for a seed") {
    const SurfaceMesh m = lumpySurface();
    const SurfaceSampler a(m);
    const SurfaceSampler b(m);
    SplitMix64 r1(42), r2(42), r3(43);
    int differentFromOtherSeed = 0;
    for (int i = 0; i < 5000; ++i) {
        const SurfaceSample x = a.sample(r1);
        const SurfaceSample y = b.sample(r2);
        const SurfaceSample z = a.sample(r3);
        REQUIRE(x.triangle == y.triangle);
        REQUIRE(std::memcmp(&x.barycentric, &y.barycentric, sizeof x.barycentric) == 0);
        REQUIRE(std::memcmp(&x.point, &y.point, sizeof x.point) == 0);
        if (x.triangle != z.triangle) ++differentFromOtherSeed;
        checkOnTriangle(m, x);
        CHECK(pointTriangleDistance(glm::dvec3(x.point), cornersOf(m, x.triangle)) < 1e-4);
    }
    CHECK(differentFromOtherSeed > 4900);

    // A fixed seed gives a fixed first sample on every machine (SplitMix64 and the formulas are exact).
    const SurfaceMesh tri = singleTriangle({0, 0, 0}, {1, 0, 0}, {0, 1, 0});
    SplitMix64 r4(42), r5(42);
    const SurfaceSample s = SurfaceSampler(tri).sample(r4);
    r5.next();  // the triangle pick
    const double r1v = std::sqrt(r5.uniform());
    const double r2v = r5.uniform();
    CHECK(s.barycentric.x == doctest::Approx(r1v * (1.0 - r2v)).epsilon(1e-6));
    CHECK(s.barycentric.y == doctest::Approx(r1v * r2v).epsilon(1e-6));
}
