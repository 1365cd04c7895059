#include "core/geometry/bvh.h"
#include "core/geometry/surface_sampler.h"
#include "core/geometry/surface_walk.h"
#include "test_meshes.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

using namespace pinpoint::core;

TEST_CASE("adjacency: a closed surface has a neighbour across every edge, and links are mutual") {
    const SurfaceMesh m = testing::lumpySurface();
    const TriangleAdjacency adjacency(m);
    for (std::uint32_t t = 0; t < m.triangleCount(); ++t)
        for (int e = 0; e < 3; ++e) {
            const std::uint32_t n = adjacency.across(t, e);
            REQUIRE(n != kNoTriangle);
            bool back = false;
            for (int f = 0; f < 3; ++f) back = back || adjacency.across(n, f) == t;
            REQUIRE(back);
        }
}

TEST_CASE("walking from a nearby triangle finds the same point as a ray cast") {
    const SurfaceMesh m = testing::lumpySurface();
    const TriangleAdjacency adjacency(m);
    const Bvh bvh(m);
    const SurfaceSampler sampler(m);
    SplitMix64 rng(5);
    int compared = 0;
    for (int i = 0; i < 2000; ++i) {
        const SurfaceSample s = sampler.sample(rng);
        const glm::vec3 n = normalOnTriangle(m, s.triangle, s.barycentric);
        // A needle 3 mm to the side, starting 2 mm above the skin, pointing in.
        glm::vec3 side = glm::cross(n, glm::vec3(0.3f, 1.0f, 0.1f));
        side = glm::normalize(side);
        const glm::vec3 from = s.point + 3.0f * side + 2.0f * n;
        const auto walked = walkAlong(adjacency, s.triangle, from, -n);
        const auto cast = bvh.castRay(from, -n, 10.0f);
        if (!walked || !cast) continue;
        ++compared;
        CHECK(glm::length(walked->point - cast->point) < 1e-3f);
        CHECK(walked->distance == doctest::Approx(cast->distance).epsilon(1e-3));
    }
    CHECK(compared > 1600);  // this surface is noisy on purpose; the walk may give up, never disagree
}

TEST_CASE("a walk that runs off an open edge gives up instead of inventing a point") {
    const SurfaceMesh m = testing::planeGrid(10, 10.0f);
    const TriangleAdjacency adjacency(m);
    CHECK_FALSE(walkAlong(adjacency, 0, glm::vec3(50.0f, 50.0f, 1.0f), glm::vec3(0, 0, -1)).has_value());
    CHECK(walkAlong(adjacency, 0, glm::vec3(5.0f, 5.0f, 1.0f), glm::vec3(0, 0, -1)).has_value());
}
