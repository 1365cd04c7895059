#include "head_fixture.h"

#include "core/face/area_names.h"
#include "core/geometry/bvh.h"

#include <glm/geometric.hpp>

#include <map>

using namespace pinpoint;

namespace {

std::map<std::string, core::AreaSummary> summaries() {
    std::map<std::string, core::AreaSummary> out;
    for (const core::AreaSummary& a : core::summarizeAreas(testing::sharedHead())) out[a.name] = a;
    return out;
}

// The area hit by a ray: from in front of the face (+Z) at (x, y) by default.
std::string areaHit(glm::vec3 origin, glm::vec3 direction) {
    static const core::Bvh bvh(testing::sharedHead().mesh());
    const auto hit = bvh.castRay(origin, direction);
    REQUIRE(hit.has_value());
    return testing::sharedHead().areaOfTriangle(hit->triangle).name;
}
std::string areaFromFront(float x, float y) { return areaHit({x, y, 400.0f}, {0, 0, -1}); }

}  // namespace

TEST_CASE("every triangle has exactly one area, and every area has triangles") {
    const core::Head& head = testing::sharedHead();
    REQUIRE(head.labels.areaOfTriangle.size() == head.mesh().triangleCount());
    for (const auto& [name, a] : summaries()) {
        CAPTURE(name);
        CHECK(a.triangles > 0);
    }
    for (std::size_t t = 0; t < head.mesh().triangleCount(); ++t)
        if (head.geometry.parts[t] == core::SurfacePart::Eye) REQUIRE(head.areaOfTriangle(t).name == "eyes");
}

TEST_CASE("zone sizes are plausible for an adult face") {
    auto s = summaries();
    // Ranges from face-model.md.
    CHECK(s["forehead"].areaCm2 > 50.0);
    CHECK(s["forehead"].areaCm2 < 120.0);
    CHECK(s["nose"].areaCm2 > 15.0);
    CHECK(s["nose"].areaCm2 < 35.0);
    for (const char* cheek : {"cheek_left", "cheek_right"}) {
        CHECK(s[cheek].areaCm2 > 30.0);
        CHECK(s[cheek].areaCm2 < 70.0);
    }
    double face = 0.0;
    for (std::string_view z : core::kTreatmentZones)
        if (z != "neck") face += s[std::string(z)].areaCm2;
    CHECK(face > 300.0);
    CHECK(face < 500.0);
    for (std::string_view z : core::kTreatmentZones) {
        CAPTURE(z);
        CHECK(s[std::string(z)].areaCm2 > 5.0);
    }
}

TEST_CASE("left and right zones mirror each other") {
    auto s = summaries();
    for (const char* side : {"temple", "periorbital", "cheek", "jaw"}) {
        const core::AreaSummary& l = s[std::string(side) + "_left"];
        const core::AreaSummary& r = s[std::string(side) + "_right"];
        CAPTURE(side);
        CHECK(std::abs(l.areaCm2 - r.areaCm2) / l.areaCm2 < 0.02);
        CHECK(l.centroid.x > 10.0f);  // the patient's left is +X
        CHECK(std::abs(l.centroid.x + r.centroid.x) < 1.0f);
        CHECK(std::abs(l.centroid.y - r.centroid.y) < 1.0f);
        CHECK(std::abs(l.centroid.z - r.centroid.z) < 1.0f);
    }
    // Central areas sit on the midline.
    for (const char* mid : {"forehead", "nose", "perioral", "chin", "lip_vermilion", "nostrils"}) {
        CAPTURE(mid);
        CHECK(std::abs(s[mid].centroid.x) < 1.0f);
    }
}

TEST_CASE("points on the face fall in the zone a clinician would name") {
    CHECK(areaFromFront(0, 1595) == "forehead");
    CHECK(areaFromFront(0, 1518) == "nose");
    CHECK(areaFromFront(0, 1540) == "nose");
    CHECK(areaFromFront(30, 1552) == "eyes");
    CHECK(areaFromFront(-30, 1552) == "eyes");
    CHECK(areaFromFront(0, 1484) == "lip_vermilion");
    CHECK(areaFromFront(0, 1499) == "perioral");
    CHECK(areaFromFront(0, 1458) == "chin");
    CHECK(areaFromFront(30, 1537) == "periorbital_left");
    CHECK(areaFromFront(-30, 1537) == "periorbital_right");
    CHECK(areaFromFront(45, 1515) == "cheek_left");
    CHECK(areaFromFront(-45, 1515) == "cheek_right");
    CHECK(areaFromFront(0, 1650) == "scalp");
    CHECK(areaFromFront(0, 1420) == "neck");
    CHECK(areaHit({300, 1535, 45}, {-1, 0, 0}) == "ears");
    CHECK(areaHit({-300, 1535, 45}, {1, 0, 0}) == "ears");
    CHECK(areaHit({300, 1580, 95}, {-1, 0, 0}) == "temple_left");
    CHECK(areaHit({300, 1480, 75}, {-1, 0, 0}) == "jaw_left");
    CHECK(areaHit({-300, 1480, 75}, {1, 0, 0}) == "jaw_right");
    CHECK(areaHit({0, 1300, 110}, {0, 1, 0}) == "neck");  // under the chin
    CHECK(areaHit({0, 1600, -300}, {0, 0, 1}) == "scalp");  // back of the head
}

TEST_CASE("skin a needle cannot reach (eye sockets, mouth, nostril linings) is found and forbidden") {
    const core::Head& head = testing::sharedHead();
    double innerCm2 = 0.0;
    for (std::size_t t = 0; t < head.mesh().triangleCount(); ++t) {
        if (head.geometry.parts[t] != core::SurfacePart::Inner) continue;
        innerCm2 += core::triangleAreaMm2(head.mesh(), t) / 100.0;
        REQUIRE(head.areaOfTriangle(t).kind == core::AreaKind::Forbidden);
    }
    CHECK(innerCm2 > 100.0);  // the mouth and throat alone are about 200 cm²
    // Every triangle a ray from outside meets first is outer skin or an eye, never inner skin.
    static const core::Bvh bvh(head.mesh());
    for (float y = 1450; y <= 1600; y += 10)
        for (float x = -60; x <= 60; x += 10) {
            const auto hit = bvh.castRay({x, y, 400}, {0, 0, -1});
            if (hit) REQUIRE(head.geometry.parts[hit->triangle] != core::SurfacePart::Inner);
        }
}
