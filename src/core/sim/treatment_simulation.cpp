#include "core/sim/treatment_simulation.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pinpoint::core {

namespace {

constexpr std::size_t kOffSkinExamples = 5;

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
    tool_ = tool;
    cartridge_ = tool.tool == ToolKind::Pen ? tools_.findCartridge(tool.cartridge) : nullptr;
    roller_ = nullptr;
    if (tool.tool == ToolKind::Roller)
        roller_ = tool.roller.empty() ? tools_.findRollerByNeedles(tool.needles) : tools_.findRoller(tool.roller);
    clockStart_ = tool.t;
    rolledMm_ = 0.0;
}

std::optional<SurfaceHit> TreatmentSimulation::touch(glm::vec3 p, std::uint32_t hint) const {
    const SurfaceMesh& mesh = surface_.head->mesh();
    const float tolerance = static_cast<float>(options_.contactToleranceMm);
    if (hint != kNoTriangle) {
        // Straight down onto the skin near the last contact: cheaper than a search, same answer
        // for a tool sliding over the surface.
        const glm::vec3 down = -triangleNormal(mesh, hint);
        if (auto hit = walkAlong(surface_.adjacency, hint, p, down); hit && std::fabs(hit->distance) <= tolerance)
            return hit;
    }
    return surface_.bvh.closestPoint(p, tolerance);
}

void TreatmentSimulation::applyPose(const PoseEvent& pose, SimulationOutput& out) {
    if (!pose.contact) {
        if (last_ && roller_ && rolledMm_ < 0.0)  // put down and lifted without rolling: one row
            rollerRow(last_->t, last_->skin.point, glm::vec3(0.0f), last_->skin.triangle, out);
        last_.reset();
        return;
    }
    const std::optional<SurfaceHit> skin = touch(glm::vec3(pose.p), last_ ? last_->skin.triangle : kNoTriangle);
    if (!skin) {
        ++out.offSkinPoses;
        if (out.offSkinExamples.size() < kOffSkinExamples) {
            const auto near = surface_.bvh.closestPoint(glm::vec3(pose.p), 10.0f * static_cast<float>(options_.contactToleranceMm));
            out.offSkinExamples.push_back({pose.t, near ? near->distance : -1.0});
        }
        last_.reset();
        return;
    }
    Contact now{pose.t, pose.p, pose.axis, *skin};
    if (!last_) {
        rolledMm_ = -1.0;  // a roller just put down: its first row lands when it starts to roll
    } else if (now.t > last_->t) {
        out.contactSeconds += now.t - last_->t;
        recordTravel(*last_, now, out);
        if (tool_ && tool_->tool == ToolKind::Pen && cartridge_) penSegment(*last_, now, out);
        if (tool_ && tool_->tool == ToolKind::Roller && roller_) rollerSegment(*last_, now, out);
    }
    last_ = now;
}

void TreatmentSimulation::penSegment(const Contact& from, const Contact& to, SimulationOutput& out) {
    const double hz = tool_->speedHz;
    if (!(hz > 0.0)) return;
    // Strokes at clockStart + k / hz that fall in [from.t, to.t).
    double k = std::ceil((from.t - clockStart_) * hz);
    for (double t = clockStart_ + k / hz; t < to.t; k += 1.0, t = clockStart_ + k / hz) {
        if (t < from.t) continue;
        const double alpha = (t - from.t) / (to.t - from.t);
        const glm::vec3 tip = lerp(from.p, to.p, alpha);
        glm::vec3 axis(0.0f);
        if (from.axis && to.axis) axis = glm::normalize(lerp(*from.axis, *to.axis, alpha));
        else if (from.axis) axis = glm::vec3(*from.axis);
        penStroke(t, tip, axis, from.skin.triangle, out);
    }
}

void TreatmentSimulation::penStroke(double t, glm::vec3 tip, glm::vec3 axis, std::uint32_t hint, SimulationOutput& out) {
    const std::optional<SurfaceHit> skin = touch(tip, hint);
    if (!skin) return;
    ++out.strokes;
    const SurfaceMesh& mesh = surface_.head->mesh();
    if (axis == glm::vec3(0.0f)) axis = -normalOnTriangle(mesh, skin->triangle, skin->barycentric);
    glm::vec3 u, v;
    crossDirections(axis, u, v);
    const float reach = static_cast<float>(tool_->depthMm);
    for (const glm::vec2& pin : cartridge_->pinsMm)
        needle(t, skin->point + pin.x * u + pin.y * v, axis, skin->triangle, reach, out);
}

void TreatmentSimulation::rollerSegment(const Contact& from, const Contact& to, SimulationOutput& out) {
    const glm::vec3 travel = glm::vec3(to.p - from.p);
    const double length = glm::length(glm::dvec3(to.p - from.p));
    if (length <= 1e-9) return;
    double since = rolledMm_;
    double at = 0.0;
    if (since < 0.0) {  // the row under the drum when it was put down
        rollerRow(from.t, from.skin.point, travel, from.skin.triangle, out);
        since = 0.0;
    }
    const double spacing = roller_->rowSpacingMm();
    while (at + (spacing - since) <= length) {
        at += spacing - since;
        since = 0.0;
        const double alpha = at / length;
        const double t = from.t + (to.t - from.t) * alpha;
        rollerRow(t, lerp(from.p, to.p, alpha), travel, from.skin.triangle, out);
    }
    rolledMm_ = since + (length - at);
}

void TreatmentSimulation::rollerRow(double t, glm::vec3 contact, glm::vec3 travel, std::uint32_t hint,
                                    SimulationOutput& out) {
    const std::optional<SurfaceHit> skin = touch(contact, hint);
    if (!skin) return;
    ++out.rollerRows;
    const SurfaceMesh& mesh = surface_.head->mesh();
    const glm::vec3 n = normalOnTriangle(mesh, skin->triangle, skin->barycentric);
    glm::vec3 along = travel - glm::dot(travel, n) * n;  // travel in the tangent plane
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
        needle(t, skin->point + offset * drumAxis, -n, skin->triangle, reach, out);
    }
}

void TreatmentSimulation::needle(double t, glm::vec3 from, glm::vec3 axis, std::uint32_t start, float reachMm,
                                 SimulationOutput& out) {
    const SurfaceMesh& mesh = surface_.head->mesh();
    std::optional<SurfaceHit> hit = walkAlong(surface_.adjacency, start, from, axis);
    if (!hit) {  // the walk gave up (a fold, a crease): search along the needle instead
        constexpr float kBehind = 5.0f;
        hit = surface_.bvh.castRay(from - kBehind * axis, axis, kBehind + reachMm);
        if (hit) hit->distance -= kBehind;
    }
    if (!hit || hit->distance > reachMm) return;  // off the edge of the skin, or out of reach
    Puncture p;
    p.t = t;
    p.triangle = hit->triangle;
    p.barycentric = hit->barycentric;
    p.point = hit->point;
    p.area = surface_.head->labels.areaOfTriangle[hit->triangle];
    p.depthMm = static_cast<float>(tool_->depthMm);
    p.angleDeg = degreesBetween(axis, -normalOnTriangle(mesh, hit->triangle, hit->barycentric));
    p.tool = tool_->tool;
    out.punctures.push_back(p);
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
    if (deg < 0.0f) deg += 180.0f;
    if (deg >= 180.0f) deg -= 180.0f;
    out.travel.push_back({from.t, to.t, surface_.head->labels.areaOfTriangle[to.skin.triangle], length, deg});
}

SimulationOutput simulateSession(const TreatmentSurface& surface, const ToolCatalogue& tools, const Session& session,
                                 SimulationOptions options) {
    TreatmentSimulation simulation(surface, tools, options);
    SimulationOutput out;
    for (const SessionEvent& e : session.events) simulation.apply(e, out);
    simulation.apply(PoseEvent{}, out);  // the end of the recording lifts the tool
    return out;
}

}  // namespace pinpoint::core
