#include "sim_fixture.h"

#include "core/sim/demo_session.h"

#include <glm/geometric.hpp>

#include <cstring>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {
glm::vec3 forehead() { return world().skinAt({0, 1595, 400}, kFront); }
}  // namespace

TEST_CASE("pen: punctures = strokes per second x pins x contact time, within one stroke") {
    const glm::vec3 p = forehead();
    for (auto [cartridge, hz, seconds] : {std::tuple{"12pin", 100.0, 2.0}, std::tuple{"9pin", 90.0, 1.37},
                                          std::tuple{"36pin", 120.0, 0.5}}) {
        CAPTURE(cartridge);
        std::vector<core::SessionEvent> events = {pen(0, cartridge, 0.5, hz)};
        contact(events, 0.0, seconds, p, p);
        events.push_back(lift(seconds + 0.01, p));
        const auto out = simulate(events);
        const double pins = static_cast<double>(world().tools.findCartridge(cartridge)->pinsMm.size());
        const double expected = hz * pins * seconds;
        CHECK(std::abs(static_cast<double>(out.punctures.size()) - expected) <= pins);
        CHECK(out.contactSeconds == doctest::Approx(seconds));
    }
}

TEST_CASE("pen: the stroke clock starts at the tool event, not at each touch") {
    const glm::vec3 p = forehead();
    // 10 Hz from t = 0: strokes at 0.0, 0.1, ...; contact from 0.05 to 0.45 holds strokes 0.1 - 0.4.
    std::vector<core::SessionEvent> events = {pen(0, "9pin", 0.5, 10.0)};
    contact(events, 0.05, 0.4, p, p);
    events.push_back(lift(0.5, p));
    const auto out = simulate(events);
    CHECK(out.strokes == 4);
    REQUIRE(out.punctures.size() == 4 * 9);
    CHECK(out.punctures.front().t == doctest::Approx(0.1));
}

TEST_CASE("pen: every puncture lies on the skin, in the zone touched, at the set depth, needles perpendicular") {
    const glm::vec3 p = forehead();
    std::vector<core::SessionEvent> events = {pen(0, "16pin", 0.35, 100.0)};
    contact(events, 0.0, 0.5, p, p + glm::vec3(10, 0, 0));
    const auto out = simulate(events);
    REQUIRE(out.punctures.size() > 500);
    const std::size_t foreheadArea = world().area("forehead");
    for (const core::Puncture& x : out.punctures) {
        REQUIRE(x.area == foreheadArea);
        REQUIRE(x.depthUm == 350);
        REQUIRE(x.angleDeg < 10.0f);
        const glm::vec3 onTriangle = core::pointOnTriangle(world().head.mesh(), x.triangle, x.barycentric);
        REQUIRE(glm::length(onTriangle - x.point) < 1e-3f);
    }
}

TEST_CASE("pen: a tilted needle axis is measured as an angle to the skin") {
    const glm::vec3 p = forehead();
    const auto hit = world().surface->bvh.closestPoint(p, 1.0f);
    REQUIRE(hit.has_value());
    const glm::vec3 n = core::normalOnTriangle(world().head.mesh(), hit->triangle, hit->barycentric);
    const glm::vec3 sideways = glm::normalize(glm::cross(n, glm::vec3(0, 1, 0)));
    const glm::dvec3 tilted = glm::dvec3(-n * std::cos(0.5236f) + sideways * std::sin(0.5236f));  // 30 degrees off
    std::vector<core::SessionEvent> events = {pen(0, "12pin", 0.5, 100.0)};
    contact(events, 0.0, 0.2, p, p, tilted);
    const auto out = simulate(events);
    REQUIRE(!out.punctures.empty());
    double mean = 0.0;
    for (const auto& x : out.punctures) mean += x.angleDeg;
    mean /= static_cast<double>(out.punctures.size());
    CHECK(mean == doctest::Approx(30.0).epsilon(0.15));
}

TEST_CASE("a needle into an eye or the red of the lip is a forbidden puncture") {
    const glm::vec3 eye = world().skinAt({30, 1552, 400}, kFront);
    const glm::vec3 lip = world().skinAt({0, 1484, 400}, kFront);
    for (auto [where, name] : {std::pair{eye, "eyes"}, std::pair{lip, "lip_vermilion"}}) {
        CAPTURE(name);
        const auto out = simulate({pen(0, "9pin", 0.25, 50.0), touch(0, where), touch(0.1, where)});
        REQUIRE(!out.punctures.empty());
        const auto m = world().measure(out);
        std::size_t inArea = 0;
        for (const auto& [area, count] : m.forbiddenByArea)
            if (area == name) inArea = count;
        CHECK(inArea > 0);
        CHECK(m.forbiddenPunctures >= inArea);
    }
}

TEST_CASE("a contact pose far from the skin is reported, not punctured") {
    const glm::vec3 p = forehead() + glm::vec3(0, 0, 20);  // 20 mm in front of the forehead
    const auto out = simulate({pen(0, "12pin", 0.5, 100.0), touch(0, p), touch(1.0, p)});
    CHECK(out.punctures.empty());
    CHECK(out.offSkinPoses == 2);
    REQUIRE(!out.offSkinExamples.empty());
    CHECK(out.offSkinExamples[0].distanceMm == doctest::Approx(20.0).epsilon(0.1));
}

TEST_CASE("roller: one row per row spacing rolled, once the drum has its heading - no rolling, no new punctures") {
    const core::Roller& drum = *world().tools.findRollerByNeedles(192);
    const glm::vec3 start = world().skinAt({-25, 1590, 400}, kFront);
    const glm::vec3 end = world().skinAt({25, 1590, 400}, kFront);
    std::vector<core::SessionEvent> events = {roller(0, 192, 0.5)};
    const int steps = 100;
    double rolled = 0.0;
    glm::vec3 previous = start;
    for (int i = 0; i <= steps; ++i) {
        const float x = -25.0f + 50.0f * i / steps;
        const glm::vec3 p = world().skinAt({x, 1590, 400}, kFront);
        rolled += glm::length(p - previous);
        previous = p;
        events.push_back(touch(0.01 * i, p));
    }
    events.push_back(lift(1.1, end));
    const auto out = simulate(events);
    // The heading is taken after 1.5 mm of travel (three 0.5 mm steps); the rolling counts from there.
    const auto expectedRows = static_cast<std::size_t>((rolled - 1.0) / drum.rowSpacingMm());
    CHECK(out.rollerRows >= expectedRows - 1);
    CHECK(out.rollerRows <= expectedRows);
    CHECK(out.punctures.size() <= expectedRows * drum.rings);
    CHECK(out.punctures.size() >= expectedRows * drum.rings * 9 / 10);

    // Put down and held still: no row at all (pressing is not rolling).
    std::vector<core::SessionEvent> held = {roller(0, 192, 0.5)};
    contact(held, 0.0, 2.0, start, start);
    held.push_back(lift(2.1, start));
    const auto still = simulate(held);
    CHECK(still.rollerRows == 0);
    CHECK(still.punctures.empty());
}

TEST_CASE("the same events give the same punctures, bit for bit") {
    core::DemoOptions options;
    options.zones = {"nose"};
    const core::Session demo = core::makeDemoSession(*world().surface, world().tools, world().rubric, options);
    const auto a = core::simulateSession(*world().surface, world().tools, demo);
    const auto b = core::simulateSession(*world().surface, world().tools, demo);
    REQUIRE(a.punctures.size() == b.punctures.size());
    REQUIRE(!a.punctures.empty());
    for (std::size_t i = 0; i < a.punctures.size(); ++i) {
        const auto& x = a.punctures[i];
        const auto& y = b.punctures[i];
        REQUIRE(std::memcmp(&x.t, &y.t, sizeof x.t) == 0);
        REQUIRE(x.triangle == y.triangle);
        REQUIRE(std::memcmp(&x.point, &y.point, sizeof x.point) == 0);
        REQUIRE(std::memcmp(&x.barycentric, &y.barycentric, sizeof x.barycentric) == 0);
        REQUIRE(x.angleDeg == y.angleDeg);
    }
}

TEST_CASE("a demo session on a zone covers that zone well, at the right depth, in crossing passes, and no other") {
    // The footprint never spills onto forbidden or thinner skin, so a zone's edge bordering one gets
    // only part of the footprint: that is the coverage a careful practitioner leaves there.
    for (auto [zone, minimum] : {std::pair{"forehead", 0.9}, std::pair{"cheek_left", 0.85}, std::pair{"nose", 0.7}}) {
        CAPTURE(zone);
        core::DemoOptions options;
        options.zones = {zone};
        const core::Session demo = core::makeDemoSession(*world().surface, world().tools, world().rubric, options);
        const auto m = world().measure(core::simulateSession(*world().surface, world().tools, demo));
        std::size_t inZone = 0;
        for (const auto& z : m.zones) {
            if (z.name == zone) {
                CHECK(z.coverage > minimum);
                CHECK(z.overTreated < 0.02);
                CHECK(z.depthInRange == doctest::Approx(1.0));
                CHECK(z.directions >= 2);
                CHECK(z.meanAngleDeg < 10.0);
                inZone = z.punctures;
            } else {
                CHECK(z.coverage < 0.1);
            }
        }
        CHECK(m.forbiddenPunctures < m.totalPunctures / 100);
        CHECK(inZone > m.totalPunctures * 8 / 10);
    }
}

TEST_CASE("a roller demo reaches the roller's target with several passes") {
    core::DemoOptions options;
    options.zones = {"forehead"};
    options.tool = core::ToolKind::Roller;
    const core::Session demo = core::makeDemoSession(*world().surface, world().tools, world().rubric, options);
    const auto m = world().measure(core::simulateSession(*world().surface, world().tools, demo));
    for (const auto& z : m.zones)
        if (z.name == "forehead") {
            CHECK(z.roller);
            CHECK(z.density.targetPerCm2 == world().rubric.roller.targetPerCm2);
            CHECK(z.coverage > 0.6);  // a 20 mm drum cannot work close to the eyes
            CHECK(z.depthInRange == doctest::Approx(1.0));
        }
}

TEST_CASE("a puncture's area is the zone rules' answer at its point, whichever triangle a border crosses") {
    // The locator tests only the rules that may match on a crossed triangle (zone_rules.h): on every
    // such triangle of the real head, points spread over it get exactly what all the rules give.
    const core::Head& head = world().head;
    const core::AreaLocator& locator = world().surface->areas;
    const core::SurfaceMesh& mesh = head.mesh();
    std::size_t crossed = 0, points = 0, notLabel = 0;
    for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
        if (!locator.crossedByBorder(t)) continue;
        ++crossed;
        const auto& tri = mesh.triangles[t];
        const glm::vec3 a = mesh.positions[tri.a], b = mesh.positions[tri.b], c = mesh.positions[tri.c];
        const core::SurfacePart part = t < head.geometry.parts.size() ? head.geometry.parts[t] : core::SurfacePart::Skin;
        constexpr int kSteps = 8;
        for (int i = 0; i <= kSteps; ++i)
            for (int j = 0; i + j <= kSteps; ++j) {
                const float u = static_cast<float>(i) / kSteps, v = static_cast<float>(j) / kSteps;
                const glm::vec3 p = a + u * (b - a) + v * (c - a);
                const auto all = core::areaAt(head.zoneFile.zones, p, locator.normal(t), part);
                const std::uint16_t expected = all ? static_cast<std::uint16_t>(*all) : head.labels.areaOfTriangle[t];
                ++points;
                notLabel += expected != head.labels.areaOfTriangle[t];
                if (locator.areaAt(t, p) != expected) FAIL_CHECK("triangle " << t << " point " << i << "," << j);
            }
    }
    CHECK(crossed > 100);
    CHECK(notLabel > 0);  // the points do cross borders
    MESSAGE(crossed << " crossed triangles, " << points << " points");
}
