#include "core/geometry/bvh.h"

#include "core/geometry/surface_sampler.h"
#include "core/geometry/test_meshes.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>

using namespace pinpoint::core;
using namespace pinpoint::core::testing;

namespace {

// Checks that a hit's fields agree with each other and with the mesh.
void checkHitConsistent(const SurfaceMesh& m, const SurfaceHit& h) {
    REQUIRE(h.triangle < m.triangleCount());
    CHECK(h.barycentric.x >= -1e-6f);
    CHECK(h.barycentric.y >= -1e-6f);
    CHECK(h.barycentric.x + h.barycentric.y <= 1.0f + 1e-6f);
    CHECK(glm::length(pointOnTriangle(m, h.triangle, h.barycentric) - h.point) < 1e-3f);
    CHECK(glm::length(h.normal) == doctest::Approx(1.0f).epsilon(1e-5));
    CHECK(glm::dot(h.normal, triangleNormal(m, h.triangle)) > 0.9999f);
}

// Random rays against `m`, compared with the brute-force reference. Half aim at points on the surface
// (from outside, like a camera), a quarter go in random directions from anywhere in a box around the
// mesh (many miss), a quarter start inside.
void compareRays(const SurfaceMesh& m, int count, std::uint64_t seed) {
    const Bvh bvh(m);
    REQUIRE(bvh.triangleCount() == m.triangleCount());
    const SurfaceSampler sampler(m);
    SplitMix64 rng(seed);
    const Bounds b = meshBounds(m);
    const glm::vec3 centre = 0.5f * (b.min + b.max);
    const glm::vec3 half = 0.5f * (b.max - b.min);
    int hits = 0, misses = 0, tiesOnOtherTriangle = 0;
    double maxError = 0.0;
    for (int i = 0; i < count; ++i) {
        glm::vec3 origin, direction;
        float maxDistance = std::numeric_limits<float>::infinity();
        switch (i % 4) {
            case 0:
            case 1: {
                origin = centre + randomUnit(rng) * (400.0f + 200.0f * static_cast<float>(rng.uniform()));
                direction = sampler.sample(rng).point - origin;
                direction *= 0.1f + 10.0f * static_cast<float>(rng.uniform());  // not unit length
                break;
            }
            case 2:
                origin = randomInBox(rng, centre - 3.0f * half, centre + 3.0f * half);
                direction = randomUnit(rng);
                if (rng.uniform() < 0.3) maxDistance = 300.0f * static_cast<float>(rng.uniform());
                break;
            default:
                origin = randomInBox(rng, centre - 0.3f * half, centre + 0.3f * half);
                direction = randomUnit(rng);
                break;
        }
        const auto got = bvh.castRay(origin, direction, maxDistance);
        const auto want = bruteRay(m, origin, direction, maxDistance);
        CAPTURE(i);
        REQUIRE(got.has_value() == want.has_value());
        if (!want) {
            ++misses;
            continue;
        }
        ++hits;
        CHECK(std::fabs(got->distance - want->distance) < 1e-3);
        maxError = std::max(maxError, std::fabs(got->distance - want->distance));
        if (got->triangle != want->triangle) {
            // Only acceptable when the ray meets the BVH's triangle at the same distance (a shared edge).
            const auto other = rayTriangle(glm::dvec3(origin), glm::normalize(glm::dvec3(direction)),
                                           cornersOf(m, got->triangle));
            REQUIRE(other.has_value());
            CHECK(std::fabs(*other - want->distance) < 1e-3);
            ++tiesOnOtherTriangle;
        }
        const glm::vec3 expectedPoint = origin + got->distance * glm::normalize(direction);
        CHECK(glm::length(got->point - expectedPoint) < 1e-3f);
        checkHitConsistent(m, *got);
    }
    MESSAGE("rays: " << hits << " hits, " << misses << " misses, " << tiesOnOtherTriangle
                     << " edge ties, max distance error " << maxError << " mm");
    CHECK(hits > count / 2);
    CHECK(misses > count / 20);
    CHECK(tiesOnOtherTriangle < count / 100);
}

// Random query points compared with the brute-force reference: near the surface, far away, and with
// a maxDistance that sometimes excludes everything.
void compareClosest(const SurfaceMesh& m, int count, std::uint64_t seed) {
    const Bvh bvh(m);
    const SurfaceSampler sampler(m);
    SplitMix64 rng(seed);
    const Bounds b = meshBounds(m);
    const glm::vec3 centre = 0.5f * (b.min + b.max);
    const glm::vec3 half = 0.5f * (b.max - b.min);
    int found = 0, none = 0;
    double maxError = 0.0;
    for (int i = 0; i < count; ++i) {
        glm::vec3 q;
        float maxDistance = std::numeric_limits<float>::infinity();
        switch (i % 4) {
            case 0:  // within 5 mm of the surface
                q = sampler.sample(rng).point + randomUnit(rng) * (5.0f * static_cast<float>(rng.uniform()));
                maxDistance = 10.0f;
                break;
            case 1:  // exactly on the surface
                q = sampler.sample(rng).point;
                maxDistance = 10.0f;
                break;
            case 2:  // anywhere, maybe far
                q = randomInBox(rng, centre - 4.0f * half, centre + 4.0f * half);
                break;
            default:  // anywhere, with a limit that often excludes everything
                q = randomInBox(rng, centre - 2.0f * half, centre + 2.0f * half);
                maxDistance = 40.0f * static_cast<float>(rng.uniform());
                break;
        }
        const auto got = bvh.closestPoint(q, maxDistance);
        const auto want = bruteClosest(m, q, maxDistance);
        CAPTURE(i);
        if (got.has_value() != want.has_value()) {
            // Allowed only when the true distance sits right on the limit.
            const auto any = bruteClosest(m, q);
            REQUIRE(any.has_value());
            CHECK(std::fabs(any->distance - maxDistance) < 1e-3);
            continue;
        }
        if (!want) {
            ++none;
            continue;
        }
        ++found;
        CHECK(std::fabs(got->distance - want->distance) < 1e-3);
        maxError = std::max(maxError, std::fabs(got->distance - want->distance));
        CHECK(got->distance <= maxDistance);
        CHECK(std::fabs(glm::length(got->point - q) - got->distance) < 1e-4f);
        // The reported point is on the reported triangle.
        CHECK(pointTriangleDistance(glm::dvec3(got->point), cornersOf(m, got->triangle)) < 1e-3);
        checkHitConsistent(m, *got);
    }
    MESSAGE("closest points: " << found << " found, " << none << " beyond the limit, max distance error "
                               << maxError << " mm");
    CHECK(found > count / 2);
    CHECK(none > count / 50);
}

}  // namespace

TEST_CASE("Bvh structure on a sphere") {
    const SurfaceMesh m = sphere100();
    const Bvh bvh(m);
    CHECK(bvh.triangleCount() == m.triangleCount());
    // Leaves hold at most 4 triangles, so there are at least n/4 leaves and 2*leaves-1 nodes.
    CHECK(bvh.nodeCount() >= 2 * (m.triangleCount() / 4) - 1);
    CHECK(bvh.nodeCount() < 2 * m.triangleCount());
}

TEST_CASE("Bvh ray casts match brute force on a sphere") { compareRays(sphere100(), 2400, 7); }

TEST_CASE("Bvh ray casts match brute force on a lumpy noisy surface") { compareRays(lumpySurface(), 2400, 99); }

TEST_CASE("Bvh closest points match brute force on a sphere") { compareClosest(sphere100(), 2400, 11); }

TEST_CASE("Bvh closest points match brute force on a lumpy noisy surface") {
    compareClosest(lumpySurface(), 2400, 12);
}

TEST_CASE("Bvh ray hits on a plane at known points") {
    const SurfaceMesh m = planeGrid(20, 100.0f);  // z = 0, [0,100]^2, 5 mm cells
    const Bvh bvh(m);
    SplitMix64 rng(5);
    for (int i = 0; i < 500; ++i) {
        const glm::vec3 target(1.0f + 98.0f * static_cast<float>(rng.uniform()),
                               1.0f + 98.0f * static_cast<float>(rng.uniform()), 0.0f);
        const float height = 10.0f + 200.0f * static_cast<float>(rng.uniform());
        const bool fromBelow = i % 2 == 1;
        const glm::vec3 origin = target + glm::vec3(0.0f, 0.0f, fromBelow ? -height : height) +
                                 glm::vec3(20.0f * static_cast<float>(rng.uniform() - 0.5), 0.0f, 0.0f);
        const auto hit = bvh.castRay(origin, target - origin);
        REQUIRE(hit.has_value());
        CHECK(glm::length(hit->point - target) < 1e-3f);
        CHECK(hit->distance == doctest::Approx(glm::length(target - origin)).epsilon(1e-5));
        CHECK(hit->normal.z == doctest::Approx(1.0f));  // the winding's normal, whichever side is hit
        CHECK(glm::length(pointOnTriangle(m, hit->triangle, hit->barycentric) - target) < 1e-3f);
    }
    // Straight down at an exact point, with a unit direction and a long one.
    auto hit = bvh.castRay({30, 40, 50}, {0, 0, -1});
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(50.0f));
    CHECK(hit->point.x == doctest::Approx(30.0f));
    CHECK(hit->point.y == doctest::Approx(40.0f));
    CHECK(hit->point.z == doctest::Approx(0.0f).epsilon(1e-6));
    hit = bvh.castRay({30, 40, 50}, {0, 0, -1000});
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(50.0f));
    // maxDistance is honoured.
    CHECK_FALSE(bvh.castRay({30, 40, 50}, {0, 0, -1}, 49.0f).has_value());
    CHECK(bvh.castRay({30, 40, 50}, {0, 0, -1}, 51.0f).has_value());
    // Pointing away, parallel to the plane, off the side, zero direction.
    CHECK_FALSE(bvh.castRay({30, 40, 50}, {0, 0, 1}).has_value());
    CHECK_FALSE(bvh.castRay({30, 40, 50}, {1, 0, 0}).has_value());
    CHECK_FALSE(bvh.castRay({130, 40, 50}, {0, 0, -1}).has_value());
    CHECK_FALSE(bvh.castRay({30, 40, 50}, {0, 0, 0}).has_value());
}

TEST_CASE("Bvh closest point on a plane at known points") {
    const SurfaceMesh m = planeGrid(20, 100.0f);
    const Bvh bvh(m);
    auto hit = bvh.closestPoint({30.5f, 40.25f, 7.0f});
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(7.0f));
    CHECK(hit->point.x == doctest::Approx(30.5f));
    CHECK(hit->point.y == doctest::Approx(40.25f));
    CHECK(hit->point.z == doctest::Approx(0.0f).epsilon(1e-6));
    CHECK(hit->normal.z == doctest::Approx(1.0f));
    CHECK(glm::length(pointOnTriangle(m, hit->triangle, hit->barycentric) - hit->point) < 1e-4f);

    // Beyond a corner of the plane: the corner.
    hit = bvh.closestPoint({-3.0f, -4.0f, 0.0f});
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(5.0f));
    CHECK(glm::length(hit->point) < 1e-5f);
    // Beyond an edge, above the plane.
    hit = bvh.closestPoint({110.0f, 50.0f, -5.0f});
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(std::sqrt(125.0f)));
    CHECK(hit->point.x == doctest::Approx(100.0f));
    CHECK(hit->point.y == doctest::Approx(50.0f));

    // maxDistance excludes it, or just admits it.
    CHECK_FALSE(bvh.closestPoint({30.0f, 40.0f, 7.0f}, 6.9f).has_value());
    CHECK(bvh.closestPoint({30.0f, 40.0f, 7.0f}, 7.1f).has_value());
}

TEST_CASE("Bvh on an empty mesh and a default-constructed Bvh") {
    const Bvh empty{SurfaceMesh{}};
    CHECK(empty.triangleCount() == 0);
    CHECK_FALSE(empty.castRay({0, 0, 0}, {0, 0, 1}).has_value());
    CHECK_FALSE(empty.closestPoint({0, 0, 0}).has_value());
    const Bvh none;
    CHECK_FALSE(none.castRay({0, 0, 0}, {0, 0, 1}).has_value());
    CHECK_FALSE(none.closestPoint({0, 0, 0}).has_value());
}

TEST_CASE("Bvh single triangle: both faces, barycentrics and original index") {
    SurfaceMesh m = singleTriangle({0, 0, 0}, {4, 0, 0}, {0, 4, 0});
    const Bvh bvh(m);
    auto hit = bvh.castRay({1, 2, 5}, {0, 0, -1});
    REQUIRE(hit.has_value());
    CHECK(hit->triangle == 0);
    CHECK(hit->barycentric.x == doctest::Approx(0.25f));
    CHECK(hit->barycentric.y == doctest::Approx(0.5f));
    CHECK(hit->distance == doctest::Approx(5.0f));
    hit = bvh.castRay({1, 2, -5}, {0, 0, 2});  // back face
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(5.0f));
    CHECK(hit->normal.z == doctest::Approx(1.0f));
    CHECK_FALSE(bvh.castRay({3, 3, 5}, {0, 0, -1}).has_value());  // outside the hypotenuse
    // Closest point in each Voronoi region.
    struct Case {
        glm::vec3 q, point;
    };
    const Case cases[] = {
        {{1, 1, 3}, {1, 1, 0}},     // face
        {{-2, -3, 1}, {0, 0, 0}},   // vertex a
        {{6, -1, 0}, {4, 0, 0}},    // vertex b
        {{-1, 7, 0}, {0, 4, 0}},    // vertex c
        {{2, -3, 4}, {2, 0, 0}},    // edge ab
        {{-5, 1, 0}, {0, 1, 0}},    // edge ac
        {{3, 3, 2}, {2, 2, 0}},     // edge bc
    };
    for (const Case& c : cases) {
        CAPTURE(c.q);
        const auto h = bvh.closestPoint(c.q);
        REQUIRE(h.has_value());
        CHECK(glm::length(h->point - c.point) < 1e-5f);
        CHECK(h->distance == doctest::Approx(glm::length(c.q - c.point)));
        CHECK(glm::length(pointOnTriangle(m, 0, h->barycentric) - c.point) < 1e-5f);
    }
}

TEST_CASE("Bvh handles degenerate triangles without NaN") {
    SurfaceMesh m = planeGrid(4, 40.0f);
    // Append a collinear triangle, a point triangle and one with a repeated corner, all above the plane.
    const auto base = static_cast<std::uint32_t>(m.positions.size());
    m.positions.push_back({5, 5, 10});
    m.positions.push_back({15, 5, 10});
    m.positions.push_back({25, 5, 10});
    m.positions.push_back({20, 20, 20});
    m.triangles.push_back({base, base + 1, base + 2});  // collinear
    m.triangles.push_back({base + 3, base + 3, base + 3});  // a point
    m.triangles.push_back({base, base, base + 2});  // repeated corner: a segment
    const Bvh bvh(m);

    // Rays through the degenerate ones still reach the plane.
    auto hit = bvh.castRay({16, 5, 30}, {0, 0, -1});
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(30.0f));
    CHECK(hit->point.z == doctest::Approx(0.0f).epsilon(1e-6));
    CHECK_FALSE(std::isnan(hit->barycentric.x));
    const glm::vec3 dir(1.3f, 2.7f, -20.0f);
    hit = bvh.castRay(glm::vec3(20, 20, 20) - dir, dir);  // through the point triangle
    REQUIRE(hit.has_value());
    CHECK(hit->distance == doctest::Approx(2.0f * glm::length(dir)));
    CHECK(hit->point.x == doctest::Approx(21.3f));
    CHECK(hit->point.y == doctest::Approx(22.7f));

    // Closest points on the degenerate ones are on their segments / at their point.
    auto cp = bvh.closestPoint({12, 5, 11});
    REQUIRE(cp.has_value());
    CHECK(cp->distance == doctest::Approx(1.0f));
    CHECK(glm::length(cp->point - glm::vec3(12, 5, 10)) < 1e-5f);
    CHECK_FALSE(std::isnan(cp->normal.x));
    CHECK(glm::length(cp->normal) == doctest::Approx(1.0f));
    CHECK(glm::length(pointOnTriangle(m, cp->triangle, cp->barycentric) - cp->point) < 1e-5f);

    cp = bvh.closestPoint({20, 20, 21});
    REQUIRE(cp.has_value());
    CHECK(cp->distance == doctest::Approx(1.0f));
    CHECK(cp->triangle == m.triangleCount() - 2);
    CHECK(glm::length(cp->point - glm::vec3(20, 20, 20)) < 1e-5f);

    // Beyond the far end of the collinear triangle: its end corner c.
    cp = bvh.closestPoint({28, 5, 14});
    REQUIRE(cp.has_value());
    CHECK(cp->distance == doctest::Approx(5.0f));
    CHECK(glm::length(cp->point - glm::vec3(25, 5, 10)) < 1e-5f);
}

TEST_CASE("Bvh copes with many triangles sharing one centroid") {
    // 50 copies of the same triangle plus one elsewhere: no SAH split exists for the copies.
    SurfaceMesh m;
    m.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {10, 10, 10}, {11, 10, 10}, {10, 11, 10}};
    for (int i = 0; i < 50; ++i) m.triangles.push_back({0, 1, 2});
    m.triangles.push_back({3, 4, 5});
    const Bvh bvh(m);
    CHECK(bvh.triangleCount() == 51);
    auto hit = bvh.castRay({10.2f, 10.2f, 20.0f}, {0, 0, -1});
    REQUIRE(hit.has_value());
    CHECK(hit->triangle == 50);
    hit = bvh.castRay({0.2f, 0.2f, 5.0f}, {0, 0, -1});
    REQUIRE(hit.has_value());
    CHECK(hit->triangle < 50);
    CHECK(hit->distance == doctest::Approx(5.0f));
    const auto cp = bvh.closestPoint({10.5f, 10.2f, 13.0f});
    REQUIRE(cp.has_value());
    CHECK(cp->triangle == 50);
    CHECK(cp->distance == doctest::Approx(3.0f));
}
