#version 450
// Plastic and metal under the same key light as the skin; colour alpha < 1 is translucent (the
// cartridge's clear housing). Where a part lies between the camera and the footprint (the disc on the
// skin where the needles land) it turns see-through, so the footprint shows from every view.
layout(push_constant) uniform ToolFrame {
    mat4 viewProjection;
    vec4 cameraPosition;
    vec4 lightDirection;
    vec4 footprint;  // xyz: the tip (mm); w: the footprint's radius (mm), 0: no tool
} frame;

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inColour;

layout(location = 0) out vec4 outColour;

// 1 where this point hides the footprint from the camera (inside the cone from the eye to the disc
// around the tip, with a margin), fading to 0 outside it.
float hidesFootprint(vec3 p) {
    const float radius = frame.footprint.w;
    if (radius <= 0.0) return 0.0;
    const vec3 eye = frame.cameraPosition.xyz;
    const vec3 toTip = frame.footprint.xyz - eye;
    const float tipDistance = length(toTip);
    const vec3 u = toTip / tipDistance;
    const float along = dot(p - eye, u);
    if (along >= tipDistance - 0.5) return 0.0;  // at the skin or beyond: nothing to see through
    const float coneRadius = 1.5 * (radius + 1.0) * along / tipDistance;
    const float off = length((p - eye) - along * u);
    return 1.0 - smoothstep(coneRadius, coneRadius * 1.25 + 0.3, off);
}

void main() {
    vec3 n = normalize(inNormal);
    const vec3 toCamera = normalize(frame.cameraPosition.xyz - inPosition);
    if (dot(n, toCamera) < 0.0) n = -n;
    const vec3 l = frame.lightDirection.xyz;
    const float diffuse = 0.30 + 0.85 * max(dot(n, l), 0.0) + 0.25 * max(dot(n, toCamera), 0.0);
    const vec3 h = normalize(l + toCamera);
    const float specular = 0.45 * pow(max(dot(n, h), 0.0), 60.0);
    // In front of the footprint the tool all but vanishes: a faint trace at the cone's edge keeps its outline.
    const float hides = hidesFootprint(inPosition);
    if (hides > 0.97) discard;
    const float alpha = mix(inColour.a, min(inColour.a, 0.18), hides);
    outColour = vec4(inColour.rgb * diffuse + vec3(specular), alpha);
}
