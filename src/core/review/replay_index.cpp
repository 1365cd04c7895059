#include "core/review/replay_index.h"

#include <glm/geometric.hpp>

#include <algorithm>

namespace pinpoint::core {

ReplayIndex::ReplayIndex(const TreatmentSurface& surface, const ToolCatalogue& tools, const DensityField& field,
                         const Session& session, ReplayOptions options)
    : session_(session),
      tools_(tools),
      field_(field),
      triangles_(surface.head->mesh().triangles.size()),
      bleeding_(surface.head->mesh()) {
    const double step = std::max(options.checkpointSeconds, 0.1);
    TreatmentSimulation simulation(surface, tools, options.simulation);
    SimulationOutput scratch;
    double nextCheckpoint = 0.0;
    for (std::size_t i = 0; i < session.events.size(); ++i) {
        const double t = eventTime(session.events[i]);
        duration_ = std::max(duration_, t);
        if (t >= nextCheckpoint) {
            checkpoints_.push_back(Checkpoint{t, i, simulation});
            while (nextCheckpoint <= t) nextCheckpoint += step;
        }
        if (std::holds_alternative<PoseEvent>(session.events[i])) {
            poseTimes_.push_back(t);
            poseEvents_.push_back(i);
        }
        simulation.apply(session.events[i], scratch);
        for (const Puncture& p : scratch.punctures) {
            punctures_.push_back(p);
            if (tools.reachesDermis(p.depthUm)) bleeding_.add(p);
        }
        scratch.punctures.clear();
        scratch.travel.clear();
    }
    if (checkpoints_.empty()) checkpoints_.push_back(Checkpoint{0.0, 0, simulation});
}

std::size_t ReplayIndex::memoryBytes() const {
    std::size_t bytes = sizeof(*this) + poseTimes_.capacity() * sizeof(double) + poseEvents_.capacity() * sizeof(std::size_t);
    bytes += checkpoints_.capacity() * sizeof(Checkpoint) + punctures_.capacity() * sizeof(Puncture);
    bytes += bleeding_.points().capacity() * sizeof(BleedingPoint);
    return bytes;
}

std::vector<std::uint32_t> ReplayIndex::puncturesPerTriangleAt(double t) const {
    std::vector<std::uint32_t> counts(triangles_, 0);
    for (const Puncture& p : punctures_)
        if (p.t <= t) ++counts[p.triangle];
    return counts;
}

ReplayIndex::Densities ReplayIndex::densitiesAt(double t) const {
    const std::vector<char> roller = rollerAreas(field_, punctures_, t);
    const auto dermal = [&](const Puncture& p) { return tools_.reachesDermis(p.depthUm); };
    return {drawnDensity(tallyPunctures(field_, punctures_, roller, [](const Puncture&) { return true; }, t), roller),
            drawnDensity(tallyPunctures(field_, punctures_, roller, dermal, t), roller)};
}

const ReplayIndex::Checkpoint& ReplayIndex::checkpointAt(double t) const {
    // The first checkpoint holds no punctures, whatever its time: it serves any earlier moment.
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), t,
                               [](double time, const Checkpoint& c) { return time < c.t; });
    return it == checkpoints_.begin() ? checkpoints_.front() : *std::prev(it);
}

std::optional<glm::vec3> ReplayIndex::rollingHeadingAt(double t) const {
    const Checkpoint& from = checkpointAt(t);
    TreatmentSimulation simulation = from.simulation;
    SimulationOutput scratch;
    for (std::size_t i = from.nextEvent; i < session_.events.size() && eventTime(session_.events[i]) <= t; ++i) {
        simulation.apply(session_.events[i], scratch);
        scratch.punctures.clear();
        scratch.travel.clear();
    }
    return simulation.rollingHeading();
}

std::vector<double> ReplayIndex::densityAt(double t) const {
    const std::vector<char> roller = rollerAreas(field_, punctures_, t);
    return drawnDensity(tallyPunctures(field_, punctures_, roller, [](const Puncture&) { return true; }, t), roller);
}

ToolState ReplayIndex::toolAt(double t) const {
    ToolState state;
    const auto it = std::upper_bound(poseTimes_.begin(), poseTimes_.end(), t);
    if (it != poseTimes_.begin()) {
        const std::size_t last = static_cast<std::size_t>(it - poseTimes_.begin()) - 1;
        state.pose = std::get<PoseEvent>(session_.events[poseEvents_[last]]);
        // Back along the same contact (at most a second's worth of poses) to a pose a millimetre away.
        for (std::size_t i = last; state.pose->contact && i > 0 && last - i < 240; --i) {
            const PoseEvent& before = std::get<PoseEvent>(session_.events[poseEvents_[i - 1]]);
            if (!before.contact) break;
            const glm::dvec3 d = state.pose->p - before.p;
            if (glm::length(d) >= 1.0) {
                state.travel = glm::normalize(d);
                break;
            }
        }
    }
    for (const SessionEvent& e : session_.events) {
        if (eventTime(e) > t) break;
        if (const auto* tool = std::get_if<ToolEvent>(&e)) state.settings = *tool;
    }
    // The drum's heading comes from the simulation, as it did live (it turns only as it rolls).
    if (state.settings && state.settings->tool == ToolKind::Roller && state.pose && state.pose->contact)
        state.rollingHeading = rollingHeadingAt(t);
    return state;
}

}  // namespace pinpoint::core
