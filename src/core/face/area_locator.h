#pragma once
// Which area a puncture belongs to, decided where it lands: the zone rules are tested at the point
// itself, not at the centroid of the triangle it falls on, so the mesh's resolution decides nothing.
// Triangles whose corners and edge midpoints all fall in their own area are answered from the label
// (the rules give the same answer there); the few that a border crosses are tested point by point,
// against the rules that may match somewhere on them.
#include "core/face/head.h"

#include <cstdint>
#include <vector>

namespace pinpoint::core {

class AreaLocator {
public:
    AreaLocator() = default;
    explicit AreaLocator(const Head& head);  // `head` must outlive the locator

    std::uint16_t areaAt(std::uint32_t triangle, glm::vec3 point) const;
    bool crossedByBorder(std::uint32_t triangle) const { return crossed_[triangle] != 0; }
    // The triangle's unit normal (triangleNormal), computed once.
    glm::vec3 normal(std::uint32_t triangle) const { return normals_[triangle]; }

private:
    const Head* head_ = nullptr;
    std::vector<std::uint8_t> crossed_;
    // For the triangles a border crosses, the rules that may match on them (zone_rules.h), so a point
    // is tested against a few rules rather than all: [rulesStart_[i], rulesStart_[i + 1]) for the
    // i-th crossed triangle, whose i is crossedIndex_[triangle].
    std::vector<std::uint32_t> crossedIndex_;
    std::vector<std::uint32_t> rulesStart_;
    std::vector<RuleOnTriangle> rules_;
    std::vector<glm::vec3> normals_;
};

}  // namespace pinpoint::core
