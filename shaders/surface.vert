#version 450
// An indexed draw whose vertices are pulled from storage buffers by gl_VertexIndex (no vertex input
// state); the density lives in its own buffer, indexed by mesh vertex, so it can be rewritten alone.
// Every vertex belongs to one area, so the area passes flat to the fragment shader. Lighting is done
// per pixel (surface.frag).
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"


layout(location = 0) out vec3 outPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outAlbedo;
layout(location = 3) out float outDensity;
layout(location = 4) out vec4 outBorderBleeding;  // xyz: mm to the border edges; w: dermal punctures per cm2
layout(location = 5) flat out uint outArea;
layout(location = 6) out float outCurvature;      // 1/mm, > 0 convex

void main() {
    const uint index = uint(gl_VertexIndex);
    const Vertex v = vertices[index];
    outPosition = v.position.xyz;
    outNormal = v.normal.xyz;
    outCurvature = v.normal.w;
    outAlbedo = v.albedo;
    outDensity = density[v.info.x].x;
    outBorderBleeding = vec4(v.border.xyz, density[v.info.x].y);
    outArea = v.info.y;
    gl_Position = frame.viewProjection * vec4(v.position.xyz, 1.0);
}
