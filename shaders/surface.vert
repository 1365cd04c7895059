#version 450
// An indexed draw whose vertices are pulled from storage buffers by gl_VertexIndex (no vertex input
// state); the density lives in its own buffer so it can be rewritten alone.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"


layout(location = 0) out vec3 outPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outAlbedo;
layout(location = 3) out float outDensity;

void main() {
    const uint index = uint(gl_VertexIndex);
    const Vertex v = vertices[index];
    outPosition = v.position.xyz;
    outNormal = v.normal.xyz;
    outAlbedo = v.albedo;
    outDensity = density[index];
    gl_Position = frame.viewProjection * vec4(v.position.xyz, 1.0);
}
