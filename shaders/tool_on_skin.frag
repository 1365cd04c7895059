#version 450
// The tool where it meets the skin, drawn over the skin already in the picture: only the skin near
// the tool is drawn again with this shader (same vertices, same depth), so the skin's own shader
// carries none of this work. Premultiplied: the shadow darkens what is there, the footprint covers it.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"
#include "tool_on_skin.glsl"

// surface.vert's outputs; only the position matters here. The rest are read (under a condition the
// frame's uniforms never meet) so that the compiler keeps them and every output has its input.
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inAlbedo;
layout(location = 3) in float inDensity;
layout(location = 4) in vec4 inBorderBleeding;
layout(location = 5) flat in uint inArea;
layout(location = 6) in vec3 inDiffuse;

layout(location = 0) out vec4 outColour;

void main() {
    if (inPosition.y < frame.clip.x) discard;
    const float mmPerPixel = max(length(dFdx(inPosition)), length(dFdy(inPosition)));
    const float shadow = toolShadow(inPosition);
    const float cover = 0.85 * footprintCoverage(inPosition, mmPerPixel);
    if (shadow <= 0.0 && cover <= 0.0) discard;
    // Blended as colour + picture * (1 - alpha): the picture keeps (1 - shadow)(1 - cover) of itself.
    outColour = vec4(filmic(footprintColour()) * cover, 1.0 - (1.0 - shadow) * (1.0 - cover));
    if (frame.params.x < -1e30)
        outColour.rgb += inNormal + inAlbedo.rgb + vec3(inDensity) + inBorderBleeding.xyz + inDiffuse + vec3(float(inArea));
}
