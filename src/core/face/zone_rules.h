#pragma once
// How the skin is divided into areas: an ordered list of rules. Each triangle of the head is tested
// at its centroid, with its normal; the first rule whose conditions all hold gives its area.
// A mirrored rule is written for the patient's left (+X) and applies, reflected in the x = 0 plane,
// to the patient's right, so left and right areas are exact mirror images.
#include "core/common/error.h"
#include "core/geometry/mesh.h"

#include <glm/vec3.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pinpoint::core {

// Skin: reachable from outside. Eye: the eyeballs. Inner: skin a needle cannot reach from outside
// (inside the eye sockets, the mouth, the nostrils and the ear canals), found by ray casts.
enum class SurfacePart : std::uint8_t { Skin = 0, Eye = 1, Inner = 2 };
enum class AreaKind : std::uint8_t { Treatment, Forbidden };

struct Area {
    std::string name;
    AreaKind kind = AreaKind::Treatment;
    std::string description;
};

struct Ellipsoid {
    glm::vec3 centre{0.0f};
    glm::vec3 radii{1.0f};
};
struct HalfSpace {  // points p with dot(p - point, normal) >= 0
    glm::vec3 point{0.0f};
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
};
struct Facing {  // triangles whose unit normal n has dot(n, direction) >= minCosine
    glm::vec3 direction{0.0f, 0.0f, 1.0f};
    float minCosine = 0.0f;
};

struct ZoneRule {
    std::size_t area = 0;          // index into ZoneDefinition::areas (the left one when mirrored)
    std::size_t mirrorArea = 0;    // the right-hand area when mirrored
    bool mirrored = false;
    std::optional<SurfacePart> part;
    std::vector<Ellipsoid> insideAny;     // inside at least one of these (when any are given)
    std::vector<Ellipsoid> outsideAll;    // outside every one of these
    std::vector<HalfSpace> halfSpaces;    // in every one of these
    std::optional<Facing> facing;
    int line = 0;                         // where the rule is written, for messages
};

struct ZoneDefinition {
    std::string file;  // where it was read from
    std::vector<Area> areas;
    std::vector<ZoneRule> rules;
};

// A triangle label: the area index of every triangle.
struct ZoneLabels {
    std::vector<std::uint16_t> areaOfTriangle;
};

// Labels every triangle; an error names the first triangle that no rule covers.
Result<ZoneLabels> labelTriangles(const SurfaceMesh& mesh, const std::vector<SurfacePart>& parts,
                                  const ZoneDefinition& zones);

// The area for one surface point with its normal, or nullopt when no rule matches.
std::optional<std::size_t> areaAt(const ZoneDefinition& zones, glm::vec3 point, glm::vec3 normal, SurfacePart part);

// A rule as it may apply on one triangle: as written (the patient's left, or any side when not
// mirrored) or reflected (a mirrored rule on the patient's right, x < 0).
struct RuleOnTriangle {
    std::uint32_t rule = 0;
    bool reflected = false;
};
// The rules, in order, that may match somewhere on the triangle (a, b, c) with unit normal `normal`:
// the others fail at every point of it, so testing only these gives the same area as areaAt for
// every point of the triangle. The list ends at a rule that matches all over the triangle.
std::vector<RuleOnTriangle> rulesThatMayMatch(const ZoneDefinition& zones, glm::vec3 a, glm::vec3 b, glm::vec3 c,
                                              glm::vec3 normal, SurfacePart part);
// areaAt, testing only `rules` (from rulesThatMayMatch for the triangle the point lies on).
std::optional<std::size_t> areaAtAmong(const ZoneDefinition& zones, std::span<const RuleOnTriangle> rules, glm::vec3 point,
                                       glm::vec3 normal, SurfacePart part);

}  // namespace pinpoint::core
