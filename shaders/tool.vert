#version 450
// The tool (pen or roller) and the raised lesions: plain lit geometry built on the CPU each frame.
layout(push_constant) uniform ToolFrame {
    mat4 viewProjection;
    vec4 cameraPosition;  // xyz mm
    vec4 lightDirection;  // xyz: unit vector toward the key light
    vec4 footprint;       // xyz: the tip (mm); w: the footprint's radius (mm), 0: no tool
} frame;

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inColour;

layout(location = 0) out vec3 outPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outColour;

void main() {
    outPosition = inPosition;
    outNormal = inNormal;
    outColour = inColour;
    gl_Position = frame.viewProjection * vec4(inPosition, 1.0);
}
