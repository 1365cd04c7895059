#version 450
// A drop of blood: dark red, a little domed so the key light leaves a wet glint on it, which keeps it
// visible on the darkest skin. Soft edge over about a pixel; lit like the skin, the same filmic curve.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"

layout(location = 0) in vec2 inAcross;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec3 inPosition;
layout(location = 3) flat in vec2 inOpacityGlint;  // x: opacity; y: how much wet glint shows

layout(location = 0) out vec4 outColour;

void main() {
    const float r = length(inAcross);
    const float edge = max(fwidth(r), 0.05);
    const float cover = 1.0 - smoothstep(1.0 - edge, 1.0, r);
    if (cover <= 0.0) discard;
    const vec3 n0 = normalize(inNormal);
    const vec3 dx = normalize(dFdx(inPosition)), dy = normalize(dFdy(inPosition));
    // The dome: tilt the normal outward with the distance from the centre.
    const vec3 n = normalize(n0 + 0.8 * (inAcross.x * dx + inAcross.y * dy) * r);
    const vec3 toCamera = normalize(frame.cameraPosition.xyz - inPosition);
    vec3 light = mix(frame.groundColour.rgb, frame.skyColour.rgb, 0.5 + 0.5 * n0.y);
    vec3 glint = vec3(0.0);
    for (int i = 0; i < 3; ++i) {
        const vec3 l = frame.lightDirection[i].xyz;
        light += frame.lightColour[i].rgb * max(dot(n0, l), 0.0);
        const float nDotH = max(dot(n, normalize(l + toCamera)), 0.0);
        const float h2 = nDotH * nDotH, h4 = h2 * h2, h8 = h4 * h4;
        glint += frame.lightColour[i].rgb * (0.12 * h8 * h8 * h8);
    }
    const vec3 colour = frame.blood.rgb * light + glint * inOpacityGlint.y;
    outColour = vec4(filmic(colour), 0.95 * cover * inOpacityGlint.x);
}
