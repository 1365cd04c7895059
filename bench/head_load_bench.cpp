// Benchmarks on the real head: cached load (goal <= 200 ms), and ray-cast and closest-point queries
// on the subdivided head (goal >= 1 million of each per second on one core).
#include "core/geometry/bvh.h"
#include "core/geometry/random.h"
#include "core/geometry/surface_sampler.h"
#include "io/head_loader.h"

#include <benchmark/benchmark.h>
#include <glm/geometric.hpp>

#include <cstdio>
#include <cstdlib>

using namespace pinpoint;

namespace {

io::HeadLoadOptions benchOptions() {
    io::HeadLoadOptions o;
    o.cacheDir = "pinpoint-bench-cache";
    return o;
}

const core::Head& head() {
    static const core::Head h = [] {
        auto r = io::loadHead(benchOptions());
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().describe().c_str());
            std::exit(2);
        }
        return std::move(*r);
    }();
    return h;
}

void BM_HeadLoadCached(benchmark::State& state) {
    head();  // warms the cache
    for (auto _ : state) {
        io::HeadLoadReport report;
        auto r = io::loadHead(benchOptions(), &report);
        if (!r || !report.fromCache) state.SkipWithError("cache not used");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_HeadLoadCached)->Unit(benchmark::kMillisecond);

void BM_HeadBuildUncached(benchmark::State& state) {
    for (auto _ : state) {
        auto o = benchOptions();
        o.cacheDir = "-";
        auto r = io::loadHead(o);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_HeadBuildUncached)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_HeadBvhBuild(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(core::Bvh(head().mesh()));
    state.counters["triangles"] = static_cast<double>(head().mesh().triangleCount());
}
BENCHMARK(BM_HeadBvhBuild)->Unit(benchmark::kMillisecond);

// Queries a trainee's mouse and tool produce: rays from an orbiting camera 500 mm away toward the
// face, and tool tips within 5 mm of the skin.
void BM_HeadRayCast(benchmark::State& state) {
    const core::Bvh bvh(head().mesh());
    const core::SurfaceSampler sampler(head().mesh());
    core::SplitMix64 rng(7);
    std::vector<std::pair<glm::vec3, glm::vec3>> rays(4096);
    for (auto& [o, d] : rays) {
        const glm::vec3 target = sampler.sample(rng).point;
        const glm::vec3 eye = glm::vec3(0, 1530, 0) + 500.0f * glm::normalize(glm::vec3(rng.uniform() - 0.5, rng.uniform() - 0.5, rng.uniform()));
        o = eye;
        d = glm::normalize(target - eye);
    }
    std::size_t i = 0, hits = 0;
    for (auto _ : state) {
        const auto& [o, d] = rays[i++ & 4095];
        hits += bvh.castRay(o, d).has_value();
    }
    benchmark::DoNotOptimize(hits);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HeadRayCast);

void BM_HeadClosestPoint(benchmark::State& state) {
    const core::Bvh bvh(head().mesh());
    const core::SurfaceSampler sampler(head().mesh());
    core::SplitMix64 rng(11);
    std::vector<glm::vec3> queries(4096);
    for (glm::vec3& q : queries) {
        const core::SurfaceSample s = sampler.sample(rng);
        const glm::vec3 n = core::normalOnTriangle(head().mesh(), s.triangle, s.barycentric);
        q = s.point + n * static_cast<float>(rng.uniform() * 5.0);
    }
    std::size_t i = 0, found = 0;
    for (auto _ : state) found += bvh.closestPoint(queries[i++ & 4095], 10.0f).has_value();
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HeadClosestPoint);

}  // namespace
