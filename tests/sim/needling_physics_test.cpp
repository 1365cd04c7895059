// Issue 10, "physics that cannot be gamed": each case here failed on the simulation before it was
// fixed (a pause needled, a pen pointing out of the skin punctured, a roller pressed up and down laid
// rows, settings applied backwards, a float depth missed its range's edge).
#include "sim_fixture.h"

#include "core/session/session_file.h"
#include "core/sim/demo_session.h"

#include <glm/geometric.hpp>

#include <cmath>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

glm::vec3 forehead() { return world().skinAt({0, 1595, 400}, kFront); }

// A point well inside an area: the roller-scale sample with the most of the area's own skin around
// it (a sample's disc stays inside its zone).
glm::vec3 insideArea(const std::string& name) {
    const std::size_t area = world().area(name);
    const core::SkinSamples& samples = world().density.samples(true);
    std::uint32_t best = 0;
    float bestArea = -1.0f;
    for (std::uint32_t s = 0; s < samples.size(); ++s)
        if (samples.area(s) == area && samples.discAreaMm2(s) > bestArea) {
            bestArea = samples.discAreaMm2(s);
            best = s;
        }
    return samples.position(best);
}

glm::vec3 normalAt(glm::vec3 p) {
    const auto hit = world().surface->bvh.closestPoint(p, 1.0f);
    REQUIRE(hit.has_value());
    return core::normalOnTriangle(world().head.mesh(), hit->triangle, hit->barycentric);
}

// Contact poses every 1/120 s (as the recorder writes them) from `a` to `b` over `seconds`.
void stroke(std::vector<core::SessionEvent>& events, double t0, double seconds, glm::vec3 a, glm::vec3 b,
            glm::vec3 facing = kFront) {
    const int n = std::max(1, static_cast<int>(std::lround(seconds * 120.0)));
    for (int i = 0; i <= n; ++i) {
        const float f = static_cast<float>(i) / static_cast<float>(n);
        const glm::vec3 aim = a + f * (b - a);
        events.push_back(touch(t0 + seconds * f, world().skinAt(aim - 100.0f * facing, facing)));
    }
    events.push_back(lift(t0 + seconds + 0.01, b));
}

}  // namespace

TEST_CASE("depth: a setting on the edge of a zone's range is in range (0.3 mm under the eye, range 0.2-0.3 mm)") {
    const glm::vec3 p = insideArea("periorbital_left");
    const auto out = simulate({pen(0, "9pin", 0.3, 100.0), touch(0, p), touch(0.05, p), lift(0.06, p)});
    REQUIRE(!out.punctures.empty());
    for (const auto& x : out.punctures) REQUIRE(x.depthUm == 300);
    const auto m = world().measure(out);
    bool found = false;
    for (const auto& z : m.zones)
        if (z.name == "periorbital_left") {
            found = z.punctures > 0;
            CHECK(z.depthRange.contains(core::toMicrometres(0.3)));
            CHECK(z.depthInRange == 1.0);
            CHECK(z.depth.maxMm() == 0.3);
            CHECK(z.worstDepthExcessUm == 0);
        }
    CHECK(found);
    // Edges belong to the range, on both sides; one micrometre beyond does not.
    const core::DepthRange range{0.2, 0.3};
    CHECK(range.contains(200));
    CHECK(range.contains(300));
    CHECK_FALSE(range.contains(199));
    CHECK_FALSE(range.contains(301));
    CHECK(core::toMicrometres(0.1 + 0.2) == 300);  // 0.30000000000000004 mm is 300 micrometres
}

TEST_CASE("a pause between two contact poses needles nothing: longer than the stall limit is a lift") {
    const glm::vec3 p = forehead();
    // Two contact poses 60 s apart on one spot used to make 72,000 punctures.
    const auto paused = simulate({pen(0, "12pin", 0.5, 100.0), touch(0, p), touch(60.0, p), lift(60.01, p)});
    CHECK(paused.punctures.empty());
    CHECK(paused.contactGaps == 1);
    CHECK(paused.contactSeconds == 0.0);
    // Held still with the recorder writing poses: the pen keeps stroking (a dwell is needling).
    std::vector<core::SessionEvent> held = {pen(0, "12pin", 0.5, 100.0)};
    stroke(held, 0.0, 1.0, p, p);
    const auto dwell = simulate(held);
    CHECK(dwell.contactGaps == 0);
    CHECK(dwell.strokes == 100);
    CHECK(dwell.punctures.size() >= 95 * 12);
}

TEST_CASE("a session's time is bounded: t beyond a clinic day is a located error, not minutes of scoring") {
    core::SessionHeader header;
    header.scenarioId = "default";
    const std::string text = core::sessionHeaderLine(header) + "\n" +
                             R"({"t":0,"type":"tool","tool":"pen","cartridge":"12pin","depth_mm":0.5,"speed_hz":100})" "\n" +
                             R"({"t":0,"type":"pose","p":[0,1595,95],"contact":true})" "\n" +
                             R"({"t":10000000,"type":"pose","p":[0,1595,95],"contact":true})" "\n";
    const auto session = core::parseSession(text, "huge-gap.pps");
    REQUIRE_FALSE(session.ok());
    CHECK(session.error().line == 4);
    CHECK(session.error().message.find("longest session") != std::string::npos);
}

TEST_CASE("a pen whose needles point out of the skin makes no puncture") {
    const glm::vec3 p = forehead();
    core::PoseEvent a = touch(0, p), b = touch(0.05, p), c = touch(0.1, p);
    a.axis = b.axis = c.axis = glm::dvec3(normalAt(p));  // out of the skin
    const auto out = simulate({pen(0, "12pin", 0.5, 100.0), a, b, c, lift(0.11, p)});
    CHECK(out.punctures.empty());
    CHECK(out.strokes == 0);
    // Tilted 60 degrees, still into the skin: it punctures (and technique grades the angle).
    const glm::vec3 n = normalAt(p);
    const glm::vec3 side = glm::normalize(glm::cross(n, glm::vec3(0, 1, 0)));
    a.axis = b.axis = c.axis = glm::dvec3(-n * 0.5f + side * 0.866f);
    CHECK(!simulate({pen(0, "12pin", 0.5, 100.0), a, b, c, lift(0.11, p)}).punctures.empty());
}

TEST_CASE("roller: pressing it up and down on one spot lays no rows") {
    const glm::vec3 p = forehead();
    std::vector<core::SessionEvent> events = {roller(0, 192, 0.5)};
    for (int i = 0; i < 20; ++i) {
        events.push_back(touch(0.2 * i, p));
        events.push_back(touch(0.2 * i + 0.05, p + glm::vec3(0.0f, 0.0f, 0.2f)));  // lifting a little, not rolling
        events.push_back(lift(0.2 * i + 0.1, p + glm::vec3(0, 0, 5)));
    }
    const auto out = simulate(events);
    CHECK(out.rollerRows == 0);
    CHECK(out.punctures.empty());
}

TEST_CASE("roller: sliding along the drum's axis lays no rows - rolling does") {
    std::vector<core::SessionEvent> events = {roller(0, 192, 0.5)};
    // Roll up the forehead 20 mm, then, without lifting, slide 30 mm sideways along the drum's axis.
    const int rollSteps = 60, slideSteps = 90;
    for (int i = 0; i <= rollSteps; ++i)
        events.push_back(touch(i / 120.0, world().skinAt({0, 1580.0f + 20.0f * i / rollSteps, 400}, kFront)));
    const auto rolled = simulate(events);
    for (int i = 1; i <= slideSteps; ++i)
        events.push_back(touch((rollSteps + i) / 120.0, world().skinAt({30.0f * i / slideSteps, 1600, 400}, kFront)));
    const auto slid = simulate(events);
    const double spacing = world().tools.findRollerByNeedles(192)->rowSpacingMm();
    CHECK(rolled.rollerRows >= static_cast<std::size_t>(17.0 / spacing));
    CHECK(slid.rollerRows <= rolled.rollerRows + 1);
}

TEST_CASE("roller: the 192-needle drum gives about 250 holes/cm2 after 15 passes (Fernandes - Aust et al. 2008)") {
    const core::Roller& drum = *world().tools.findRollerByNeedles(192);
    CHECK(drum.drumWidthMm == doctest::Approx(20.0));
    const double perPassPerCm2 = drum.needles() / (3.14159265358979 * drum.drumDiameterMm * drum.drumWidthMm) * 100.0;
    CHECK(15.0 * perPassPerCm2 == doctest::Approx(250.0).epsilon(0.05));
    // The simulation lays that density: one pass over 60 mm of forehead.
    std::vector<core::SessionEvent> events = {roller(0, 192, 0.5)};
    stroke(events, 0.0, 1.0, {-30, 1595, 0}, {30, 1595, 0});
    const auto out = simulate(events);
    double length = 0.0;
    for (const auto& seg : out.travel) length += seg.lengthMm;
    const double simulated = static_cast<double>(out.punctures.size()) / (length * drum.drumWidthMm) * 100.0;
    MESSAGE("rows " << out.rollerRows << " rolled " << length << " mm, spacing " << drum.rowSpacingMm() << ", punctures "
                    << out.punctures.size());
    CHECK(simulated == doctest::Approx(perPassPerCm2).epsilon(0.1));
}

TEST_CASE("a tool change during contact applies from its time on, never backwards") {
    const glm::vec3 p = forehead();
    core::ToolEvent shallower = pen(0.04, "12pin", 0.3, 100.0);
    const auto out = simulate({pen(0, "12pin", 0.5, 100.0), touch(0, p), touch(0.02, p), shallower, touch(0.08, p), lift(0.09, p)});
    REQUIRE(out.strokes == 8);  // 0.00 .. 0.07: none lost, none repeated
    for (const auto& x : out.punctures) {
        CAPTURE(x.t);
        CHECK(x.depthUm == (x.t < 0.04 ? 500 : 300));
    }
}

TEST_CASE("re-sending the settings every millisecond does not make the pen stroke faster") {
    const glm::vec3 p = forehead();
    std::vector<core::SessionEvent> events = {pen(0, "12pin", 0.5, 100.0)};
    for (int i = 0; i <= 100; ++i) {
        if (i % 8 == 0) events.push_back(touch(i / 1000.0, p));
        events.push_back(pen(i / 1000.0, "12pin", 0.5, 100.0));
    }
    events.push_back(touch(0.1, p));
    events.push_back(lift(0.1, p));
    const auto out = simulate(events);
    CHECK(out.strokes <= 11);
}

TEST_CASE("roller: a tool change while rolling loses and repeats no row - the new depth applies from its moment") {
    const auto rollAcross = [](bool change) {
        std::vector<core::SessionEvent> events = {roller(0, 192, 0.5)};
        const int n = 120;
        for (int i = 0; i <= n; ++i) {
            const double t = i / 120.0;
            if (change && i == 60) events.push_back(roller(t - 0.001, 192, 0.25));
            events.push_back(touch(t, world().skinAt({-30.0f + 60.0f * i / n, 1595, 400}, kFront)));
        }
        events.push_back(lift(1.01, world().skinAt({30, 1595, 400}, kFront)));
        return simulate(events);
    };
    const auto plain = rollAcross(false), changed = rollAcross(true);
    CHECK(changed.rollerRows == plain.rollerRows);
    CHECK(changed.punctures.size() == plain.punctures.size());
    bool before = false, after = false;
    for (const auto& p : changed.punctures) {
        CHECK(p.depthUm == (p.t < 0.499 ? 500 : 250));
        before = before || p.depthUm == 500;
        after = after || p.depthUm == 250;
    }
    CHECK((before && after));
}

TEST_CASE("each puncture's area is decided where it lands, by the zone rules, not by its triangle's centroid") {
    core::DemoOptions options;
    options.zones = {"periorbital_left", "nose"};  // zones bordering forbidden skin
    const auto out = core::simulateSession(*world().surface, world().tools,
                                           core::makeDemoSession(*world().surface, world().tools, world().rubric, options));
    REQUIRE(out.punctures.size() > 1000);
    const core::Head& head = world().head;
    std::size_t onBorders = 0, movedByPoint = 0;
    for (const auto& p : out.punctures) {
        const auto at = core::areaAt(head.zoneFile.zones, p.point, core::triangleNormal(head.mesh(), p.triangle),
                                     head.geometry.parts.empty() ? core::SurfacePart::Skin : head.geometry.parts[p.triangle]);
        REQUIRE(at.has_value());
        CHECK(p.area == *at);
        onBorders += world().surface->areas.crossedByBorder(p.triangle);
        movedByPoint += p.area != head.labels.areaOfTriangle[p.triangle];
    }
    MESSAGE(onBorders << " punctures on triangles a border crosses; " << movedByPoint << " in another area than their triangle's label");
    CHECK(onBorders > 0);
}
