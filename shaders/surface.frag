#version 450
// Skin: the patient's tone (frame.skinTone) over the painted albedo, erythema from the punctures
// made, the diffuse light from the vertex shader (skin_light.glsl: its red-shifted wrap widens where
// the surface curves), and per pixel pores as a micro-normal that fades before it can alias and a
// two-lobe specular (a sharp and a broad lobe) with Fresnel; a neutral filmic curve at the end.
// Eyes: sclera, iris and pupil with a corneal highlight. Overlays are mixed into the albedo so the
// shape keeps its shading; borders are drawn on top in screen space.
// Pinpoint bleeding is drawn over the skin by bleeding.vert/.frag, at the punctures; the tool's
// footprint and shadow by tool_on_skin.frag, over the skin near the tool.
#extension GL_GOOGLE_include_directive : require
#include "surface_interface.glsl"
#include "skin_samples.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inAlbedo;
layout(location = 3) in float inDensity;
layout(location = 4) in vec4 inBorderBleeding;  // xyz: mm to the border edges; w: dermal punctures per cm2
layout(location = 5) flat in uint inArea;
layout(location = 6) in vec3 inDiffuse;  // light reaching the skin (surface.vert, skin_light.glsl)

layout(location = 0) out vec4 outColour;

// One pipeline per overlay and per material (skin or eyes): lavapipe runs both sides of a branch, so
// code a draw never needs is compiled out rather than skipped at run time.
layout(constant_id = 0) const uint kOverlay = kOverlayNone;
// The material (src/render/surface_pipeline.h, SurfaceMaterial): 0 skin, 1 eyes, 2 skin close up (pores).
layout(constant_id = 1) const uint kMaterial = 0u;
const bool kEyes = kMaterial == 1u;
const bool kPores = kMaterial == 2u;

struct Material {
    vec3 albedo;
    float specular;   // strength of the sharp lobe
    float shininess;  // its Blinn-Phong exponent
    float sheen;      // strength of the broad lobe
    float f0;         // reflectance facing the light (Fresnel)
};

// Skin's two lobes after the two-lobe skin models: a sharp one (roughness about 0.25, exponent 40) and
// a broad one (about 0.5, exponent 8); skin's index of refraction, 1.4, reflects about 2.8% head on.
Material skinMaterial() {
    return Material(inAlbedo.rgb * frame.skinTone.rgb, 0.55, 40.0, 0.45, 0.028);
}

Material eyeMaterial(vec3 p) {
    const int side = p.x >= 0.0 ? 0 : 1;
    const vec4 eye = frame.eyeCentre[side];
    if (eye.w <= 0.0) return Material(vec3(0.75, 0.72, 0.68), 0.8, 300.0, 0.0, 0.04);
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
    return Material(albedo, 1.2, 400.0, 0.0, 0.04);
}

// Where a density sits on the landmark scale: 0-1 below the target, 1-2 up to the maximum, 2-3
// over-treated (up to twice the maximum). src/render/density_colours.cpp: densityPosition.
float densityPosition(float d, vec2 landmarks) {
    if (d < landmarks.x) return max(d, 0.0) / max(landmarks.x, 1e-6);
    if (d <= landmarks.y) return 1.0 + (d - landmarks.x) / max(landmarks.y - landmarks.x, 1e-6);
    return 2.0 + min((d - landmarks.y) / max(landmarks.y, 1e-6), 1.0);
}

// The colour table the legends read (src/render/density_colours.h: densityGrid and densityGridColour,
// which this follows): each landmark interval in thirds, the two neighbours of `s` found by arithmetic.
vec3 densityRamp(float s) {
    const float j = clamp(floor(s), 0.0, 2.0);
    const float f = clamp((s - j) * 3.0, 0.0, 3.0);
    const float k = min(floor(f), 2.0);
    const uint i = uint(j) * 4u + uint(k);
    return mix(frame.densityGrid[i].rgb, frame.densityGrid[i + 1u].rgb, f - k);
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

// Erythema: the skin moves toward the patient's skin at full redness (frame.erythema, from the skin
// tones data: strongly red on types I-II, a little darker and violaceous on V-VI) as the punctures build.
vec3 erythema(vec3 albedo, float t, float dermal) {
    return albedo * mix(vec3(1.0), frame.erythema.rgb, rednessOf(t, dermal));
}

// Pores: a fine dimpling of the normal (crossed waves about 0.5 mm apart; regular, not noise). It fades
// out as a pixel grows toward a third of that, so it never aliases: from the usual distance it is gone
// and the broad lobe alone reads as skin.
vec3 poreNormal(vec3 n, vec3 p, float mmPerPixel) {
    const float fade = 1.0 - smoothstep(0.07, 0.16, mmPerPixel);
    const vec3 d1 = vec3(0.80, 0.60, 0.0), d2 = vec3(-0.28, 0.62, 0.73), d3 = vec3(0.52, -0.36, 0.77);
    const float k1 = 12.1, k2 = 13.7, k3 = 11.3;  // radians per mm: waves 0.46-0.56 mm long
    // Dimples where two crossed waves both dip (h = -s1 * s2), broken up by a third wave: the gradient
    // of h + 0.5 * s3.
    const float a1 = k1 * dot(p, d1), a2 = k2 * dot(p, d2), a3 = k3 * dot(p, d3);
    const float s1 = sin(a1), s2 = sin(a2);
    const vec3 g = -(d1 * (k1 * cos(a1) * s2) + d2 * (k2 * cos(a2) * s1)) + d3 * (0.5 * k3 * cos(a3));
    const vec3 tangential = g - n * dot(g, n);
    return normalize(n - (0.005 * fade) * tangential);
}

// The key and rim lights' highlights (the weak fill adds none worth its cost): a sharp and a broad
// Blinn-Phong lobe, each normalised, weighted by Schlick's Fresnel.
vec3 specularLight(vec3 n, vec3 toCamera, Material m, float cavity) {
    const float nDotV = max(dot(n, toCamera), 0.0);
    const float facing = 1.0 - nDotV;
    const float facing2 = facing * facing;
    const float fresnel = m.f0 + (1.0 - m.f0) * facing2 * facing2 * facing;
    vec3 specular = vec3(0.0);
    for (int i = 0; i < 3; i += 2) {
        const vec3 l = frame.lightDirection[i].xyz;
        const float nDotL = max(dot(n, l), 0.0);
        const float nDotH = max(dot(n, normalize(l + toCamera)), 0.0);
        const float h2 = nDotH * nDotH, h4 = h2 * h2, h8 = h4 * h4, h32 = (h8 * h8) * (h8 * h8);
        // Skin's sharp lobe has exponent 40 (h32 * h8, no pow); the eyes' comes from the material.
        const float sharpLobe = kEyes ? pow(nDotH, m.shininess) : h32 * h8;
        const float sharp = m.specular * (m.shininess + 2.0) * 0.159 * sharpLobe;
        const float broad = m.sheen * (8.0 + 2.0) * 0.159 * h8;
        specular += frame.lightColour[i].rgb * ((sharp + broad) * nDotL);
    }
    return specular * (fresnel * cavity);
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
        m.albedo = erythema(m.albedo, inDensity / max(frame.params.y, 1e-6), inBorderBleeding.w / max(frame.params.y, 1e-6));
    if (overlay == kOverlayZones) {
        if (areaColour.a > 0.5) {
            const float h = hatch(frame.params.w);
            m.albedo = mix(m.albedo, vec3(0.85, 0.05, 0.04), 0.30 + 0.55 * h);
        } else {
            m.albedo = mix(m.albedo, areaColour.rgb, 0.55);
        }
        m.sheen *= 0.5;
    } else if (overlay == kOverlayDensity && !isEye) {
        // Per pixel at the needles' scale on the zones (skin_samples.glsl), per vertex elsewhere.
        const float s = densityPosition(sampledDensity(area, inPosition, inDensity), frame.areaDensity[area].xy);
        const float shown = smoothstep(0.0, 0.12, s) * 0.85;  // untouched skin stays skin
        m.albedo = mix(m.albedo, densityRamp(s), shown);
        m.sheen *= 0.3;
    }

    vec3 n = normalize(inNormal);
    const vec3 toCamera = normalize(frame.cameraPosition.xyz - inPosition);
    if (dot(n, toCamera) < 0.0) n = -n;  // the inside of a fold seen through a gap
    const float cavity = inAlbedo.a;
    // Pores only when the camera is near enough for them to show (a pipeline of their own).
    if (kPores) n = poreNormal(n, inPosition, mmPerPixel);
    vec3 colour = m.albedo * inDiffuse + specularLight(n, toCamera, m, cavity);

    if (overlay != kOverlayNone) {
        const float width = frame.params.z * (overlay == kOverlayZones ? 1.0 : 0.6);
        const float border = borderCoverage(width, mmPerPixel);
        colour = mix(colour, vec3(0.05, 0.04, 0.04), border * (overlay == kOverlayZones ? 0.85 : 0.45));
    }
    outColour = vec4(filmic(colour), 1.0);
}
