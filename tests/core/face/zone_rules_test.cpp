#include "core/face/zone_rules.h"

#include <doctest/doctest.h>

using namespace pinpoint::core;

namespace {

ZoneDefinition twoSidedDefinition() {
    ZoneDefinition z;
    z.file = "test.toml";
    z.areas = {{"eyes", AreaKind::Forbidden, ""},
               {"cheek_left", AreaKind::Treatment, ""},
               {"cheek_right", AreaKind::Treatment, ""},
               {"neck", AreaKind::Treatment, ""}};
    ZoneRule eye;
    eye.area = 0;
    eye.part = SurfacePart::Eye;
    ZoneRule cheek;
    cheek.area = 1;
    cheek.mirrored = true;
    cheek.mirrorArea = 2;
    cheek.insideAny = {{{40, 0, 0}, {10, 10, 10}}};
    cheek.facing = Facing{{1, 0, 0}, 0.5f};  // facing the patient's left (mirrored: right)
    ZoneRule rest;
    rest.area = 3;
    z.rules = {eye, cheek, rest};
    return z;
}

}  // namespace

TEST_CASE("the first matching rule wins, and part conditions select the eyes") {
    const ZoneDefinition z = twoSidedDefinition();
    CHECK(areaAt(z, {40, 0, 0}, {1, 0, 0}, SurfacePart::Eye) == 0u);
    CHECK(areaAt(z, {40, 0, 0}, {1, 0, 0}, SurfacePart::Skin) == 1u);
    CHECK(areaAt(z, {0, 50, 0}, {0, 1, 0}, SurfacePart::Skin) == 3u);
}

TEST_CASE("a mirrored rule applies reflected to the patient's right, normal included") {
    const ZoneDefinition z = twoSidedDefinition();
    CHECK(areaAt(z, {-40, 0, 0}, {-1, 0, 0}, SurfacePart::Skin) == 2u);
    // On the right, a normal facing +X is facing the midline: the facing test fails there.
    CHECK(areaAt(z, {-40, 0, 0}, {1, 0, 0}, SurfacePart::Skin) == 3u);
    CHECK(areaAt(z, {40, 0, 0}, {-1, 0, 0}, SurfacePart::Skin) == 3u);
}

TEST_CASE("inside any, outside all and half-spaces combine") {
    ZoneDefinition z;
    z.areas = {{"nose", AreaKind::Treatment, ""}, {"chin", AreaKind::Treatment, ""}};
    ZoneRule r;
    r.area = 0;
    r.insideAny = {{{0, 0, 0}, {10, 10, 10}}, {{30, 0, 0}, {5, 5, 5}}};
    r.outsideAll = {{{0, 0, 0}, {2, 2, 2}}};
    r.halfSpaces = {{{0, -5, 0}, {0, 1, 0}}};
    z.rules = {r};
    CHECK(areaAt(z, {5, 0, 0}, {0, 0, 1}, SurfacePart::Skin) == 0u);
    CHECK(areaAt(z, {31, 0, 0}, {0, 0, 1}, SurfacePart::Skin) == 0u);
    CHECK_FALSE(areaAt(z, {1, 0, 0}, {0, 0, 1}, SurfacePart::Skin));   // in the excluded core
    CHECK_FALSE(areaAt(z, {0, -8, 0}, {0, 0, 1}, SurfacePart::Skin));  // below the plane
    CHECK_FALSE(areaAt(z, {20, 0, 0}, {0, 0, 1}, SurfacePart::Skin));  // in neither ellipsoid
}

TEST_CASE("labelling names the first triangle no rule covers") {
    ZoneDefinition z;
    z.file = "zones.toml";
    z.areas = {{"nose", AreaKind::Treatment, ""}};
    ZoneRule r;
    r.area = 0;
    r.halfSpaces = {{{0, 0, 0}, {1, 0, 0}}};
    z.rules = {r};
    SurfaceMesh m;
    m.positions = {{1, 0, 0}, {2, 0, 0}, {1, 1, 0}, {-1, 0, 0}, {-2, 0, 0}, {-1, 1, 0}};
    m.triangles = {{0, 1, 2}, {3, 4, 5}};
    Result<ZoneLabels> labels = labelTriangles(m, {}, z);
    REQUIRE_FALSE(labels.ok());
    CHECK(labels.error().message.find("triangle 1") != std::string::npos);
    CHECK(labels.error().file == "zones.toml");

    z.rules.push_back(ZoneRule{});  // a catch-all
    labels = labelTriangles(m, {}, z);
    REQUIRE(labels.ok());
    CHECK(labels->areaOfTriangle == std::vector<std::uint16_t>{0, 0});
}
