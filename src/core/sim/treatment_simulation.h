#pragma once
// From tool settings and tool poses to punctures, deterministically (design.md, "Session file").
//
// Pen: while in contact the motor strokes at speed_hz on a clock that starts at the tool event; at
// each stroke the tip is interpolated between the surrounding poses, projected onto the skin, and
// every pin of the cartridge enters along the needle axis (default: minus the skin normal). A pin
// whose skin lies farther than the depth setting beyond the cartridge face (a curved nose under a
// flat cartridge) does not reach.
// Roller: a row of needles touches the skin when the drum is put down and each time it has rolled
// forward by the row spacing; the drum's axis lies in the skin's tangent plane across the direction
// of travel. No rolling, no new punctures.
// A contact pose farther than `contactToleranceMm` from the skin is not touching: it is counted and
// reported, not punctured.
#include "core/face/head.h"
#include "core/geometry/bvh.h"
#include "core/geometry/surface_walk.h"
#include "core/sim/puncture.h"
#include "core/tools/tool_catalogue.h"

#include <optional>
#include <vector>

namespace pinpoint::core {

struct SimulationOptions {
    double contactToleranceMm = 3.0;
};

// The parts of the head the simulation needs, built once and shared (read-only).
struct TreatmentSurface {
    const Head* head = nullptr;
    Bvh bvh;
    TriangleAdjacency adjacency;

    explicit TreatmentSurface(const Head& h) : head(&h), bvh(h.mesh()), adjacency(h.mesh()) {}
};

struct OffSkinContact {
    double t = 0.0;
    double distanceMm = -1.0;  // to the nearest skin; -1 when none within 10 tolerances
};

struct SimulationOutput {
    std::vector<Puncture> punctures;
    std::vector<TravelSegment> travel;
    std::size_t strokes = 0;           // pen strokes while in contact with the skin
    std::size_t rollerRows = 0;        // roller rows that touched
    double contactSeconds = 0.0;
    std::size_t offSkinPoses = 0;      // contact poses too far from the skin
    std::vector<OffSkinContact> offSkinExamples;  // the first few
};

class TreatmentSimulation {
public:
    TreatmentSimulation(const TreatmentSurface& surface, const ToolCatalogue& tools, SimulationOptions options = {});

    // Feed events in session order; punctures and travel are appended to `out`.
    void apply(const SessionEvent& event, SimulationOutput& out);

private:
    struct Contact {
        double t;
        glm::dvec3 p;
        std::optional<glm::dvec3> axis;
        SurfaceHit skin;
    };
    void applyTool(const ToolEvent& tool);
    void applyPose(const PoseEvent& pose, SimulationOutput& out);
    std::optional<SurfaceHit> touch(glm::vec3 p, std::uint32_t hint) const;
    void penSegment(const Contact& from, const Contact& to, SimulationOutput& out);
    void rollerSegment(const Contact& from, const Contact& to, SimulationOutput& out);
    void penStroke(double t, glm::vec3 tip, glm::vec3 axis, std::uint32_t hint, SimulationOutput& out);
    void rollerRow(double t, glm::vec3 contact, glm::vec3 travel, std::uint32_t hint, SimulationOutput& out);
    void needle(double t, glm::vec3 from, glm::vec3 axis, std::uint32_t start, float reachMm, SimulationOutput& out);
    void recordTravel(const Contact& from, const Contact& to, SimulationOutput& out) const;

    const TreatmentSurface& surface_;
    const ToolCatalogue& tools_;
    SimulationOptions options_;
    std::optional<ToolEvent> tool_;
    const Cartridge* cartridge_ = nullptr;
    const Roller* roller_ = nullptr;
    double clockStart_ = 0.0;         // the stroke clock's zero (time of the tool event)
    double rolledMm_ = 0.0;           // roller travel since the last row
    std::optional<Contact> last_;     // the previous pose, when it was touching the skin
};

// Every event of a session through a fresh simulation.
SimulationOutput simulateSession(const TreatmentSurface& surface, const ToolCatalogue& tools, const Session& session,
                                 SimulationOptions options = {});

}  // namespace pinpoint::core
