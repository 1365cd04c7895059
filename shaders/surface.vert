#version 450
// An indexed draw whose vertices are pulled from storage buffers by gl_VertexIndex (no vertex input
// state); the density lives in its own buffer, indexed by mesh vertex, so it can be rewritten alone.
// Every vertex belongs to one area, so the area passes flat to the fragment shader.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"


layout(location = 0) out vec3 outPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outAlbedo;
layout(location = 3) out float outDensity;
layout(location = 4) out vec3 outBorderMm;
layout(location = 5) flat out uint outArea;

void main() {
    const uint index = uint(gl_VertexIndex);
    const Vertex v = vertices[index];
    outPosition = v.position.xyz;
    outNormal = v.normal.xyz;
    outAlbedo = v.albedo;
    outDensity = density[v.info.x];
    outBorderMm = v.border.xyz;
    outArea = v.info.y;
    gl_Position = frame.viewProjection * vec4(v.position.xyz, 1.0);
}
