// Which pixels a frame redraws when the window keeps its picture.
#include "render/frame_damage.h"
#include "render/surface_renderer.h"

#include <doctest/doctest.h>

using namespace pinpoint;

namespace {

constexpr int kW = 640, kH = 480;

render::Scene scene() {
    render::Scene s;
    s.camera.eye = {0, 1500, 500};
    s.camera.target = {0, 1500, 0};
    s.overlay = render::Overlay::Density;
    return s;
}

glm::mat4 vpOf(const render::Scene& s) { return render::viewProjection(s.camera, static_cast<float>(kW) / kH); }

core::Bounds cube(glm::vec3 centre, float half) { return {centre - glm::vec3(half), centre + glm::vec3(half)}; }

bool covers(const render::PixelRect& outer, const render::PixelRect& inner) {
    return outer.x0 <= inner.x0 && outer.y0 <= inner.y0 && outer.x1 >= inner.x1 && outer.y1 >= inner.y1;
}

}  // namespace

TEST_CASE("the first frame is whole - an unchanged scene redraws nothing") {
    render::FrameDamage damage(3.0f);
    const render::Scene s = scene();
    const render::FrameChange first = damage.next(s, kW, kH, vpOf(s), std::nullopt);
    CHECK(first.whole);
    CHECK((first.area.x0 == 0 && first.area.y0 == 0 && first.area.x1 == kW && first.area.y1 == kH));
    const render::FrameChange same = damage.next(s, kW, kH, vpOf(s), std::nullopt);
    CHECK_FALSE(same.whole);
    CHECK(same.area.empty());
}

TEST_CASE("a moving tool redraws where it was and where it is, nothing else") {
    render::FrameDamage damage(3.0f);
    const render::Scene s = scene();
    const core::Bounds before = cube({-30, 1500, 0}, 5), after = cube({30, 1500, 0}, 5);
    damage.next(s, kW, kH, vpOf(s), before);
    const render::FrameChange moved = damage.next(s, kW, kH, vpOf(s), after);
    CHECK_FALSE(moved.whole);
    CHECK(covers(moved.area, render::projectBox(before.min, before.max, vpOf(s), kW, kH)));
    CHECK(covers(moved.area, render::projectBox(after.min, after.max, vpOf(s), kW, kH)));
    CHECK(moved.area.y1 - moved.area.y0 < kH / 4);  // a band across the middle, not the picture
    // The tool put away: where it last was is redrawn once, then nothing.
    const render::FrameChange away = damage.next(s, kW, kH, vpOf(s), std::nullopt);
    CHECK(covers(away.area, render::projectBox(after.min, after.max, vpOf(s), kW, kH)));
    CHECK_FALSE(covers(away.area, render::projectBox(before.min, before.max, vpOf(s), kW, kH)));
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).area.empty());
}

TEST_CASE("new density redraws around the vertices that changed, grown by how far their colour reaches") {
    render::FrameDamage damage(3.0f);
    render::Scene s = scene();
    damage.next(s, kW, kH, vpOf(s), std::nullopt);
    s.densityRevision = 1;
    s.densityChangedFirst = 10;
    s.densityChangedCount = 5;
    s.densityChangedBox = cube({0, 1520, 0}, 1);
    const render::FrameChange change = damage.next(s, kW, kH, vpOf(s), std::nullopt);
    CHECK_FALSE(change.whole);
    const core::Bounds reach = cube({0, 1520, 0}, 4);  // 1 mm box + 3 mm margin
    CHECK(covers(change.area, render::projectBox(reach.min, reach.max, vpOf(s), kW, kH)));
    CHECK(change.area.x1 - change.area.x0 < kW / 8);
    // Density changed with no box: the whole picture.
    s.densityRevision = 2;
    s.densityChangedBox.reset();
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    // Everything changed (the defaults): whole, even with a box.
    s.densityRevision = 3;
    s.densityChangedBox = cube({0, 1520, 0}, 1);
    s.densityChangedCount = SIZE_MAX;
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
}

TEST_CASE("the camera, the overlay, the scale, the lesions, the size or a lost picture redraw it whole") {
    render::FrameDamage damage(3.0f);
    render::Scene s = scene();
    damage.next(s, kW, kH, vpOf(s), std::nullopt);
    s.camera.eye.x += 1.0f;
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    s.overlay = render::Overlay::Zones;
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    s.densityFullScale = 250.0f;
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    s.densityScale.areas.assign(3, render::DensityLandmarks{250.0f, 1500.0f});  // a zone now measured as rolled
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    s.marks.push_back(render::SkinMark{});
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    CHECK(damage.next(s, kW, kH - 1, vpOf(s), std::nullopt).whole);
    CHECK_FALSE(damage.next(s, kW, kH - 1, vpOf(s), std::nullopt).whole);
    damage.forget();
    CHECK(damage.next(s, kW, kH - 1, vpOf(s), std::nullopt).whole);
}

TEST_CASE("another patient's skin, or another list of bleeding points, redraws the whole picture") {
    render::FrameDamage damage(3.0f);
    render::Scene s = scene();
    damage.next(s, kW, kH, vpOf(s), std::nullopt);
    s.skin.tone = glm::vec3(0.12f, 0.06f, 0.04f);
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).area.empty());
    s.bleedingGeneration = 7;
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
    // Points that change without the density (their place unknown): the whole picture too.
    const std::vector<core::BleedingPoint> points(3);
    s.bleedingPoints = points;
    CHECK(damage.next(s, kW, kH, vpOf(s), std::nullopt).whole);
}

TEST_CASE("bleeding points that come with a density change need no damage of their own") {
    render::FrameDamage damage(3.0f);
    render::Scene s = scene();
    damage.next(s, kW, kH, vpOf(s), std::nullopt);
    const std::vector<core::BleedingPoint> points(1, core::BleedingPoint{{10, 1500, 0}, {0, 0, 1}, 0, 0.1f, 1.0});
    s.bleedingPoints = points;
    s.densityRevision = 2;
    s.densityChangedFirst = 0;
    s.densityChangedCount = 1;
    s.densityChangedBox = cube({10, 1500, 0}, 1);
    const render::FrameChange change = damage.next(s, kW, kH, vpOf(s), std::nullopt);
    CHECK_FALSE(change.whole);
    CHECK(covers(change.area, render::projectBox(glm::vec3(9.6f, 1499.6f, 0), glm::vec3(10.4f, 1500.4f, 0), vpOf(s), kW, kH)));
}
