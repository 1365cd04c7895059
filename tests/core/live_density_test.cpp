#include "core/coverage/density_field.h"
#include "core/coverage/live_density.h"
#include "core/coverage/vertex_density.h"
#include "core/geometry/quad_mesh.h"
#include "core/geometry/random.h"

#include <doctest/doctest.h>
#include <glm/vector_relational.hpp>

using namespace pinpoint::core;

TEST_CASE("live density grows puncture by puncture to the numbers a whole tally gives") {
    std::vector<glm::vec3> corners;
    for (float x = 0; x < 30.0f; x += 1.5f)
        for (float y = 0; y < 30.0f; y += 1.0f)
            corners.insert(corners.end(), {{x, y, 0}, {x + 1.5f, y, 0}, {x + 1.5f, y + 1, 0}, {x, y + 1, 0}});
    const SurfaceMesh sheet = triangulate(weldQuadCorners(corners, {}));
    const TriangleAdjacency adjacency(sheet);
    const DensityField field(sheet, adjacency, std::vector<std::uint16_t>(sheet.triangleCount(), 0), {1}, DensityScales{});
    LiveDensity live(sheet, field);
    std::vector<Puncture> punctures;
    SplitMix64 rng(7);
    for (int i = 0; i < 300; ++i) {
        Puncture p;
        p.triangle = static_cast<std::uint32_t>(rng.uniform() * 0.4 * static_cast<double>(sheet.triangleCount()));
        const float u = static_cast<float>(rng.uniform()), v = static_cast<float>(rng.uniform()) * (1.0f - u);
        p.barycentric = {u, v};
        p.point = pointOnTriangle(sheet, p.triangle, p.barycentric);
        p.tool = i > 200 ? ToolKind::Roller : ToolKind::Pen;  // pen first: the sheet is measured as a pen's
        punctures.push_back(p);
        live.add(p);
    }
    const std::vector<char> roller = rollerAreas(field, punctures);
    CHECK(roller[0] == 0);
    const std::vector<double> expected = drawnDensity(tallyPunctures(field, punctures), roller);
    for (std::size_t t = 0; t < expected.size(); ++t) REQUIRE(live.densityPerTriangle()[t] == doctest::Approx(expected[t]));
    const std::vector<float> vertices = drawnVertexDensity(sheet, tallyPunctures(field, punctures), roller);
    for (std::size_t v = 0; v < vertices.size(); ++v) REQUIRE(live.vertexDensity()[v] == doctest::Approx(vertices[v]));
    // Under the tool: the density of the sample there.
    const Puncture& last = punctures.back();
    const std::uint32_t s = field.samples(false).containing(last.triangle, last.barycentric);
    CHECK(live.densityAt(last.triangle, last.barycentric) == doctest::Approx(live.tally().densityPerCm2(false, s)));

    // The points the heatmap colours each pixel by: the whole tally's, at the scale the sheet is measured as.
    const DrawnSamples points = drawnSamples(tallyPunctures(field, punctures), roller);
    REQUIRE(live.sampleDensity().size() == points.density.size());
    std::size_t needled = 0;
    for (std::uint32_t q = 0; q < field.samples(false).size(); ++q) {
        REQUIRE(live.sampleDensity()[q] == doctest::Approx(points.density[q]));
        needled += points.density[q] > 0.0f ? 1 : 0;
    }
    CHECK(needled > 0);

    const VertexRange changed = live.takeChangedVertices();
    CHECK(changed.count > 0);
    // Every point shown (the pen's: the sheet is measured as the pen's) whose density is not zero lies
    // in the changed range, which holds none of the roller's points (not shown).
    for (std::size_t q = 0; q < field.samples(false).size(); ++q)
        if (live.sampleDensity()[q] != 0.0f) REQUIRE((changed.sampleFirst <= q && q < changed.sampleFirst + changed.sampleCount));
    CHECK(changed.sampleFirst + changed.sampleCount <= field.samples(false).size());
    CHECK(changed.count < vertices.size());  // the untouched part of the sheet is not re-sent
    // The box holds every vertex whose density is not zero (all of them changed).
    for (std::size_t v = 0; v < vertices.size(); ++v) {
        if (vertices[v] == 0.0f) continue;
        CHECK(glm::all(glm::greaterThanEqual(sheet.positions[v], changed.box.min)));
        CHECK(glm::all(glm::lessThanEqual(sheet.positions[v], changed.box.max)));
    }
    const Bounds whole = meshBounds(sheet);
    const glm::vec3 boxSize = changed.box.max - changed.box.min, sheetSize = whole.max - whole.min;
    CHECK((boxSize.x < sheetSize.x || boxSize.y < sheetSize.y));  // only part of the sheet
    CHECK(live.takeChangedVertices().count == 0);
    CHECK(live.revision() == 300);

    // Once most of the punctures are the roller's, the sheet is drawn at the roller's scale.
    for (int i = 0; i < 200; ++i) {
        Puncture p = punctures[static_cast<std::size_t>(i)];
        p.tool = ToolKind::Roller;
        punctures.push_back(p);
        live.add(p);
    }
    const std::vector<char> now = rollerAreas(field, punctures);
    CHECK(now[0] == 1);
    const std::vector<double> rolled = drawnDensity(tallyPunctures(field, punctures), now);
    for (std::size_t t = 0; t < rolled.size(); ++t) REQUIRE(live.densityPerTriangle()[t] == doctest::Approx(rolled[t]));
    // The turn sends the roller's points: all of them that hold punctures, at the whole tally's numbers.
    const VertexRange turned = live.takeChangedVertices();
    const DrawnSamples rolledPoints = drawnSamples(tallyPunctures(field, punctures), now);
    const std::size_t penPoints = field.samples(false).size();
    for (std::size_t q = penPoints; q < rolledPoints.density.size(); ++q) {
        REQUIRE(live.sampleDensity()[q] == doctest::Approx(rolledPoints.density[q]));
        if (rolledPoints.density[q] != 0.0f) REQUIRE((turned.sampleFirst <= q && q < turned.sampleFirst + turned.sampleCount));
    }
}
