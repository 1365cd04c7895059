#include "core/geometry/mesh.h"

#include "core/geometry/test_meshes.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <cmath>

using namespace pinpoint::core;
using pinpoint::core::testing::singleTriangle;

namespace {
void checkVec(glm::vec3 got, glm::vec3 want, float tol = 1e-5f) {
    CHECK(got.x == doctest::Approx(want.x).epsilon(tol));
    CHECK(got.y == doctest::Approx(want.y).epsilon(tol));
    CHECK(got.z == doctest::Approx(want.z).epsilon(tol));
}

// Unit square [0,1]^2 at z = 0 as two triangles, plus a 3-4-5 right triangle far away.
SurfaceMesh squareAndRightTriangle() {
    SurfaceMesh m;
    m.positions = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {10, 0, 5}, {14, 0, 5}, {10, 3, 5}};
    m.triangles = {{0, 1, 2}, {0, 2, 3}, {4, 5, 6}};
    return m;
}
}  // namespace

TEST_CASE("triangle area, centroid and normal of a 3-4-5 right triangle") {
    const SurfaceMesh m = singleTriangle({0, 0, 0}, {4, 0, 0}, {0, 3, 0});
    CHECK(triangleAreaMm2(m, 0) == doctest::Approx(6.0));
    checkVec(triangleCentroid(m, 0), {4.0f / 3.0f, 1.0f, 0.0f});
    checkVec(triangleNormal(m, 0), {0, 0, 1});

    const SurfaceMesh flipped = singleTriangle({0, 0, 0}, {0, 3, 0}, {4, 0, 0});
    checkVec(triangleNormal(flipped, 0), {0, 0, -1});
    CHECK(triangleAreaMm2(flipped, 0) == doctest::Approx(6.0));
}

TEST_CASE("tilted triangle: area and unit normal") {
    // Corners on the three axes at distance 2: an equilateral triangle of side 2*sqrt(2).
    const SurfaceMesh m = singleTriangle({2, 0, 0}, {0, 2, 0}, {0, 0, 2});
    const double side = 2.0 * std::sqrt(2.0);
    CHECK(triangleAreaMm2(m, 0) == doctest::Approx(std::sqrt(3.0) / 4.0 * side * side));
    const float k = 1.0f / std::sqrt(3.0f);
    checkVec(triangleNormal(m, 0), {k, k, k});
    CHECK(glm::length(triangleNormal(m, 0)) == doctest::Approx(1.0f));
    checkVec(triangleCentroid(m, 0), {2.0f / 3.0f, 2.0f / 3.0f, 2.0f / 3.0f});
}

TEST_CASE("degenerate triangle: zero area, fallback normal, no NaN") {
    const SurfaceMesh collinear = singleTriangle({0, 0, 0}, {1, 1, 1}, {2, 2, 2});
    CHECK(triangleAreaMm2(collinear, 0) == doctest::Approx(0.0));
    checkVec(triangleNormal(collinear, 0), {0, 0, 1});
    const SurfaceMesh point = singleTriangle({3, 3, 3}, {3, 3, 3}, {3, 3, 3});
    CHECK(triangleAreaMm2(point, 0) == 0.0);
    checkVec(normalOnTriangle(point, 0, {0.3f, 0.3f}), {0, 0, 1});
}

TEST_CASE("areas, total area and bounds of a small mesh") {
    const SurfaceMesh m = squareAndRightTriangle();
    const std::vector<double> areas = triangleAreasMm2(m);
    REQUIRE(areas.size() == 3);
    CHECK(areas[0] == doctest::Approx(0.5));
    CHECK(areas[1] == doctest::Approx(0.5));
    CHECK(areas[2] == doctest::Approx(6.0));
    CHECK(totalAreaMm2(m) == doctest::Approx(7.0));

    const Bounds b = meshBounds(m);
    checkVec(b.min, {0, 0, 0});
    checkVec(b.max, {14, 3, 5});

    const Bounds empty = meshBounds(SurfaceMesh{});
    checkVec(empty.min, {0, 0, 0});
    checkVec(empty.max, {0, 0, 0});
    CHECK(totalAreaMm2(SurfaceMesh{}) == 0.0);
}

TEST_CASE("pointOnTriangle follows p = (1-u-v)a + u b + v c") {
    const SurfaceMesh m = singleTriangle({1, 2, 3}, {5, 2, 3}, {1, 8, 3});
    checkVec(pointOnTriangle(m, 0, {0, 0}), {1, 2, 3});
    checkVec(pointOnTriangle(m, 0, {1, 0}), {5, 2, 3});
    checkVec(pointOnTriangle(m, 0, {0, 1}), {1, 8, 3});
    checkVec(pointOnTriangle(m, 0, {0.25f, 0.5f}), {2, 5, 3});
    checkVec(pointOnTriangle(m, 0, {1.0f / 3.0f, 1.0f / 3.0f}), triangleCentroid(m, 0));
}

TEST_CASE("normalOnTriangle interpolates vertex normals and falls back to the geometric one") {
    SurfaceMesh m = singleTriangle({0, 0, 0}, {1, 0, 0}, {0, 1, 0});
    // Without per-vertex normals: the winding's normal.
    checkVec(normalOnTriangle(m, 0, {0.2f, 0.3f}), {0, 0, 1});

    m.normals = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    checkVec(normalOnTriangle(m, 0, {0, 0}), {1, 0, 0});
    checkVec(normalOnTriangle(m, 0, {1, 0}), {0, 1, 0});
    checkVec(normalOnTriangle(m, 0, {0, 1}), {0, 0, 1});
    // Midpoint of bc: (0, 0.5, 0.5) normalised.
    const float h = 1.0f / std::sqrt(2.0f);
    checkVec(normalOnTriangle(m, 0, {0.5f, 0.5f}), {0, h, h});
    // The centre: (1,1,1)/3 normalised.
    const float k = 1.0f / std::sqrt(3.0f);
    checkVec(normalOnTriangle(m, 0, {1.0f / 3.0f, 1.0f / 3.0f}), {k, k, k});

    // Opposite normals cancel at the midpoint: fall back to the geometric normal.
    m.normals = {{0, 0, 1}, {0, 0, -1}, {0, 0, 1}};
    checkVec(normalOnTriangle(m, 0, {0.5f, 0.0f}), {0, 0, 1});
}

TEST_CASE("test sphere: outward winding, area close to 4 pi r^2") {
    const SurfaceMesh s = pinpoint::core::testing::sphere100();
    CHECK(s.triangleCount() == 2 * 100 * 99);
    int inward = 0;
    for (std::size_t i = 0; i < s.triangleCount(); ++i)
        if (glm::dot(triangleNormal(s, i), triangleCentroid(s, i)) <= 0.0f) ++inward;
    CHECK(inward == 0);
    const double sphereArea = 4.0 * 3.14159265358979 * 100.0 * 100.0;
    CHECK(totalAreaMm2(s) == doctest::Approx(sphereArea).epsilon(0.002));
    CHECK(totalAreaMm2(s) < sphereArea);  // an inscribed polyhedron is smaller
}
