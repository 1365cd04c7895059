#include "core/review/replay_index.h"

#include "core/coverage/vertex_density.h"
#include "core/sim/needle_pipeline.h"

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
    // The needles are found in the skin on a second thread meanwhile; the punctures come back in order.
    NeedlePipeline needles(surface, [&](const std::vector<Puncture>& punctures) {
        for (const Puncture& p : punctures) {
            Kept k;
            k.t = p.t;
            k.triangle = p.triangle;
            for (const bool roller : {false, true}) k.home[roller] = field.samples(roller).containing(p.triangle, p.barycentric);
            k.area = p.area;
            k.tool = p.tool;
            k.dermal = tools.reachesDermis(p.depthUm);
            if (!kept_.empty() && k.t < kept_.back().t) keptInTimeOrder_ = false;
            kept_.push_back(k);
            if (k.dermal) bleeding_.add(p);
        }
    });
    simulation.deferNeedles(needles.jobs());
    const auto checkpoint = [&](double t, std::size_t next) {
        checkpoints_.push_back(Checkpoint{t, next, simulation});
        checkpoints_.back().simulation.deferNeedles(nullptr);  // a seek's copy resolves its own needles
    };
    SimulationOutput scratch;
    double nextCheckpoint = 0.0;
    for (std::size_t i = 0; i < session.events.size(); ++i) {
        const double t = eventTime(session.events[i]);
        duration_ = std::max(duration_, t);
        if (t >= nextCheckpoint) {
            checkpoint(t, i);
            while (nextCheckpoint <= t) nextCheckpoint += step;
        }
        if (std::holds_alternative<PoseEvent>(session.events[i])) {
            poseTimes_.push_back(t);
            poseEvents_.push_back(i);
        }
        simulation.apply(session.events[i], scratch);
        needles.poll();
        scratch.travel.clear();
    }
    needles.finish();
    if (checkpoints_.empty()) checkpoint(0.0, 0);
}

std::size_t ReplayIndex::memoryBytes() const {
    std::size_t bytes = sizeof(*this) + poseTimes_.capacity() * sizeof(double) + poseEvents_.capacity() * sizeof(std::size_t);
    bytes += checkpoints_.capacity() * sizeof(Checkpoint) + kept_.capacityBytes();
    bytes += bleeding_.points().capacity() * sizeof(BleedingPoint);
    return bytes;
}

std::size_t ReplayIndex::keptUntil(double t) const {
    if (!keptInTimeOrder_) return kept_.size();
    std::size_t lo = 0, hi = kept_.size();  // the first puncture after t
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (t < kept_[mid].t) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

std::vector<std::uint32_t> ReplayIndex::puncturesPerTriangleAt(double t) const {
    std::vector<std::uint32_t> counts(triangles_, 0);
    kept_.forEach(keptUntil(t), [&](const Kept& k) {
        if (k.t <= t) ++counts[k.triangle];
    });
    return counts;
}

// As rollerAreas (density_field.h) for the punctures made at or before t.
std::vector<char> ReplayIndex::rollerAreasAt(double t) const {
    std::vector<std::size_t> all(field_.areaCount(), 0), roller(field_.areaCount(), 0);
    kept_.forEach(keptUntil(t), [&](const Kept& k) {
        if (k.t > t || k.area >= all.size()) return;
        ++all[k.area];
        roller[k.area] += k.tool == ToolKind::Roller;
    });
    std::vector<char> out(all.size(), 0);
    for (std::size_t a = 0; a < out.size(); ++a) out[a] = measuredAsRoller(roller[a], all[a]);
    return out;
}

// As tallyPunctures (density_field.h), from the points kept for each puncture.
PunctureTally ReplayIndex::tallyAt(double t, const std::vector<char>& roller, bool dermalOnly) const {
    PunctureTally tally(field_);
    kept_.forEach(keptUntil(t), [&](const Kept& k) {
        if (k.t > t || (dermalOnly && !k.dermal)) return;
        const std::uint16_t area = field_.areaOf(k.triangle);
        const bool atRoller = area < roller.size() && roller[area] != 0;
        tally.addAtHome(k.triangle, k.area, k.tool, atRoller, k.home[atRoller]);
    });
    tally.settle();
    return tally;
}

ReplayIndex::Densities ReplayIndex::densitiesAt(double t) const {
    const std::vector<char> roller = rollerAreasAt(t);
    return {drawnDensity(tallyAt(t, roller, false), roller), drawnDensity(tallyAt(t, roller, true), roller)};
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

ReplayIndex::DrawnDensities ReplayIndex::drawnAt(double t, const SurfaceMesh& mesh) const {
    std::vector<char> roller = rollerAreasAt(t);
    const PunctureTally all = tallyAt(t, roller, false);
    DrawnDensities out{drawnVertexDensity(mesh, all, roller), drawnVertexDensity(mesh, tallyAt(t, roller, true), roller), {}};
    out.samples = drawnSamples(all, std::move(roller));
    return out;
}

std::vector<double> ReplayIndex::densityAt(double t) const {
    const std::vector<char> roller = rollerAreasAt(t);
    return drawnDensity(tallyAt(t, roller, false), roller);
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
