#pragma once
// The tool as triangles (CPU work, testable anywhere): a pen body with its cartridge along the needle
// axis, or a roller drum on the skin with its handle, and the footprint ring where the needles land.
#include "render/scene.h"

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include <optional>
#include <vector>

namespace pinpoint::render {

struct ToolVertex {
    glm::vec3 position;  // mm
    glm::vec3 normal;
    glm::vec4 colour;    // linear RGB; a < 1: translucent; a < 0: unlit (the ring)
};

inline constexpr std::size_t kMaxToolVertices = 12000;

std::vector<ToolVertex> toolMesh(const ToolShape& tool);
// The box around some vertices (none when there are none).
std::optional<core::Bounds> boundsOf(const std::vector<ToolVertex>& vertices);
// Appends a raised mark (a flattened dome on the skin).
void appendMark(std::vector<ToolVertex>& out, const SkinMark& mark);
// Appends the marks that fit within kMaxToolVertices.
void appendMarks(std::vector<ToolVertex>& out, const std::vector<SkinMark>& marks);

}  // namespace pinpoint::render
