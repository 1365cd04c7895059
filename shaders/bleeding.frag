#version 450
// A drop of blood: dark red, domed, so the key light leaves a wet glint on it (toward the light, the
// camera's upper left) that keeps it visible on the darkest skin once it is a few pixels wide. Soft
// edge over about a pixel; lit like the skin, the same filmic curve.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"

layout(location = 0) flat in vec3 inNormal;
layout(location = 1) flat in vec3 inToCamera;
layout(location = 2) flat in vec2 inOpacityGlint;  // x: opacity; y: how much wet glint shows

layout(location = 0) out vec4 outColour;

void main() {
    const vec2 across = gl_PointCoord * 2.0 - 1.0;  // -1..1 over the drop, y down
    const float r = length(across);
    const float edge = max(fwidth(r), 0.05);
    const float cover = 1.0 - smoothstep(1.0 - edge, 1.0, r);
    if (cover <= 0.0) discard;
    const vec3 n = normalize(inNormal);
    vec3 light = mix(frame.groundColour.rgb, frame.skyColour.rgb, 0.5 + 0.5 * n.y);
    vec3 glint = vec3(0.0);
    for (int i = 0; i < 3; ++i) {
        const vec3 l = frame.lightDirection[i].xyz;
        light += frame.lightColour[i].rgb * max(dot(n, l), 0.0);
        // Where on the dome the light's half vector stands: toward the light, seen from the camera.
        const float facing = max(dot(n, normalize(l + inToCamera)), 0.0);
        glint += frame.lightColour[i].rgb * (0.12 * facing * facing);
    }
    const float spot = 1.0 - smoothstep(0.0, 0.45, length(across - vec2(-0.35, -0.35)));
    const vec3 colour = frame.blood.rgb * light + glint * (spot * spot * inOpacityGlint.y);
    outColour = vec4(filmic(colour), 0.95 * cover * inOpacityGlint.x);
}
