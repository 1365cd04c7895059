#version 450
// Skin: wrapped diffuse with a red-shifted wrap (light bleeding under the skin), a soft sheen and a
// faint sharp highlight; eyes: sclera, iris and pupil with a corneal highlight. Overlays are mixed
// into the albedo so the shape keeps its shading; borders are drawn on top in screen space.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"
#include "tool_on_skin.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inAlbedo;
layout(location = 3) in float inDensity;
layout(location = 4) in vec4 inBorderBleeding;  // xyz: mm to the border edges; w: dermal punctures per cm2
layout(location = 5) flat in uint inArea;
layout(location = 6) in vec3 inDiffuse;

layout(location = 0) out vec4 outColour;

// One pipeline per overlay and per material (skin or eyes): lavapipe runs both sides of a branch, so
// code a draw never needs is compiled out rather than skipped at run time.
layout(constant_id = 0) const uint kOverlay = kOverlayNone;
layout(constant_id = 1) const bool kEyes = false;

struct Material {
    vec3 albedo;
    float specular;   // strength of the sharp highlight
    float shininess;  // its exponent
    float sheen;      // strength of the broad, oily sheen
};

vec3 wrapDiffuse(float nDotL, vec3 wrap) {
    return clamp((vec3(nDotL) + wrap) / (1.0 + wrap), 0.0, 1.0);
}

Material skinMaterial() {
    return Material(inAlbedo.rgb, 0.14, 50.0, 0.07);
}

Material eyeMaterial(vec3 p) {
    const int side = p.x >= 0.0 ? 0 : 1;
    const vec4 eye = frame.eyeCentre[side];
    if (eye.w <= 0.0) return Material(vec3(0.75, 0.72, 0.68), 0.8, 300.0, 0.0);
    const vec3 d = normalize(p - eye.xyz);
    const float angle = acos(clamp(dot(d, frame.eyeForward.xyz), -1.0, 1.0));
    const float aa = max(fwidth(angle), 1e-4);
    const float irisEdge = 0.50;   // radians: an iris of about 11.5 mm on a 24 mm eyeball
    const float pupilEdge = 0.17;
    const vec3 sclera = vec3(0.78, 0.74, 0.70);
    // Radial streaks and a darker limbal ring make the iris read as an iris.
    const float around = atan(dot(d, vec3(0.0, 1.0, 0.0)), d.x);
    const float streaks = 0.5 + 0.5 * sin(around * 37.0) * sin(around * 13.0 + 1.7);
    vec3 iris = mix(vec3(0.10, 0.055, 0.025), vec3(0.26, 0.15, 0.07), streaks * (angle / irisEdge));
    iris *= mix(1.0, 0.35, smoothstep(irisEdge - 0.10, irisEdge, angle));
    vec3 albedo = mix(iris, sclera, smoothstep(irisEdge - aa, irisEdge + aa, angle));
    albedo = mix(vec3(0.008), albedo, smoothstep(pupilEdge - aa, pupilEdge + aa, angle));
    // The sclera reddens a little toward the corners.
    albedo *= mix(vec3(1.0), vec3(1.0, 0.82, 0.78), smoothstep(0.9, 1.4, angle));
    return Material(albedo, 1.2, 400.0, 0.0);
}

// Where a density sits on the landmark scale: 0-1 below the target, 1-2 up to the maximum, 2-3
// over-treated (up to twice the maximum). src/render/density_colours.cpp: densityPosition.
float densityPosition(float d, vec2 landmarks) {
    if (d < landmarks.x) return max(d, 0.0) / max(landmarks.x, 1e-6);
    if (d <= landmarks.y) return 1.0 + (d - landmarks.x) / max(landmarks.y - landmarks.x, 1e-6);
    return 2.0 + min((d - landmarks.y) / max(landmarks.y, 1e-6), 1.0);
}

// The colour table the legends read (uploaded from src/render/density_colours.h): the last segment
// starting at or before `s` holds it, so at an edge the colour above it wins.
vec3 densityRamp(float s) {
    vec3 colour = frame.densityColour[0].rgb;
    for (uint i = 0u; i + 1u < kDensityStops; ++i) {
        const vec4 a = frame.densityColour[i], b = frame.densityColour[i + 1u];
        if (s >= a.w && b.w > a.w) colour = mix(a.rgb, b.rgb, clamp((s - a.w) / (b.w - a.w), 0.0, 1.0));
    }
    return colour;
}

// 1 on an area border, fading to 0 over a pixel; `width` in pixels. A triangle on a border carries
// its distance to each border edge (mm), interpolated from its corners.
float borderCoverage(float width, float mmPerPixel) {
    const float nearest = min(inBorderBleeding.x, min(inBorderBleeding.y, inBorderBleeding.z));
    return 1.0 - smoothstep(width - 0.5, width + 0.5, nearest / max(mmPerPixel, 1e-6));
}

float hatch(float period) {
    const float s = fract((gl_FragCoord.x + gl_FragCoord.y) / period);
    const float aa = 1.0 / period;
    return smoothstep(0.0, aa, s) * (1.0 - smoothstep(0.4, 0.4 + aa, s));
}

float hash13(vec3 p) {
    p = fract(p * 0.1031);
    p += dot(p, p.zyx + 31.32);
    return fract((p.x + p.y) * p.z);
}

// Erythema: the skin reddens as punctures per cm2 build toward full scale (t). Where needles reached
// the dermis and their density passes about a third of it (dermal), pinpoint bleeding: tiny dark-red
// dots where needles drew blood, more of them as that density grows.
vec3 treatedSkin(vec3 albedo, float t, float dermal, float mmPerPixel) {
    if (t <= 0.0) return albedo;
    const float redness = 1.0 - exp(-1.8 * t);
    albedo = mix(albedo, albedo * vec3(1.30, 0.52, 0.48) + vec3(0.06, 0.0, 0.0), 0.85 * redness);
    const float bleeding = smoothstep(0.3, 1.6, dermal);
    if (bleeding <= 0.0) return albedo;
    const float cellMm = 1.1;
    const vec3 cell = floor(inPosition / cellMm);
    float dots = 0.0;
    for (int i = 0; i < 8; ++i) {
        const vec3 c = cell + vec3(i & 1, (i >> 1) & 1, (i >> 2) & 1);
        const float h = hash13(c);
        if (h > 0.55 * bleeding) continue;
        const vec3 centre = (c + vec3(hash13(c + 7.1), hash13(c + 3.3), hash13(c + 5.7))) * cellMm;
        const float radius = max(0.16, 0.6 * mmPerPixel);
        const float d = length(inPosition - centre);
        dots = max(dots, 1.0 - smoothstep(radius * 0.6, radius, d));
    }
    return mix(albedo, vec3(0.30, 0.015, 0.02), 0.9 * dots);
}

vec3 softShoulder(vec3 c) {
    const vec3 over = max(c - 0.8, 0.0);
    return min(c, 0.8) + over / (1.0 + over / 0.2);
}

void main() {
    if (inPosition.y < frame.clip.x) discard;  // a straight edge where the neck was cut
    const bool isEye = kEyes;
    const uint area = inArea & kAreaMask;
    const vec4 areaColour = frame.areaColour[area];
    const uint overlay = kOverlay;
    const float mmPerPixel = max(length(dFdx(inPosition)), length(dFdy(inPosition)));

    Material m = isEye ? eyeMaterial(inPosition) : skinMaterial();
    if (!isEye && overlay != kOverlayDensity)
        m.albedo = treatedSkin(m.albedo, inDensity / max(frame.params.y, 1e-6), inBorderBleeding.w / max(frame.params.y, 1e-6),
                               mmPerPixel);
    if (overlay == kOverlayZones) {
        if (areaColour.a > 0.5) {
            const float h = hatch(frame.params.w);
            m.albedo = mix(m.albedo, vec3(0.85, 0.05, 0.04), 0.30 + 0.55 * h);
        } else {
            m.albedo = mix(m.albedo, areaColour.rgb, 0.55);
        }
        m.sheen *= 0.5;
    } else if (overlay == kOverlayDensity && !isEye) {
        const float s = densityPosition(inDensity, frame.areaDensity[area].xy);
        const float shown = smoothstep(0.0, 0.12, s) * 0.85;  // untouched skin stays skin
        m.albedo = mix(m.albedo, densityRamp(s), shown);
        m.sheen *= 0.3;
    }

    vec3 n = normalize(inNormal);
    const vec3 toCamera = normalize(frame.cameraPosition.xyz - inPosition);
    if (dot(n, toCamera) < 0.0) n = -n;  // the inside of a fold seen through a gap
    const float cavity = inAlbedo.a;
    const vec3 wrap = isEye ? vec3(0.0) : vec3(0.26, 0.15, 0.12);

    const float facing = 1.0 - max(dot(n, toCamera), 0.0);
    const float facing2 = facing * facing;
    const float fresnel = 0.04 + 0.96 * facing2 * facing2 * facing;
    // Highlights from the key and the rim light; the weak fill adds none worth its cost.
    vec3 specular = vec3(0.0);
    for (int i = 0; i < 3; i += 2) {
        const vec3 l = frame.lightDirection[i].xyz;
        const float nDotL = max(dot(n, l), 0.0);
        const float nDotH = max(dot(n, normalize(l + toCamera)), 0.0);
        const float h2 = nDotH * nDotH, h4 = h2 * h2;
        const float lobe = m.specular * pow(nDotH, m.shininess) + m.sheen * h4 * h4;
        specular += frame.lightColour[i].rgb * (lobe * nDotL);
    }
    specular *= (0.25 + 3.0 * fresnel) * cavity;
    vec3 colour = m.albedo * inDiffuse + specular;
    if (!isEye) colour *= 1.0 - toolShadow(inPosition);

    if (overlay != kOverlayNone) {
        const float width = frame.params.z * (overlay == kOverlayZones ? 1.0 : 0.6);
        const float border = borderCoverage(width, mmPerPixel);
        colour = mix(colour, vec3(0.05, 0.04, 0.04), border * (overlay == kOverlayZones ? 0.85 : 0.45));
    }
    if (!isEye) colour = mix(colour, footprintColour(), 0.85 * footprintCoverage(inPosition, mmPerPixel));
    outColour = vec4(softShoulder(colour), 1.0);
}
