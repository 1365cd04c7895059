// The regions a frame redraws in the window image, and what each swapchain image lacks.
#include "render/pixel_regions.h"

#include <doctest/doctest.h>

using namespace pinpoint;
using render::PixelRect;
using render::PixelRegions;

namespace {

bool disjoint(const PixelRegions& r) {
    for (std::size_t a = 0; a < r.rects().size(); ++a)
        for (std::size_t b = a + 1; b < r.rects().size(); ++b)
            if (r.rects()[a].overlaps(r.rects()[b])) return false;
    return true;
}

}  // namespace

TEST_CASE("regions: apart stay apart, overlapping merge into their box, and none ever overlap") {
    PixelRegions r;
    r.add(PixelRect{});  // empty: nothing
    CHECK(r.empty());
    r.add(PixelRect{0, 0, 10, 10});
    r.add(PixelRect{100, 100, 110, 120});
    CHECK(r.rects().size() == 2);
    CHECK(r.pixels() == 100 + 200);
    // One that overlaps both: all three become one box, which covers what each covered.
    r.add(PixelRect{5, 5, 105, 105});
    REQUIRE(r.rects().size() == 1);
    CHECK((r.bounds().x0 == 0 && r.bounds().y0 == 0 && r.bounds().x1 == 110 && r.bounds().y1 == 120));
    // A merge that makes a new overlap merges again.
    PixelRegions chain;
    chain.add(PixelRect{0, 0, 10, 10});
    chain.add(PixelRect{20, 12, 30, 22});
    chain.add(PixelRect{5, 5, 25, 11});  // overlaps the first
    CHECK(chain.rects().size() == 2);  // their box, {0, 0, 25, 11}, stops short of the second
    chain.add(PixelRect{1, 9, 3, 13});   // grows it to y = 13: now it reaches the second
    CHECK(chain.rects().size() == 1);
    CHECK(disjoint(chain));
}

TEST_CASE("regions: past the limit the cheapest pair merges - every pixel added stays covered") {
    PixelRegions r;
    std::vector<PixelRect> added;
    for (int i = 0; i < 30; ++i) {
        const PixelRect rect{(i * 37) % 500, (i * 53) % 400, (i * 37) % 500 + 8 + i % 5, (i * 53) % 400 + 6 + i % 7};
        r.add(rect);
        added.push_back(rect);
        CHECK(r.rects().size() <= PixelRegions::kMaxRegions);
        CHECK(disjoint(r));
    }
    for (const PixelRect& rect : added) CHECK(r.covers(rect));
    CHECK_FALSE(r.covers(PixelRect{0, 0, 500, 400}));
    // Two small rectangles far apart and one near the first: the near pair merges, not the far one.
    PixelRegions few;
    for (int i = 0; i < static_cast<int>(PixelRegions::kMaxRegions); ++i) few.add(PixelRect{i * 100, 0, i * 100 + 10, 10});
    few.add(PixelRect{12, 0, 22, 10});
    CHECK(few.rects().size() == PixelRegions::kMaxRegions);
    CHECK(few.covers(PixelRect{0, 0, 22, 10}));
    CHECK(few.pixels() == 22 * 10 + (PixelRegions::kMaxRegions - 1) * 100);
}

TEST_CASE("each window image lacks everything at first, then what frames drawn into the others changed") {
    render::ImageDamage damage;
    damage.reset(3, 640, 480);
    PixelRegions pen;
    pen.add(PixelRect{100, 100, 140, 200});
    // Each image's first frame draws it whole.
    for (std::uint32_t image = 0; image < 3; ++image)
        CHECK(damage.take(image, pen).covers(PixelRect{0, 0, 640, 480}));
    // Image 0 next: what frames 1 and 2 changed (the pen both times) and this frame's change.
    PixelRegions number;
    number.add(PixelRect{900, 300, 960, 320});  // off the picture to the right: clamped away
    number.add(PixelRect{600, 300, 660, 320});
    const PixelRegions zero = damage.take(0, number);
    CHECK(zero.covers(PixelRect{100, 100, 140, 200}));
    CHECK(zero.covers(PixelRect{600, 300, 640, 320}));
    CHECK(zero.pixels() == 40 * 100 + 40 * 20);
    // Image 1 lacks frame 2's pen and frame 0's number; nothing changes this time.
    const PixelRegions one = damage.take(1, PixelRegions{});
    CHECK(one.covers(PixelRect{100, 100, 140, 200}));
    CHECK(one.covers(PixelRect{600, 300, 640, 320}));
    // Image 1 again at once, nothing changed since: nothing to draw.
    CHECK(damage.take(1, PixelRegions{}).empty());
    // A new swapchain: whole again.
    damage.reset(2, 320, 240);
    CHECK(damage.take(1, PixelRegions{}).covers(PixelRect{0, 0, 320, 240}));
}
