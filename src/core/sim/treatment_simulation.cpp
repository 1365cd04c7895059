#include "core/sim/treatment_simulation.h"

#include "core/sim/needle_pipeline.h"

#include <glm/geometric.hpp>

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <new>
#include <numbers>
#include <type_traits>
#include <vector>

namespace pinpoint::core {

namespace {

constexpr std::size_t kOffSkinExamples = 5;
// A roller's heading is taken once it has travelled this far from where it was put down, and turns
// with the travel by at most this much per millimetre rolled (a turning circle of about 30 mm).
constexpr float kRollerHeadingMm = 1.5f;
constexpr double kRollerTurnDegPerMm = 2.0;
// Skin gives under a pressed drum: a needle at the drum's edge over a convex face still reaches skin
// this far below the line of contact (our estimate: soft tissue yields 1-2 mm under hand pressure).
constexpr float kRollerPressMm = 1.0f;
constexpr float kOffSkinSearchMm = 50.0f;  // how far to look for the skin a lost contact pose missed

glm::vec3 lerp(glm::dvec3 a, glm::dvec3 b, double alpha) { return glm::vec3(a + (b - a) * alpha); }

// Two directions across `axis`, chosen the same way every time.
void crossDirections(glm::vec3 axis, glm::vec3& u, glm::vec3& v) {
    glm::vec3 c = glm::cross(axis, glm::vec3(0.0f, 1.0f, 0.0f));
    if (glm::dot(c, c) < 0.01f) c = glm::cross(axis, glm::vec3(1.0f, 0.0f, 0.0f));
    u = glm::normalize(c);
    v = glm::cross(axis, u);
}

float degreesBetween(glm::vec3 a, glm::vec3 b) {
    const float c = std::clamp(glm::dot(a, b), -1.0f, 1.0f);
    return std::acos(c) * static_cast<float>(180.0 / std::numbers::pi);
}

}  // namespace

TreatmentSimulation::TreatmentSimulation(const TreatmentSurface& surface, const ToolCatalogue& tools,
                                         SimulationOptions options)
    : surface_(surface), tools_(tools), options_(options) {}

void TreatmentSimulation::apply(const SessionEvent& event, SimulationOutput& out) {
    if (const auto* tool = std::get_if<ToolEvent>(&event)) applyTool(*tool);
    else if (const auto* pose = std::get_if<PoseEvent>(&event)) applyPose(*pose, out);
}

void TreatmentSimulation::applyTool(const ToolEvent& tool) {
    if (last_) pending_.push_back(tool);  // in contact: from its own time on, never backwards
    else setTool(tool);
}

void TreatmentSimulation::setTool(const ToolEvent& tool) {
    const ToolKind before = tool_ ? tool_->tool : tool.tool;
    tool_ = tool;
    depthUm_ = toMicrometres(tool.depthMm);
    cartridge_ = tool.tool == ToolKind::Pen ? tools_.findCartridge(tool.cartridge) : nullptr;
    roller_ = nullptr;
    if (tool.tool == ToolKind::Roller)
        roller_ = tool.roller.empty() ? tools_.findRollerByNeedles(tool.needles) : tools_.findRoller(tool.roller);
    // The motor never strokes sooner than one period after its last stroke, however often the
    // settings change.
    clockStart_ = tool.t;
    if (tool.speedHz > 0.0) clockStart_ = std::max(clockStart_, lastStroke_ + 1.0 / tool.speedHz);
    nextStroke_ = 0.0;
    if (tool.tool != before) {  // another device: the drum starts afresh
        rolledMm_ = 0.0;
        heading_.reset();
    }
}

std::optional<SurfaceHit> TreatmentSimulation::touch(glm::vec3 p, std::uint32_t hint) const {
    const float tolerance = static_cast<float>(options_.contactToleranceMm);
    if (hint != kNoTriangle) {
        // Straight down onto the skin near the last contact: cheaper than a search, same answer
        // for a tool sliding over the surface.
        const glm::vec3 down = -surface_.areas.normal(hint);
        if (auto hit = walkAlong(surface_.adjacency, hint, p, down); hit && std::fabs(hit->distance) <= tolerance)
            return hit;
    }
    return surface_.bvh.closestPoint(p, tolerance);
}

void TreatmentSimulation::liftTool() {
    last_.reset();
    heading_.reset();
    rolledMm_ = 0.0;
    for (const ToolEvent& t : pending_) setTool(t);
    pending_.clear();
}

void TreatmentSimulation::applyPose(const PoseEvent& pose, SimulationOutput& out) {
    // (A micro-second of slack: poses written 0.1 s apart by hand differ by 0.1000000000000014.)
    if (last_ && pose.t - last_->t > options_.maxContactGapSeconds + 1e-6) {
        ++out.contactGaps;  // a stall or a pause: the tool was not seen on the skin in between
        liftTool();
    }
    if (!pose.contact) {
        liftTool();
        return;
    }
    const std::optional<SurfaceHit> skin = touch(glm::vec3(pose.p), last_ ? last_->skin.triangle : kNoTriangle);
    if (!skin) {
        ++out.offSkinPoses;
        if (out.offSkinExamples.size() < kOffSkinExamples) {
            const auto near = surface_.bvh.closestPoint(glm::vec3(pose.p), kOffSkinSearchMm);
            out.offSkinExamples.push_back({pose.t, near ? near->distance : -1.0});
        }
        liftTool();
        return;
    }
    Contact now{pose.t, pose.p, pose.axis, *skin};
    if (!last_) {
        ++contactIndex_;
        putDown_ = skin->point;
    } else if (now.t > last_->t) {
        out.contactSeconds += now.t - last_->t;
        recordTravel(*last_, now, out);
        Contact from = *last_;
        for (const ToolEvent& change : pending_) {
            if (change.t > from.t && change.t < now.t) {
                const Contact mid = between(from, now, change.t);
                segment(from, mid, out);
                from = mid;
            }
            setTool(change);
        }
        pending_.clear();
        segment(from, now, out);
    }
    last_ = now;
}

TreatmentSimulation::Contact TreatmentSimulation::between(const Contact& from, const Contact& to, double t) const {
    const double alpha = (t - from.t) / (to.t - from.t);
    Contact c{t, from.p + (to.p - from.p) * alpha, std::nullopt, to.skin};
    if (from.axis && to.axis) c.axis = glm::normalize(*from.axis + (*to.axis - *from.axis) * alpha);
    else c.axis = from.axis;
    if (auto skin = touch(glm::vec3(c.p), from.skin.triangle)) c.skin = *skin;
    return c;
}

void TreatmentSimulation::segment(const Contact& from, const Contact& to, SimulationOutput& out) {
    if (!(to.t > from.t) || !tool_) return;
    if (tool_->tool == ToolKind::Pen && cartridge_) penSegment(from, to, out);
    if (tool_->tool == ToolKind::Roller && roller_) rollerSegment(from, to, out);
}

void TreatmentSimulation::penSegment(const Contact& from, const Contact& to, SimulationOutput& out) {
    const double hz = tool_->speedHz;
    if (!(hz > 0.0)) return;
    // Strokes at clockStart + k / hz (k >= 0) that fall in [from.t, to.t), each once: the index only
    // moves forward, so a stroke on a boundary between two stretches is never lost or repeated.
    double k = std::max(nextStroke_, std::ceil((from.t - clockStart_) * hz - 1e-6));
    for (double t = clockStart_ + k / hz; t < to.t; k += 1.0, t = clockStart_ + k / hz) {
        nextStroke_ = k + 1.0;
        const double alpha = (t - from.t) / (to.t - from.t);
        const glm::vec3 tip = lerp(from.p, to.p, alpha);
        glm::vec3 axis(0.0f);
        if (from.axis && to.axis) axis = glm::normalize(lerp(*from.axis, *to.axis, alpha));
        else if (from.axis) axis = glm::vec3(*from.axis);
        lastStroke_ = t;
        penStroke(t, tip, axis, from.skin.triangle, out);
    }
}

void TreatmentSimulation::penStroke(double t, glm::vec3 tip, glm::vec3 axis, std::uint32_t hint, SimulationOutput& out) {
    const std::optional<SurfaceHit> skin = touch(tip, hint);
    if (!skin) return;
    const SurfaceMesh& mesh = surface_.head->mesh();
    const glm::vec3 normal = normalOnTriangle(mesh, skin->triangle, skin->barycentric);
    if (axis == glm::vec3(0.0f)) axis = -normal;
    if (!(glm::dot(axis, -normal) > 0.0f)) return;  // the needles point out of the skin, or along it
    ++out.strokes;
    glm::vec3 u, v;
    crossDirections(axis, u, v);
    const float reach = static_cast<float>(tool_->depthMm);
    for (const glm::vec2& pin : cartridge_->pinsMm)
        needle(t, skin->point + pin.x * u + pin.y * v, axis, skin->triangle, reach, out);
}

void TreatmentSimulation::rollerSegment(const Contact& from, const Contact& to, SimulationOutput& out) {
    const SurfaceMesh& mesh = surface_.head->mesh();
    const glm::vec3 n = normalOnTriangle(mesh, to.skin.triangle, to.skin.barycentric);
    const auto tangent = [&](glm::vec3 d) { return d - glm::dot(d, n) * n; };
    if (!heading_) {
        // The drum's heading: the first few millimetres of travel from where it was put down.
        const glm::vec3 away = tangent(to.skin.point - putDown_);
        if (glm::length(away) < kRollerHeadingMm) return;
        heading_ = glm::normalize(away);
    }
    glm::vec3 heading = tangent(*heading_);
    if (glm::dot(heading, heading) < 1e-12f) return;
    heading = glm::normalize(heading);
    const glm::vec3 move = tangent(to.skin.point - from.skin.point);
    const float along = glm::dot(move, heading);  // rolled forward (or back); sideways is sliding
    const double rolled = std::fabs(along);
    if (rolled <= 1e-9) return;
    // The drum turns only as it rolls: its heading follows the travel by at most kRollerTurnDegPerMm.
    const glm::vec3 travel = glm::normalize(move) * (along < 0.0f ? -1.0f : 1.0f);
    const float maxTurn = static_cast<float>(rolled * kRollerTurnDegPerMm * std::numbers::pi / 180.0);
    const float turn = std::acos(std::clamp(glm::dot(heading, travel), -1.0f, 1.0f));
    glm::vec3 next = turn <= maxTurn ? travel : glm::normalize(heading + (travel - heading) * (maxTurn / turn));
    if (glm::dot(next, next) < 1e-12f) next = heading;
    heading_ = next;
    const double spacing = roller_->rowSpacingMm();
    double at = 0.0;
    while (at + (spacing - rolledMm_) <= rolled) {
        at += spacing - rolledMm_;
        rolledMm_ = 0.0;
        const double alpha = at / rolled;
        rollerRow(from.t + (to.t - from.t) * alpha, lerp(from.p, to.p, alpha), heading, from.skin.triangle, out);
    }
    rolledMm_ += rolled - at;
}

void TreatmentSimulation::rollerRow(double t, glm::vec3 contact, glm::vec3 heading, std::uint32_t hint,
                                    SimulationOutput& out) {
    const std::optional<SurfaceHit> skin = touch(contact, hint);
    if (!skin) return;
    ++out.rollerRows;
    const SurfaceMesh& mesh = surface_.head->mesh();
    const glm::vec3 n = normalOnTriangle(mesh, skin->triangle, skin->barycentric);
    glm::vec3 along = heading - glm::dot(heading, n) * n;  // the heading in this tangent plane
    if (glm::dot(along, along) < 1e-12f) {
        glm::vec3 u, v;
        crossDirections(-n, u, v);
        along = v;
    }
    const glm::vec3 drumAxis = glm::normalize(glm::cross(n, along));
    const double ringSpacing = roller_->drumWidthMm / roller_->rings;
    const float reach = static_cast<float>(tool_->depthMm);
    for (int i = 0; i < roller_->rings; ++i) {
        const float offset = static_cast<float>((i - (roller_->rings - 1) / 2.0) * ringSpacing);
        needle(t, skin->point + offset * drumAxis, -n, skin->triangle, reach + kRollerPressMm, out);
    }
}

void TreatmentSimulation::needle(double t, glm::vec3 from, glm::vec3 axis, std::uint32_t start, float reachMm,
                                 SimulationOutput& out) {
    const NeedleJob job{t, from, axis, start, reachMm, depthUm_, tool_->tool};
    if (deferred_) deferred_->push_back(job);
    else if (const std::optional<Puncture> p = resolveNeedle(surface_, job)) out.punctures.push_back(*p);
}

std::optional<Puncture> resolveNeedle(const TreatmentSurface& surface, const NeedleJob& job) {
    const SurfaceMesh& mesh = surface.head->mesh();
    std::optional<SurfaceHit> hit = walkAlong(surface.adjacency, job.start, job.from, job.axis);
    if (!hit) {  // the walk gave up (a fold, a crease): search along the needle instead
        constexpr float kBehind = 5.0f;
        hit = surface.bvh.castRay(job.from - kBehind * job.axis, job.axis, kBehind + job.reachMm);
        if (hit) hit->distance -= kBehind;
    }
    if (!hit || hit->distance > job.reachMm) return std::nullopt;  // off the edge of the skin, or out of reach
    Puncture p;
    p.t = job.t;
    p.triangle = hit->triangle;
    p.barycentric = hit->barycentric;
    p.point = hit->point;
    p.area = surface.areas.areaAt(hit->triangle, hit->point);
    p.depthUm = job.depthUm;
    p.angleDeg = degreesBetween(job.axis, -normalOnTriangle(mesh, hit->triangle, hit->barycentric));
    p.tool = job.tool;
    return p;
}

void TreatmentSimulation::recordTravel(const Contact& from, const Contact& to, SimulationOutput& out) const {
    const glm::vec3 d = to.skin.point - from.skin.point;
    const float length = glm::length(d);
    if (length <= 0.0f) return;
    const SurfaceMesh& mesh = surface_.head->mesh();
    const glm::vec3 n = normalOnTriangle(mesh, to.skin.triangle, to.skin.barycentric);
    glm::vec3 up = glm::vec3(0.0f, 1.0f, 0.0f) - n.y * n;
    if (glm::dot(up, up) < 1e-6f) up = glm::vec3(0.0f, 0.0f, 1.0f) - n.z * n;
    up = glm::normalize(up);
    const glm::vec3 right = glm::cross(up, n);
    float deg = std::atan2(glm::dot(d, up), glm::dot(d, right)) * static_cast<float>(180.0 / std::numbers::pi);
    if (deg < 0.0f) deg += 360.0f;
    if (deg >= 360.0f) deg -= 360.0f;
    out.travel.push_back({from.t, to.t, surface_.head->labels.areaOfTriangle[to.skin.triangle], length, deg, contactIndex_});
}

namespace {

// Punctures kept in blocks mapped from the system for them alone, so that each goes back to the
// system the moment it is unmapped, whatever the heap's state.
class PunctureBlocks {
public:
    PunctureBlocks() = default;
    PunctureBlocks(const PunctureBlocks&) = delete;
    PunctureBlocks& operator=(const PunctureBlocks&) = delete;
    ~PunctureBlocks() {
        for (Block& b : blocks_) ::munmap(b.at, kBytes);
    }

    void add(const std::vector<Puncture>& run) {
        for (std::size_t done = 0; done < run.size();) {
            if (blocks_.empty() || blocks_.back().count == kPerBlock) {
                void* at = ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (at == MAP_FAILED) throw std::bad_alloc();
                blocks_.push_back({static_cast<Puncture*>(at), 0});
            }
            Block& b = blocks_.back();
            const std::size_t n = std::min(run.size() - done, kPerBlock - b.count);
            std::uninitialized_copy_n(run.data() + done, n, b.at + b.count);
            b.count += n;
            done += n;
            total_ += n;
        }
    }

    // Appends every puncture to `list`, in order, unmapping each block once it is copied.
    void moveInto(std::vector<Puncture>& list) {
        list.reserve(list.size() + total_);
        for (Block& b : blocks_) {
            list.insert(list.end(), b.at, b.at + b.count);
            ::munmap(b.at, kBytes);
        }
        blocks_.clear();
        total_ = 0;
    }

private:
    static_assert(std::is_trivially_copyable_v<Puncture> && std::is_trivially_destructible_v<Puncture>);
    static constexpr std::size_t kBytes = 4u << 20;
    static constexpr std::size_t kPerBlock = kBytes / sizeof(Puncture);
    struct Block {
        Puncture* at;
        std::size_t count;
    };
    std::vector<Block> blocks_;
    std::size_t total_ = 0;
};

}  // namespace

SimulationOutput simulateSession(const TreatmentSurface& surface, const ToolCatalogue& tools, const Session& session,
                                 SimulationOptions options) {
    TreatmentSimulation simulation(surface, tools, options);
    SimulationOutput out;
    // The needles are found in the skin on a second thread meanwhile (needle_pipeline.h): the same
    // punctures, in the same order, kept block by block and put in one list at the end, each block
    // given back to the system as soon as it is copied (a list grown as they come, or runs kept in
    // the heap, would hold a 20-minute session's 66 MB of punctures about twice over at the end).
    PunctureBlocks blocks;
    NeedlePipeline needles(surface, [&](std::vector<Puncture>& run) { blocks.add(run); });
    simulation.deferNeedles(needles.jobs());
    for (const SessionEvent& e : session.events) {
        simulation.apply(e, out);
        needles.poll();
    }
    simulation.apply(PoseEvent{}, out);  // the end of the recording lifts the tool
    needles.finish();
    blocks.moveInto(out.punctures);
    return out;
}

}  // namespace pinpoint::core
