#version 450
// Pinpoint bleeding: one small disc per bleeding point (core::BleedingPoint), instanced, six vertices
// each, lying on the skin at the puncture. A point whose seed asks for more than the bleeding share at
// its vertex's dermal density collapses to nothing. Depth tested against the skin, not written.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"

struct BleedingPoint {
    vec4 position;  // xyz mm; w: seed 0..1
    vec4 normal;    // xyz unit; w: the mesh vertex (uint bits) whose dermal density decides
};
layout(std430, set = 0, binding = 3) readonly buffer Bleeding { BleedingPoint points[]; };

layout(location = 0) out vec2 outAcross;  // -1..1 over the disc
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec3 outPosition;
layout(location = 3) flat out vec2 outOpacityGlint;  // x: opacity; y: how much wet glint shows

const vec2 kCorners[6] = vec2[](vec2(-1, -1), vec2(1, -1), vec2(1, 1), vec2(-1, -1), vec2(1, 1), vec2(-1, 1));

void main() {
    const BleedingPoint b = points[gl_InstanceIndex];
    const uint vertex = floatBitsToUint(b.normal.w);
    const float dermal = density[vertex].y / max(frame.params.y, 1e-6);
    if (b.position.w >= bleedingShareOf(dermal)) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the view: the triangles are clipped away
        outAcross = vec2(0.0);
        outNormal = vec3(0.0, 0.0, 1.0);
        outPosition = vec3(0.0);
        outOpacityGlint = vec2(0.0);
        return;
    }
    const vec3 n = b.normal.xyz;
    const vec3 side = normalize(cross(n, abs(n.y) < 0.9 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0)));
    const vec3 up = cross(n, side);
    // A drop of 0.2-0.4 mm radius (blood welling from the puncture). Drawn never under about a pixel across (so it cannot fall between
    // samples and shimmer), its opacity lowered by how much it was widened: from afar the drops
    // still read as blood, without covering the skin as the widened discs would.
    const float pixelMm = frame.blood.w * distance(frame.cameraPosition.xyz, b.position.xyz);
    const float radius = 0.2 + 0.2 * fract(b.position.w * 7.31);
    const float drawn = max(radius, 0.9 * pixelMm);
    // The glint shows once a drop is a few pixels wide; on a one-pixel drop it would only pale it.
    outOpacityGlint = vec2(sqrt(radius / drawn), smoothstep(1.5, 4.0, radius / max(pixelMm, 1e-4)));
    const vec2 c = kCorners[gl_VertexIndex];
    const vec3 p = b.position.xyz + n * 0.06 + (side * c.x + up * c.y) * drawn;
    outAcross = c;
    outNormal = n;
    outPosition = p;
    gl_Position = frame.viewProjection * vec4(p, 1.0);
}
