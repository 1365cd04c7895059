#pragma once
// Seeking in a recorded session for review: the treatment state at any moment without re-simulating
// from the start. One pass over the session keeps what a seek needs of every puncture (its time,
// triangle, area, device, whether it reached the dermis and its point at each scale: 24 bytes) and
// a checkpoint of the simulation every few seconds of session time (for the tool's state); a seek
// tallies the punctures made up to the moment as the score does (density_field.h). The answer is
// exactly what a full simulation gives for the punctures made up to that moment.
#include "core/coverage/bleeding_points.h"
#include "core/coverage/density_field.h"
#include "core/coverage/vertex_density.h"
#include "core/sim/treatment_simulation.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace pinpoint::core {

struct ReplayOptions {
    double checkpointSeconds = 10.0;
    SimulationOptions simulation;
};

// Where the tool was at a moment, and with which settings.
struct ToolState {
    std::optional<ToolEvent> settings;  // in force at that moment (none before the first tool event)
    std::optional<PoseEvent> pose;      // the last pose at or before that moment
    // Where the tool was moving over the skin (unit, model space): from the last contact pose at
    // least a millimetre back to `pose`, when both are in contact.
    std::optional<glm::dvec3> travel;
    // A roller on the skin: the way the simulation was rolling its drum at that moment (unit), as the
    // live app drew it; the drum is drawn across it (across `travel` before the drum has a heading).
    std::optional<glm::vec3> rollingHeading;
};

class ReplayIndex {
public:
    // `session`, `surface`, `tools` and `field` must outlive the index.
    ReplayIndex(const TreatmentSurface& surface, const ToolCatalogue& tools, const DensityField& field,
                const Session& session, ReplayOptions options = {});

    double duration() const { return duration_; }
    std::size_t checkpointCount() const { return checkpoints_.size(); }
    std::size_t memoryBytes() const;

    // Punctures in each triangle made at or before `t` (every puncture with puncture.t <= t).
    std::vector<std::uint32_t> puncturesPerTriangleAt(double t) const;
    // Density per triangle (punctures per cm²) at `t`, as the score measures it and the heatmap draws it.
    std::vector<double> densityAt(double t) const;
    // Both densities at `t`: all punctures, and those that reached the dermis (pinpoint bleeding),
    // each zone at the scale of the device it is measured as by then.
    struct Densities {
        std::vector<double> all;
        std::vector<double> dermal;
    };
    Densities densitiesAt(double t) const;
    // The same as the head is drawn: at each vertex of `mesh` (drawnVertexDensity), and every point's
    // density, by which the heatmap colours each pixel of a zone (drawnSamples).
    struct DrawnDensities {
        std::vector<float> all;
        std::vector<float> dermal;
        DrawnSamples samples;
    };
    DrawnDensities drawnAt(double t, const SurfaceMesh& mesh) const;
    ToolState toolAt(double t) const;
    // The whole session's bleeding points; those up to a moment are `bleedingPoints().until(t)`.
    const BleedingPoints& bleedingPoints() const { return bleeding_; }

private:
    struct Checkpoint;
    const Checkpoint& checkpointAt(double t) const;  // the last one at or before t
    std::optional<glm::vec3> rollingHeadingAt(double t) const;

    // What a seek needs of one puncture.
    struct Kept {
        double t = 0.0;
        std::uint32_t triangle = 0;
        std::uint32_t home[2] = {kNoSample, kNoSample};  // its point at the pen's scale, the roller's
        std::uint16_t area = 0;
        ToolKind tool = ToolKind::Pen;
        bool dermal = false;  // reached the dermis
    };
    // Kept punctures in blocks of a fixed size: a long session's list grows without copying itself
    // (a growing array would briefly need its old and its new copy at once) and wastes at most a block.
    class KeptList {
    public:
        static constexpr std::size_t kBlockBits = 16, kBlock = std::size_t{1} << kBlockBits;
        void push_back(const Kept& k) {
            if (size_ % kBlock == 0) blocks_.emplace_back().reserve(kBlock);
            blocks_.back().push_back(k);
            ++size_;
        }
        std::size_t size() const { return size_; }
        bool empty() const { return size_ == 0; }
        const Kept& operator[](std::size_t i) const { return blocks_[i >> kBlockBits][i & (kBlock - 1)]; }
        const Kept& back() const { return blocks_.back().back(); }
        std::size_t capacityBytes() const { return blocks_.size() * kBlock * sizeof(Kept); }
        // f(kept) for the first `count`, in order.
        template <class F>
        void forEach(std::size_t count, F&& f) const {
            for (std::size_t b = 0; b < blocks_.size() && count > 0; ++b) {
                const std::size_t n = std::min(count, blocks_[b].size());
                for (std::size_t i = 0; i < n; ++i) f(blocks_[b][i]);
                count -= n;
            }
        }

    private:
        std::vector<std::vector<Kept>> blocks_;
        std::size_t size_ = 0;
    };
    // The punctures made at or before t (all of them in session order, or, with `dermalOnly`, those
    // that reached the dermis), tallied as the score does with each area at its device's scale.
    PunctureTally tallyAt(double t, const std::vector<char>& roller, bool dermalOnly) const;
    std::vector<char> rollerAreasAt(double t) const;
    std::size_t keptUntil(double t) const;  // how many of kept_ to look at for a moment

    struct Checkpoint {
        double t = 0.0;              // every event before `nextEvent` happened before t
        std::size_t nextEvent = 0;
        TreatmentSimulation simulation;
    };
    const Session& session_;
    const ToolCatalogue& tools_;
    const DensityField& field_;
    std::size_t triangles_ = 0;
    double duration_ = 0.0;
    std::vector<Checkpoint> checkpoints_;
    KeptList kept_;                    // every puncture of the session, in order
    bool keptInTimeOrder_ = true;      // then the punctures up to a moment are a prefix of kept_
    BleedingPoints bleeding_;
    std::vector<double> poseTimes_;          // times of the pose events, in order
    std::vector<std::size_t> poseEvents_;    // their indices in the session
};

}  // namespace pinpoint::core
