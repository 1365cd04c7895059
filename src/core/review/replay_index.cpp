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
    std::vector<std::uint32_t> counts(triangles_, 0), dermal(triangles_, 0);
    SimulationOutput scratch;
    double nextCheckpoint = 0.0;
    for (std::size_t i = 0; i < session.events.size(); ++i) {
        const double t = eventTime(session.events[i]);
        duration_ = std::max(duration_, t);
        if (t >= nextCheckpoint) {
            checkpoints_.push_back(Checkpoint{t, i, simulation, counts, dermal});
            while (nextCheckpoint <= t) nextCheckpoint += step;
        }
        if (std::holds_alternative<PoseEvent>(session.events[i])) {
            poseTimes_.push_back(t);
            poseEvents_.push_back(i);
        }
        simulation.apply(session.events[i], scratch);
        for (const Puncture& p : scratch.punctures) {
            ++counts[p.triangle];
            if (tools.reachesDermis(p.depthUm)) {
                ++dermal[p.triangle];
                bleeding_.add(p);
            }
        }
        scratch.punctures.clear();
        scratch.travel.clear();
    }
    if (checkpoints_.empty()) checkpoints_.push_back(Checkpoint{0.0, 0, simulation, counts, dermal});
}

std::size_t ReplayIndex::memoryBytes() const {
    std::size_t bytes = sizeof(*this) + poseTimes_.capacity() * sizeof(double) + poseEvents_.capacity() * sizeof(std::size_t);
    for (const Checkpoint& c : checkpoints_)
        bytes += sizeof(Checkpoint) + (c.counts.capacity() + c.dermal.capacity()) * sizeof(std::uint32_t);
    bytes += bleeding_.points().capacity() * sizeof(BleedingPoint);
    return bytes;
}

std::vector<std::uint32_t> ReplayIndex::puncturesPerTriangleAt(double t) const {
    std::vector<std::uint32_t> counts;
    countsAt(t, counts, nullptr);
    return counts;
}

ReplayIndex::Densities ReplayIndex::densitiesAt(double t) const {
    std::vector<std::uint32_t> all, dermal;
    countsAt(t, all, &dermal);
    return {field_.densityPerCm2(all), field_.densityPerCm2(dermal)};
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

void ReplayIndex::countsAt(double t, std::vector<std::uint32_t>& counts, std::vector<std::uint32_t>* dermal) const {
    const Checkpoint& from = checkpointAt(t);
    counts = from.counts;
    if (dermal) *dermal = from.dermal;
    TreatmentSimulation simulation = from.simulation;
    SimulationOutput scratch;
    // Events up to t, and the first one after it: a pose after t strokes the stretch since the pose
    // before, which may hold punctures made before t. Nothing later can.
    for (std::size_t i = from.nextEvent; i < session_.events.size(); ++i) {
        simulation.apply(session_.events[i], scratch);
        for (const Puncture& p : scratch.punctures) {
            if (p.t > t) continue;
            ++counts[p.triangle];
            if (dermal && tools_.reachesDermis(p.depthUm)) ++(*dermal)[p.triangle];
        }
        scratch.punctures.clear();
        scratch.travel.clear();
        if (eventTime(session_.events[i]) > t) break;
    }
}

std::vector<double> ReplayIndex::densityAt(double t) const { return field_.densityPerCm2(puncturesPerTriangleAt(t)); }

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
