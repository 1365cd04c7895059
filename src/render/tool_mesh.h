#pragma once
// The tool as triangles (CPU work, testable anywhere): a pen body with its clear cartridge along the
// needle axis, or a roller drum on the skin with its handle. Where the needles land is drawn on the
// skin by the surface shader (the footprint and the tool's shadow), not here.
#include "render/scene.h"

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include <optional>
#include <vector>

namespace pinpoint::render {

struct ToolVertex {
    glm::vec3 position;  // mm
    glm::vec3 normal;
    glm::vec4 colour;    // linear RGB; a < 1: translucent (drawn after the opaque parts, without depth writes)
};

inline constexpr std::size_t kMaxToolVertices = 12000;

// Opaque triangles first, then the translucent ones; `*opaqueCount` (when given) gets how many
// vertices are opaque.
std::vector<ToolVertex> toolMesh(const ToolShape& tool, std::size_t* opaqueCount = nullptr);
// The radius (mm) of the disc around the tip where the needles land; for a roller, half its drum's width.
float footprintRadius(const ToolShape& tool);
// How far from the tip the tool's shadow reaches on the skin (mm): a contact shadow, short while the
// needles are on the skin and longer as the tool is lifted (its penumbra widens).
float shadowReachMm(const ToolShape& tool);
// Around what the tool changes on the skin (its footprint and its shadow): the frame redraws it.
core::Bounds toolOnSkinBounds(const ToolShape& tool);
// The box around some vertices (none when there are none).
std::optional<core::Bounds> boundsOf(const std::vector<ToolVertex>& vertices);
// Appends a raised mark (a flattened dome on the skin).
void appendMark(std::vector<ToolVertex>& out, const SkinMark& mark);
// Appends the marks that fit within kMaxToolVertices.
void appendMarks(std::vector<ToolVertex>& out, const std::vector<SkinMark>& marks);

// What a scene draws after the skin: the tool and the marks, opaque triangles first, and the box
// around what the tool changes (its parts, its footprint and shadow on the skin; none without a tool).
struct SceneTriangles {
    std::vector<ToolVertex> vertices;
    std::size_t opaqueCount = 0;  // vertices [0, opaqueCount) are opaque, the rest translucent
    std::optional<core::Bounds> toolBox;
};
SceneTriangles sceneTriangles(const Scene& scene);

}  // namespace pinpoint::render
