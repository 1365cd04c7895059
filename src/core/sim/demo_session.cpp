#include "core/sim/demo_session.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace pinpoint::core {

namespace {

// The face is close to a vertical cylinder: a zone is planned in (angle around the head's vertical
// axis, height). Horizontal passes follow planes of constant height; vertical passes follow planes
// through the axis, so both wrap around the face with the skin.
constexpr float kAxisX = 0.0f, kAxisZ = 30.0f;

struct ZoneExtent {
    float minAngle = 1e9f, maxAngle = -1e9f;  // radians, 0 = straight ahead (+Z), positive toward +X
    float minY = 1e9f, maxY = -1e9f;
    float meanRadius = 0.0f;                   // mm from the axis
};

float angleOf(glm::vec3 p) { return std::atan2(p.x - kAxisX, p.z - kAxisZ); }
float radiusOf(glm::vec3 p) { return std::hypot(p.x - kAxisX, p.z - kAxisZ); }

ZoneExtent extentOf(const Head& head, std::size_t area) {
    const SurfaceMesh& mesh = head.mesh();
    ZoneExtent e;
    double radius = 0.0, total = 0.0;
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        if (head.labels.areaOfTriangle[t] != area) continue;
        const glm::vec3 c = triangleCentroid(mesh, t);
        const double a = triangleAreaMm2(mesh, t);
        e.minAngle = std::min(e.minAngle, angleOf(c));
        e.maxAngle = std::max(e.maxAngle, angleOf(c));
        e.minY = std::min(e.minY, c.y);
        e.maxY = std::max(e.maxY, c.y);
        radius += a * radiusOf(c);
        total += a;
    }
    e.meanRadius = static_cast<float>(radius / total);
    return e;
}

// The outermost skin at (angle, height), as a hand coming from outside meets it.
std::optional<SurfaceHit> skinAt(const TreatmentSurface& surface, float angle, float y) {
    const glm::vec3 out(std::sin(angle), 0.0f, std::cos(angle));
    const glm::vec3 from = glm::vec3(kAxisX, y, kAxisZ) + 300.0f * out;
    return surface.bvh.castRay(from, -out, 300.0f);
}

class Recorder {
public:
    explicit Recorder(Session& s, double rate) : session_(s), dt_(1.0 / rate) {}
    void event(SessionEvent e) { session_.events.push_back(std::move(e)); }
    void pose(glm::vec3 p, bool contact) {
        event(PoseEvent{t_, glm::dvec3(p), contact, std::nullopt});
        t_ += dt_;
    }
    void pause(double seconds) { t_ += seconds; }
    double now() const { return t_; }

private:
    Session& session_;
    double dt_;
    double t_ = 0.0;
};

// Where the needles of the footprint would land if the tool touched down here, checked the way the
// simulation places them (with every needle pushed 0.6 mm outward, for the tool's motion between
// samples): all must land on allowed skin, clear of the lesions.
struct FootprintCheck {
    const TreatmentSurface* surface = nullptr;
    std::vector<bool> allowedArea;                     // by area index
    std::vector<glm::vec2> pins;                       // pen: pins; roller: needles along the drum (y = 0)
    bool roller = false;
    std::vector<std::pair<glm::vec3, float>> keepAway;  // lesions

    bool allows(const SurfaceHit& hit, glm::vec3 travel) const {
        const SurfaceMesh& mesh = surface->head->mesh();
        const glm::vec3 n = normalOnTriangle(mesh, hit.triangle, hit.barycentric);
        glm::vec3 u, v;
        if (roller) {
            glm::vec3 along = travel - glm::dot(travel, n) * n;
            if (glm::dot(along, along) < 1e-8f) return false;
            u = glm::normalize(glm::cross(n, along));
            v = glm::vec3(0.0f);
        } else {
            glm::vec3 c = glm::cross(-n, glm::vec3(0.0f, 1.0f, 0.0f));
            if (glm::dot(c, c) < 0.01f) c = glm::cross(-n, glm::vec3(1.0f, 0.0f, 0.0f));
            u = glm::normalize(c);
            v = glm::cross(-n, u);
        }
        for (const glm::vec2& pin : pins) {
            const float r = glm::length(pin);
            const glm::vec2 out = r > 1e-6f ? pin * ((r + 0.6f) / r) : pin;
            const glm::vec3 from = hit.point + out.x * u + out.y * v + 2.0f * n;
            const auto landed = walkAlong(surface->adjacency, hit.triangle, from, -n);
            if (!landed || !allowedArea[surface->head->labels.areaOfTriangle[landed->triangle]]) return false;
            for (const auto& [centre, radius] : keepAway)
                if (glm::length(landed->point - centre) <= radius + 0.6f) return false;
        }
        return true;
    }
};

struct PassPlan {
    double spacingMm;    // between neighbouring lines
    double speedMmPerS;  // along the skin, where lines are exactly spacingMm apart
    double rate;         // pose samples per second
    float edgeMm;        // how far past the zone's edge the tool keeps going
    int lineStride = 1;  // 2: every other line skipped
};

// Lines spacingMm apart, walked back and forth. The tool touches where the skin under it is this zone
// (or within edgeMm past its edge) and not near a forbidden area. Where neighbouring lines lie farther
// apart on the skin (it turns away from the planes), the tool slows so every cm² gets the same time.
void passes(Recorder& rec, const TreatmentSurface& surface, std::size_t area, const ZoneExtent& e, bool vertical,
            const PassPlan& plan, const FootprintCheck& footprint) {
    const Head& head = *surface.head;
    const float spacing = static_cast<float>(plan.spacingMm);
    const float baseStep = static_cast<float>(plan.speedMmPerS / plan.rate);
    const float marginAngle = plan.edgeMm / e.meanRadius;
    // Across: the line's position; along: the walk. Angles are in radians, heights in mm.
    const float acrossLo = vertical ? e.minAngle - marginAngle : e.minY - plan.edgeMm;
    const float acrossHi = vertical ? e.maxAngle + marginAngle : e.maxY + plan.edgeMm;
    const float acrossStep = vertical ? spacing / e.meanRadius : spacing;
    const float alongLo = vertical ? e.minY - plan.edgeMm : e.minAngle - marginAngle;
    const float alongHi = vertical ? e.maxY + plan.edgeMm : e.maxAngle + marginAngle;
    bool forward = true;
    int line = 0;
    for (float across = acrossLo + acrossStep / 2; across <= acrossHi; across += acrossStep) {
        if (line++ % plan.lineStride != 0) continue;
        bool touching = false;
        glm::vec3 lastInZone(1e9f);
        for (float along = 0.0f; along <= alongHi - alongLo;) {
            const float a = forward ? alongLo + along : alongHi - along;
            const float angle = vertical ? across : a, y = vertical ? a : across;
            const auto hit = skinAt(surface, angle, y);
            float step = baseStep;  // mm along the skin for this sample
            bool contact = false;
            float radius = e.meanRadius;
            if (hit) {
                const bool inZone = head.labels.areaOfTriangle[hit->triangle] == area;
                if (inZone) lastInZone = hit->point;
                const glm::vec3 travel = vertical ? glm::vec3(0.0f, forward ? 1.0f : -1.0f, 0.0f)
                                                  : (forward ? 1.0f : -1.0f) * glm::vec3(std::cos(angle), 0.0f, -std::sin(angle));
                contact = (inZone || glm::length(hit->point - lastInZone) <= plan.edgeMm) && footprint.allows(*hit, travel);
                const glm::vec3 n = hit->normal;
                const glm::vec3 tangential(std::cos(angle), 0.0f, -std::sin(angle));
                radius = std::max(20.0f, radiusOf(hit->point));
                // How far apart neighbouring lines are on the skin here, relative to the plan.
                const float spread = vertical
                                         ? (radius / e.meanRadius) / std::sqrt(std::max(0.1f, 1.0f - glm::dot(n, tangential) * glm::dot(n, tangential)))
                                         : 1.0f / std::sqrt(std::max(0.1f, 1.0f - n.y * n.y));
                step /= std::min(3.0f, spread);
                // Convert the skin step into the walk's own unit.
                const float slope = vertical ? std::sqrt(std::max(0.1f, 1.0f - n.y * n.y))
                                             : std::sqrt(std::max(0.1f, 1.0f - glm::dot(n, tangential) * glm::dot(n, tangential)));
                step *= slope;
            }
            if (contact) {
                rec.pose(hit->point, true);
                touching = true;
            } else if (touching) {
                rec.pose(hit ? hit->point + 5.0f * hit->normal : glm::vec3(0, y, 300), false);  // lift
                touching = false;
            }
            along += vertical ? step : step / radius;
        }
        if (touching) rec.pose(glm::vec3(0, 1530, 400), false);
        rec.pause(0.3);  // move to the next line
        forward = !forward;
    }
}

}  // namespace

double carefulDepth(const DepthRange& range, double stepMm) {
    const double mid = 0.5 * (range.minMm + range.maxMm);
    double d = std::round(mid / stepMm) * stepMm;
    if (d > range.maxMm + 1e-9) d -= stepMm;
    if (d < range.minMm - 1e-9) d += stepMm;
    return std::round(d * 1000.0) / 1000.0;
}

Session makeDemoSession(const TreatmentSurface& surface, const ToolCatalogue& tools, const Rubric& rubric,
                        const DemoOptions& options) {
    const Head& head = *surface.head;
    Session session;
    session.header.softwareVersion = "demo";
    Recorder rec(session, options.poseRateHz);
    std::vector<SessionEvent> before, after;
    if (options.before) {
        before = *options.before;
    } else {
        before.push_back(DecisionEvent{0.0, "proceed", ""});
        for (const char* step : {"cleanse", "numbing_applied", "numbing_removed", "disinfect"}) before.push_back(StepEvent{0.0, step});
    }
    if (options.after) after = *options.after;
    else after.push_back(StepEvent{0.0, "post_care_given"});
    for (SessionEvent e : before) {  // a few seconds for each question, decision and step
        std::visit([&](auto& event) { event.t = rec.now(); }, e);
        rec.event(std::move(e));
        rec.pause(2.0);
    }

    std::vector<std::string> zones = options.zones;
    if (zones.empty())
        for (const Area& a : head.zoneFile.zones.areas)
            if (a.kind == AreaKind::Treatment && a.name != "neck") zones.push_back(a.name);

    const bool roller = options.tool == ToolKind::Roller;
    const Cartridge* cartridge = tools.findCartridge(options.cartridge);
    const Roller* drum = tools.findRollerByNeedles(options.rollerNeedles);
    if ((roller && !drum) || (!roller && !cartridge)) return session;  // the caller checks names first
    const double target = rubric.density(roller).targetPerCm2;
    // Aim for twice the target over the whole treatment: every patch above the target, far below
    // the maximum. Lines a bit closer than the footprint so neighbouring lines overlap a little.
    const double aim = 2.0 * target / 100.0;  // punctures per mm²
    PassPlan plan{};
    plan.rate = options.poseRateHz;
    plan.lineStride = std::max(1, options.lineStride);
    int passesPerDirection = std::max(1, options.passesPerDirection);
    if (roller) {
        plan.spacingMm = 0.8 * drum->drumWidthMm;
        plan.speedMmPerS = 60.0;  // a roller's density per pass does not depend on speed
        const double perPass = drum->rings / (plan.spacingMm * drum->rowSpacingMm());
        if (options.passesPerDirection <= 0) passesPerDirection = static_cast<int>(std::ceil(aim / perPass / 2.0));
        plan.edgeMm = static_cast<float>(0.25 * drum->drumWidthMm);
    } else {
        plan.spacingMm = std::max(1.5, 0.6 * cartridge->footprintDiameterMm);
        const double perPass = aim / (2.0 * passesPerDirection);
        plan.speedMmPerS = options.speedHz * static_cast<double>(cartridge->pinsMm.size()) / (plan.spacingMm * perPass);
        plan.edgeMm = static_cast<float>(0.5 * cartridge->footprintDiameterMm);
    }
    const auto& areas = head.zoneFile.zones.areas;
    FootprintCheck footprint;
    footprint.surface = &surface;
    footprint.roller = roller;
    footprint.keepAway = options.keepAway;
    if (roller) {
        const double ringSpacing = drum->drumWidthMm / drum->rings;
        for (int i = 0; i < drum->rings; ++i)
            footprint.pins.emplace_back(static_cast<float>((i - (drum->rings - 1) / 2.0) * ringSpacing), 0.0f);
    } else {
        footprint.pins = cartridge->pinsMm;
    }
    auto maxDepth = [&](const std::string& zone) {
        if (auto it = options.zoneDepths.find(zone); it != options.zoneDepths.end()) return it->second.maxMm;
        const ZoneTargets* t = rubric.find(zone);
        return t ? t->depthFor(options.indication).maxMm : 3.0;
    };
    for (const std::string& name : zones) {
        std::size_t area = 0;
        while (area < head.zoneFile.zones.areas.size() && head.zoneFile.zones.areas[area].name != name) ++area;
        if (area == head.zoneFile.zones.areas.size()) continue;
        const ZoneTargets* targets = rubric.find(name);
        DepthRange range = targets ? targets->depthFor(options.indication) : DepthRange{tools.pen.minDepthMm, tools.pen.minDepthMm};
        if (auto it = options.zoneDepths.find(name); it != options.zoneDepths.end()) range = it->second;
        if (options.depthCapMm) range.maxMm = std::min(range.maxMm, *options.depthCapMm);
        range.minMm = std::min(range.minMm, range.maxMm);
        double depth = carefulDepth(range, tools.pen.depthStepMm);
        if (roller && !drum->needleLengthsMm.empty()) {  // a roller comes in fixed needle lengths
            const double wanted = depth;
            depth = drum->needleLengthsMm.front();
            for (double length : drum->needleLengthsMm)
                if (std::fabs(length - wanted) < std::fabs(depth - wanted)) depth = length;
        }
        rec.event(ToolEvent{rec.now(), options.tool, roller ? "" : options.cartridge, depth + options.depthOffsetMm,
                            roller ? 0.0 : options.speedHz, roller ? options.rollerNeedles : 0, ""});
        // Needles may land on this zone, or spill at its edge onto a neighbouring zone whose skin takes
        // this depth; never on forbidden skin, an avoided zone, or skin thinner than the depth.
        footprint.allowedArea.assign(areas.size(), false);
        for (std::size_t a = 0; a < areas.size(); ++a) {
            const bool avoided = std::find(options.avoidZones.begin(), options.avoidZones.end(), areas[a].name) != options.avoidZones.end();
            footprint.allowedArea[a] = a == area || (areas[a].kind == AreaKind::Treatment && !avoided &&
                                                     maxDepth(areas[a].name) >= depth - 1e-9);
        }
        const ZoneExtent extent = extentOf(head, area);
        for (int k = 0; k < passesPerDirection * (1 + options.extraPasses); ++k) {
            passes(rec, surface, area, extent, false, plan, footprint);
            passes(rec, surface, area, extent, options.crossingPasses, plan, footprint);
        }
    }
    for (SessionEvent e : after) {
        rec.pause(2.0);
        std::visit([&](auto& event) { event.t = rec.now(); }, e);
        rec.event(std::move(e));
    }
    return session;
}

}  // namespace pinpoint::core
