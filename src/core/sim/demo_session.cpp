#include "core/sim/demo_session.h"

#include "core/sim/demo_check.h"

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
// simulation places them (with every needle pushed 0.3 mm outward, for the tool's motion between
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
            const glm::vec2 out = r > 1e-6f ? pin * ((r + 0.3f) / r) : pin;
            const glm::vec3 from = hit.point + out.x * u + out.y * v + 2.0f * n;
            const auto landed = walkAlong(surface->adjacency, hit.triangle, from, -n);
            if (!landed || !allowedArea[surface->head->labels.areaOfTriangle[landed->triangle]]) return false;
            for (const auto& [centre, radius] : keepAway)
                if (glm::length(landed->point - centre) <= radius + 0.3f) return false;
        }
        return true;
    }
};

constexpr float kDirectionOrder[] = {0.0f, 90.0f, 45.0f, 135.0f};

struct PassPlan {
    double spacingMm;    // between neighbouring lines
    double speedMmPerS;  // along the skin, where lines are exactly spacingMm apart
    double rate;         // pose samples per second
    float edgeMm;        // how far past the zone's edge the tool keeps going
    int lineStride = 1;  // 2: every other line skipped
};

// Lines spacingMm apart at `directionDeg` in the face's (arc length around the axis, height) plane
// (0 horizontal, 90 vertical, 45 and 135 the diagonals), walked back and forth. The tool touches where
// the skin under it is this zone (or within edgeMm past its edge) and the footprint check allows it.
// Where neighbouring lines lie farther apart on the skin (it turns away from the face's cylinder), the
// tool slows so every cm² gets the same time; each step is sized from the real distance on the skin.
void passes(Recorder& rec, const TreatmentSurface& surface, std::size_t area, const ZoneExtent& e, float directionDeg,
            const PassPlan& plan, const FootprintCheck& footprint) {
    const Head& head = *surface.head;
    const float R = e.meanRadius;
    const float phi = directionDeg * 3.14159265f / 180.0f;
    const glm::vec2 along(std::cos(phi), std::sin(phi)), across(-std::sin(phi), std::cos(phi));  // in (arc, height)
    // The zone's box in (arc, height), widened by the edge margin, seen along and across the lines.
    const float s0 = e.minAngle * R - plan.edgeMm, s1 = e.maxAngle * R + plan.edgeMm;
    const float y0 = e.minY - plan.edgeMm, y1 = e.maxY + plan.edgeMm;
    float aLo = 1e9f, aHi = -1e9f, cLo = 1e9f, cHi = -1e9f;
    for (glm::vec2 corner : {glm::vec2(s0, y0), glm::vec2(s1, y0), glm::vec2(s0, y1), glm::vec2(s1, y1)}) {
        aLo = std::min(aLo, glm::dot(corner, along));
        aHi = std::max(aHi, glm::dot(corner, along));
        cLo = std::min(cLo, glm::dot(corner, across));
        cHi = std::max(cHi, glm::dot(corner, across));
    }
    const float baseStep = static_cast<float>(plan.speedMmPerS / plan.rate);  // mm on the skin per sample
    const float spacing = static_cast<float>(plan.spacingMm);
    bool forward = true;
    int line = 0;
    for (float c = cLo + spacing / 2; c <= cHi; c += spacing) {
        if (line++ % plan.lineStride != 0) continue;
        bool touching = false;
        glm::vec3 lastInZone(1e9f);
        std::optional<glm::vec3> previous;
        float stride = baseStep;  // in plane units; corrected from the distance actually covered
        for (float t = 0.0f; t <= aHi - aLo;) {
            const float a = forward ? aLo + t : aHi - t;
            const glm::vec2 sy = a * along + c * across;
            const float angle = sy.x / R, y = sy.y;
            const auto hit = skinAt(surface, angle, y);
            bool contact = false;
            float spread = 1.0f;
            if (hit) {
                const bool inZone = head.labels.areaOfTriangle[hit->triangle] == area;
                if (inZone) lastInZone = hit->point;
                const glm::vec3 tangential(std::cos(angle), 0.0f, -std::sin(angle));
                const glm::vec3 travel = (forward ? 1.0f : -1.0f) * (along.x * tangential + along.y * glm::vec3(0, 1, 0));
                contact = (inZone || glm::length(hit->point - lastInZone) <= plan.edgeMm) && footprint.allows(*hit, travel);
                // How far apart neighbouring lines are on the skin here, relative to the plan.
                const glm::vec3 n = hit->normal;
                const float nt = glm::dot(n, tangential);
                const float acrossHeight = 1.0f / std::sqrt(std::max(0.1f, 1.0f - n.y * n.y));
                const float acrossArc = (std::max(20.0f, radiusOf(hit->point)) / R) / std::sqrt(std::max(0.1f, 1.0f - nt * nt));
                spread = std::min(3.0f, std::hypot(across.y * acrossHeight, across.x * acrossArc));
                if (previous) {  // size the next step from the distance the last one covered on the skin
                    const float covered = glm::length(hit->point - *previous);
                    if (covered > 1e-3f) stride = std::clamp(stride * (baseStep / spread) / covered, 0.2f * baseStep, 3.0f * baseStep);
                }
                previous = hit->point;
            }
            if (contact) {
                rec.pose(hit->point, true);
                touching = true;
            } else if (touching) {
                rec.pose(hit ? hit->point + 5.0f * hit->normal : glm::vec3(0, y, 300), false);  // lift
                touching = false;
            }
            t += hit ? stride : baseStep;
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
        for (const std::string& step : rubric.requiredSteps)  // the rubric's required steps, each at its time
            if (!rubric.afterTreatment(step)) before.push_back(StepEvent{0.0, step});
    }
    if (options.after) {
        after = *options.after;
    } else {
        for (const std::string& step : rubric.requiredSteps)
            if (rubric.afterTreatment(step)) after.push_back(StepEvent{0.0, step});
    }
    for (SessionEvent e : before) {  // a few seconds for each question, decision and step
        std::visit([&](auto& event) { event.t = rec.now(); }, e);
        rec.event(std::move(e));
        rec.pause(2.0);
    }

    std::vector<std::string> zones = options.zones;
    if (zones.empty())
        for (const Area& a : head.zoneFile.zones.areas)
            if (a.kind == AreaKind::Treatment &&  // the zones a plan holds unless it names them (the rubric's)
                std::find(rubric.unplannedByDefault.begin(), rubric.unplannedByDefault.end(), a.name) == rubric.unplannedByDefault.end())
                zones.push_back(a.name);

    const bool roller = options.tool == ToolKind::Roller;
    const Cartridge* cartridge = tools.findCartridge(options.cartridge);
    const Roller* drum = tools.findRollerByNeedles(options.rollerNeedles);
    if ((roller && !drum) || (!roller && !cartridge)) return session;  // the caller checks names first
    const double target = rubric.density(roller).targetPerCm2;
    // Aim for twice the target over the whole treatment: every patch above it, far below the maximum.
    // Lines a bit closer than the footprint so neighbouring lines overlap a little.
    const double aim = 2.0 * target / 100.0;  // punctures per mm²
    PassPlan plan{};
    plan.rate = options.poseRateHz;
    plan.lineStride = std::max(1, options.lineStride);
    // Passes in each direction and speed, for a zone treated in `directions` directions.
    auto planFor = [&](int directions, int& passesPerDirection) {
        PassPlan p = plan;
        passesPerDirection = std::max(1, options.passesPerDirection);
        if (roller) {
            p.spacingMm = options.rowSpacingMm > 0.0 ? options.rowSpacingMm : 0.8 * drum->drumWidthMm;
            p.speedMmPerS = 90.0;  // a roller's density per pass does not depend on speed
            const double perPass = drum->rings / (p.spacingMm * drum->rowSpacingMm());
            if (options.passesPerDirection <= 0)
                passesPerDirection = static_cast<int>(std::ceil(aim / perPass / directions));
            p.edgeMm = static_cast<float>(0.25 * drum->drumWidthMm);
        } else {
            p.spacingMm = options.rowSpacingMm > 0.0 ? options.rowSpacingMm : std::max(1.5, 0.6 * cartridge->footprintDiameterMm);
            const double perPass = aim / (directions * passesPerDirection);
            p.speedMmPerS = options.speedHz * static_cast<double>(cartridge->pinsMm.size()) / (p.spacingMm * perPass);
            p.speedMmPerS *= std::max(1, options.speedFactor);
            passesPerDirection *= std::max(1, options.speedFactor);
            p.edgeMm = static_cast<float>(0.5 * cartridge->footprintDiameterMm);
        }
        return p;
    };
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
    // Pass directions per zone: horizontal and vertical, then the diagonals when more are required.
    auto directionsFor = [&](const std::string& zone) {
        auto it = options.zoneDirections.find(zone);
        const int n = std::clamp(it == options.zoneDirections.end() ? 2 : it->second, 1, 4);
        return std::vector<float>(std::begin(kDirectionOrder), std::begin(kDirectionOrder) + std::max(2, n));
    };
    auto depthRange = [&](const std::string& zone) {
        if (auto it = options.zoneDepths.find(zone); it != options.zoneDepths.end()) return it->second;
        const ZoneTargets* t = rubric.find(zone);
        return t ? t->depthFor(options.indication) : DepthRange{0.0, 3.0};
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
        // Needles may land on this zone, or spill at its edge onto a neighbouring zone whose range takes
        // this depth; never on forbidden skin, an avoided zone, or skin that wants another depth.
        footprint.allowedArea.assign(areas.size(), false);
        for (std::size_t a = 0; a < areas.size(); ++a) {
            const bool avoided = std::find(options.avoidZones.begin(), options.avoidZones.end(), areas[a].name) != options.avoidZones.end();
            footprint.allowedArea[a] = a == area || (areas[a].kind == AreaKind::Treatment && !avoided &&
                                                     depthRange(areas[a].name).contains(toMicrometres(depth)));
        }
        const ZoneExtent extent = extentOf(head, area);
        const std::vector<float> directions = directionsFor(name);
        int passesPerDirection = 1;
        const PassPlan zonePlan = planFor(static_cast<int>(directions.size()), passesPerDirection);
        for (int k = 0; k < passesPerDirection * (1 + options.extraPasses); ++k) {
            for (float direction : directions)
                passes(rec, surface, area, extent, options.crossingPasses ? direction : 0.0f, zonePlan, footprint);
        }
    }
    // Check the work: no needle where it must not go.
    liftWhereNeedlesGoWrong(session, surface, tools, [&](const Puncture& p) {
        const Area& a = areas[p.area];
        if (a.kind != AreaKind::Treatment) return true;
        if (std::find(options.avoidZones.begin(), options.avoidZones.end(), a.name) != options.avoidZones.end()) return true;
        for (const auto& [centre, radius] : options.keepAway)
            if (glm::length(p.point - centre) <= radius) return true;
        return !depthRange(a.name).contains(p.depthUm - toMicrometres(options.depthOffsetMm));
    });
    for (SessionEvent e : after) {
        rec.pause(2.0);
        std::visit([&](auto& event) { event.t = rec.now(); }, e);
        rec.event(std::move(e));
    }
    return session;
}

}  // namespace pinpoint::core
