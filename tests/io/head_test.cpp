#include "head_fixture.h"

#include "io/head_cache.h"

#include <glm/geometric.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

using namespace pinpoint;

namespace {

std::size_t noseTipVertex(const core::Head& head) {
    const auto& m = head.mesh();
    std::size_t best = 0;
    for (std::size_t t = 0; t < m.triangleCount(); ++t) {
        if (head.geometry.parts[t] != core::SurfacePart::Skin) continue;
        for (std::uint32_t v : {m.triangles[t].a, m.triangles[t].b, m.triangles[t].c})
            if (m.positions[v].z > m.positions[best].z) best = v;
    }
    return best;
}

std::size_t find(std::vector<std::size_t>& parent, std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

}  // namespace

TEST_CASE("model space is the file's space in millimetres: the nose tip is near (0, 1518, 160)") {
    const core::Head& head = testing::sharedHead();
    const glm::vec3 tip = head.mesh().positions[noseTipVertex(head)];
    CHECK(std::abs(tip.x) < 1.0f);
    CHECK(std::abs(tip.y - 1518.1f) < 3.0f);
    CHECK(std::abs(tip.z - 159.6f) < 1.5f);  // subdivision pulls a convex tip in slightly
    const core::Bounds b = core::meshBounds(head.mesh());
    CHECK(b.max.y > 1650.0f);  // top of the head, 1.66 m
    CHECK(b.max.y < 1662.0f);
    CHECK(b.min.y > 1390.0f);  // cut at the neck
    CHECK(b.min.y < 1402.0f);
}

TEST_CASE("normals point out of the head") {
    const core::Head& head = testing::sharedHead();
    CHECK(head.mesh().normals[noseTipVertex(head)].z > 0.8f);
    std::size_t top = 0;
    for (std::size_t v = 0; v < head.mesh().vertexCount(); ++v)
        if (head.mesh().positions[v].y > head.mesh().positions[top].y) top = v;
    CHECK(head.mesh().normals[top].y > 0.9f);
}

TEST_CASE("the subdivided skin is one connected surface, open only at the neck cut") {
    // Outer and inner skin together (the split is a label, not a cut); the eyes are separate.
    const core::Head& head = testing::sharedHead();
    const auto& m = head.mesh();
    auto skin = [&](std::size_t t) { return head.geometry.parts[t] != core::SurfacePart::Eye; };
    CHECK(m.triangleCount() > 30000);  // at least one Catmull-Clark level over ~4,400 head quads
    std::vector<std::size_t> parent(m.vertexCount());
    std::iota(parent.begin(), parent.end(), 0);
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> edges;
    for (std::size_t t = 0; t < m.triangleCount(); ++t) {
        if (!skin(t)) continue;
        const core::Triangle& tri = m.triangles[t];
        parent[find(parent, tri.a)] = find(parent, tri.b);
        parent[find(parent, tri.b)] = find(parent, tri.c);
        for (auto [a, b] : {std::pair{tri.a, tri.b}, {tri.b, tri.c}, {tri.c, tri.a}})
            edges[{std::min(a, b), std::max(a, b)}]++;
    }
    std::set<std::size_t> roots;
    for (std::size_t t = 0; t < m.triangleCount(); ++t)
        if (skin(t)) roots.insert(find(parent, m.triangles[t].a));
    CHECK(roots.size() == 1);
    int boundary = 0, elsewhere = 0;
    for (const auto& [e, n] : edges) {
        CHECK(n <= 2);
        if (n == 1) {
            ++boundary;
            elsewhere += m.positions[e.first].y > 1440.0f;
        }
    }
    CHECK(boundary > 0);
    CHECK(elsewhere == 0);
}

TEST_CASE("the cache gives back exactly the built geometry and ignores a damaged file") {
    const std::string dir = "pinpoint-cache-roundtrip";
    std::filesystem::remove_all(dir);
    io::HeadLoadOptions options;
    options.cacheDir = dir;
    io::HeadLoadReport first, second, third;
    auto built = io::loadHeadGeometry(options, &first);
    REQUIRE(built.ok());
    CHECK_FALSE(first.fromCache);
    auto cached = io::loadHeadGeometry(options, &second);
    REQUIRE(cached.ok());
    CHECK(second.fromCache);
    CHECK(cached->geometry.mesh.positions == built->geometry.mesh.positions);
    CHECK(cached->geometry.mesh.triangles.size() == built->geometry.mesh.triangles.size());
    CHECK(cached->geometry.parts == built->geometry.parts);

    std::filesystem::resize_file(second.cachePath, std::filesystem::file_size(second.cachePath) / 2);
    auto rebuilt = io::loadHeadGeometry(options, &third);
    REQUIRE(rebuilt.ok());
    CHECK_FALSE(third.fromCache);
    CHECK(rebuilt->geometry.mesh.positions == built->geometry.mesh.positions);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a missing model file says to install assimp-testmodels") {
    io::HeadLoadOptions options;
    options.modelPath = "no/such/human.zae";
    options.cacheDir = "-";
    auto r = io::loadHeadGeometry(options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == "no/such/human.zae");
    CHECK(r.error().hint.find("assimp-testmodels") != std::string::npos);
}

TEST_CASE("a file that is not a model is a clear error, not a crash") {
    const std::string path = "not-a-model.zae";
    std::ofstream(path) << "this is not a Collada archive";
    io::HeadLoadOptions options;
    options.modelPath = path;
    options.cacheDir = "-";
    auto r = io::loadHeadGeometry(options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == path);
    std::filesystem::remove(path);
}
