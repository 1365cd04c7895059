// Where pinpoint bleeding can show: one point per cell of skin for the dermal punctures, in puncture
// order, bounded, deterministic; and every new point lies where the dermal density changed, so the
// window's partial redraw (render/frame_damage) covers it.
#include "core/coverage/bleeding_points.h"
#include "core/coverage/density_field.h"
#include "core/coverage/live_density.h"
#include "core/geometry/quad_mesh.h"
#include "core/geometry/random.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <set>

using namespace pinpoint::core;

namespace {

SurfaceMesh sheet() {
    std::vector<glm::vec3> corners;
    for (float x = 0; x < 30.0f; x += 1.5f)
        for (float y = 0; y < 30.0f; y += 1.0f)
            corners.insert(corners.end(), {{x, y, 0}, {x + 1.5f, y, 0}, {x + 1.5f, y + 1, 0}, {x, y + 1, 0}});
    return triangulate(weldQuadCorners(corners, {}));
}

Puncture punctureIn(const SurfaceMesh& mesh, std::uint32_t triangle, glm::vec2 barycentric, double t) {
    Puncture p;
    p.triangle = triangle;
    p.barycentric = barycentric;
    p.point = pointOnTriangle(mesh, triangle, barycentric);
    p.t = t;
    return p;
}

}  // namespace

TEST_CASE("bleeding points: one per cell, in puncture order, the same for the same punctures") {
    const SurfaceMesh mesh = sheet();
    BleedingPoints a(mesh), b(mesh);
    SplitMix64 rng(3);
    for (int i = 0; i < 4000; ++i) {
        const auto tri = static_cast<std::uint32_t>(rng.uniform() * static_cast<double>(mesh.triangleCount()));
        const float u = static_cast<float>(rng.uniform()), v = static_cast<float>(rng.uniform()) * (1.0f - u);
        const Puncture p = punctureIn(mesh, tri, {u, v}, 0.01 * i);
        a.add(p);
        b.add(p);
    }
    REQUIRE(a.points().size() == b.points().size());
    REQUIRE(!a.points().empty());
    std::set<std::tuple<int, int, int>> cells;
    for (std::size_t i = 0; i < a.points().size(); ++i) {
        const BleedingPoint& p = a.points()[i];
        CHECK(p.position == b.points()[i].position);
        CHECK(p.seed == b.points()[i].seed);
        CHECK(p.seed >= 0.0f);
        CHECK(p.seed < 1.0f);
        if (i > 0) CHECK(p.t >= a.points()[i - 1].t);
        const glm::vec3 c = glm::floor(p.position / kBleedingCellMm);
        CHECK(cells.insert({int(c.x), int(c.y), int(c.z)}).second);  // never two in a cell
        CHECK(glm::distance(p.normal, glm::vec3(0, 0, 1)) < 1e-4f);
        CHECK(p.vertex < mesh.vertexCount());
    }
    // About kMaxBleedingShare of the cells the sheet has (900 mm2 / 1 mm2) can bleed.
    const double cellsOnSheet = 900.0 / (kBleedingCellMm * kBleedingCellMm);
    CHECK(static_cast<double>(a.points().size()) < 0.7 * cellsOnSheet);
    CHECK(static_cast<double>(a.points().size()) > 0.3 * cellsOnSheet);

    // The points at a moment are a prefix of the whole list.
    const std::size_t half = a.countAt(20.0);
    CHECK(half > 0);
    CHECK(half < a.points().size());
    for (std::size_t i = 0; i < a.points().size(); ++i) CHECK((a.points()[i].t <= 20.0) == (i < half));
    CHECK(a.until(20.0).size() == half);

    const std::uint64_t generation = a.generation();
    a.clear();
    CHECK(a.points().empty());
    CHECK(a.generation() != generation);
}

TEST_CASE("a new bleeding point lies within the dermal density's changed vertices, grown by the longest edge") {
    const SurfaceMesh mesh = sheet();
    const TriangleAdjacency adjacency(mesh);
    const DensityField field(mesh, adjacency, std::vector<std::uint16_t>(mesh.triangleCount(), 0), {1}, DensityScales{});
    LiveDensity dermal(mesh, field);
    BleedingPoints bleeding(mesh);
    const float margin = 1.81f;  // the sheet's longest edge (the diagonal of a 1.5 x 1 quad), as FrameDamage is given
    SplitMix64 rng(11);
    std::size_t checked = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto tri = static_cast<std::uint32_t>(rng.uniform() * static_cast<double>(mesh.triangleCount()));
        const float u = static_cast<float>(rng.uniform()), v = static_cast<float>(rng.uniform()) * (1.0f - u);
        const Puncture p = punctureIn(mesh, tri, {u, v}, 0.01 * i);
        const std::size_t before = bleeding.points().size();
        dermal.add(p);
        bleeding.add(p);
        const VertexRange changed = dermal.takeChangedVertices();
        REQUIRE(changed.count > 0);
        // The point's own vertex changed too: its drop's visibility is decided where the box is.
        for (std::size_t k = before; k < bleeding.points().size(); ++k) {
            const BleedingPoint& b = bleeding.points()[k];
            CHECK(b.vertex >= changed.first);
            CHECK(b.vertex < changed.first + changed.count);
            for (int axis = 0; axis < 3; ++axis) {
                CHECK(b.position[axis] >= changed.box.min[axis] - margin);
                CHECK(b.position[axis] <= changed.box.max[axis] + margin);
            }
            ++checked;
        }
    }
    CHECK(checked > 100);
}

TEST_CASE("bleeding cells have unrelated seeds") {
    double sum = 0.0;
    int below = 0;
    for (std::uint64_t k = 0; k < 10000; ++k) {
        const float s = cellSeed(k);
        sum += s;
        below += s < 0.5f;
    }
    CHECK(sum / 10000.0 == doctest::Approx(0.5).epsilon(0.03));
    CHECK(below > 4700);
    CHECK(below < 5300);
}
