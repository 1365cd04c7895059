// What the surface shaders share with src/render/surface_renderer.cpp (FrameUniforms) and
// src/render/surface_data.h (the storage buffers). Keep the three in step.

const uint kOverlayNone = 0u;
const uint kOverlayZones = 1u;
const uint kOverlayDensity = 2u;
const uint kMaxAreas = 32u;
const uint kDensityGridSize = 12u;  // src/render/density_colours.h: kDensityGridSize

layout(std140, set = 0, binding = 0) uniform FrameUniforms {
    mat4 viewProjection;
    vec4 cameraPosition;      // xyz mm
    vec4 lightDirection[3];   // xyz: unit vector toward the light (key, fill, rim)
    vec4 lightColour[3];      // rgb: linear radiance
    vec4 skyColour;           // rgb: hemisphere ambient from above
    vec4 groundColour;        // rgb: hemisphere ambient from below
    vec4 eyeCentre[2];        // xyz: eyeball centre (mm), w: radius (mm); w = 0 when unknown
    vec4 eyeForward;          // xyz: where the eyes look
    vec4 params;              // x: unused, y: density of full erythema (per cm2), z: border width (px), w: hatch period (px)
    vec4 clip;                // x: nothing below this height (mm) is drawn
    vec4 areaColour[kMaxAreas];  // rgb: overlay colour; a: 1 for a forbidden area
    vec4 toolTip;             // xyz: where the needle axis meets the skin (mm); w: footprint radius (mm), 0: no tool
    vec4 toolAxis;            // xyz: the needle axis (unit, into the skin); w: how far the tool is lifted (mm)
    vec4 toolAcross;          // xyz: the roller drum's axle (unit); w: half the drum's width (mm), 0 for a pen
    vec4 toolColour;          // rgb: the footprint's colour (its state); w: how far from the tip its shadow reaches (mm)
    vec4 areaDensity[kMaxAreas];  // x: target, y: maximum density of the area's zone (per cm2); z: 1 where it is measured as the roller's
    vec4 densityGrid[kDensityGridSize];  // the heatmap's colours (rgb linear) at each third of the three landmark intervals
    vec4 skinTone;            // rgb: the patient's skin over the reference the vertex albedo was painted for
    vec4 erythema;            // rgb: the patient's skin at full redness over the skin itself
    vec4 blood;               // rgb: pinpoint bleeding (linear); w: the size of a pixel 1 mm from the eye (mm)
} frame;

// Vertex info.y: bits 0-7 area, bit 8 eye (else skin).
const uint kAreaMask = 0xffu;
const uint kEyeBit = 0x100u;

struct Vertex {
    vec4 position;  // xyz mm
    vec4 normal;    // xyz unit; w: curvature (1/mm, > 0 convex), for light scattering under the skin
    vec4 albedo;    // rgb linear skin colour; a: cavity (1 open, lower in folds)
    vec4 border;    // xyz: distance (mm) to the triangle's border edges, interpolated; 1000: none
    uvec4 info;     // x: the mesh vertex (indexes density), y: area | eye bit
};
layout(std430, set = 0, binding = 1) readonly buffer Vertices { Vertex vertices[]; };
// Per mesh vertex: x all punctures per cm2, y those that reached the dermis.
layout(std430, set = 0, binding = 2) readonly buffer Density { vec2 density[]; };
// The heatmap at the needles' scale (skin_samples.glsl). Per triangle in drawing order
// (src/render/surface_data.h, GpuTriangle): the barycentric coordinates of a point p of its plane,
// u = dot(toU, vec4(p, 1)) for corner b and v = dot(toV, vec4(p, 1)) for corner c; points.x the first
// of its pen points in sampleDensity, y its pen cuts (n: n x n sub-triangles, 0: no points), z and w
// the same for the roller's points.
struct Triangle {
    vec4 toU;
    vec4 toV;
    uvec4 points;
};
layout(std430, set = 0, binding = 4) readonly buffer Triangles { Triangle triangles[]; };
// Per point: punctures per cm2 (core::DrawnSamples::density: the pen's points, then the roller's).
layout(std430, set = 0, binding = 5) readonly buffer SampleDensity { float sampleDensity[]; };
// The first triangle of the draw (gl_PrimitiveID counts from 0 in each draw).
layout(push_constant) uniform Draw { uint firstTriangle; } draw;

// Skin treated to `t` (punctures per cm2 over full scale) of which `dermal` reached the dermis: how far
// toward full erythema (0..1). Dermal punctures count twice: deeper needling reddens more.
float rednessOf(float t, float dermal) {
    return 1.0 - exp(-1.2 * (t + dermal));
}

// The share of bleeding points that show a drop at a dermal density of `dermal` (over full scale):
// none below a tenth of full scale, all of them (core::kMaxBleedingShare of the cells) at full scale.
float bleedingShareOf(float dermal) {
    return smoothstep(0.1, 1.0, dermal);
}

// A neutral filmic curve: linear up to a knee, then a soft shoulder toward 1 on the brightest channel
// (hue kept), with a little desaturation as it compresses, as film does.
vec3 filmic(vec3 c) {
    const float knee = 0.72;
    const float peak = max(max(c.r, c.g), max(c.b, 1e-5));
    const float over = max(peak - knee, 0.0);
    const float mapped = min(peak, knee) + over / (1.0 + over / (1.0 - knee));
    const vec3 scaled = c * (mapped / peak);
    return mix(scaled, vec3(mapped), 0.3 * (1.0 - mapped / peak));
}
