#include "app/treatment_hand.h"

#include "app/screens.h"
#include "core/sim/treatment_simulation.h"

#include <glm/geometric.hpp>

#include <algorithm>

namespace pinpoint::app {

std::optional<core::SurfaceHit> TreatmentHand::pick(const AppState& state, glm::vec2 position, glm::vec2 viewport) const {
    const Ray ray = state.camera.ray(position, viewport);
    std::optional<core::SurfaceHit> hit = state.services.surface->bvh.castRay(ray.origin, ray.direction);
    if (!hit) return std::nullopt;
    const core::Head& head = *state.services.head;
    if (!head.geometry.parts.empty() && head.geometry.parts[hit->triangle] == core::SurfacePart::Inner) return std::nullopt;
    // The smooth normal reads better for the tool and the angle than the facet's.
    hit->normal = core::normalOnTriangle(head.mesh(), hit->triangle, hit->barycentric);
    if (glm::dot(hit->normal, ray.direction) > 0.0f) hit->normal = -hit->normal;
    return hit;
}

void TreatmentHand::pose(AppState& state, double t, const core::SurfaceHit* hit, glm::vec3 axis) {
    core::PoseEvent e;
    e.t = t;
    if (hit) {
        e.p = glm::dvec3(hit->point);
        e.contact = true;
        e.axis = glm::dvec3(axis);
        if (inContact_ && t > lastContactTime_) {
            const double d = glm::distance(hit->point, lastContactPoint_);
            const double v = d / (t - lastContactTime_);
            speed_ = 0.75 * speed_ + 0.25 * v;
            if (d > 0.05) travel_ = glm::normalize(hit->point - lastContactPoint_);
        } else {
            speed_ = 0.0;
        }
        lastContactPoint_ = hit->point;
        lastContactTime_ = t;
        inContact_ = true;
        ++contactPoses_;
    } else {
        e.p = glm::dvec3(lastContactPoint_);
        e.contact = false;
        inContact_ = false;
        speed_ = 0.0;
    }
    recordEvent(state, e);
}

std::optional<glm::vec2> TreatmentHand::takeCursorReturn() {
    std::optional<glm::vec2> r;
    r.swap(cursorReturn_);
    return r;
}

glm::vec3 TreatmentHand::needleAxis(const AppState& state, const core::SurfaceHit& hit, bool roller) {
    if (roller) return -hit.normal;
    if (tabletTilt_) tilt_.setFromTablet(*tabletTilt_, screenAxes(state.camera.camera()), hit.normal);
    return tilt_.axis(hit.normal);
}

glm::vec2 TreatmentHand::steer(const AppState& state, const PointerInput& in) {
    tabletTilt_ = in.tablet ? in.tablet->tiltDeg : std::nullopt;
    const bool tilting = in.tilting && !tabletTilt_ && state.tool.kind == core::ToolKind::Pen;
    glm::vec2 position = in.position;
    if (tilting) {
        if (!tiltingWas_) tiltAnchor_ = lastPosition_;
        tilt_.tiltBy((in.position - lastMouse_) / in.pixelScale, screenAxes(state.camera.camera()), lastNormal_);
        position = tiltAnchor_;
    } else if (tiltingWas_) {
        cursorReturn_ = tiltAnchor_;  // the window puts the mouse back on the pen
        position = tiltAnchor_;
    }
    // Tilting, the mouse moves on while the pen stays; once it ends, the mouse is put back on the pen.
    lastMouse_ = !tilting && tiltingWas_ ? tiltAnchor_ : in.position;
    tiltingWas_ = tilting;
    return position;
}

void TreatmentHand::update(AppState& state, const PointerInput& inRaw, double now) {
    if (!started_) {
        started_ = true;
        nextStep_ = now;
        lastTime_ = now;
        lastPosition_ = inRaw.position;
        lastMouse_ = inRaw.position;
    }
    PointerInput in = inRaw;
    in.position = steer(state, inRaw);
    if (in.tablet) in.left = in.tablet->contact;
    // Orbit and zoom (right-drag started off the UI; the wheel when the UI does not want it).
    if (in.right && rightWasDown_)
        state.camera.orbit((in.position.x - lastPosition_.x) / in.pixelScale, (in.position.y - lastPosition_.y) / in.pixelScale);
    rightWasDown_ = in.right && (rightWasDown_ || !in.overUi);
    if (!in.overUi && in.wheel != 0.0f) state.camera.zoom(in.wheel);

    const bool pressing = in.left && (leftWasDown_ || !in.overUi);
    leftWasDown_ = pressing;
    const bool roller = state.tool.kind == core::ToolKind::Roller;
    if (!pressing && !inContact_) {
        nextStep_ = now;  // nothing to record: the fixed-step clock restarts with the next contact
    } else {
        // After a stall (the window did not update for longer than the contact gap the scorer accepts)
        // the recording says the pen was lifted, and contact starts again now: the stalled time is
        // never needled, and no backlog is replayed.
        if (inContact_ && now - nextStep_ > core::kMaxContactGapSeconds - kPoseStepSeconds) {
            pose(state, nextStep_, nullptr, {});
            nextStep_ = now;
        }
        for (; nextStep_ <= now; nextStep_ += kPoseStepSeconds) {
            const float a = now > lastTime_ ? static_cast<float>((nextStep_ - lastTime_) / (now - lastTime_)) : 1.0f;
            const glm::vec2 at = lastPosition_ + std::clamp(a, 0.0f, 1.0f) * (in.position - lastPosition_);
            const std::optional<core::SurfaceHit> hit = pressing ? pick(state, at, in.viewport) : std::nullopt;
            if (hit)
                pose(state, nextStep_, &*hit, needleAxis(state, *hit, roller));
            else if (inContact_)
                pose(state, nextStep_, nullptr, {});
        }
    }
    lastTime_ = now;
    lastPosition_ = in.position;

    // Hover: where the tool is now, and what is wrong with it.
    const std::optional<core::SurfaceHit> hover = in.overUi && !pressing ? std::nullopt : pick(state, in.position, in.viewport);
    tool_.reset();
    feedback_ = {};
    if (hover) lastNormal_ = hover->normal;
    if (hover && state.live) assessHover(state, *hover, roller, now);
    // Warnings the trainee needles through go into the session: when each comes on and goes off.
    recordWarnings(state, now, inContact_ ? feedback_.warnings : std::vector<core::TreatmentWarning>{});
}

void TreatmentHand::assessHover(const AppState& state, const core::SurfaceHit& hover, bool roller, double now) {
    ToolState t;
    t.hit = hover;
    t.axis = needleAxis(state, hover, roller);
    t.contact = inContact_;
    t.roller = roller;
    const core::ToolEvent settings = toolEvent(state, now);
    t.depthMm = settings.depthMm;
    t.speedMmPerS = speed_;
    if (!roller)
        if (const core::Cartridge* c = state.services.tools->findCartridge(settings.cartridge))
            t.footprintRadiusMm = 0.5 * c->footprintDiameterMm;
    tool_ = t;
    feedback_ = state.live->assess(t);
}

std::optional<core::ToolState> TreatmentHand::asRecorded(const AppState& state) const {
    if (!tool_) return std::nullopt;
    core::ToolState recorded;
    recorded.settings = toolEvent(state, lastTime_);
    recorded.pose = core::PoseEvent{lastTime_, glm::dvec3(tool_->hit.point), inContact_, glm::dvec3(tool_->axis)};
    // Before the drum rolls, it lies across the way the hand moves.
    if (glm::length(travel_) > 0.0f) recorded.travel = glm::dvec3(glm::normalize(travel_));
    if (tool_->roller && state.live) recorded.rollingHeading = state.live->rollingHeading();
    return recorded;
}

}  // namespace pinpoint::app
