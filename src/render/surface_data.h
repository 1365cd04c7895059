#pragma once
// The head surface packed the way the shaders read it (shaders/surface_interface.glsl and
// surface.vert). Pure CPU work, kept apart from Vulkan so it can be tested anywhere.
#include "render/scene.h"
#include "render/surface_clusters.h"

#include <glm/vec4.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace pinpoint::render {

// Every triangle's corners carry its area, so the fragment shader needs no per-triangle data for
// shading; only the heatmap reads gl_PrimitiveID, to find the triangle's points (GpuTriangle).
// Vertices are shared within an area; a triangle on an area border has corners of its own that carry
// its distance to each border edge. A packed vertex keeps the mesh vertex it came from, which indexes
// the density.
struct GpuVertex {
    glm::vec4 position;  // xyz mm
    glm::vec4 normal;    // xyz unit; w: curvature (1/mm, > 0 convex)
    glm::vec4 albedo;    // rgb linear; a: cavity, 1 in the open and lower in folds and hollows
    glm::vec4 border;    // xyz: distance (mm) to the border edge opposite corner 0, 1, 2, interpolated
    glm::uvec4 info;     // x: the mesh vertex, y: area | eye bit, zw: 0
};
static_assert(sizeof(GpuVertex) == 80);

// A triangle as the heatmap reads it (shaders/skin_samples.glsl): the barycentric coordinates of a
// point p in its plane, u = dot(toU, (p, 1)) for corner b and v = dot(toV, (p, 1)) for corner c (the
// mesh's corner order), and its points: x the first pen point in the point densities, y its pen cuts
// (n: n x n sub-triangles, 0: no points), z and w the same for the roller's points.
struct GpuTriangle {
    glm::vec4 toU;
    glm::vec4 toV;
    glm::uvec4 points;
};
static_assert(sizeof(GpuTriangle) == 48);

// toU and toV of one triangle (corners a, b, c).
std::pair<glm::vec4, glm::vec4> barycentricRows(glm::vec3 a, glm::vec3 b, glm::vec3 c);

inline constexpr std::uint32_t kAreaMask = 0xffu;
inline constexpr std::uint32_t kEyeBit = 0x100u;
inline constexpr std::uint32_t kTrianglesPerCluster = 256;
inline constexpr float kNoBorderMm = 1000.0f;  // the border distance of an edge that is not a border

struct EyeBall {
    glm::vec3 centre{0.0f};
    float radius = 0.0f;  // 0: no eye on that side
};

struct SurfaceData {
    std::vector<GpuVertex> vertices;     // shared within an area; border triangles have their own
    std::vector<std::uint32_t> indices;  // 3 per triangle, into `vertices`: skin first, then eyes
    std::vector<SurfaceCluster> clusters;  // cover `indices` in order
    // Per triangle of `indices` (shaders/surface_interface.glsl: triangles): where its points lie.
    std::vector<GpuTriangle> triangles;
    std::size_t sampleCount = 0;  // pen and roller points together
    std::array<EyeBall, 2> eyes;              // [0]: patient's left (+X), [1]: right
    float clipBelowY = -1e30f;                // mm: hides the ragged edge where the neck was cut
};

// The default skin tone (linear RGB) used when a surface brings no albedo of its own.
inline constexpr glm::vec3 kDefaultSkinAlbedo = kReferenceSkin;

SurfaceData packSurface(const HeadSurface& surface);

// The height just above the lowest open edge loop of the mesh (the neck cut), so that everything
// below it can be clipped away along a straight line; -infinity when the mesh has no open edge there.
float neckClipHeight(const core::SurfaceMesh& mesh);

// Per vertex: mean curvature (1/mm, > 0 where the surface bulges: nose tip, chin, ears), from how far
// each neighbour falls below the vertex's tangent plane.
std::vector<float> vertexCurvature(const core::SurfaceMesh& mesh);

// The longest edge of the mesh (mm): how far a vertex's value reaches across the surface.
float longestEdgeMm(const core::SurfaceMesh& mesh);

// Per vertex: 1 in the open, lower in concave folds (nostrils, the corners of the eyes and mouth,
// the ear). Measured from how far neighbouring vertices rise above each vertex's tangent plane.
std::vector<float> vertexCavity(const core::SurfaceMesh& mesh);

}  // namespace pinpoint::render
