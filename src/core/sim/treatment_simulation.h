#pragma once
// From tool settings and tool poses to punctures, deterministically (design.md, "Session file").
//
// Pen: while in contact the motor strokes at speed_hz on a clock that starts at the tool event; at
// each stroke the tip is interpolated between the surrounding poses, projected onto the skin, and
// every pin of the cartridge enters along the needle axis (default: minus the skin normal). A pin
// whose skin lies farther than the depth setting beyond the cartridge face (a curved nose under a
// flat cartridge) does not reach. A needle axis that does not point into the skin punctures nothing.
// Roller: a row of needles touches the skin each time the drum has rolled by the row spacing. The
// drum rolls along its heading, set by the first millimetres of travel after it is put down and
// turned only as it rolls (a drum cannot slide sideways): pressing, lifting a little, or sliding
// along the drum's axis lays no row.
// Contact is continuous only between poses at most `maxContactGapSeconds` apart (the recorder writes
// a pose every 1/120 s while the button is down); a longer gap is a lift, so a pause between two
// contact poses needles nothing and scoring never grows with a file's timestamps.
// A tool event during contact applies from its own time on: the stretch before it is needled with
// the settings in force then; the stroke clock never strokes sooner than one period after the last.
// A contact pose farther than `contactToleranceMm` from the skin is not touching: it is counted and
// reported, not punctured.
#include "core/face/area_locator.h"
#include "core/face/head.h"
#include "core/geometry/bvh.h"
#include "core/geometry/surface_walk.h"
#include "core/sim/puncture.h"
#include "core/tools/tool_catalogue.h"

#include <optional>
#include <vector>

namespace pinpoint::core {

// The recorder's stall limit: contact poses further apart than this are not one contact. The
// recorder writes a pose every 1/120 s while the button is down, and a lift when it stalls longer.
inline constexpr double kMaxContactGapSeconds = 0.1;

struct SimulationOptions {
    // The recorder puts the tip on the skin (a ray cast); 1 mm takes a tip written with a few
    // decimals on a curved face, and no more.
    double contactToleranceMm = 1.0;
    // The recorder's stall limit: poses further apart than this are not one contact (docs/simulation.md).
    double maxContactGapSeconds = kMaxContactGapSeconds;
};

// The parts of the head the simulation needs, built once and shared (read-only).
struct TreatmentSurface {
    const Head* head = nullptr;
    Bvh bvh;
    TriangleAdjacency adjacency;
    AreaLocator areas;  // the area under a puncture, decided at its point

    explicit TreatmentSurface(const Head& h) : head(&h), bvh(h.mesh()), adjacency(h.mesh()), areas(h) {}
};

struct OffSkinContact {
    double t = 0.0;
    double distanceMm = -1.0;  // to the nearest skin; -1 when none within 10 tolerances
};

struct SimulationOutput {
    std::size_t contactGaps = 0;       // pauses between contact poses longer than the stall limit (lifts)
    std::vector<Puncture> punctures;
    std::vector<TravelSegment> travel;
    std::size_t strokes = 0;           // pen strokes while in contact with the skin
    std::size_t rollerRows = 0;        // roller rows that touched
    double contactSeconds = 0.0;
    std::size_t offSkinPoses = 0;      // contact poses too far from the skin
    std::vector<OffSkinContact> offSkinExamples;  // the first few
};

// One needle of a stroke or a row, before it is found in the skin: where it starts, which way it
// goes, how far it reaches and what it records. Resolving it depends on nothing else, so needles can
// be resolved apart from the simulation (on another thread) and give the same punctures.
struct NeedleJob {
    double t = 0.0;
    glm::vec3 from{0.0f};
    glm::vec3 axis{0.0f};
    std::uint32_t start = 0;  // the triangle the walk starts from
    float reachMm = 0.0f;
    Micrometres depthUm = 0;
    ToolKind tool = ToolKind::Pen;
};
// The puncture a needle makes, if it reaches the skin.
std::optional<Puncture> resolveNeedle(const TreatmentSurface& surface, const NeedleJob& job);

class TreatmentSimulation {
public:
    TreatmentSimulation(const TreatmentSurface& surface, const ToolCatalogue& tools, SimulationOptions options = {});

    // Feed events in session order; punctures and travel are appended to `out`.
    void apply(const SessionEvent& event, SimulationOutput& out);
    // The direction a roller's drum is rolling (unit, model space), once it has started to roll on
    // this contact; none when lifted, before it rolls, or with a pen. The drum is drawn this way.
    std::optional<glm::vec3> rollingHeading() const { return last_ && roller_ ? heading_ : std::nullopt; }
    // With `jobs`, needles are appended there in order instead of being resolved into the output's
    // punctures (resolveNeedle gives them); null resolves them at once again. A copy of the
    // simulation keeps the setting.
    void deferNeedles(std::vector<NeedleJob>* jobs) { deferred_ = jobs; }

private:
    struct Contact {
        double t;
        glm::dvec3 p;
        std::optional<glm::dvec3> axis;
        SurfaceHit skin;
    };
    void applyTool(const ToolEvent& tool);
    void setTool(const ToolEvent& tool);
    void applyPose(const PoseEvent& pose, SimulationOutput& out);
    void liftTool();
    void segment(const Contact& from, const Contact& to, SimulationOutput& out);
    Contact between(const Contact& from, const Contact& to, double t) const;
    std::optional<SurfaceHit> touch(glm::vec3 p, std::uint32_t hint) const;
    void penSegment(const Contact& from, const Contact& to, SimulationOutput& out);
    void rollerSegment(const Contact& from, const Contact& to, SimulationOutput& out);
    void penStroke(double t, glm::vec3 tip, glm::vec3 axis, std::uint32_t hint, SimulationOutput& out);
    void rollerRow(double t, glm::vec3 contact, glm::vec3 heading, std::uint32_t hint, SimulationOutput& out);
    void needle(double t, glm::vec3 from, glm::vec3 axis, std::uint32_t start, float reachMm, SimulationOutput& out);
    void recordTravel(const Contact& from, const Contact& to, SimulationOutput& out) const;

    const TreatmentSurface& surface_;
    const ToolCatalogue& tools_;
    SimulationOptions options_;
    std::optional<ToolEvent> tool_;
    Micrometres depthUm_ = 0;         // the tool's depth setting
    const Cartridge* cartridge_ = nullptr;
    const Roller* roller_ = nullptr;
    double clockStart_ = 0.0;         // the stroke clock's zero (time of the tool event)
    double lastStroke_ = -1e300;      // time of the last pen stroke
    double nextStroke_ = 0.0;         // index on the stroke clock of the next stroke
    double rolledMm_ = 0.0;           // distance rolled since the last row
    std::optional<glm::vec3> heading_;  // the direction the drum rolls, once it has started to roll
    glm::vec3 putDown_{0.0f};         // where the drum was put down
    std::optional<Contact> last_;     // the previous pose, when it was touching the skin
    std::vector<ToolEvent> pending_;  // tool events during contact, applied from their time at the next pose
    std::uint32_t contactIndex_ = 0;  // counts contacts, for the travel record
    std::vector<NeedleJob>* deferred_ = nullptr;
};

// Every event of a session through a fresh simulation.
SimulationOutput simulateSession(const TreatmentSurface& surface, const ToolCatalogue& tools, const Session& session,
                                 SimulationOptions options = {});

}  // namespace pinpoint::core
