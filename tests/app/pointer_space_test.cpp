// The pointer in window coordinates and the picture in framebuffer pixels, on a HiDPI screen.
#include "app/orbit_camera.h"
#include "app/pointer_space.h"

#include <doctest/doctest.h>
#include <glm/geometric.hpp>

using namespace pinpoint;

TEST_CASE("on a screen with framebuffer scale 2 the ray goes through the point under the pointer") {
    const glm::vec2 scale(2.0f, 2.0f);
    CHECK(app::toFramebuffer({100.0f, 50.0f}, scale) == glm::vec2(200.0f, 100.0f));
    CHECK(app::toWindow({200.0f, 100.0f}, scale) == glm::vec2(100.0f, 50.0f));
    CHECK(app::toFramebuffer({100.0f, 50.0f}, {0.0f, 0.0f}) == glm::vec2(100.0f, 50.0f));  // no scale yet: 1

    // A 640x360 window whose framebuffer is 1280x720. The pointer rests where a point of the face is
    // drawn (in window coordinates, as ImGui and xdotool give it); the ray must pass through that point.
    const glm::vec2 framebuffer(1280.0f, 720.0f);
    app::OrbitCamera camera({0.0f, 1530.0f, 50.0f}, 600.0f, 25.0f);
    camera.setScreenShift(app::toFramebuffer({-80.0f, 0.0f}, scale).x, framebuffer.y);
    const glm::vec3 point(30.0f, 1550.0f, 90.0f);
    const glm::vec2 pointer = app::toWindow(camera.project(point, framebuffer), scale);
    const app::Ray ray = camera.ray(app::toFramebuffer(pointer, scale), framebuffer);
    const glm::vec3 toPoint = point - ray.origin;
    const float miss = glm::length(toPoint - glm::dot(toPoint, ray.direction) * ray.direction);
    CHECK(miss < 0.01f);
    // Taken as framebuffer pixels unconverted (what the app did), the ray misses by centimetres.
    const app::Ray wrong = camera.ray(pointer, framebuffer);
    const glm::vec3 toPointWrong = point - wrong.origin;
    CHECK(glm::length(toPointWrong - glm::dot(toPointWrong, wrong.direction) * wrong.direction) > 20.0f);
}
