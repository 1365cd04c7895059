#include "core/face/area_locator.h"

namespace pinpoint::core {

namespace {

SurfacePart partOf(const Head& head, std::size_t t) {
    return t < head.geometry.parts.size() ? head.geometry.parts[t] : SurfacePart::Skin;
}

}  // namespace

AreaLocator::AreaLocator(const Head& head) : head_(&head) {
    const SurfaceMesh& mesh = head.mesh();
    const ZoneDefinition& zones = head.zoneFile.zones;
    crossed_.assign(mesh.triangleCount(), 0);
    normals_.resize(mesh.triangleCount());
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const glm::vec3 n = normals_[t] = triangleNormal(mesh, t);
        const SurfacePart part = partOf(head, t);
        const auto& tri = mesh.triangles[t];
        const glm::vec3 a = mesh.positions[tri.a], b = mesh.positions[tri.b], c = mesh.positions[tri.c];
        for (const glm::vec3& p : {a, b, c, 0.5f * (a + b), 0.5f * (b + c), 0.5f * (c + a)}) {
            const auto area = core::areaAt(zones, p, n, part);
            if (!area || *area != head.labels.areaOfTriangle[t]) {
                crossed_[t] = 1;
                break;
            }
        }
    }
    crossedIndex_.assign(mesh.triangleCount(), 0);
    rulesStart_.push_back(0);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        if (!crossed_[t]) continue;
        crossedIndex_[t] = static_cast<std::uint32_t>(rulesStart_.size() - 1);
        const auto& tri = mesh.triangles[t];
        const std::vector<RuleOnTriangle> may = rulesThatMayMatch(zones, mesh.positions[tri.a], mesh.positions[tri.b],
                                                                  mesh.positions[tri.c], normals_[t], partOf(head, t));
        rules_.insert(rules_.end(), may.begin(), may.end());
        rulesStart_.push_back(static_cast<std::uint32_t>(rules_.size()));
    }
}

std::uint16_t AreaLocator::areaAt(std::uint32_t triangle, glm::vec3 point) const {
    const std::uint16_t label = head_->labels.areaOfTriangle[triangle];
    if (!crossed_[triangle]) return label;
    const std::uint32_t i = crossedIndex_[triangle];
    const std::span<const RuleOnTriangle> rules(rules_.data() + rulesStart_[i], rulesStart_[i + 1] - rulesStart_[i]);
    const auto area = areaAtAmong(head_->zoneFile.zones, rules, point, normals_[triangle], partOf(*head_, triangle));
    return area ? static_cast<std::uint16_t>(*area) : label;
}

}  // namespace pinpoint::core
