// Pores have a pipeline of their own (lavapipe pays for a branch taken or not): it is used only when
// the camera is near enough for them to show.
#include "render/surface_renderer.h"

#include <doctest/doctest.h>

using namespace pinpoint;

TEST_CASE("skin: pores are drawn close up only, never from the usual distance") {
    render::Camera camera;  // the usual view: the whole head
    const vk::Extent2D window{1280, 720};
    CHECK_FALSE(render::poresShow(camera, window));
    // Close up on the forehead: 20 mm away a pixel of a 720-row window is about 0.015 mm.
    camera.target = {0.0f, 1600.0f, 90.0f};
    camera.eye = camera.target + glm::vec3(0.0f, 0.0f, 20.0f);
    CHECK(render::poresShow(camera, window));
    // A small picture has larger pixels: at 128 rows they are gone from about 63 mm.
    CHECK(render::poresShow(camera, {128, 128}));
    camera.eye = camera.target + glm::vec3(0.0f, 0.0f, 70.0f);
    CHECK_FALSE(render::poresShow(camera, {128, 128}));
}
