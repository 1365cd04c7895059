#version 450
// Pulls welded vertices through the index buffer (no vertex input state), so per-triangle data
// (area, part, borders) and per-vertex data (density) come from storage buffers.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"

struct Vertex {
    vec4 position;  // xyz mm
    vec4 normal;    // xyz unit
    vec4 albedo;    // rgb linear skin colour; a: cavity (1 open, 0 deep fold)
};
layout(std430, set = 0, binding = 1) readonly buffer Vertices { Vertex vertices[]; };
layout(std430, set = 0, binding = 2) readonly buffer Indices { uint indices[]; };
layout(std430, set = 0, binding = 3) readonly buffer Triangles { uint triangleInfo[]; };
layout(std430, set = 0, binding = 4) readonly buffer Density { float density[]; };

layout(location = 0) out vec3 outPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outAlbedo;
layout(location = 3) out vec3 outBarycentric;
layout(location = 4) out float outDensity;
layout(location = 5) flat out uint outTriangle;

void main() {
    const uint corner = uint(gl_VertexIndex) % 3u;
    const uint index = indices[gl_VertexIndex];
    const Vertex v = vertices[index];
    outPosition = v.position.xyz;
    outNormal = v.normal.xyz;
    outAlbedo = v.albedo;
    outBarycentric = vec3(corner == 0u, corner == 1u, corner == 2u);
    outDensity = density[index];
    outTriangle = triangleInfo[uint(gl_VertexIndex) / 3u];
    gl_Position = frame.viewProjection * vec4(v.position.xyz, 1.0);
}
