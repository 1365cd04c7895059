// Issue 10: the treatment is graded by what it does to the skin and how the hand moved, so that a
// dwell, a scrub or a fast sweep cannot pass as careful work. Each case failed before its fix.
#include "scoring_fixture.h"

#include <glm/geometric.hpp>

#include <cmath>
#include <functional>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {


const Graded& careful() {
    static const Graded g = gradeDemo(planScenario());
    return g;
}

// Contact poses every 1/120 s along `path(f)`, f from 0 to 1, over `seconds`; then a lift.
template <typename Path>
double contactStream(std::vector<core::SessionEvent>& events, double t0, double seconds, Path path) {
    const int n = std::max(1, static_cast<int>(std::lround(seconds * 120.0)));
    glm::vec3 p{};
    for (int i = 0; i <= n; ++i) {
        p = world().skinAt(path(static_cast<float>(i) / static_cast<float>(n)) + glm::vec3(0, 0, 400), kFront);
        events.push_back(touch(t0 + seconds * i / n, p));
    }
    events.push_back(lift(t0 + seconds + 0.01, p + glm::vec3(0, 0, 5)));
    return t0 + seconds + 0.02;
}

// The careful session with `extra` contact (built from time t0) inserted after its last pose; the
// events after it move later by the time the extra work took.
core::Session withExtraWork(const core::Session& session,
                            const std::function<double(std::vector<core::SessionEvent>&, double)>& extra) {
    std::size_t last = 0;
    for (std::size_t i = 0; i < session.events.size(); ++i)
        if (std::holds_alternative<core::PoseEvent>(session.events[i])) last = i;
    core::Session out = session;
    out.events.assign(session.events.begin(), session.events.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    const double start = core::eventTime(session.events[last]) + 0.5;
    const double end = extra(out.events, start);
    for (std::size_t i = last + 1; i < session.events.size(); ++i) {
        core::SessionEvent e = session.events[i];
        std::visit([&](auto& x) { x.t += end - start + 0.5; }, e);
        out.events.push_back(std::move(e));
    }
    return out;
}

core::TreatmentMeasurement measureEvents(const std::vector<core::SessionEvent>& events) {
    return world().measure(simulate(events));
}

const core::ZoneMeasurement& zone(const core::TreatmentMeasurement& m, const std::string& name) {
    for (const auto& z : m.zones)
        if (z.name == name) return z;
    FAIL("no zone " << name);
    return m.zones.front();
}

}  // namespace

TEST_CASE("dwelling: holding the pen on one spot for 30 s is tissue injury, and the excess costs overlap") {
    const core::Session session = core::makeScenarioDemo(*world().surface, world().tools, world().rubric, planScenario());
    const core::Session dwelt = withExtraWork(session, [](std::vector<core::SessionEvent>& events, double t0) {
        events.push_back(pen(t0, "12pin", 0.4, 100.0));  // the forehead's depth: only the dwell is wrong
        return contactStream(events, t0, 30.0, [](float) { return glm::vec3(0, 1600, 0); });
    });
    const Graded g = grade(planScenario(), dwelt);
    g.explain();
    CHECK(g.critical("tissue_injury"));
    CHECK_FALSE(g.result.passed);
    CHECK(g.component("overlap") < careful().component("overlap") - 10.0);
    const auto& forehead = zone(g.result.measurement, "forehead");
    CHECK(forehead.injuredAreaCm2 > 0.0);
    CHECK(forehead.excessPunctures > 20000.0);
    // The critical error names the moment the skin passed the injury density, within the dwell.
    for (const auto& e : g.result.criticalErrors)
        if (e.code == "tissue_injury") CHECK(e.t > core::eventTime(session.events.back()) - 60.0);
    CHECK_FALSE(careful().critical("tissue_injury"));
}

TEST_CASE("pass directions come from sustained strokes: a zig-zag scrub or jitter crosses nothing") {
    std::vector<core::SessionEvent> straight = {pen(0, "12pin", 0.4, 100.0)};
    double t = contactStream(straight, 0.0, 1.5, [](float f) { return glm::vec3(-30 + 60 * f, 1600, 0); });
    auto m = measureEvents(straight);
    CHECK(zone(m, "forehead").directions == 1);
    contactStream(straight, t, 1.0, [](float f) { return glm::vec3(10, 1580 + 30 * f, 0); });
    m = measureEvents(straight);
    CHECK(zone(m, "forehead").directions == 2);

    // A scrub: 3 mm zig-zags, diagonally up and down across the forehead.
    std::vector<core::SessionEvent> zigzag = {pen(0, "12pin", 0.4, 100.0)};
    contactStream(zigzag, 0.0, 3.0, [](float f) {
        const float x = -30 + 60 * f;
        const float phase = std::fmod(x + 30.0f, 6.0f);
        return glm::vec3(x, 1600 + (phase < 3.0f ? phase : 6.0f - phase), 0);
    });
    m = measureEvents(zigzag);
    CHECK(zone(m, "forehead").directions <= 1);  // at most the sweep's own heading, never the diagonals
    const auto& travel = zone(m, "forehead").travelMm;
    CHECK(travel[1] + travel[3] < 0.2 * (travel[0] + travel[1] + travel[2] + travel[3] + zone(m, "forehead").wanderingMm));

    // Jitter on the spot: a millimetre each way, for two seconds.
    std::vector<core::SessionEvent> jitter = {pen(0, "12pin", 0.4, 100.0)};
    contactStream(jitter, 0.0, 2.0, [](float f) {
        const float a = f * 977.0f;
        return glm::vec3(std::sin(a), 1600 + std::cos(1.7f * a), 0);
    });
    m = measureEvents(jitter);
    CHECK(zone(m, "forehead").directions == 0);
    CHECK(zone(m, "forehead").wanderingMm > 0.0);
}

TEST_CASE("speed of travel is weighted by distance: a pause cannot excuse a fast sweep") {
    // 20 mm at 20 mm/s, then 60 mm at 300 mm/s: by time 17% of the contact is fast, by distance 75%.
    std::vector<core::SessionEvent> events = {core::decisionEvent(0.0, core::Decision::Proceed, {}),
                                              pen(1.0, "12pin", 0.4, 100.0)};
    double t = contactStream(events, 1.0, 1.0, [](float f) { return glm::vec3(-30 + 20 * f, 1600, 0); });
    contactStream(events, t, 0.2, [](float f) { return glm::vec3(-30 + 60 * f, 1590, 0); });
    core::Session s;
    s.events = events;
    const Graded g = grade(planScenario(), s);
    double speedPoints = 0.0;
    for (const auto& d : g.result.deductions)
        if (d.component == "technique" && d.reason.find("faster") != std::string::npos) speedPoints = d.points;
    CHECK(speedPoints > 18.0);
}

TEST_CASE("careful work stands apart: each single flaw scores at least 5 points below the careful session") {
    const double careful = gradeDemo(planScenario()).result.score;
    struct Flaw {
        std::string name;
        core::SloppyPractice sloppy;
    };
    std::vector<Flaw> flaws(4);
    flaws[0].name = "one direction";
    flaws[0].sloppy.crossingPasses = false;
    flaws[1].name = "gaps between lines";
    flaws[1].sloppy.lineStride = 2;
    flaws[2].name = "stacked passes";
    flaws[2].sloppy.extraPasses = 2;
    flaws[3].name = "too fast (4x, as many more passes)";
    flaws[3].sloppy.speedFactor = 4;
    for (const Flaw& f : flaws) {
        CAPTURE(f.name);
        const Graded g = gradeDemo(planScenario(), f.sloppy);
        MESSAGE(f.name << ": " << g.result.score << " against " << careful);
        CHECK(g.result.score <= careful - 5.0);
    }
}

TEST_CASE("coverage is measured at the scale of the needles: 2 mm bands of untreated skin between lines show") {
    // Horizontal lines across the middle of the forehead with a 12-pin pen, slow enough that each line
    // is far above the target; 7 mm apart the lines leave bands of bare skin, 3.5 mm apart they do not.
    const auto band = [](float spacing) {
        std::vector<core::SessionEvent> events = {pen(0, "12pin", 0.4, 100.0)};
        double t = 0.0;
        for (float y = 1582; y <= 1612; y += spacing)
            t = contactStream(events, t + 0.2, 8.0, [y](float f) { return glm::vec3(-20 + 40 * f, y, 0); });
        return events;
    };
    const core::SimulationOutput wide = simulate(band(7.0f)), close = simulate(band(3.5f));
    // Only the treated stretch counts: the triangles of the forehead between the first and last line.
    const auto coveredShare = [](const core::SimulationOutput& out) {
        const auto m = world().measure(out);
        const core::SurfaceMesh& mesh = world().head.mesh();
        double area = 0.0, covered = 0.0;
        for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
            const glm::vec3 c = core::triangleCentroid(mesh, t);
            if (world().head.labels.areaOfTriangle[t] != world().area("forehead") || c.z < 0 || std::fabs(c.x) > 15 ||
                c.y < 1584 || c.y > 1608)
                continue;
            const double a = core::triangleAreaMm2(mesh, t);
            area += a;
            covered += m.densityPerTriangle[t] >= world().rubric.pen.targetPerCm2 ? a : 0.0;
        }
        return covered / area;
    };
    const double wideShare = coveredShare(wide), closeShare = coveredShare(close);
    MESSAGE("covered with lines 7 mm apart: " << wideShare << ", 3.5 mm apart: " << closeShare);
    CHECK(closeShare > 0.95);
    CHECK(wideShare < 0.85);
    const auto m = world().measure(wide);
}

// The largest untreated stretch and evenness at the needles' scale: needle_scale_coverage_test.cpp.

TEST_CASE("the heatmap's scale is one rule: the score's target and maximum for each zone and device, on every screen") {
    core::Scenario s = planScenario();
    const core::HeatmapScale pen = core::heatmapScale(&s, world().rubric, false);
    CHECK(pen.targetPerCm2 == world().rubric.pen.targetPerCm2);
    CHECK(1.5 * pen.fullScale == doctest::Approx(pen.maxPerCm2));
    // A scenario's own targets for its plan win over the rubric's; without a scenario, the rubric's.
    for (auto& z : s.zones)
        if (z.zone == "forehead") z.density = {800.0, 2400.0};
    const core::HeatmapScale own = core::heatmapScale(&s, world().rubric, false);
    CHECK(own.targetPerCm2 == 800.0);
    CHECK(1.5 * own.fullScale == doctest::Approx(2400.0));
    const core::HeatmapScale roller = core::heatmapScale(nullptr, world().rubric, true);
    CHECK(roller.targetPerCm2 == world().rubric.roller.targetPerCm2);
    CHECK(1.5 * roller.fullScale == doctest::Approx(world().rubric.roller.maxPerCm2));
    CHECK(roller.zones.empty());
    CHECK(roller.of("forehead").maxPerCm2 == world().rubric.roller.maxPerCm2);  // no scenario: the legend's

    // Each zone by the numbers the score measures it by: its own, for the device it was measured as.
    CHECK(own.of("forehead").targetPerCm2 == 800.0);
    CHECK(own.of("nose").targetPerCm2 == world().rubric.pen.targetPerCm2);
    const core::HeatmapScale mixed = core::heatmapScale(&s, world().rubric, false, {{"nose", true}});
    CHECK(mixed.of("nose").targetPerCm2 == world().rubric.roller.targetPerCm2);
    CHECK(mixed.of("nose").maxPerCm2 == world().rubric.roller.maxPerCm2);
    CHECK(mixed.of("forehead").targetPerCm2 == 800.0);
    CHECK(mixed.targetPerCm2 == 800.0);  // the legend: the plan's first zone, the device in hand
    // The devices come from the punctures by the score's rule (most punctures decide).
    std::vector<core::Puncture> punctures(3);
    const auto& areas = world().head.zoneFile.zones.areas;
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (areas[a].name == "nose")
            for (core::Puncture& p : punctures) p.area = static_cast<std::uint16_t>(a);
    punctures[0].tool = punctures[1].tool = core::ToolKind::Roller;
    punctures[1].t = 5.0;
    CHECK(core::rollerByZone(world().head, punctures).at("nose") == true);
    CHECK(core::rollerByZone(world().head, punctures, 1.0).at("nose") == false);  // by 1 s: one roller, one pen
    CHECK(core::rollerByZone(world().head, punctures).count("forehead") == 0);    // not needled: the device in hand
}
