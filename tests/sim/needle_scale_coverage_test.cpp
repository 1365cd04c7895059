// Issue 20: coverage at the needles' scale, whatever the mesh. Each case failed on the coverage
// measured over patches of about one triangle: a 2 mm bare band was partly hidden, rows laid far
// apart cost about 2 points, and seed 000's roller routine fell short of the roller's target.
#include "scoring_fixture.h"

#include "core/coverage/zone_coverage.h"
#include "core/sim/demo_session.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <map>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

const core::ZoneMeasurement& zone(const core::TreatmentMeasurement& m, const std::string& name) {
    for (const auto& z : m.zones)
        if (z.name == name) return z;
    FAIL("no zone " << name);
    return m.zones.front();
}

// Pen punctures laid by hand on a 0.25 mm grid (seen from the front) over the forehead, 1,600/cm²
// seen from the front, except where `skip(y)` says.
template <class Skip>
core::SimulationOutput layForehead(Skip skip) {
    core::SimulationOutput out;
    const std::uint16_t forehead = static_cast<std::uint16_t>(world().area("forehead"));
    for (float x = -60.0f; x <= 60.0f; x += 0.25f)
        for (float y = 1560.0f; y <= 1640.0f; y += 0.25f) {
            if (skip(y)) continue;
            const auto hit = world().surface->bvh.castRay({x, y, 400.0f}, kFront);
            if (!hit || world().head.labels.areaOfTriangle[hit->triangle] != forehead) continue;
            core::Puncture p;
            p.triangle = hit->triangle;
            p.barycentric = hit->barycentric;
            p.point = hit->point;
            p.area = forehead;
            p.depthUm = 400;
            out.punctures.push_back(p);
        }
    return out;
}

// The head with every triangle split in four at its edges' midpoints: the same surface, four times
// the triangles, each labelled as the triangle it came from.
core::Head subdivided(const core::Head& head) {
    core::Head out;
    out.source = head.source;
    out.zoneFile = head.zoneFile;
    const core::SurfaceMesh& m = head.mesh();
    core::SurfaceMesh& s = out.geometry.mesh;
    s.positions = m.positions;
    s.normals = m.normals;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> midpoints;
    const auto mid = [&](std::uint32_t a, std::uint32_t b) {
        const auto key = std::minmax(a, b);
        if (auto it = midpoints.find(key); it != midpoints.end()) return it->second;
        const auto v = static_cast<std::uint32_t>(s.positions.size());
        s.positions.push_back(0.5f * (m.positions[a] + m.positions[b]));
        s.normals.push_back(glm::normalize(m.normals[a] + m.normals[b]));
        midpoints[key] = v;
        return v;
    };
    for (std::size_t t = 0; t < m.triangleCount(); ++t) {
        const core::Triangle& tri = m.triangles[t];
        const std::uint32_t ab = mid(tri.a, tri.b), bc = mid(tri.b, tri.c), ca = mid(tri.c, tri.a);
        for (core::Triangle piece : {core::Triangle{tri.a, ab, ca}, core::Triangle{ab, tri.b, bc}, core::Triangle{ca, bc, tri.c},
                                     core::Triangle{ab, bc, ca}}) {
            s.triangles.push_back(piece);
            if (!head.geometry.parts.empty()) out.geometry.parts.push_back(head.geometry.parts[t]);
            out.labels.areaOfTriangle.push_back(head.labels.areaOfTriangle[t]);
        }
    }
    return out;
}

// Coverage and bare skin over the middle of a zone, where a device can be worked both ways (a 20 mm
// drum cannot roll up to the hairline or the eye without spilling onto them): the zone's samples more
// than `marginMm` from its edge.
struct Middle {
    double coverage = 0.0, bare = 0.0;
};
Middle middleOf(const core::SimulationOutput& sim, const std::string& name, float marginMm) {
    const std::size_t area = world().area(name);
    const std::vector<char> roller = core::rollerAreas(world().density, sim.punctures);
    const core::PunctureTally tally = core::tallyPunctures(world().density, sim.punctures);
    const bool rolled = roller[area] != 0;
    const core::SkinSamples& samples = world().density.samples(rolled);
    const core::DensityTargets& targets = world().rubric.density(rolled);
    double all = 0.0, covered = 0.0, bare = 0.0;
    for (std::uint32_t s = 0; s < samples.size(); ++s) {
        if (samples.area(s) != area || samples.edgeDistanceMm(s) <= marginMm) continue;
        const double d = tally.densityPerCm2(rolled, s), w = samples.weightMm2(s);
        all += w;
        covered += d >= targets.targetPerCm2 ? w : 0.0;
        bare += core::isBare(d, targets) ? w : 0.0;
    }
    REQUIRE(all > 100.0);
    return {covered / all, bare / all};
}

core::Scenario planFor(bool roller, const std::vector<std::string>& zones) {
    core::Scenario s = planScenario();
    s.allowedTools = {roller ? "roller" : "pen"};
    for (auto& z : s.zones) {
        z.treat = std::find(zones.begin(), zones.end(), z.zone) != zones.end();
        z.density = roller ? world().rubric.roller : world().rubric.pen;
    }
    return s;
}

}  // namespace

TEST_CASE("a 2 mm band of bare skin across the forehead reads bare: in coverage, bare skin and the largest gap") {
    const core::ZoneMeasurement whole = zone(world().measure(layForehead([](float) { return false; })), "forehead");
    const core::ZoneMeasurement band =
        zone(world().measure(layForehead([](float y) { return y > 1594.0f && y < 1596.0f; })), "forehead");
    MESSAGE("coverage " << whole.coverage << " -> " << band.coverage << ", bare " << whole.bare << " -> " << band.bare
                        << ", largest gap " << whole.largestGapCm2 << " -> " << band.largestGapCm2 << " cm2");
    // The band is some 12 cm long and 2 mm high: about 2.4 cm², roughly 4% of the forehead.
    CHECK(whole.largestGapCm2 < 0.2);
    CHECK(band.largestGapCm2 > 0.6);
    CHECK(band.largestGapCm2 < 3.0);
    CHECK(whole.coverage - band.coverage > 0.025);
    CHECK(band.bare - whole.bare > 0.01);
    CHECK(whole.evenness > band.evenness);
}

TEST_CASE("the same session on the head subdivided once more gives the same coverage per zone (within 2 points)") {
    static const core::Head fine = subdivided(world().head);
    REQUIRE(fine.mesh().triangleCount() == 4 * world().head.mesh().triangleCount());
    const core::TreatmentSurface fineSurface(fine);
    const core::DensityField fineField = core::measurementField(fine, fineSurface.adjacency, world().rubric);
    for (const bool sloppy : {false, true}) {
        core::SloppyPractice practice;
        if (sloppy) practice.rowSpacingMm = 9.0;
        const core::Session session =
            core::makeScenarioDemo(*world().surface, world().tools, world().rubric, planScenario(), practice);
        const auto coarse = world().measure(core::simulateSession(*world().surface, world().tools, session));
        const auto finer = core::measureTreatment(fine, fineField, world().rubric, core::Indication::Rejuvenation,
                                                  core::simulateSession(fineSurface, world().tools, session));
        for (const char* name : {"forehead", "cheek_left"}) {
            CAPTURE(name);
            CAPTURE(sloppy);
            const auto &a = zone(coarse, name), &b = zone(finer, name);
            MESSAGE((std::string(name) + (sloppy ? " (rows 9 mm apart)" : "")) << ": coverage " << a.coverage << " / " << b.coverage
                         << ", bare " << a.bare << " / " << b.bare);
            CHECK(a.areaCm2 == doctest::Approx(b.areaCm2).epsilon(0.001));
            CHECK(std::fabs(a.coverage - b.coverage) <= 0.02);
            CHECK(std::fabs(a.bare - b.bare) <= 0.02);
        }
    }
}

TEST_CASE("rows twice the device's width apart score at least 5 points below careful crossing passes") {
    for (const bool roller : {false, true})
        for (const char* name : {"forehead", "cheek_left"}) {
            CAPTURE(roller);
            CAPTURE(name);
            const core::Scenario s = planFor(roller, {name});
            const double width = roller ? world().tools.findRollerByNeedles(192)->drumWidthMm
                                        : world().tools.findCartridge("12pin")->footprintDiameterMm;
            core::SloppyPractice rows;
            rows.rowSpacingMm = 2.0 * width;
            const Graded careful = gradeDemo(s), apart = gradeDemo(s, rows);
            const auto& c = zone(careful.result.measurement, name);
            const auto& a = zone(apart.result.measurement, name);
            MESSAGE((std::string(roller ? "roller " : "pen ") + name) << ": careful " << careful.result.score << " (coverage " << c.coverage
                                                  << ", bare " << c.bare << ", " << c.punctures << " punctures), rows "
                                                  << rows.rowSpacingMm << " mm apart " << apart.result.score << " (coverage "
                                                  << a.coverage << ", bare " << a.bare << ", " << a.punctures << " punctures)");
            // A 20 mm drum reaches little of a cheek's edges: careful rolling there covers about 60%.
            if (!roller) CHECK(careful.result.passed);
            CHECK(careful.result.criticalErrors.empty());
            // About the same needling: within a quarter of the careful session's punctures.
            CHECK(std::fabs(static_cast<double>(a.punctures) - static_cast<double>(c.punctures)) < 0.25 * static_cast<double>(c.punctures));
            CHECK(apart.result.score <= careful.result.score - 5.0);
        }
}

TEST_CASE("seed 000's roller routine reaches the roller's target: 4 passes each way, vertical and horizontal") {
    // ../shared/sources/000_c03139380fd14c30.txt: roll each area vertically, then horizontally, 4 or 5
    // times in each direction (8-10 passes) with the 192-needle drum.
    for (const char* name : {"forehead", "cheek_left"}) {
        CAPTURE(name);
        core::DemoOptions options;
        options.zones = {name};
        options.tool = core::ToolKind::Roller;
        options.passesPerDirection = 4;
        const core::Session routine = core::makeDemoSession(*world().surface, world().tools, world().rubric, options);
        const core::SimulationOutput sim = core::simulateSession(*world().surface, world().tools, routine);
        const core::TreatmentMeasurement m = world().measure(sim);
        const auto& z = zone(m, name);
        // Where the drum rolled both ways: the middle of the zone, half a drum's width from its edges.
        const Middle middle = middleOf(sim, name, 12.0f);
        MESSAGE(std::string(name) << ": mean " << z.densityMeanPerCm2 << "/cm2, coverage " << z.coverage << " (middle " << middle.coverage
                     << "), bare " << z.bare << " (middle " << middle.bare << ")");
        CHECK(z.roller);
        CHECK(z.densityMeanPerCm2 < 200.0);  // the drum's physics unchanged: 8 passes, not 15
        CHECK(middle.coverage >= 0.9);
        CHECK(middle.bare <= 0.01);
    }
}

TEST_CASE("a pen's two crossing passes at the stroke rates clinical.md gives reach the pen's target") {
    // clinical.md: Dermapen about 90 Hz, Dermapen MD about 110 Hz, SkinPen about 117 strokes/s.
    for (const double hz : {90.0, 110.0, 117.0})
        for (const char* name : {"forehead", "cheek_left"}) {
            CAPTURE(hz);
            CAPTURE(name);
            core::DemoOptions options;
            options.zones = {name};
            options.speedHz = hz;
            options.passesPerDirection = 1;
            const core::Session passes = core::makeDemoSession(*world().surface, world().tools, world().rubric, options);
            const core::SimulationOutput sim = core::simulateSession(*world().surface, world().tools, passes);
            const core::TreatmentMeasurement m = world().measure(sim);
        const auto& z = zone(m, name);
            const Middle middle = middleOf(sim, name, 5.0f);
            MESSAGE(std::string(name) << " at " << hz << " Hz: coverage " << z.coverage << " (middle " << middle.coverage << "), bare " << z.bare);
            CHECK(z.coverage >= 0.85);
            CHECK(middle.coverage >= 0.95);
            CHECK(middle.bare <= 0.01);
        }
}
