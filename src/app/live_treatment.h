#pragma once
// The treatment as it happens: the same events the session file gets go through the core's
// simulation; the punctures grow the live density (only changed vertices are re-sent to the GPU);
// per-zone coverage for the plan's zones; and what the trainee is doing wrong right now.
#include "app/app.h"
#include "core/coverage/bleeding_points.h"
#include "core/coverage/live_density.h"
#include "core/coverage/treatment_measurement.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/treatment_warnings.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::app {

struct ZoneProgress {
    std::string name;
    double coverage = 0.0;     // share of the zone's skin at or above the target density (0-1)
    double overTreated = 0.0;  // share above the maximum
};

// Where the tool is and how it is held, for the warnings.
struct ToolState {
    core::SurfaceHit hit;
    glm::vec3 axis{0.0f};      // into the skin
    bool contact = false;
    bool roller = false;
    double depthMm = 0.0;
    double speedMmPerS = 0.0;  // travel over the skin while in contact
    double footprintRadiusMm = 2.5;
};

struct Feedback {
    std::string area;                      // zone or forbidden area under the tool
    bool forbidden = false;
    std::optional<core::DepthRange> depth; // the zone's range
    double densityPerCm2 = 0.0;            // under the tool
    double angleDeg = 0.0;
    std::vector<core::TreatmentWarning> warnings;  // empty: all good
};

class LiveTreatment {
public:
    // `avoidZones` and `depthCapMm`: the trainee's own plan (from the decision).
    LiveTreatment(const AppServices& services, const core::Scenario& scenario, std::vector<std::string> avoidZones,
                  std::optional<double> depthCapMm);

    void apply(const core::SessionEvent& event);  // the same events the session file gets, in order
    Feedback assess(const ToolState& tool) const;
    std::vector<ZoneProgress> progress() const;    // the plan's zones, in the zone file's order

    const core::LiveDensity& density() const { return density_; }
    // The punctures that reached the dermis (pinpoint bleeding), the same way.
    const core::LiveDensity& dermalDensity() const { return dermal_; }
    // Where the dermal punctures may show pinpoint bleeding.
    const core::BleedingPoints& bleedingPoints() const { return bleeding_; }
    // Vertices whose density or dermal density changed since the last call.
    core::VertexRange takeChangedVertices() {
        core::VertexRange r = density_.takeChangedVertices();
        r.include(dermal_.takeChangedVertices());
        return r;
    }
    std::size_t punctures() const { return punctures_; }
    std::size_t forbiddenPunctures() const { return forbiddenPunctures_; }
    const std::vector<std::string>& planZones() const { return planZones_; }
    // Where the roller's drum rolls now, as the simulation has it (none before it rolls).
    std::optional<glm::vec3> rollingHeading() const { return simulation_.rollingHeading(); }
    // The heatmap's landmarks (core::heatmapScale, as review and the report use it): each zone by the
    // device it is measured as so far, the legend's by the device in hand.
    core::HeatmapScale heatmapScale(bool rollerInHand) const;

private:
    const core::DensityTargets& targets(const std::string& zone, bool roller) const;
    // The targets a zone is measured against: the device that made most of its punctures so far
    // (the score's rule, core::measuredAsRoller), else the device in hand.
    const core::DensityTargets& measuredTargets(std::size_t area) const;

    const AppServices* services_;
    const core::Scenario* scenario_;
    std::vector<std::string> avoidZones_;
    std::optional<double> depthCapMm_;
    core::MeasurementRules rules_;
    core::TreatmentSimulation simulation_;
    core::SimulationOutput output_;
    core::LiveDensity density_;
    core::LiveDensity dermal_;
    core::BleedingPoints bleeding_;
    std::vector<std::string> planZones_;
    bool rollerInUse_ = false;
    std::size_t punctures_ = 0;
    std::size_t forbiddenPunctures_ = 0;
};

}  // namespace pinpoint::app
