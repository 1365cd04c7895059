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
layout(location = 4) out vec4 outBorderBleeding;  // xyz: mm to the border edges; w: dermal punctures per cm2
layout(location = 5) flat out uint outArea;
layout(location = 6) out vec3 outDiffuse;

vec3 wrapDiffuse(float nDotL, vec3 wrap) {
    return clamp((vec3(nDotL) + wrap) / (1.0 + wrap), 0.0, 1.0);
}

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
    const vec3 toCamera = normalize(frame.cameraPosition.xyz - v.position.xyz);
    if (dot(n, toCamera) < 0.0) n = -n;
    const float cavity = v.albedo.a;
    const vec3 wrap = (v.info.y & kEyeBit) != 0u ? vec3(0.0) : vec3(0.26, 0.15, 0.12);
    vec3 diffuse = mix(frame.groundColour.rgb, frame.skyColour.rgb, 0.5 + 0.5 * n.y) * cavity * cavity;
    const float cavityLight = mix(0.3, 1.0, cavity);
    for (int i = 0; i < 3; ++i)
        diffuse += frame.lightColour[i].rgb * wrapDiffuse(dot(n, frame.lightDirection[i].xyz), wrap) * cavityLight;
    outDiffuse = diffuse;
    gl_Position = frame.viewProjection * vec4(v.position.xyz, 1.0);
}
