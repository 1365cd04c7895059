#version 450
// Plastic and metal under the same key light as the skin; colour alpha < 1 is translucent
// (the cartridge's clear housing). A colour with negative alpha is unlit (the footprint ring).
layout(push_constant) uniform ToolFrame {
    mat4 viewProjection;
    vec4 cameraPosition;
    vec4 lightDirection;
} frame;

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inColour;

layout(location = 0) out vec4 outColour;

void main() {
    if (inColour.a < 0.0) {
        outColour = vec4(inColour.rgb, 0.9);
        return;
    }
    vec3 n = normalize(inNormal);
    const vec3 toCamera = normalize(frame.cameraPosition.xyz - inPosition);
    if (dot(n, toCamera) < 0.0) n = -n;
    const vec3 l = frame.lightDirection.xyz;
    const float diffuse = 0.30 + 0.85 * max(dot(n, l), 0.0) + 0.25 * max(dot(n, toCamera), 0.0);
    const vec3 h = normalize(l + toCamera);
    const float specular = 0.45 * pow(max(dot(n, h), 0.0), 60.0);
    outColour = vec4(inColour.rgb * diffuse + vec3(specular), inColour.a);
}
