#include "core/face/zone_rules.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cstdio>

namespace pinpoint::core {

namespace {

bool inside(const Ellipsoid& e, glm::vec3 p) {
    const glm::vec3 d = (p - e.centre) / e.radii;
    return glm::dot(d, d) <= 1.0f;
}

bool matches(const ZoneRule& rule, glm::vec3 p, glm::vec3 n, SurfacePart part) {
    if (rule.part && *rule.part != part) return false;
    if (!rule.insideAny.empty()) {
        bool any = false;
        for (const Ellipsoid& e : rule.insideAny) any = any || inside(e, p);
        if (!any) return false;
    }
    for (const Ellipsoid& e : rule.outsideAll)
        if (inside(e, p)) return false;
    for (const HalfSpace& h : rule.halfSpaces)
        if (glm::dot(p - h.point, h.normal) < 0.0f) return false;
    if (rule.facing && glm::dot(n, rule.facing->direction) < rule.facing->minCosine) return false;
    return true;
}


// What a rule's conditions can say about a whole triangle. Points on it are made by interpolating its
// corners, so a condition is called failed everywhere only with a margin for their rounding.
constexpr float kMarginMm = 0.01f;

enum class OnTriangle { Nowhere, Somewhere, Everywhere };

// No point of the triangle is nearer the ellipsoid's centre than this, in the ellipsoid's own units
// (where it is the sphere of radius 1 at the origin): the distance to the sphere around the triangle.
float nearestBound(const Ellipsoid& e, glm::vec3 a, glm::vec3 b, glm::vec3 c) {
    const auto unit = [&](glm::vec3 p) { return (p - e.centre) / e.radii; };
    const glm::vec3 ua = unit(a), ub = unit(b), uc = unit(c);
    const glm::vec3 middle = (ua + ub + uc) / 3.0f;
    const float reach = std::max({glm::length(ua - middle), glm::length(ub - middle), glm::length(uc - middle)});
    return glm::length(middle) - reach;
}

OnTriangle ruleOnTriangle(const ZoneRule& rule, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 n, SurfacePart part) {
    if (rule.part && *rule.part != part) return OnTriangle::Nowhere;
    if (rule.facing && glm::dot(n, rule.facing->direction) < rule.facing->minCosine) return OnTriangle::Nowhere;
    bool everywhere = true;
    if (!rule.insideAny.empty()) {
        bool near = false, holdsAll = false;
        for (const Ellipsoid& e : rule.insideAny) {
            const float margin = kMarginMm / std::min({e.radii.x, e.radii.y, e.radii.z});
            near = near || nearestBound(e, a, b, c) <= 1.0f + margin;
            // An ellipsoid is convex: all three corners inside means the whole triangle is.
            const Ellipsoid shrunk{e.centre, e.radii - glm::vec3(kMarginMm)};
            holdsAll = holdsAll || (inside(shrunk, a) && inside(shrunk, b) && inside(shrunk, c));
        }
        if (!near) return OnTriangle::Nowhere;
        everywhere = everywhere && holdsAll;
    }
    for (const Ellipsoid& e : rule.outsideAll) {
        // Wholly inside one (an ellipsoid is convex), with the margin: fails everywhere.
        const Ellipsoid shrunk{e.centre, e.radii - glm::vec3(kMarginMm)};
        if (inside(shrunk, a) && inside(shrunk, b) && inside(shrunk, c)) return OnTriangle::Nowhere;
        const float margin = kMarginMm / std::min({e.radii.x, e.radii.y, e.radii.z});
        everywhere = everywhere && nearestBound(e, a, b, c) > 1.0f + margin;
    }
    for (const HalfSpace& h : rule.halfSpaces) {
        // Linear over the triangle: its extremes are at the corners.
        const float da = glm::dot(a - h.point, h.normal), db = glm::dot(b - h.point, h.normal), dc = glm::dot(c - h.point, h.normal);
        const float scale = glm::length(h.normal);
        if (std::max({da, db, dc}) < -kMarginMm * scale) return OnTriangle::Nowhere;
        everywhere = everywhere && std::min({da, db, dc}) > kMarginMm * scale;
    }
    return everywhere ? OnTriangle::Everywhere : OnTriangle::Somewhere;
}

}  // namespace

std::vector<RuleOnTriangle> rulesThatMayMatch(const ZoneDefinition& zones, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 n,
                                              SurfacePart part) {
    const glm::vec3 flip(-1.0f, 1.0f, 1.0f);
    const float maxX = std::max({a.x, b.x, c.x}), minX = std::min({a.x, b.x, c.x});
    std::vector<RuleOnTriangle> out;
    for (std::uint32_t r = 0; r < zones.rules.size(); ++r) {
        const ZoneRule& rule = zones.rules[r];
        for (const bool reflect : {false, true}) {
            // A mirrored rule applies as written where x >= 0 and reflected where x < 0.
            const bool applies = reflect ? rule.mirrored && minX < kMarginMm : !rule.mirrored || maxX >= -kMarginMm;
            if (!applies) continue;
            const bool wholeTriangle = !rule.mirrored || (reflect ? maxX < -kMarginMm : minX > kMarginMm);
            const OnTriangle on = reflect ? ruleOnTriangle(rule, a * flip, b * flip, c * flip, n * flip, part)
                                          : ruleOnTriangle(rule, a, b, c, n, part);
            if (on == OnTriangle::Nowhere) continue;
            out.push_back({r, reflect});
            if (on == OnTriangle::Everywhere && wholeTriangle) return out;
        }
    }
    return out;
}

std::optional<std::size_t> areaAtAmong(const ZoneDefinition& zones, std::span<const RuleOnTriangle> rules, glm::vec3 p,
                                       glm::vec3 n, SurfacePart part) {
    const glm::vec3 flip(-1.0f, 1.0f, 1.0f);
    for (const RuleOnTriangle& on : rules) {
        const ZoneRule& rule = zones.rules[on.rule];
        if (!rule.mirrored) {
            if (matches(rule, p, n, part)) return rule.area;
        } else if (!on.reflected) {
            if (p.x >= 0.0f && matches(rule, p, n, part)) return rule.area;
        } else if (p.x < 0.0f && matches(rule, p * flip, n * flip, part)) {
            return rule.mirrorArea;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> areaAt(const ZoneDefinition& zones, glm::vec3 p, glm::vec3 n, SurfacePart part) {
    const glm::vec3 flip(-1.0f, 1.0f, 1.0f);
    for (const ZoneRule& rule : zones.rules) {
        if (!rule.mirrored) {
            if (matches(rule, p, n, part)) return rule.area;
        } else if (p.x >= 0.0f) {
            if (matches(rule, p, n, part)) return rule.area;
        } else if (matches(rule, p * flip, n * flip, part)) {
            return rule.mirrorArea;
        }
    }
    return std::nullopt;
}

Result<ZoneLabels> labelTriangles(const SurfaceMesh& mesh, const std::vector<SurfacePart>& parts,
                                  const ZoneDefinition& zones) {
    ZoneLabels labels;
    labels.areaOfTriangle.resize(mesh.triangleCount());
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const SurfacePart part = t < parts.size() ? parts[t] : SurfacePart::Skin;
        const glm::vec3 c = triangleCentroid(mesh, t);
        const std::optional<std::size_t> area = areaAt(zones, c, triangleNormal(mesh, t), part);
        if (!area) {
            char where[96];
            std::snprintf(where, sizeof where, "(%.1f, %.1f, %.1f) mm", c.x, c.y, c.z);
            return Error{zones.file, 0, 0,
                         "no rule covers triangle " + std::to_string(t) + " at " + where,
                         "end the rule list with a rule that has no conditions, so every triangle gets an area"};
        }
        labels.areaOfTriangle[t] = static_cast<std::uint16_t>(*area);
    }
    return labels;
}

}  // namespace pinpoint::core
