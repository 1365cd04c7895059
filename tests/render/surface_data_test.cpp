// The CPU side of the renderer: packing the surface for the shaders, views and camera framing.
#include "render/surface_data.h"
#include "render/surface_renderer.h"
#include "render/views.h"

#include <doctest/doctest.h>
#include <glm/vec4.hpp>

#include <algorithm>

using namespace pinpoint;

namespace {

// Two triangles sharing the edge (1, 2): a unit square in the z = 0 plane facing +Z.
core::SurfaceMesh square() {
    core::SurfaceMesh m;
    m.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}};
    m.normals.assign(4, {0, 0, 1});
    m.triangles = {{0, 1, 2}, {2, 1, 3}};
    return m;
}

}  // namespace

TEST_CASE("triangles on an area border get corners of their own that measure the distance to it") {
    const core::SurfaceMesh mesh = square();
    const std::vector<std::uint16_t> twoAreas = {3, 5};
    render::HeadSurface s;
    s.mesh = &mesh;
    s.areaOfTriangle = twoAreas;
    s.areas.resize(6);
    const render::SurfaceData d = render::packSurface(s);
    REQUIRE(d.vertices.size() == 6);
    REQUIRE(d.indices.size() == 6);
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t i = 0; i < 3; ++i) {
            const render::GpuVertex& v = d.vertices[d.indices[3 * t + i]];
            CHECK((v.info.y & render::kAreaMask) == (t == 0 ? 3u : 5u));
            CHECK(glm::vec3(v.position) == mesh.positions[v.info.x]);  // the mesh vertex it came from
        }
    }
    CHECK(d.vertices[d.indices[0]].info.x == 0u);
    CHECK(d.vertices[d.indices[5]].info.x == 3u);
    // Triangle 0 = (0, 1, 2): the shared edge (1, 2) is opposite corner 0, which is 1/sqrt(2) mm away.
    CHECK(d.vertices[d.indices[0]].border.x == doctest::Approx(0.70710678f));
    CHECK(d.vertices[d.indices[1]].border.x == 0.0f);
    CHECK(d.vertices[d.indices[2]].border.x == 0.0f);
    CHECK(d.vertices[d.indices[0]].border.y == render::kNoBorderMm);
    CHECK(d.vertices[d.indices[0]].border.z == render::kNoBorderMm);
    // Triangle 1 = (2, 1, 3): the shared edge is opposite corner 2.
    CHECK(d.vertices[d.indices[5]].border.z == doctest::Approx(0.70710678f));
    CHECK(d.vertices[d.indices[3]].border.z == 0.0f);
    CHECK(d.vertices[d.indices[3]].border.x == render::kNoBorderMm);

    // Within one area the vertices are shared and nothing is a border.
    const std::vector<std::uint16_t> oneArea = {2, 2};
    s.areaOfTriangle = oneArea;
    const render::SurfaceData same = render::packSurface(s);
    CHECK(same.vertices.size() == 4);
    CHECK(same.indices == std::vector<std::uint32_t>{0, 1, 2, 2, 1, 3});
    for (const render::GpuVertex& v : same.vertices) CHECK(v.border == glm::vec4(glm::vec3(render::kNoBorderMm), 0.0f));
}

TEST_CASE("eye triangles are flagged and each eyeball's centre is found on its side") {
    core::SurfaceMesh mesh = square();
    // Two small 'eyes': one triangle at x = +30 and one at x = -30.
    const std::uint32_t base = static_cast<std::uint32_t>(mesh.positions.size());
    for (float x : {30.0f, -30.0f}) {
        mesh.positions.insert(mesh.positions.end(), {{x - 12, 1540, 120}, {x + 12, 1540, 120}, {x, 1564, 120}});
        mesh.normals.insert(mesh.normals.end(), 3, {0, 0, 1});
    }
    mesh.triangles.push_back({base, base + 1, base + 2});
    mesh.triangles.push_back({base + 3, base + 4, base + 5});
    const std::vector<core::SurfacePart> parts = {core::SurfacePart::Skin, core::SurfacePart::Skin,
                                                  core::SurfacePart::Eye, core::SurfacePart::Eye};
    render::HeadSurface s;
    s.mesh = &mesh;
    s.parts = parts;
    const render::SurfaceData d = render::packSurface(s);
    CHECK((d.vertices[d.indices[0]].info.y & render::kEyeBit) == 0u);
    for (std::size_t i = 6; i < 12; ++i) CHECK((d.vertices[d.indices[i]].info.y & render::kEyeBit) != 0u);
    CHECK(d.eyes[0].centre.x == doctest::Approx(30.0f));
    CHECK(d.eyes[1].centre.x == doctest::Approx(-30.0f));
    CHECK(d.eyes[0].centre.y == doctest::Approx(1552.0f));
    CHECK(d.eyes[0].radius == doctest::Approx(12.0f));
}

TEST_CASE("the clip height sits on the lowest open edge") {
    const core::SurfaceMesh mesh = square();  // open all round: its lowest edge loop reaches y = 1
    CHECK(render::neckClipHeight(mesh) == doctest::Approx(1.0f));
}

TEST_CASE("vertex albedo and occlusion are packed with each vertex") {
    const core::SurfaceMesh mesh = square();
    render::HeadSurface s;
    s.mesh = &mesh;
    s.vertexAlbedo.assign(4, glm::vec3(0.1f, 0.2f, 0.3f));
    s.vertexOcclusion = {1.0f, 0.5f, 0.25f, 0.0f};
    const render::SurfaceData d = render::packSurface(s);
    CHECK(d.vertices[1].albedo.y == doctest::Approx(0.2f));
    CHECK(d.vertices[2].albedo.w == doctest::Approx(0.25f));
    CHECK(d.vertices[3].albedo.w == 0.0f);
}

TEST_CASE("view names round-trip and left is the patient's left (+X)") {
    for (render::View v : render::kAllViews) CHECK(render::parseView(render::viewName(v)) == v);
    CHECK_FALSE(render::parseView("top").has_value());
    CHECK(render::viewDirection(render::View::Left).x > 0.9f);
    CHECK(render::viewDirection(render::View::Right).x < -0.9f);
    CHECK(render::viewDirection(render::View::ThreeQuarterLeft).x > 0.5f);
    CHECK(render::viewDirection(render::View::ThreeQuarterLeft).z > 0.5f);
}

TEST_CASE("the framing camera keeps every corner of the head's box inside the picture") {
    const core::Bounds head{{-95, 1396, -47}, {95, 1659, 160}};
    for (render::View v : render::kAllViews) {
        CAPTURE(render::viewName(v));
        for (float aspect : {4.0f / 3.0f, 16.0f / 9.0f, 0.75f}) {
            const render::Camera camera = render::frameBounds(v, head, aspect);
            const glm::mat4 m = render::viewProjection(camera, aspect);
            for (int i = 0; i < 8; ++i) {
                const glm::vec3 c((i & 1) ? head.max.x : head.min.x, (i & 2) ? head.max.y : head.min.y,
                                  (i & 4) ? head.max.z : head.min.z);
                const glm::vec4 clip = m * glm::vec4(c, 1.0f);
                CHECK(std::abs(clip.x / clip.w) <= 1.0f);
                CHECK(std::abs(clip.y / clip.w) <= 1.0f);
                CHECK(clip.z / clip.w >= 0.0f);
                CHECK(clip.z / clip.w <= 1.0f);
            }
        }
    }
}

TEST_CASE("each triangle drawn carries its points, pen and roller, and its corners in the mesh's order") {
    // A 20 x 20 mm sheet of 2 mm squares, one sampled area: many triangles, several clusters.
    core::SurfaceMesh sheet;
    for (int y = 0; y <= 10; ++y)
        for (int x = 0; x <= 10; ++x) {
            sheet.positions.emplace_back(2.0f * static_cast<float>(x), 2.0f * static_cast<float>(y), 0.0f);
            sheet.normals.emplace_back(0.0f, 0.0f, 1.0f);
        }
    for (std::uint32_t y = 0; y < 10; ++y)
        for (std::uint32_t x = 0; x < 10; ++x) {
            const std::uint32_t v = y * 11 + x;
            sheet.triangles.push_back({v, v + 1, v + 12});
            sheet.triangles.push_back({v, v + 12, v + 11});
        }
    const std::vector<std::uint16_t> areas(sheet.triangleCount(), 0);
    const core::DensityField field(sheet, core::TriangleAdjacency(sheet), areas, {1}, core::DensityScales{});
    render::HeadSurface s;
    s.mesh = &sheet;
    s.areaOfTriangle = areas;
    s.areas.resize(1);
    s.samples = &field;
    const render::SurfaceData d = render::packSurface(s);
    const core::SkinSamples& pen = field.samples(false);
    const core::SkinSamples& roller = field.samples(true);
    CHECK(d.sampleCount == pen.size() + roller.size());
    REQUIRE(d.triangles.size() == sheet.triangleCount());
    std::vector<char> seen(sheet.triangleCount(), 0);
    for (std::size_t k = 0; k < d.triangles.size(); ++k) {
        const std::uint32_t a = d.vertices[d.indices[3 * k]].info.x, b = d.vertices[d.indices[3 * k + 1]].info.x,
                            c = d.vertices[d.indices[3 * k + 2]].info.x;
        std::size_t t = 0;  // the mesh triangle with these corners in this order (the shader's barycentrics need it)
        while (t < sheet.triangleCount() && !(sheet.triangles[t].a == a && sheet.triangles[t].b == b && sheet.triangles[t].c == c)) ++t;
        REQUIRE(t < sheet.triangleCount());
        seen[t] = 1;
        const std::uint32_t tri = static_cast<std::uint32_t>(t);
        CHECK(pen.cutsOf(tri) > 0);
        CHECK(d.triangles[k].points == glm::uvec4(pen.firstOf(tri), pen.cutsOf(tri), pen.size() + roller.firstOf(tri), roller.cutsOf(tri)));
        // Its rows give the barycentric coordinates of corners b and c, and of a point inside.
        const glm::vec3 pa = sheet.positions[a], pb = sheet.positions[b], pc = sheet.positions[c];
        const glm::vec3 inside = 0.2f * pa + 0.5f * pb + 0.3f * pc;
        CHECK(glm::dot(d.triangles[k].toU, glm::vec4(pb, 1.0f)) == doctest::Approx(1.0f));
        CHECK(glm::dot(d.triangles[k].toV, glm::vec4(pb, 1.0f)) == doctest::Approx(0.0f).epsilon(1e-5));
        CHECK(glm::dot(d.triangles[k].toU, glm::vec4(inside, 1.0f)) == doctest::Approx(0.5f));
        CHECK(glm::dot(d.triangles[k].toV, glm::vec4(inside, 1.0f)) == doctest::Approx(0.3f));
    }
    CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<long>(sheet.triangleCount()));

    s.samples = nullptr;  // without points every triangle has none: the heatmap is drawn per vertex
    for (const render::GpuTriangle& t : render::packSurface(s).triangles) CHECK(t.points == glm::uvec4(0u));
}
