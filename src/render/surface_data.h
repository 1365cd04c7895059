#pragma once
// The head surface packed the way the shaders read it (shaders/surface_interface.glsl and
// surface.vert). Pure CPU work, kept apart from Vulkan so it can be tested anywhere.
#include "render/scene.h"

#include <glm/vec4.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace pinpoint::render {

struct GpuVertex {
    glm::vec4 position;  // xyz mm
    glm::vec4 normal;    // xyz unit
    glm::vec4 albedo;    // rgb linear; a: cavity, 1 in the open and lower in folds and hollows
};
static_assert(sizeof(GpuVertex) == 48);

inline constexpr std::uint32_t kTriangleAreaMask = 0xffu;
inline constexpr std::uint32_t kTriangleEyeBit = 0x100u;
inline constexpr std::uint32_t kTriangleBorderShift = 9u;  // 3 bits: the edge opposite corner i is a border

struct EyeBall {
    glm::vec3 centre{0.0f};
    float radius = 0.0f;  // 0: no eye on that side
};

struct SurfaceData {
    std::vector<GpuVertex> vertices;          // one per mesh vertex
    std::vector<std::uint32_t> indices;       // 3 per triangle
    std::vector<std::uint32_t> triangleInfo;  // area | eye bit | border edges
    std::array<EyeBall, 2> eyes;              // [0]: patient's left (+X), [1]: right
    float clipBelowY = -1e30f;                // mm: hides the ragged edge where the neck was cut
};

// The default skin tone (linear RGB) used when a surface brings no albedo of its own.
inline constexpr glm::vec3 kDefaultSkinAlbedo{0.60f, 0.38f, 0.29f};

SurfaceData packSurface(const HeadSurface& surface);

// The height just above the lowest open edge loop of the mesh (the neck cut), so that everything
// below it can be clipped away along a straight line; -infinity when the mesh has no open edge there.
float neckClipHeight(const core::SurfaceMesh& mesh);

// Per vertex: 1 in the open, lower in concave folds (nostrils, the corners of the eyes and mouth,
// the ear). Measured from how far neighbouring vertices rise above each vertex's tangent plane.
std::vector<float> vertexCavity(const core::SurfaceMesh& mesh);

}  // namespace pinpoint::render
