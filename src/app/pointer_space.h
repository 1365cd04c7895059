#pragma once
// Two pixel spaces meet in the window. Dear ImGui reports the pointer, and lays out its panels, in
// window coordinates; the head's picture, the picking ray and the camera's screen shift work in
// framebuffer pixels. They differ by the framebuffer scale (2 on a HiDPI screen, where the
// framebuffer has twice the window's pixels each way). The conversions live here, so that the ray
// goes through the pixel under the pointer on every screen.
#include <glm/common.hpp>
#include <glm/vec2.hpp>

namespace pinpoint::app {

// ImGui's DisplayFramebufferScale, with a missing (zero) scale read as 1.
inline glm::vec2 usableScale(glm::vec2 framebufferScale) {
    return {framebufferScale.x > 0.0f ? framebufferScale.x : 1.0f, framebufferScale.y > 0.0f ? framebufferScale.y : 1.0f};
}

// A point (or length) in window coordinates, in framebuffer pixels.
inline glm::vec2 toFramebuffer(glm::vec2 window, glm::vec2 framebufferScale) { return window * usableScale(framebufferScale); }

// A point in framebuffer pixels, in window coordinates (what xdotool and the test hooks use).
inline glm::vec2 toWindow(glm::vec2 framebuffer, glm::vec2 framebufferScale) {
    return framebuffer / usableScale(framebufferScale);
}

}  // namespace pinpoint::app
