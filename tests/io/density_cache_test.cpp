// The density field read back from its cache is the field measurementField builds, point for point;
// a damaged or foreign entry is rebuilt, never trusted.
#include "head_fixture.h"

#include "core/coverage/treatment_measurement.h"
#include "core/geometry/surface_walk.h"
#include "core/scoring/rubric.h"
#include "io/density_cache.h"

#include <filesystem>

using namespace pinpoint;

namespace {

void checkSame(const core::SkinSamples& a, const core::SkinSamples& b) {
    const core::SkinSamples::Stored x = a.store(), y = b.store();
    CHECK(x.scale.spacingMm == y.scale.spacingMm);
    CHECK(x.scale.radiusMm == y.scale.radiusMm);
    CHECK(x.scale.edgeMarginMm == y.scale.edgeMarginMm);
    CHECK(x.position == y.position);
    CHECK(x.weight == y.weight);
    CHECK(x.disc == y.disc);
    CHECK(x.edge == y.edge);
    CHECK(x.area == y.area);
    CHECK(x.triangle == y.triangle);
    CHECK(x.first == y.first);
    CHECK(x.cuts == y.cuts);
    CHECK(x.nearStart == y.nearStart);
    CHECK(x.near == y.near);
}

}  // namespace

TEST_CASE("the density field's cache gives back exactly the built field and ignores a damaged or foreign file") {
    const core::Head& head = testing::sharedHead();
    const core::TriangleAdjacency adjacency(head.mesh());
    core::Result<core::Rubric> rubric = core::readRubric(std::string(PINPOINT_SOURCE_DIR) + "/assets/rubric.toml");
    REQUIRE(rubric.ok());
    const std::string dir = "pinpoint-density-cache-roundtrip";
    std::filesystem::remove_all(dir);

    const core::DensityField built = core::measurementField(head, adjacency, *rubric);
    bool fromCache = true;
    const core::DensityField first = io::loadMeasurementField(head, adjacency, *rubric, dir, &fromCache);
    CHECK_FALSE(fromCache);
    const core::DensityField cached = io::loadMeasurementField(head, adjacency, *rubric, dir, &fromCache);
    CHECK(fromCache);
    for (const bool roller : {false, true}) {
        checkSame(cached.samples(roller), built.samples(roller));
        checkSame(first.samples(roller), built.samples(roller));
    }
    CHECK(cached.areaCount() == built.areaCount());
    CHECK(cached.triangleCount() == built.triangleCount());
    for (std::size_t t = 0; t < built.triangleCount(); t += 97) {
        CHECK(cached.areaOf(t) == built.areaOf(t));
        CHECK(cached.triangleAreaMm2(t) == built.triangleAreaMm2(t));
    }

    // Another scale is another key: the entry is not this field's.
    core::Rubric wider = *rubric;
    wider.penScale.radiusMm += 0.5;
    CHECK(io::densityCacheKey(head, wider) != io::densityCacheKey(head, *rubric));
    const std::string key = io::densityCacheKey(head, *rubric);
    std::string path;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) path = entry.path().string();
    REQUIRE_FALSE(path.empty());
    CHECK_FALSE(io::readDensityCache(path, io::densityCacheKey(head, wider), head).has_value());
    CHECK(io::readDensityCache(path, key, head).has_value());

    // Cut short: rebuilt, and the same again.
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    CHECK_FALSE(io::readDensityCache(path, key, head).has_value());
    const core::DensityField rebuilt = io::loadMeasurementField(head, adjacency, *rubric, dir, &fromCache);
    CHECK_FALSE(fromCache);
    checkSame(rebuilt.samples(false), built.samples(false));
    std::filesystem::remove_all(dir);
}
