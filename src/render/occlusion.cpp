#include "render/occlusion.h"

#include "core/geometry/bvh.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <thread>

namespace pinpoint::render {

namespace {

// Fixed directions in the tangent frame (z up), cosine-weighted: a Fibonacci spiral on the disc
// lifted onto the hemisphere, so every run and every machine gives the same answer.
std::vector<glm::vec3> hemisphereDirections(int count) {
    std::vector<glm::vec3> dirs;
    const float golden = 2.39996323f;
    for (int i = 0; i < count; ++i) {
        const float r = std::sqrt((static_cast<float>(i) + 0.5f) / static_cast<float>(count));
        const float a = golden * static_cast<float>(i);
        dirs.emplace_back(r * std::cos(a), r * std::sin(a), std::sqrt(std::max(0.0f, 1.0f - r * r)));
    }
    return dirs;
}

}  // namespace

std::vector<float> ambientOcclusion(const core::SurfaceMesh& mesh, const OcclusionOptions& options) {
    const core::Bvh bvh(mesh);
    const std::vector<glm::vec3> dirs = hemisphereDirections(options.rays);
    std::vector<float> open(mesh.vertexCount(), 1.0f);

    auto work = [&](std::size_t begin, std::size_t end) {
        for (std::size_t v = begin; v < end; ++v) {
            const glm::vec3 n = mesh.normals[v];
            const glm::vec3 helper = std::abs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
            const glm::vec3 t = glm::normalize(glm::cross(helper, n));
            const glm::vec3 b = glm::cross(n, t);
            const glm::vec3 origin = mesh.positions[v] + n * 0.05f;
            float blocked = 0.0f;
            for (const glm::vec3& d : dirs) {
                const glm::vec3 dir = d.x * t + d.y * b + d.z * n;
                const auto hit = bvh.castRay(origin + dir * 0.05f, dir, options.maxDistanceMm);
                if (hit) blocked += 1.0f - hit->distance / options.maxDistanceMm;
            }
            open[v] = 1.0f - blocked / static_cast<float>(dirs.size());
        }
    };
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, 16);
    std::vector<std::thread> pool;
    const std::size_t n = mesh.vertexCount();
    for (unsigned i = 0; i < threads; ++i)
        pool.emplace_back(work, n * i / threads, n * (i + 1) / threads);
    for (std::thread& t : pool) t.join();
    return open;
}

}  // namespace pinpoint::render
