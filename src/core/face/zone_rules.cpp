#include "core/face/zone_rules.h"

#include <glm/geometric.hpp>

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

}  // namespace

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
