// Clusters of the surface and the tests that let a frame skip them.
#include "render/surface_clusters.h"
#include "render/surface_renderer.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace pinpoint;

namespace {

// A closed sphere of radius 50 mm around `centre`, outward-wound like the head.
core::SurfaceMesh sphere(glm::vec3 centre, int rings = 24, int segments = 48) {
    core::SurfaceMesh m;
    const float pi = 3.14159265f;
    for (int r = 0; r <= rings; ++r)
        for (int s = 0; s < segments; ++s) {
            const float theta = pi * static_cast<float>(r) / static_cast<float>(rings);
            const float phi = 2.0f * pi * static_cast<float>(s) / static_cast<float>(segments);
            const glm::vec3 n(std::sin(theta) * std::cos(phi), std::cos(theta), std::sin(theta) * std::sin(phi));
            m.positions.push_back(centre + 50.0f * n);
            m.normals.push_back(n);
        }
    const auto at = [&](int r, int s) { return static_cast<std::uint32_t>(r * segments + (s % segments)); };
    for (int r = 0; r < rings; ++r)
        for (int s = 0; s < segments; ++s) {
            // Counter-clockwise seen from outside.
            if (r > 0) m.triangles.push_back({at(r, s), at(r, s + 1), at(r + 1, s)});
            if (r + 1 < rings) m.triangles.push_back({at(r, s + 1), at(r + 1, s + 1), at(r + 1, s)});
        }
    return m;
}

glm::vec3 faceNormal(const core::SurfaceMesh& m, const core::Triangle& t) {
    return glm::normalize(glm::cross(m.positions[t.b] - m.positions[t.a], m.positions[t.c] - m.positions[t.a]));
}

}  // namespace

TEST_CASE("clusters hold every triangle once, skin before eyes, none larger than asked") {
    const core::SurfaceMesh mesh = sphere({0, 0, 0});
    std::vector<core::SurfacePart> parts(mesh.triangleCount(), core::SurfacePart::Skin);
    for (std::size_t t = 0; t < parts.size(); t += 7) parts[t] = core::SurfacePart::Eye;
    std::vector<render::SurfaceCluster> clusters;
    const std::vector<std::uint32_t> order = render::clusterTriangles(mesh, parts, 64, clusters);
    REQUIRE(order.size() == mesh.triangleCount());
    std::vector<std::uint32_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (std::uint32_t t = 0; t < sorted.size(); ++t) CHECK(sorted[t] == t);

    std::uint32_t next = 0;
    bool seenEyes = false;
    for (const render::SurfaceCluster& c : clusters) {
        CHECK(c.firstIndex == next);
        CHECK(c.indexCount > 0);
        CHECK(c.indexCount <= 64 * 3);
        next += c.indexCount;
        if (c.eyes) seenEyes = true;
        CHECK(c.eyes == seenEyes);  // once the eyes start, nothing but eyes
        for (std::uint32_t i = c.firstIndex / 3; i < (c.firstIndex + c.indexCount) / 3; ++i) {
            CHECK((parts[order[i]] == core::SurfacePart::Eye) == c.eyes);
            const core::Triangle& tr = mesh.triangles[order[i]];
            for (std::uint32_t v : {tr.a, tr.b, tr.c}) {
                CHECK(glm::all(glm::greaterThanEqual(mesh.positions[v], c.lo)));
                CHECK(glm::all(glm::lessThanEqual(mesh.positions[v], c.hi)));
            }
        }
    }
    CHECK(next == mesh.triangleCount() * 3);
    CHECK(seenEyes);
}

TEST_CASE("a cluster is skipped only when the rasterizer would cull every one of its triangles") {
    const core::SurfaceMesh mesh = sphere({0, 1500, 0});
    std::vector<render::SurfaceCluster> clusters;
    const std::vector<std::uint32_t> order = render::clusterTriangles(mesh, {}, 128, clusters);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
    std::size_t skipped = 0, total = 0;
    for (int trial = 0; trial < 200; ++trial) {
        glm::vec3 dir(unit(rng), unit(rng), unit(rng));
        if (glm::length(dir) < 0.1f) continue;
        const glm::vec3 eye = glm::vec3(0, 1500, 0) + (60.0f + 400.0f * std::abs(unit(rng))) * glm::normalize(dir);
        for (const render::SurfaceCluster& c : clusters) {
            ++total;
            if (!render::facesAway(c, eye)) continue;
            ++skipped;
            for (std::uint32_t i = c.firstIndex / 3; i < (c.firstIndex + c.indexCount) / 3; ++i) {
                const core::Triangle& tr = mesh.triangles[order[i]];
                const glm::vec3 n = faceNormal(mesh, tr);
                for (std::uint32_t v : {tr.a, tr.b, tr.c}) CHECK(glm::dot(n, mesh.positions[v] - eye) > 0.0f);
            }
        }
    }
    // From outside a sphere up to half of it faces away; coarse clusters must still skip some of it.
    CHECK(static_cast<double>(skipped) / static_cast<double>(total) > 0.15);
}

TEST_CASE("a box projects to the pixels it covers - one reaching behind the camera covers the screen") {
    render::Camera camera;
    camera.eye = {0, 1500, 500};
    camera.target = {0, 1500, 0};
    camera.up = {0, 1, 0};
    const glm::mat4 vp = render::viewProjection(camera, 640.0f / 480.0f);
    const render::PixelRect centre = render::projectBox({-5, 1495, -5}, {5, 1505, 5}, vp, 640, 480);
    CHECK(centre.x0 < 320);
    CHECK(centre.x1 > 320);
    CHECK(centre.y0 < 240);
    CHECK(centre.y1 > 240);
    CHECK(centre.x1 - centre.x0 < 60);
    // The patient's +Y is up on screen (Vulkan's y points down).
    const render::PixelRect above = render::projectBox({-5, 1595, -5}, {5, 1605, 5}, vp, 640, 480);
    CHECK(above.y1 <= centre.y0);
    const render::PixelRect behind = render::projectBox({-5, 1495, 495}, {5, 1505, 600}, vp, 640, 480);
    CHECK(behind.x0 == 0);
    CHECK(behind.y0 == 0);
    CHECK(behind.x1 == 640);
    CHECK(behind.y1 == 480);

    const render::PixelRect a{10, 10, 20, 20}, b{30, 5, 40, 15};
    CHECK_FALSE(a.overlaps(b));
    const render::PixelRect u = render::unite(a, b);
    CHECK((u.x0 == 10 && u.y0 == 5 && u.x1 == 40 && u.y1 == 20));
    CHECK(render::unite(render::PixelRect{}, a).x1 == 20);
    const render::PixelRect clamped = render::clampTo(render::grow(a, 15), 30, 30);
    CHECK((clamped.x0 == 0 && clamped.y0 == 0 && clamped.x1 == 30 && clamped.y1 == 30));
}
