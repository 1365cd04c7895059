// The density changes a window gathers across frames it does not draw.
#include "render/density_changes.h"

#include <doctest/doctest.h>

using namespace pinpoint;

namespace {

render::Scene changed(std::uint64_t revision, std::size_t first, std::size_t count, glm::vec3 lo, glm::vec3 hi) {
    render::Scene s;
    s.densityRevision = revision;
    s.densityChangedFirst = first;
    s.densityChangedCount = count;
    s.densityChangedBox = core::Bounds{lo, hi};
    return s;
}

}  // namespace

TEST_CASE("changes of frames not drawn are united with the next one's, range and box") {
    render::DensityChanges changes;
    changes.note(changed(2, 100, 10, {0, 0, 0}, {1, 1, 1}));
    const render::Scene next = changed(3, 500, 5, {10, 10, 10}, {11, 11, 11});
    changes.note(next);
    changes.note(next);  // the same revision twice counts once
    const render::Scene drawn = changes.pending(next);
    CHECK(drawn.densityRevision == 3);
    CHECK(drawn.densityChangedFirst == 100);
    CHECK(drawn.densityChangedCount == 405);
    REQUIRE(drawn.densityChangedBox);
    CHECK(drawn.densityChangedBox->min == glm::vec3(0.0f));
    CHECK(drawn.densityChangedBox->max == glm::vec3(11.0f));

    changes.clear();
    CHECK(changes.empty());
    const render::Scene same = changed(3, 0, 0, {}, {});
    changes.note(same);
    CHECK(changes.pending(same).densityChangedCount == 0);  // nothing new since the frame drawn
}

TEST_CASE("a change that does not say where sends everything - one without a box redraws the whole picture") {
    render::DensityChanges changes;
    render::Scene unknown;
    unknown.densityRevision = 1;  // the defaults: every vertex
    changes.note(unknown);
    changes.note(changed(2, 5, 1, {}, {}));
    const render::Scene all = changes.pending(changed(2, 5, 1, {}, {}));
    CHECK(all.densityChangedFirst == 0);
    CHECK(all.densityChangedCount == SIZE_MAX);
    CHECK_FALSE(all.densityChangedBox);

    changes.clear();
    render::Scene noBox = changed(3, 7, 2, {}, {});
    noBox.densityChangedBox.reset();
    changes.note(noBox);
    changes.note(changed(4, 1, 1, {}, {}));
    const render::Scene merged = changes.pending(changed(4, 1, 1, {}, {}));
    CHECK(merged.densityChangedFirst == 1);
    CHECK(merged.densityChangedCount == 8);
    CHECK_FALSE(merged.densityChangedBox);
}

TEST_CASE("the points' changes are gathered like the vertices', and a scene that does not name them sends them all") {
    render::DensityChanges changes;
    render::Scene first = changed(2, 100, 10, {0, 0, 0}, {1, 1, 1});
    first.sampleChangedFirst = 4000;
    first.sampleChangedCount = 30;
    render::Scene second = changed(3, 100, 10, {0, 0, 0}, {1, 1, 1});
    second.sampleChangedFirst = 9000;
    second.sampleChangedCount = 5;
    changes.note(first);
    changes.note(second);
    const render::Scene drawn = changes.pending(second);
    CHECK(drawn.sampleChangedFirst == 4000);
    CHECK(drawn.sampleChangedCount == 5005);

    changes.clear();
    CHECK(changes.empty());
    render::Scene onlyPoints = changed(4, 0, 0, {}, {});
    onlyPoints.sampleChangedFirst = 7;
    onlyPoints.sampleChangedCount = 1;
    changes.note(onlyPoints);
    CHECK_FALSE(changes.empty());
    CHECK(changes.pending(onlyPoints).sampleChangedCount == 1);

    changes.clear();
    changes.note(changed(5, 1, 1, {}, {}));  // the default: every point
    CHECK(changes.pending(changed(5, 1, 1, {}, {})).sampleChangedCount == SIZE_MAX);
}
