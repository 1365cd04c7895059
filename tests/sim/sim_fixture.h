#pragma once
// The real head, tools and default rubric, loaded once per test binary, for simulation tests.
#include "core/coverage/density_field.h"
#include "core/coverage/treatment_measurement.h"
#include "core/scoring/rubric.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"
#include "io/head_loader.h"

#include <doctest/doctest.h>

#include <memory>

namespace pinpoint::testing {

struct SimWorld {
    core::Head head;
    core::ToolCatalogue tools;
    core::Rubric rubric;
    std::unique_ptr<core::TreatmentSurface> surface;
    core::DensityField density;

    std::size_t area(const std::string& name) const {
        for (std::size_t i = 0; i < head.zoneFile.zones.areas.size(); ++i)
            if (head.zoneFile.zones.areas[i].name == name) return i;
        FAIL("no area " << name);
        return 0;
    }
    // The skin point a ray from straight in front (or from `from` toward `to`) hits.
    glm::vec3 skinAt(glm::vec3 from, glm::vec3 direction) const {
        auto hit = surface->bvh.castRay(from, direction);
        REQUIRE(hit.has_value());
        return hit->point;
    }
    core::TreatmentMeasurement measure(const core::SimulationOutput& out) const {
        return core::measureTreatment(head, density, rubric, core::Indication::Rejuvenation, out);
    }
};

// Straight into the face from in front of it: with skinAt, the skin point in front of (x, y).
inline const glm::vec3 kFront(0, 0, -1);

inline const SimWorld& world() {
    // Held by pointer: the surface keeps the head's address, so the world must never move.
    static const std::unique_ptr<SimWorld> w = [] {
        auto owned = std::make_unique<SimWorld>();
        SimWorld& s = *owned;
        const std::string assets = std::string(PINPOINT_SOURCE_DIR) + "/assets/";
        io::HeadLoadOptions options;
        options.zoneFilePath = assets + "zones.toml";
        options.cacheDir = "pinpoint-test-cache";
        auto head = io::loadHead(options);
        if (!head) FAIL(head.error().describe());
        s.head = std::move(*head);
        auto tools = core::readToolCatalogue(assets + "tools.toml");
        if (!tools) FAIL(tools.error().describe());
        s.tools = std::move(*tools);
        auto rubric = core::readRubric(assets + "rubric.toml");
        if (!rubric) FAIL(rubric.error().describe());
        s.rubric = std::move(*rubric);
        s.surface = std::make_unique<core::TreatmentSurface>(s.head);
        s.density = core::measurementField(s.head, s.surface->adjacency, s.rubric);
        return owned;
    }();
    return *w;
}

inline core::ToolEvent pen(double t, const std::string& cartridge, double depth, double hz) {
    return core::ToolEvent{t, core::ToolKind::Pen, cartridge, depth, hz, 0, ""};
}
inline core::ToolEvent roller(double t, int needles, double depth) {
    return core::ToolEvent{t, core::ToolKind::Roller, "", depth, 0.0, needles, ""};
}
inline core::PoseEvent touch(double t, glm::vec3 p) { return core::PoseEvent{t, glm::dvec3(p), true, std::nullopt}; }
inline core::PoseEvent lift(double t, glm::vec3 p) { return core::PoseEvent{t, glm::dvec3(p), false, std::nullopt}; }

// Contact poses every 1/120 s (the recorder's rate) from t0 for `seconds`, the tip going in a straight
// line from `a` to `b`, each with `axis` when given.
inline void contact(std::vector<core::SessionEvent>& events, double t0, double seconds, glm::vec3 a, glm::vec3 b,
                    std::optional<glm::dvec3> axis = std::nullopt) {
    const int n = std::max(1, static_cast<int>(std::lround(seconds * 120.0)));
    for (int i = 0; i <= n; ++i) {
        core::PoseEvent pose = touch(t0 + seconds * i / n, a + (b - a) * (static_cast<float>(i) / static_cast<float>(n)));
        pose.axis = axis;
        events.push_back(pose);
    }
}

inline core::SimulationOutput simulate(const std::vector<core::SessionEvent>& events) {
    core::Session s;
    s.events = events;
    return core::simulateSession(*world().surface, world().tools, s);
}

}  // namespace pinpoint::testing
