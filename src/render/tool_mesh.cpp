#include "render/tool_mesh.h"

#include <glm/common.hpp>

#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

namespace pinpoint::render {

namespace {

constexpr int kSides = 28;

struct Frame {
    glm::vec3 u, v;  // unit, perpendicular to each other and to the axis
};

Frame frameAround(glm::vec3 axis) {
    const glm::vec3 helper = std::abs(axis.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
    const glm::vec3 u = glm::normalize(glm::cross(axis, helper));
    return {u, glm::cross(axis, u)};
}

void triangle(std::vector<ToolVertex>& out, const ToolVertex& a, const ToolVertex& b, const ToolVertex& c) {
    out.push_back(a);
    out.push_back(b);
    out.push_back(c);
}

// A closed cylinder (or cone frustum) from `a` (radius ra) to `b` (radius rb).
void cylinder(std::vector<ToolVertex>& out, glm::vec3 a, glm::vec3 b, float ra, float rb, glm::vec4 colour) {
    const glm::vec3 axis = glm::normalize(b - a);
    const Frame f = frameAround(axis);
    const float slope = (ra - rb) / std::max(glm::length(b - a), 1e-3f);
    for (int i = 0; i < kSides; ++i) {
        const float t0 = glm::two_pi<float>() * static_cast<float>(i) / kSides;
        const float t1 = glm::two_pi<float>() * static_cast<float>(i + 1) / kSides;
        const glm::vec3 d0 = std::cos(t0) * f.u + std::sin(t0) * f.v;
        const glm::vec3 d1 = std::cos(t1) * f.u + std::sin(t1) * f.v;
        const glm::vec3 n0 = glm::normalize(d0 + slope * axis), n1 = glm::normalize(d1 + slope * axis);
        const ToolVertex a0{a + ra * d0, n0, colour}, a1{a + ra * d1, n1, colour};
        const ToolVertex b0{b + rb * d0, n0, colour}, b1{b + rb * d1, n1, colour};
        triangle(out, a0, b1, b0);  // counter-clockwise seen from outside, like the caps
        triangle(out, a0, a1, b1);
        triangle(out, {a, -axis, colour}, {a + ra * d1, -axis, colour}, {a + ra * d0, -axis, colour});
        triangle(out, {b, axis, colour}, {b + rb * d0, axis, colour}, {b + rb * d1, axis, colour});
    }
}

void pen(std::vector<ToolVertex>& out, const ToolShape& t) {
    const glm::vec3 back = -t.axis;  // from the skin toward the hand
    const glm::vec3 face = t.tip + t.liftMm * back;
    const glm::vec4 needles(0.80f, 0.80f, 0.82f, 1.0f);
    const glm::vec4 clear(0.75f, 0.85f, 0.95f, 0.55f);
    const glm::vec4 collar(0.10f, 0.45f, 0.75f, 1.0f);
    const glm::vec4 body(0.92f, 0.92f, 0.94f, 1.0f);
    const glm::vec4 grip(0.16f, 0.17f, 0.19f, 1.0f);
    const float r = std::max(t.footprintRadiusMm + 0.8f, 3.2f);
    cylinder(out, face + 0.2f * back, face + 1.0f * back, 0.35f * r, 0.35f * r, needles);  // needle plate
    cylinder(out, face, face + 16.0f * back, r, r + 0.4f, clear);                       // cartridge housing
    cylinder(out, face + 16.0f * back, face + 20.0f * back, r + 1.2f, r + 1.2f, collar); // cartridge collar
    cylinder(out, face + 20.0f * back, face + 60.0f * back, r + 2.2f, r + 3.0f, grip);   // grip
    cylinder(out, face + 60.0f * back, face + 150.0f * back, r + 3.0f, r + 2.4f, body);  // body
    cylinder(out, face + 150.0f * back, face + 156.0f * back, r + 2.4f, 1.5f, collar);   // cap
}

void roller(std::vector<ToolVertex>& out, const ToolShape& t) {
    const glm::vec3 back = -t.axis;
    const float radius = 0.5f * t.drumDiameterMm;
    const glm::vec3 centre = t.tip + (radius + t.liftMm) * back;
    const glm::vec3 half = 0.5f * t.drumWidthMm * t.across;
    const glm::vec4 drum(0.78f, 0.80f, 0.84f, 1.0f);
    const glm::vec4 frame(0.15f, 0.45f, 0.80f, 1.0f);
    const glm::vec4 handle(0.92f, 0.92f, 0.94f, 1.0f);
    cylinder(out, centre - half, centre + half, radius, radius, drum);
    // Needle rows: thin bands around the drum.
    for (int i = 1; i < 8; ++i) {
        const glm::vec3 at = centre - half + (static_cast<float>(i) / 8.0f) * 2.0f * half;
        cylinder(out, at - 0.2f * t.across, at + 0.2f * t.across, radius + 0.25f, radius + 0.25f, frame);
    }
    // A fork from the axle ends, then the handle leaning back toward the hand.
    const glm::vec3 lean = glm::normalize(back + 0.6f * glm::cross(t.across, t.axis));
    const glm::vec3 joint = centre + (radius + 14.0f) * lean;
    cylinder(out, centre + half, centre + half + 1.6f * t.across, 2.5f, 2.5f, frame);
    cylinder(out, centre + half + 1.6f * t.across, joint, 1.6f, 1.6f, frame);
    cylinder(out, joint, joint + 110.0f * lean, 5.0f, 6.0f, handle);
}

}  // namespace

void appendMark(std::vector<ToolVertex>& out, const SkinMark& m) {
    const glm::vec4 colour(m.colour, 1.0f);
    const float r = std::max(m.radiusMm, 0.3f);
    cylinder(out, m.position - 0.4f * r * m.normal, m.position + 0.15f * r * m.normal, r, 0.85f * r, colour);
    cylinder(out, m.position + 0.15f * r * m.normal, m.position + 0.35f * r * m.normal, 0.85f * r, 0.45f * r, colour);
}

std::vector<ToolVertex> toolMesh(const ToolShape& tool, std::size_t* opaqueCount) {
    std::vector<ToolVertex> out;
    out.reserve(8000);
    if (tool.kind == ToolShape::Kind::Pen)
        pen(out, tool);
    else
        roller(out, tool);
    if (out.size() > kMaxToolVertices) out.resize(kMaxToolVertices - kMaxToolVertices % 3);
    // Whole triangles, opaque ones first (their order kept).
    std::vector<ToolVertex> sorted;
    sorted.reserve(out.size());
    for (const bool opaque : {true, false})
        for (std::size_t i = 0; i + 2 < out.size(); i += 3)
            if ((out[i].colour.w >= 1.0f) == opaque) sorted.insert(sorted.end(), out.begin() + i, out.begin() + i + 3);
    if (opaqueCount)
        *opaqueCount = static_cast<std::size_t>(
            std::find_if(sorted.begin(), sorted.end(), [](const ToolVertex& v) { return v.colour.w < 1.0f; }) - sorted.begin());
    return sorted;
}

float footprintRadius(const ToolShape& tool) {
    return std::max(tool.kind == ToolShape::Kind::Pen ? tool.footprintRadiusMm : 0.5f * tool.drumWidthMm, 0.5f);
}

float shadowReachMm(const ToolShape& tool) {
    // Kept short so that needling redraws little more of the picture than the tool itself.
    return footprintRadius(tool) + 2.0f + 2.0f * std::max(tool.liftMm, 0.0f);
}

core::Bounds toolOnSkinBounds(const ToolShape& tool) {
    const glm::vec3 reach(std::max(shadowReachMm(tool), footprintRadius(tool) + 1.5f));
    return core::Bounds{tool.tip - reach, tool.tip + reach};
}

void appendMarks(std::vector<ToolVertex>& out, const std::vector<SkinMark>& marks) {
    for (const SkinMark& m : marks)
        if (out.size() + 2000 < kMaxToolVertices) appendMark(out, m);
}

SceneTriangles sceneTriangles(const Scene& scene) {
    SceneTriangles out;
    if (scene.tool) {
        out.vertices = toolMesh(*scene.tool, &out.opaqueCount);
        core::Bounds box = toolOnSkinBounds(*scene.tool);
        if (const std::optional<core::Bounds> parts = boundsOf(out.vertices)) {
            box.min = glm::min(box.min, parts->min);
            box.max = glm::max(box.max, parts->max);
        }
        out.toolBox = box;
    }
    // The marks are opaque: they go before the tool's translucent parts.
    std::vector<ToolVertex> marks;
    appendMarks(marks, scene.marks);
    const std::size_t room = kMaxToolVertices - std::min(out.vertices.size(), kMaxToolVertices);
    if (marks.size() > room) marks.resize(room - room % 3);
    out.vertices.insert(out.vertices.begin() + static_cast<std::ptrdiff_t>(out.opaqueCount), marks.begin(), marks.end());
    out.opaqueCount += marks.size();
    return out;
}

std::optional<core::Bounds> boundsOf(const std::vector<ToolVertex>& mesh) {
    if (mesh.empty()) return std::nullopt;
    core::Bounds box{mesh[0].position, mesh[0].position};
    for (const ToolVertex& v : mesh) {
        box.min = glm::min(box.min, v.position);
        box.max = glm::max(box.max, v.position);
    }
    return box;
}

}  // namespace pinpoint::render
