#version 450
// Pinpoint bleeding: one point per bleeding point (core::BleedingPoint), a small drop of blood at the
// puncture. A point whose seed asks for more than the bleeding share at its vertex's dermal density,
// or that faces away, is dropped before rasterisation. Depth tested against the skin, not written.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"

struct BleedingPoint {
    vec4 position;  // xyz mm; w: seed 0..1
    vec4 normal;    // xyz unit; w: the mesh vertex (uint bits) whose dermal density decides
};
layout(std430, set = 0, binding = 3) readonly buffer Bleeding { BleedingPoint points[]; };

layout(location = 0) flat out vec3 outNormal;
layout(location = 1) flat out vec3 outToCamera;
layout(location = 2) flat out vec2 outOpacityGlint;  // x: opacity; y: how much wet glint shows

void main() {
    const BleedingPoint b = points[gl_VertexIndex];
    const uint vertex = floatBitsToUint(b.normal.w);
    const float dermal = density[vertex].y / max(frame.params.y, 1e-6);
    const vec3 toCamera = frame.cameraPosition.xyz - b.position.xyz;
    outNormal = b.normal.xyz;
    outToCamera = normalize(toCamera);
    if (b.position.w >= bleedingShareOf(dermal) || dot(toCamera, b.normal.xyz) <= 0.0) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the view: clipped away
        gl_PointSize = 1.0;
        outOpacityGlint = vec2(0.0);
        return;
    }
    // A drop of 0.2-0.4 mm radius (blood welling from the puncture). Drawn never under about a pixel
    // across (so it cannot fall between samples and shimmer), its opacity lowered by how much it was
    // widened: from afar the drops still read as blood, without covering the skin as the widened
    // discs would. A drop is a dome: round from any side, so a point (a screen-facing disc) draws it.
    const float pixelMm = frame.blood.w * length(toCamera);
    const float radius = 0.2 + 0.2 * fract(b.position.w * 7.31);
    const float drawn = max(radius, 0.9 * pixelMm);
    outOpacityGlint = vec2(sqrt(radius / drawn), smoothstep(1.5, 4.0, radius / max(pixelMm, 1e-4)));
    gl_PointSize = 2.0 * drawn / max(pixelMm, 1e-4);
    gl_Position = frame.viewProjection * vec4(b.position.xyz + b.normal.xyz * 0.06, 1.0);
}
