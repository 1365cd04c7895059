// What the surface shaders share with src/render/surface_renderer.cpp (FrameUniforms) and
// src/render/surface_data.h (the storage buffers). Keep the three in step.

const uint kOverlayNone = 0u;
const uint kOverlayZones = 1u;
const uint kOverlayDensity = 2u;
const uint kMaxAreas = 32u;
const uint kDensityStops = 8u;  // src/render/density_colours.h: kDensityStops

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
    vec4 toolColour;          // rgb: the footprint's colour (its state)
    vec4 areaDensity[kMaxAreas];  // x: target, y: maximum density of the area's zone (per cm2)
    vec4 densityColour[kDensityStops];  // the heatmap's stops: rgb linear colour, w: position on the landmark scale
} frame;

// Vertex info.y: bits 0-7 area, bit 8 eye (else skin).
const uint kAreaMask = 0xffu;
const uint kEyeBit = 0x100u;

struct Vertex {
    vec4 position;  // xyz mm
    vec4 normal;    // xyz unit
    vec4 albedo;    // rgb linear skin colour; a: cavity (1 open, lower in folds)
    vec4 border;    // xyz: distance (mm) to the triangle's border edges, interpolated; 1000: none
    uvec4 info;     // x: the mesh vertex (indexes density), y: area | eye bit
};
layout(std430, set = 0, binding = 1) readonly buffer Vertices { Vertex vertices[]; };
// Per mesh vertex: x all punctures per cm2, y those that reached the dermis.
layout(std430, set = 0, binding = 2) readonly buffer Density { vec2 density[]; };
