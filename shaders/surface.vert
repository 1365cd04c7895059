#version 450
// An indexed draw whose vertices are pulled from storage buffers by gl_VertexIndex (no vertex input
// state); the density lives in its own buffer, indexed by mesh vertex, so it can be rewritten alone.
// Every vertex belongs to one area, so the area passes flat to the fragment shader. Diffuse light is
// done here (skin_light.glsl), highlights per pixel (surface.frag).
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"
#include "skin_light.glsl"


layout(location = 0) out vec3 outPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outAlbedo;
layout(location = 3) out float outDensity;
layout(location = 4) out vec4 outBorderBleeding;  // xyz: mm to the border edges; w: dermal punctures per cm2
layout(location = 5) flat out uint outArea;
layout(location = 6) out vec3 outDiffuse;         // light reaching the skin

void main() {
    const uint index = uint(gl_VertexIndex);
    const Vertex v = vertices[index];
    outPosition = v.position.xyz;
    outNormal = v.normal.xyz;
    outAlbedo = v.albedo;
    outDensity = density[v.info.x].x;
    outBorderBleeding = vec4(v.border.xyz, density[v.info.x].y);
    outArea = v.info.y;
    vec3 n = v.normal.xyz;
    if (dot(n, frame.cameraPosition.xyz - v.position.xyz) < 0.0) n = -n;  // a fold seen through a gap
    outDiffuse = diffuseLight(n, v.albedo.a, v.normal.w, (v.info.y & kEyeBit) != 0u);
    gl_Position = frame.viewProjection * vec4(v.position.xyz, 1.0);
}
