#pragma once
// One needle entering the skin. Punctures are never stored in a session file; the simulation
// re-derives them from the poses and tool settings, bit for bit.
#include "core/common/micrometres.h"
#include "core/session/session.h"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <cstdint>

namespace pinpoint::core {

struct Puncture {
    double t = 0.0;                 // seconds from the start of the session
    std::uint32_t triangle = 0;     // where it entered
    glm::vec2 barycentric{0.0f};
    glm::vec3 point{0.0f};          // mm, model space
    std::uint16_t area = 0;         // zone or forbidden area (index into the zone definition)
    Micrometres depthUm = 0;        // the device's depth setting (needle length for a roller)
    float angleDeg = 0.0f;          // between the needle axis and the skin normal; 0 = perpendicular
    ToolKind tool = ToolKind::Pen;
};

// A stretch of tool travel in contact with the skin, for pass directions and speed of travel.
struct TravelSegment {
    double t0 = 0.0, t1 = 0.0;
    std::uint16_t area = 0;
    float lengthMm = 0.0f;
    float directionDeg = 0.0f;  // heading in the skin's local frame, [0, 360): 0 = toward the
                                // patient's right (horizontal), 90 = up
    std::uint32_t contact = 0;  // which contact (put down .. lift) it belongs to: strokes never span two
};

}  // namespace pinpoint::core
