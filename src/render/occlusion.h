#pragma once
// Ambient occlusion baked per vertex on the CPU (once per head): how much of the sky each vertex
// sees, from short rays cast with the core BVH. It darkens the eye sockets, the sides of the nose,
// under the nose and chin, the ears and the corners of the mouth, which the lights alone cannot.
#include "core/geometry/mesh.h"

#include <vector>

namespace pinpoint::render {

struct OcclusionOptions {
    int rays = 32;               // per vertex, cosine-weighted over the hemisphere
    float maxDistanceMm = 35.0f; // occluders farther than this do not count
    unsigned threads = 0;        // 0: one per hardware thread
};

// Per vertex in [0, 1]: 1 fully open, 0 fully enclosed. Deterministic for a given mesh and options.
std::vector<float> ambientOcclusion(const core::SurfaceMesh& mesh, const OcclusionOptions& options = {});

}  // namespace pinpoint::render
