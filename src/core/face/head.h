#pragma once
// The head the trainee treats: its surface in model space (mm), which part each triangle is (skin or
// eye), and which treatment zone or forbidden area each triangle belongs to.
#include "core/face/zone_file.h"
#include "core/face/zone_rules.h"
#include "core/geometry/mesh.h"
#include "core/geometry/quad_mesh.h"

#include <map>
#include <string>
#include <vector>

namespace pinpoint::core {

// The surface without zones, as built from the model file (and as cached on disk).
struct HeadGeometry {
    SurfaceMesh mesh;
    std::vector<SurfacePart> parts;  // per triangle
};

// The model file as read: quads in model space (mm), corners unshared (4 per quad).
struct HeadSourceQuads {
    std::vector<glm::vec3> skinCorners;
    std::vector<glm::vec2> skinUvs;
    std::vector<glm::vec3> eyeCorners;
    std::vector<glm::vec2> eyeUvs;
};

struct HeadBuildOptions {
    float neckCutMm = 1400.0f;     // skin below this height is not part of the head (face-model.md)
    int subdivisionLevels = 1;     // Catmull-Clark steps
};

// Welds, crops at the neck (subdividing with a margin so the cut stays clean), subdivides and
// triangulates. Skin first, then the eyes; the two never share vertices.
HeadGeometry buildHeadGeometry(const HeadSourceQuads& source, const HeadBuildOptions& options);

struct ModelSource {
    std::string path;
    std::string sha256;
};

struct Head {
    ModelSource source;
    HeadGeometry geometry;
    ZoneFile zoneFile;
    ZoneLabels labels;

    const SurfaceMesh& mesh() const { return geometry.mesh; }
    const Area& areaOfTriangle(std::size_t t) const { return zoneFile.zones.areas[labels.areaOfTriangle[t]]; }
};

struct AreaSummary {
    std::string name;
    AreaKind kind = AreaKind::Treatment;
    double areaCm2 = 0.0;
    glm::vec3 centroid{0.0f};  // area-weighted, mm
    std::size_t triangles = 0;
};

// One entry per declared area, in the zone file's order.
std::vector<AreaSummary> summarizeAreas(const Head& head);

}  // namespace pinpoint::core
