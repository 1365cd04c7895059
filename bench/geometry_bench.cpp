// Geometry benchmarks on a synthetic head-sized surface (no dependency on the real head asset):
// a cube-sphere deformed into a lumpy ellipsoid about 160 x 220 x 200 mm with ~140k triangles.
#include "core/geometry/bvh.h"
#include "core/geometry/mesh.h"
#include "core/geometry/random.h"
#include "core/geometry/surface_sampler.h"

#include <benchmark/benchmark.h>
#include <glm/geometric.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using namespace pinpoint::core;

// Each of the 6 cube faces is an n x n grid projected onto the unit sphere, then displaced.
// n = 108 gives 6 * 108^2 * 2 = 139,968 triangles.
SurfaceMesh syntheticHead(int n = 108) {
    SurfaceMesh m;
    auto shape = [](glm::vec3 dir) {
        // Ellipsoid radii in mm, plus smooth bumps (a "nose" and "brows") and ripples.
        const glm::vec3 radii(80.0f, 110.0f, 100.0f);
        float r = 1.0f + 0.04f * std::sin(5.0f * dir.x) * std::cos(4.0f * dir.y) +
                  0.02f * std::sin(11.0f * dir.z + 3.0f * dir.y);
        const float nose = glm::dot(dir, glm::normalize(glm::vec3(0.0f, -0.1f, 1.0f)));
        if (nose > 0.9f) r += 0.25f * (nose - 0.9f) / 0.1f * (nose - 0.9f) / 0.1f;
        return dir * radii * r;
    };
    const glm::vec3 axes[6][3] = {
        {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},   {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}}, {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}},
        {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},  {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},  {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}},
    };
    for (const auto& face : axes) {
        const auto base = static_cast<std::uint32_t>(m.positions.size());
        for (int i = 0; i <= n; ++i)
            for (int j = 0; j <= n; ++j) {
                const float s = 2.0f * static_cast<float>(i) / static_cast<float>(n) - 1.0f;
                const float t = 2.0f * static_cast<float>(j) / static_cast<float>(n) - 1.0f;
                const glm::vec3 dir = glm::normalize(face[0] + s * face[1] + t * face[2]);
                m.positions.push_back(shape(dir));
                m.normals.push_back(dir);
            }
        auto id = [&](int i, int j) { return base + static_cast<std::uint32_t>(i * (n + 1) + j); };
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                m.triangles.push_back({id(i, j), id(i + 1, j), id(i + 1, j + 1)});
                m.triangles.push_back({id(i, j), id(i + 1, j + 1), id(i, j + 1)});
            }
    }
    return m;
}

const SurfaceMesh& headMesh() {
    static const SurfaceMesh mesh = syntheticHead();
    return mesh;
}

const Bvh& headBvh() {
    static const Bvh bvh(headMesh());
    return bvh;
}

glm::vec3 randomUnit(SplitMix64& rng) {
    const double z = 2.0 * rng.uniform() - 1.0;
    const double phi = 6.283185307179586 * rng.uniform();
    const double r = std::sqrt(1.0 - z * z);
    return glm::vec3(static_cast<float>(r * std::cos(phi)), static_cast<float>(r * std::sin(phi)),
                     static_cast<float>(z));
}

constexpr std::size_t kQueries = 1 << 14;

void BM_RayCast(benchmark::State& state) {
    const Bvh& bvh = headBvh();
    const SurfaceSampler sampler(headMesh());
    SplitMix64 rng(1);
    struct Ray {
        glm::vec3 origin, direction;
    };
    std::vector<Ray> rays(kQueries);
    for (Ray& r : rays) {
        // A camera 400-600 mm away, looking at a point on the surface (give or take 2 mm).
        const glm::vec3 target = sampler.sample(rng).point + randomUnit(rng) * 2.0f;
        r.origin = randomUnit(rng) * (400.0f + 200.0f * static_cast<float>(rng.uniform()));
        r.direction = target - r.origin;
    }
    std::size_t i = 0, hits = 0;
    for (auto _ : state) {
        const Ray& r = rays[i++ & (kQueries - 1)];
        const auto hit = bvh.castRay(r.origin, r.direction);
        hits += hit.has_value();
        benchmark::DoNotOptimize(hit);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
    state.counters["triangles"] = static_cast<double>(bvh.triangleCount());
}
BENCHMARK(BM_RayCast);

void BM_ClosestPoint(benchmark::State& state) {
    const Bvh& bvh = headBvh();
    const SurfaceSampler sampler(headMesh());
    SplitMix64 rng(2);
    std::vector<glm::vec3> points(kQueries);
    for (glm::vec3& p : points)
        p = sampler.sample(rng).point + randomUnit(rng) * (5.0f * static_cast<float>(rng.uniform()));
    std::size_t i = 0, found = 0;
    for (auto _ : state) {
        const auto hit = bvh.closestPoint(points[i++ & (kQueries - 1)], 10.0f);
        found += hit.has_value();
        benchmark::DoNotOptimize(hit);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["found_rate"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ClosestPoint);

void BM_BvhBuild(benchmark::State& state) {
    const SurfaceMesh& mesh = headMesh();
    for (auto _ : state) {
        Bvh bvh(mesh);
        benchmark::DoNotOptimize(bvh);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * mesh.triangleCount()));
    state.counters["triangles"] = static_cast<double>(mesh.triangleCount());
}
BENCHMARK(BM_BvhBuild)->Unit(benchmark::kMillisecond);

void BM_SurfaceSample(benchmark::State& state) {
    const SurfaceSampler sampler(headMesh());
    SplitMix64 rng(3);
    for (auto _ : state) benchmark::DoNotOptimize(sampler.sample(rng));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_SurfaceSample);

}  // namespace
