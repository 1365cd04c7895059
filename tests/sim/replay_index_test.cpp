// Review seeking: the density at any moment, from checkpoints, equals a full simulation cut at that moment.
// And a signed recording cut off at any byte (a kill -9 while writing) still loads, is simulated and
// scored, and verifies as truncated.
#include "sim_fixture.h"

#include "core/coverage/vertex_density.h"
#include "core/review/replay_index.h"
#include "core/review/session_timeline.h"
#include "core/sim/demo_session.h"
#include "core/session/session_file.h"
#include "core/session/treatment_warnings.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

using namespace pinpoint;
using namespace pinpoint::testing;

namespace {

const core::Session& demo() {
    static const core::Session s = [] {
        core::DemoOptions options;
        options.zones = {"forehead", "nose"};
        return core::makeDemoSession(*world().surface, world().tools, world().rubric, options);
    }();
    return s;
}

std::vector<std::uint32_t> countsUpTo(const core::SimulationOutput& sim, double t) {
    std::vector<std::uint32_t> counts(world().head.mesh().triangles.size(), 0);
    for (const core::Puncture& p : sim.punctures)
        if (p.t <= t) ++counts[p.triangle];
    return counts;
}

}  // namespace

TEST_CASE("the bleeding points: live (event by event), review (a prefix by time) and a full simulation agree") {
    core::DemoOptions options;
    options.zones = {"forehead"};
    options.indication = core::Indication::Scars;  // deep enough to reach the dermis
    const core::Session session = core::makeDemoSession(*world().surface, world().tools, world().rubric, options);
    const core::ReplayIndex index(*world().surface, world().tools, world().density, session, {5.0, {}});
    // Live: LiveTreatment feeds each event to the simulation and each dermal puncture to the points.
    core::TreatmentSimulation simulation(*world().surface, world().tools);
    core::BleedingPoints live(world().head.mesh());
    core::SimulationOutput out;
    for (const core::SessionEvent& e : session.events) {
        simulation.apply(e, out);
        for (const core::Puncture& p : out.punctures)
            if (world().tools.reachesDermis(p.depthUm)) live.add(p);
        out.punctures.clear();
    }
    const std::vector<core::BleedingPoint>& review = index.bleedingPoints().points();
    REQUIRE(review.size() > 100);
    REQUIRE(review.size() == live.points().size());
    for (std::size_t i = 0; i < review.size(); ++i) {
        CHECK(review[i].position == live.points()[i].position);
        CHECK(review[i].vertex == live.points()[i].vertex);
        CHECK(review[i].seed == live.points()[i].seed);
    }
    // Review at half time shows the points of the punctures made by then, and only those.
    const double half = index.duration() / 2;
    core::BleedingPoints cut(world().head.mesh());
    for (const core::Puncture& p : core::simulateSession(*world().surface, world().tools, session).punctures)
        if (p.t <= half && world().tools.reachesDermis(p.depthUm)) cut.add(p);
    CHECK(cut.points().size() > 10);
    CHECK(index.bleedingPoints().until(half).size() == cut.points().size());
}

TEST_CASE("seeking from checkpoints gives exactly the punctures made up to that moment") {
    const core::SimulationOutput full = core::simulateSession(*world().surface, world().tools, demo());
    const core::ReplayIndex index(*world().surface, world().tools, world().density, demo(), {5.0, {}});
    REQUIRE(index.duration() > 30.0);
    CHECK(index.checkpointCount() >= static_cast<std::size_t>(index.duration() / 5.0) - 1);
    std::mt19937 random(3);
    std::vector<double> moments = {0.0, 5.0, index.duration() / 2, index.duration(), index.duration() + 10.0};
    for (int i = 0; i < 12; ++i) moments.push_back(std::uniform_real_distribution<double>(0.0, index.duration())(random));
    for (double t : moments) {
        CAPTURE(t);
        CHECK(index.puncturesPerTriangleAt(t) == countsUpTo(full, t));
    }
    CHECK(index.densityAt(index.duration()) == core::drawnDensity(core::tallyPunctures(world().density, full.punctures),
                                                                  core::rollerAreas(world().density, full.punctures)));
    // The heatmap at the end is the one `report` and the live panel draw for the whole session.
    const core::ReplayIndex::DrawnDensities drawn = index.drawnAt(index.duration(), world().head.mesh());
    CHECK(drawn.all == core::drawnVertexDensity(world().head.mesh(), core::tallyPunctures(world().density, full.punctures),
                                                core::rollerAreas(world().density, full.punctures)));
    // And every point, by which the heatmap colours each pixel of a zone.
    const core::DrawnSamples points = core::drawnSamples(core::tallyPunctures(world().density, full.punctures),
                                                         core::rollerAreas(world().density, full.punctures));
    CHECK(drawn.samples.density == points.density);
    CHECK(drawn.samples.roller == points.roller);
    // Going backwards is as exact as going forwards.
    CHECK(index.puncturesPerTriangleAt(moments[7]) == countsUpTo(full, moments[7]));
}

TEST_CASE("seeking also gives the density of the punctures that reached the dermis (pinpoint bleeding)") {
    const core::SimulationOutput full = core::simulateSession(*world().surface, world().tools, demo());
    // A threshold between the session's shallowest and deepest settings, so both kinds occur.
    core::Micrometres lo = 1'000'000, hi = 0;
    for (const core::Puncture& p : full.punctures) {
        lo = std::min(lo, p.depthUm);
        hi = std::max(hi, p.depthUm);
    }
    REQUIRE(lo < hi);
    core::ToolCatalogue tools = world().tools;
    tools.bleedingFromDepthMm = core::toMillimetres((lo + hi) / 2);
    const core::ReplayIndex index(*world().surface, tools, world().density, demo(), {5.0, {}});
    for (double t : {index.duration() / 3, index.duration()}) {
        CAPTURE(t);
        std::size_t deep = 0, all = 0;
        for (const core::Puncture& p : full.punctures) {
            if (p.t > t) continue;
            ++all;
            deep += p.depthUm >= core::toMicrometres(tools.bleedingFromDepthMm);
        }
        const core::ReplayIndex::Densities d = index.densitiesAt(t);
        const std::vector<char> roller = core::rollerAreas(world().density, full.punctures, t);
        const auto deepEnough = [&](const core::Puncture& p) { return p.depthUm >= core::toMicrometres(tools.bleedingFromDepthMm); };
        CHECK(d.all == core::drawnDensity(core::tallyPunctures(world().density, full.punctures, t), roller));
        CHECK(d.dermal == core::drawnDensity(core::tallyPunctures(world().density, full.punctures, roller, deepEnough, t), roller));
        if (t == index.duration()) {
            CHECK(deep > 0);
            CHECK(deep < all);
        }
    }
}

TEST_CASE("the tool at a moment: its last pose and the settings in force") {
    const core::ReplayIndex index(*world().surface, world().tools, world().density, demo());
    const double t = index.duration() / 2;
    const core::ToolState state = index.toolAt(t);
    REQUIRE(state.pose);
    REQUIRE(state.settings);
    CHECK(state.pose->t <= t);
    CHECK(state.settings->tool == core::ToolKind::Pen);
    CHECK_FALSE(index.toolAt(-1.0).pose);
}

TEST_CASE("the tool at a moment: the way it was moving over the skin, from the poses of the same contact") {
    core::Session session;
    session.events.push_back(core::PoseEvent{0.0, {0.0, 1600.0, 100.0}, true, std::nullopt});
    session.events.push_back(core::PoseEvent{0.1, {0.3, 1600.0, 100.0}, true, std::nullopt});  // less than 1 mm
    session.events.push_back(core::PoseEvent{0.2, {0.0, 1603.0, 100.0}, true, std::nullopt});  // 3 mm up from the first
    session.events.push_back(core::PoseEvent{0.3, {0.0, 1603.0, 100.0}, false, std::nullopt});
    session.events.push_back(core::PoseEvent{0.4, {5.0, 1603.0, 100.0}, true, std::nullopt});
    const core::ReplayIndex index(*world().surface, world().tools, world().density, session);
    const std::optional<glm::dvec3> up = index.toolAt(0.2).travel;
    REQUIRE(up);
    CHECK(up->y == doctest::Approx(1.0).epsilon(0.01));
    CHECK_FALSE(index.toolAt(0.1).travel);  // not a millimetre yet
    CHECK_FALSE(index.toolAt(0.3).travel);  // lifted
    CHECK_FALSE(index.toolAt(0.4).travel);  // a new contact, no motion yet
}

TEST_CASE("the tool at a moment: a roller's drum heading is the simulation's, which turns only as it rolls") {
    // Rolled 20 mm to the right across the forehead, then straight up: the hand turns at once, the drum
    // turns a few degrees per millimetre rolled, as the live app drew it.
    std::vector<core::SessionEvent> events = {roller(0, 192, 0.5)};
    double t = 0.0;
    for (int i = 0; i <= 40; ++i, t += 1.0 / 120.0) events.push_back(touch(t, world().skinAt({-10.0f + 0.5f * i, 1590, 400}, kFront)));
    for (int i = 1; i <= 8; ++i, t += 1.0 / 120.0) events.push_back(touch(t, world().skinAt({10.0f, 1590.0f + 0.5f * i, 400}, kFront)));
    core::Session session;
    session.events = events;
    const core::ReplayIndex index(*world().surface, world().tools, world().density, session, {0.05, {}});
    for (const std::size_t upTo : {std::size_t{30}, events.size() - 1}) {
        CAPTURE(upTo);
        // Live: the simulation fed every event up to that pose.
        core::TreatmentSimulation live(*world().surface, world().tools);
        core::SimulationOutput out;
        for (std::size_t i = 0; i <= upTo; ++i) live.apply(events[i], out);
        const core::ToolState state = index.toolAt(core::eventTime(events[upTo]));
        REQUIRE(live.rollingHeading());
        REQUIRE(state.rollingHeading);
        CHECK(glm::length(*state.rollingHeading - *live.rollingHeading()) < 1e-6f);
    }
    // Just after the turn the hand moves up, the drum still rolls mostly to the right.
    const core::ToolState turned = index.toolAt(t);
    REQUIRE(turned.travel);
    REQUIRE(turned.rollingHeading);
    CHECK(turned.travel->y > 0.9);
    CHECK(turned.rollingHeading->x > 0.7f);
    // A pen has no drum heading.
    core::Session penSession;
    penSession.events = {pen(0, world().tools.cartridges.front().id, 0.5, 100)};
    contact(penSession.events, 0.0, 0.5, world().skinAt({-10, 1590, 400}, kFront), world().skinAt({10, 1590, 400}, kFront));
    const core::ReplayIndex penIndex(*world().surface, world().tools, world().density, penSession);
    CHECK_FALSE(penIndex.toolAt(0.4).rollingHeading);
}

TEST_CASE("the timeline: contact stretches, punctures per second, markers in time order") {
    const core::SimulationOutput sim = core::simulateSession(*world().surface, world().tools, demo());
    const core::SessionTimeline line = core::sessionTimeline(demo(), sim);
    CHECK(line.duration > 30.0);
    REQUIRE_FALSE(line.contact.empty());
    double total = 0.0;
    for (double v : line.puncturesPerSecond) total += v * line.binSeconds;
    CHECK(total == doctest::Approx(static_cast<double>(sim.punctures.size())));
    CHECK(std::is_sorted(line.markers.begin(), line.markers.end(),
                         [](const core::TimelineMarker& a, const core::TimelineMarker& b) { return a.t < b.t; }));
}

TEST_CASE("the timeline: a warning marker for each warning the trainee was shown, with how long it stayed on") {
    core::Session session = demo();
    REQUIRE(session.events.size() > 100);
    const double t0 = core::eventTime(session.events[50]), t1 = core::eventTime(session.events[90]);
    const double t2 = core::eventTime(session.events[95]);
    // Recorded as the simulator does, among the poses (inserted from the back, so the places hold):
    // the onset, the end once it had gone, and one more that never ended (the recording stopped).
    session.events.insert(session.events.begin() + 96,
                          core::warningEvent(t2, {core::WarningKind::DepthOutOfRange, "nose", "Depth 1.00 mm is outside"}));
    session.events.insert(session.events.begin() + 91, core::warningEndEvent(t1, core::WarningKind::TooFast, "forehead", t1 - t0));
    session.events.insert(session.events.begin() + 51,
                          core::warningEvent(t0, {core::WarningKind::TooFast, "forehead", "Moving too fast: 180 mm/s (max 150)"}));
    const core::SimulationOutput sim = core::simulateSession(*world().surface, world().tools, session);
    const core::SessionTimeline line = core::sessionTimeline(session, sim);
    std::vector<core::TimelineMarker> warnings;
    for (const core::TimelineMarker& m : line.markers)
        if (m.kind == core::MarkerKind::Warning) warnings.push_back(m);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0].t == t0);
    CHECK(warnings[0].duration == doctest::Approx(t1 - t0));
    CHECK(warnings[0].label.rfind("too fast, forehead: Moving too fast: 180 mm/s (max 150) (on for ", 0) == 0);
    CHECK(warnings[1].t == t2);
    CHECK(warnings[1].duration == 0.0);
    CHECK(warnings[1].label == "depth out of range, nose: Depth 1.00 mm is outside");
    CHECK(std::string(core::markerKindName(core::MarkerKind::Warning)) == "warning");
    CHECK(std::is_sorted(line.markers.begin(), line.markers.end(),
                         [](const core::TimelineMarker& a, const core::TimelineMarker& b) { return a.t < b.t; }));
    // Without warning events there are no warning markers.
    for (const core::TimelineMarker& m : core::sessionTimeline(demo(), sim).markers) CHECK(m.kind != core::MarkerKind::Warning);
}

TEST_CASE("a signed recording killed mid-write loads, scores and verifies as truncated") {
    namespace fs = std::filesystem;
    const fs::path path = fs::temp_directory_path() / ("pinpoint-killed-" + std::to_string(::getpid()) + ".pps");
    fs::remove(path);
    const core::SigningKey key = core::SigningKey::generate();
    {
        auto writer = core::SessionWriter::create(path.string(), {}, &key);
        REQUIRE(writer.ok());
        // The recorder dies part-way through: no close(), so no closing signature.
        for (std::size_t i = 0; i < demo().events.size() * 2 / 3; ++i) REQUIRE((*writer)->append(demo().events[i]));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    const std::string written = s.str();
    fs::remove(path);
    std::mt19937 random(9);
    for (int i = 0; i < 4; ++i) {
        // ... and the last bytes it wrote never reached the disk.
        const std::size_t cut = std::uniform_int_distribution<std::size_t>(written.size() / 2, written.size())(random);
        const std::string text = written.substr(0, cut);
        CAPTURE(cut);
        const core::SignatureCheck check = core::verifySessionText(text);
        CHECK(check.status == core::SignatureStatus::Truncated);
        CHECK(check.signedLines > 0);
        core::Result<core::Session> session = core::parseSession(text, "killed.pps", &world().tools);
        REQUIRE_MESSAGE(session.ok(), session.error().describe());
        const core::SimulationOutput sim = core::simulateSession(*world().surface, world().tools, *session);
        CHECK(sim.punctures.size() > 1000);
        CHECK(world().measure(sim).zones.front().punctures > 0);
    }
}
