#include "render/head_surface.h"

#include "render/occlusion.h"
#include "render/surface_data.h"

#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include <cmath>
#include <string>

namespace pinpoint::render {

namespace {

struct NamedColour {
    std::string_view name;
    glm::vec3 colour;
};

// Mirrored zones share a colour; the border between them (and the face's midline) tells them apart.
constexpr NamedColour kZoneColours[] = {
    {"forehead", {0.95f, 0.72f, 0.10f}},        {"temple", {0.55f, 0.30f, 0.90f}},
    {"periorbital", {0.10f, 0.72f, 0.85f}},     {"nose", {0.98f, 0.42f, 0.08f}},
    {"cheek", {0.20f, 0.78f, 0.25f}},           {"perioral", {0.92f, 0.30f, 0.62f}},
    {"chin", {0.25f, 0.42f, 0.98f}},            {"jaw", {0.62f, 0.85f, 0.15f}},
    {"neck", {0.10f, 0.45f, 0.60f}},
};
constexpr glm::vec3 kForbiddenColour{0.85f, 0.05f, 0.04f};

// Linear RGB skin tones by area; anything unnamed gets the base tone.
constexpr glm::vec3 kBaseSkin = kDefaultSkinAlbedo;
constexpr NamedColour kSkinTones[] = {
    {"cheek", {0.61f, 0.34f, 0.27f}}, {"nose", {0.61f, 0.35f, 0.27f}}, {"ears", {0.60f, 0.33f, 0.26f}},
    {"neck", {0.58f, 0.39f, 0.30f}},  {"scalp", {0.57f, 0.37f, 0.29f}},
};
constexpr glm::vec3 kLipTone{0.40f, 0.14f, 0.13f};
constexpr glm::vec3 kHairTone{0.045f, 0.030f, 0.022f};  // dark brown, for brows and a close crop

// 0..1: how much of an eyebrow covers point p, for the eye whose opening is centred at `eye` (the
// patient's left; the right one is mirrored). An arch 13-20 mm above the eye, thick medially.
float browCover(glm::vec3 p, glm::vec3 eye) {
    if (p.x * eye.x < 0.0f) eye.x = -eye.x;
    const float side = eye.x >= 0.0f ? 1.0f : -1.0f;
    const float u = (p.x - eye.x) * side;  // > 0 toward the temple
    if (u < -22.0f || u > 28.0f || p.z < eye.z - 25.0f) return 0.0f;
    const float along = (u + 22.0f) / 50.0f;  // 0 medial end .. 1 lateral end
    const float centre = eye.y + 14.0f + 4.0f * std::sin(3.14159f * std::min(along * 1.25f, 1.0f)) - 4.0f * along;
    const float halfHeight = 4.5f - 2.5f * along;
    const float across = std::abs(p.y - centre) / halfHeight;
    const float ends = glm::smoothstep(0.0f, 0.12f, along) * (1.0f - glm::smoothstep(0.85f, 1.0f, along));
    return 0.85f * (1.0f - glm::smoothstep(0.6f, 1.1f, across)) * ends;
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

glm::vec3 skinTone(std::string_view area) {
    for (const NamedColour& t : kSkinTones)
        if (startsWith(area, t.name)) return t.colour;
    return kBaseSkin;
}

// Averages each vertex with its neighbours, `passes` times.
template <class T>
void smooth(std::vector<T>& field, const core::SurfaceMesh& mesh, int passes) {
    for (int p = 0; p < passes; ++p) {
        std::vector<T> sum(field);
        std::vector<float> count(field.size(), 1.0f);
        for (const core::Triangle& t : mesh.triangles) {
            const std::uint32_t c[3] = {t.a, t.b, t.c};
            for (int i = 0; i < 3; ++i) {
                sum[c[i]] += field[c[(i + 1) % 3]] + field[c[(i + 2) % 3]];
                count[c[i]] += 2.0f;
            }
        }
        for (std::size_t v = 0; v < field.size(); ++v) field[v] = sum[v] / count[v];
    }
}

}  // namespace

glm::vec3 areaColour(std::string_view areaName) {
    for (const NamedColour& z : kZoneColours)
        if (startsWith(areaName, z.name)) return z.colour;
    return kForbiddenColour;
}

std::vector<glm::vec3> skinAlbedo(const core::Head& head) {
    const core::SurfaceMesh& mesh = head.mesh();
    std::vector<glm::vec3> tone(mesh.vertexCount(), glm::vec3(0.0f));
    std::vector<float> lips(mesh.vertexCount(), 0.0f), count(mesh.vertexCount(), 0.0f);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const std::string& name = head.areaOfTriangle(t).name;
        const bool lip = name == "lip_vermilion";
        const glm::vec3 c = lip ? kBaseSkin : skinTone(name);
        for (std::uint32_t v : {mesh.triangles[t].a, mesh.triangles[t].b, mesh.triangles[t].c}) {
            tone[v] += c;
            lips[v] += lip ? 1.0f : 0.0f;
            count[v] += 1.0f;
        }
    }
    for (std::size_t v = 0; v < tone.size(); ++v) {
        if (count[v] == 0.0f) continue;
        tone[v] /= count[v];
        lips[v] /= count[v];
    }
    smooth(tone, mesh, 12);  // tones blend over a centimetre or so
    smooth(lips, mesh, 1);   // the lip line stays crisp
    for (std::size_t v = 0; v < tone.size(); ++v) tone[v] = glm::mix(tone[v], kLipTone, lips[v]);
    // The model has no hair: paint eyebrows (they make the face read as a face) and a close crop
    // over the scalp.
    const auto eye = head.zoneFile.landmarks.find("eye_left");
    if (eye != head.zoneFile.landmarks.end())
        for (std::size_t v = 0; v < tone.size(); ++v)
            tone[v] = glm::mix(tone[v], kHairTone, browCover(mesh.positions[v], eye->second));
    std::vector<float> scalp(mesh.vertexCount(), 0.0f);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t)
        if (head.areaOfTriangle(t).name == "scalp")
            for (std::uint32_t v : {mesh.triangles[t].a, mesh.triangles[t].b, mesh.triangles[t].c}) scalp[v] = 1.0f;
    smooth(scalp, mesh, 3);
    for (std::size_t v = 0; v < tone.size(); ++v) tone[v] = glm::mix(tone[v], kHairTone, 0.55f * scalp[v]);
    return tone;
}

std::vector<float> demoDensity(const core::Head& head, float fullScale) {
    constexpr NamedColour kDone[] = {{"forehead", {1.05f, 0, 0}}, {"cheek_left", {0.55f, 0, 0}},
                                     {"cheek_right", {0.30f, 0, 0}}, {"nose", {0.20f, 0, 0}}};
    const core::SurfaceMesh& mesh = head.mesh();
    std::vector<float> density(mesh.vertexCount(), 0.0f), count(mesh.vertexCount(), 0.0f);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        float level = 0.0f;
        for (const NamedColour& d : kDone)
            if (head.areaOfTriangle(t).name == d.name) level = d.colour.x;
        for (std::uint32_t v : {mesh.triangles[t].a, mesh.triangles[t].b, mesh.triangles[t].c}) {
            density[v] += level;
            count[v] += 1.0f;
        }
    }
    for (std::size_t v = 0; v < density.size(); ++v) density[v] = count[v] > 0.0f ? density[v] / count[v] : 0.0f;
    smooth(density, mesh, 6);
    // Horizontal passes of the pen leave streaks about 6 mm apart.
    for (std::size_t v = 0; v < density.size(); ++v)
        density[v] *= fullScale * (0.8f + 0.25f * std::sin(mesh.positions[v].y * 1.05f));
    return density;
}

std::vector<float> demoSampleDensity(const core::SurfaceMesh& mesh, const core::DensityField& field,
                                     const std::vector<float>& vertexDensity) {
    std::vector<float> out;
    for (const bool roller : {false, true}) {
        const core::SkinSamples& samples = field.samples(roller);
        for (std::uint32_t s = 0; s < samples.size(); ++s) {
            const core::Triangle& t = mesh.triangles[samples.triangle(s)];
            const glm::vec3 a = mesh.positions[t.a], ab = mesh.positions[t.b] - a, ac = mesh.positions[t.c] - a;
            const glm::vec3 ap = samples.position(s) - a;
            const float bb = glm::dot(ab, ab), bc = glm::dot(ab, ac), cc = glm::dot(ac, ac);
            const float det = std::max(bb * cc - bc * bc, 1e-12f);
            const float u = (cc * glm::dot(ap, ab) - bc * glm::dot(ap, ac)) / det;
            const float v = (bb * glm::dot(ap, ac) - bc * glm::dot(ap, ab)) / det;
            out.push_back((1.0f - u - v) * vertexDensity[t.a] + u * vertexDensity[t.b] + v * vertexDensity[t.c]);
        }
    }
    return out;
}

HeadSurface headSurface(const core::Head& head) {
    HeadSurface s;
    s.mesh = &head.mesh();
    s.parts = head.geometry.parts;
    s.areaOfTriangle = head.labels.areaOfTriangle;
    for (const core::Area& area : head.zoneFile.zones.areas) {
        const bool forbidden = area.kind == core::AreaKind::Forbidden;
        s.areas.push_back({forbidden ? kForbiddenColour : areaColour(area.name), forbidden});
    }
    s.vertexAlbedo = skinAlbedo(head);
    s.vertexOcclusion = ambientOcclusion(head.mesh());
    return s;
}

}  // namespace pinpoint::render
