#include "core/coverage/density_field.h"
#include "core/coverage/vertex_density.h"
#include "core/coverage/zone_coverage.h"
#include "core/geometry/quad_mesh.h"
#include "core/geometry/random.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

#include <cmath>
#include <optional>

using namespace pinpoint::core;

namespace {

// A flat 40 x 40 mm sheet whose cells get finer toward +x (triangle size varies fourfold), or cut
// `finer` times finer everywhere.
SurfaceMesh unevenSheet(float finer = 1.0f) {
    std::vector<float> xs = {0};
    while (xs.back() < 40.0f) xs.push_back(xs.back() + (xs.back() < 20.0f ? 2.0f : 0.5f) / finer);
    std::vector<glm::vec3> corners;
    for (std::size_t i = 0; i + 1 < xs.size(); ++i)
        for (float y = 0; y < 40.0f; y += 1.0f / finer)
            corners.insert(corners.end(), {{xs[i], y, 0}, {xs[i + 1], y, 0}, {xs[i + 1], y + 1 / finer, 0}, {xs[i], y + 1 / finer, 0}});
    return triangulate(weldQuadCorners(corners, {}));
}

struct Sheet {
    SurfaceMesh mesh;
    TriangleAdjacency adjacency;
    DensityField field;
    explicit Sheet(SurfaceMesh m) : mesh(std::move(m)), adjacency(mesh) {
        field = DensityField(mesh, adjacency, std::vector<std::uint16_t>(mesh.triangleCount(), 0), {1}, DensityScales{});
    }
    // A pen puncture at (x, y) on the sheet.
    Puncture at(float x, float y) const {
        for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
            const glm::vec3 a = mesh.positions[mesh.triangles[t].a], b = mesh.positions[mesh.triangles[t].b],
                            c = mesh.positions[mesh.triangles[t].c];
            const float d = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
            const float u = ((x - a.x) * (c.y - a.y) - (c.x - a.x) * (y - a.y)) / d;
            const float v = ((b.x - a.x) * (y - a.y) - (x - a.x) * (b.y - a.y)) / d;
            if (u >= -1e-6f && v >= -1e-6f && u + v <= 1 + 1e-6f) {
                Puncture p;
                p.triangle = t;
                p.barycentric = {u, v};
                p.point = {x, y, 0};
                return p;
            }
        }
        FAIL("off the sheet");
        return {};
    }
};

// Punctures on a square grid `pitch` apart over the sheet, except where `skip` says.
template <class Skip>
PunctureTally grid(const Sheet& s, float pitch, Skip skip) {
    PunctureTally tally(s.field);
    for (float x = pitch / 2; x < 40.0f; x += pitch)
        for (float y = pitch / 2; y < 40.0f; y += pitch)
            if (!skip(x, y)) tally.add(s.at(x, y), true, false);
    return tally;
}

}  // namespace

TEST_CASE("density is punctures per cm² whatever the triangle sizes") {
    const Sheet sheet(unevenSheet());
    // 40,000 punctures spread uniformly over the 16 cm² sheet: 2,500 per cm².
    PunctureTally tally(sheet.field);
    SplitMix64 rng(3);
    for (int i = 0; i < 40000; ++i)
        tally.add(sheet.at(static_cast<float>(40.0 * rng.uniform()), static_cast<float>(40.0 * rng.uniform())), true, false);
    const SkinSamples& samples = sheet.field.samples(false);
    double coarse = 0, fine = 0, coarseArea = 0, fineArea = 0;
    for (std::uint32_t s = 0; s < samples.size(); ++s) {
        const glm::vec3 c = samples.position(s);
        if (c.y < 6 || c.y > 34 || c.x < 6 || c.x > 34) continue;  // away from the edges
        (c.x < 20 ? coarse : fine) += samples.weightMm2(s) * tally.densityPerCm2(false, s);
        (c.x < 20 ? coarseArea : fineArea) += samples.weightMm2(s);
    }
    CHECK(coarse / coarseArea == doctest::Approx(2500.0).epsilon(0.03));
    CHECK(fine / fineArea == doctest::Approx(2500.0).epsilon(0.03));
}

TEST_CASE("a puncture counts at its own sample and every sample within the radius of that one, nowhere else") {
    const Sheet sheet(unevenSheet());
    const SkinSamples& samples = sheet.field.samples(false);
    REQUIRE(samples.scale().radiusMm == 1.0);
    for (const glm::vec2 at : {glm::vec2(10.3f, 20.2f), glm::vec2(30.1f, 7.7f)}) {  // coarse and fine triangles
        PunctureTally tally(sheet.field);
        const Puncture p = sheet.at(at.x, at.y);
        tally.add(p, true, false);
        const std::uint32_t home = samples.containing(p.triangle, p.barycentric);
        CHECK(glm::distance(samples.position(home), p.point) <= 0.6f);  // the point of the sub-triangle it landed in
        std::size_t counted = 0;
        for (std::uint32_t s = 0; s < samples.size(); ++s) {
            const float d = glm::distance(samples.position(s), samples.position(home));
            CAPTURE(d);
            CHECK(tally.counts(false)[s] == (d <= 1.0f ? 1u : 0u));
            counted += tally.counts(false)[s];
            if (d <= 1.0f) CHECK(tally.densityPerCm2(false, s) == doctest::Approx(100.0 / samples.discAreaMm2(s)));
        }
        CHECK(counted >= 6);  // samples about 0.5 mm apart: around ten within 1 mm
        CHECK(counted <= 16);
        // A disc's area is the skin of its samples: about a 1 mm disc inside the sheet, about half at its edge.
        CHECK(samples.discAreaMm2(home) == doctest::Approx(3.14159).epsilon(0.25));
    }
    const Puncture edge = sheet.at(10.3f, 0.05f);
    const std::uint32_t out = samples.containing(edge.triangle, edge.barycentric);
    CHECK(samples.discAreaMm2(out) < 0.75 * 3.14159);
    CHECK(samples.edgeDistanceMm(out) == 0.0f);
    CHECK(samples.edgeDistanceMm(samples.containing(sheet.at(20.1f, 20.3f).triangle, sheet.at(20.1f, 20.3f).barycentric)) > 15.0f);
    // The roller is measured at its drum's coarser scale.
    CHECK(sheet.field.samples(true).scale().radiusMm == 2.5);
    CHECK(sheet.field.samples(true).size() < samples.size());
}

TEST_CASE("a 2 mm band of bare skin between two needled strips reads bare, on coarse and fine triangles alike") {
    const Sheet sheet(unevenSheet());
    const DensityTargets targets{1000.0, 4000.0};
    // 0.25 mm pitch: 1,600/cm² on the strips; nothing for 19 < y < 21.
    const PunctureTally tally = grid(sheet, 0.25f, [](float, float y) { return y > 19.0f && y < 21.0f; });
    const SkinSamples& samples = sheet.field.samples(false);
    for (std::uint32_t s = 0; s < samples.size(); ++s) {
        const glm::vec3 c = samples.position(s);
        if (c.x < 3 || c.x > 37) continue;
        const double d = tally.densityPerCm2(false, s);
        CAPTURE(c.x);
        CAPTURE(c.y);
        if (std::fabs(c.y - 20.0f) < 0.4f) CHECK(isBare(d, targets));  // the middle of the band
        if (std::fabs(c.y - 20.0f) < 0.9f) CHECK(d < targets.targetPerCm2);
        if (c.y > 3 && c.y < 37 && std::fabs(c.y - 20.0f) > 2.0f) CHECK(d >= targets.targetPerCm2);
    }
    // In the zone's figures: the band (2 mm of 40) shows as skin below the target and bare skin.
    const std::vector<const DensityTargets*> measured = {&targets};
    const ZoneCoverage band = zoneCoverage(tally, {0}, measured)[0];
    const ZoneCoverage whole = zoneCoverage(grid(sheet, 0.25f, [](float, float) { return false; }), {0}, measured)[0];
    CHECK(whole.coverage() - band.coverage() > 0.04);
    CHECK(band.bare() > 0.02);
    CHECK(whole.bare() < 0.005);
}

TEST_CASE("the heatmap draws a 2 mm bare band as bare where vertices lie in it, not as the mean of the triangles around") {
    // Cells 2 x 4 mm: vertices every 4 mm across the band, one row of them (y = 20) in its middle.
    std::vector<glm::vec3> corners;
    for (float x = 0; x < 40.0f; x += 2.0f)
        for (float y = 0; y < 40.0f; y += 4.0f)
            corners.insert(corners.end(), {{x, y, 0}, {x + 2, y, 0}, {x + 2, y + 4, 0}, {x, y + 4, 0}});
    const Sheet sheet(triangulate(weldQuadCorners(corners, {})));
    const DensityTargets targets{1000.0, 4000.0};
    const PunctureTally tally = grid(sheet, 0.25f, [](float, float y) { return y > 19.0f && y < 21.0f; });
    const std::vector<float> drawn = drawnVertexDensity(sheet.mesh, tally, {0});
    // What the heatmap drew before: each vertex the area-weighted mean of the triangles around it.
    const std::vector<double> perTriangle = drawnDensity(tally, {0});
    std::vector<double> sum(sheet.mesh.vertexCount(), 0.0), weight(sheet.mesh.vertexCount(), 0.0);
    for (std::size_t t = 0; t < sheet.mesh.triangleCount(); ++t)
        for (std::uint32_t v : {sheet.mesh.triangles[t].a, sheet.mesh.triangles[t].b, sheet.mesh.triangles[t].c}) {
            sum[v] += triangleAreaMm2(sheet.mesh, t) * perTriangle[t];
            weight[v] += triangleAreaMm2(sheet.mesh, t);
        }
    const auto meanAround = [&](std::size_t v) { return weight[v] > 0.0 ? sum[v] / weight[v] : 0.0; };
    int inBand = 0;
    for (std::size_t v = 0; v < drawn.size(); ++v) {
        const glm::vec3 p = sheet.mesh.positions[v];
        if (p.x < 4 || p.x > 36) continue;
        CAPTURE(p.x);
        CAPTURE(p.y);
        if (p.y == 20.0f) {
            ++inBand;
            CHECK(isBare(drawn[v], targets));
            CHECK(meanAround(v) >= 0.9 * targets.targetPerCm2);  // what a mean over 8 mm of skin showed
        } else if (p.y >= 8.0f && p.y <= 32.0f) {
            CHECK(drawn[v] >= targets.targetPerCm2);
        }
    }
    CHECK(inBand >= 15);
}

TEST_CASE("the same punctures on a sheet cut four times finer give the same coverage") {
    const Sheet coarse(unevenSheet()), fine(unevenSheet(2.0f));
    REQUIRE(fine.mesh.triangleCount() == 4 * coarse.mesh.triangleCount());
    const DensityTargets targets{1000.0, 4000.0};
    const std::vector<const DensityTargets*> measured = {&targets};
    // Lines 0.8 mm apart (1,500/cm² along them), with bands of 3 mm missed every 10 mm.
    const auto skip = [](float, float y) { return std::fmod(y, 10.0f) < 3.0f; };
    const ZoneCoverage a = zoneCoverage(grid(coarse, 0.8f, skip), {0}, measured)[0];
    const ZoneCoverage b = zoneCoverage(grid(fine, 0.8f, skip), {0}, measured)[0];
    CHECK(a.areaMm2 == doctest::Approx(b.areaMm2));
    CHECK(a.coverage() == doctest::Approx(b.coverage()).epsilon(0.02));
    CHECK(a.bare() == doctest::Approx(b.bare()).epsilon(0.05));
    CHECK(a.coverage() < 0.8);
}

TEST_CASE("the drawn density of a triangle is the mean of its samples - unsampled skin shows its own punctures") {
    Sheet sheet(unevenSheet());
    std::vector<std::uint16_t> areas(sheet.mesh.triangleCount(), 0);
    const Puncture p = sheet.at(30.2f, 30.3f);
    areas[p.triangle] = 1;  // a forbidden spot: not measured
    sheet.field = DensityField(sheet.mesh, sheet.adjacency, areas, {1, 0}, DensityScales{});
    PunctureTally tally(sheet.field);
    for (int i = 0; i < 5; ++i) tally.add(p, true, false);
    const std::vector<double> drawn = drawnDensity(tally, {0, 0});
    CHECK(drawn[p.triangle] == doctest::Approx(500.0 / triangleAreaMm2(sheet.mesh, p.triangle)));
    CHECK(sheet.field.samples(false).countOf(p.triangle) == 0);
}

