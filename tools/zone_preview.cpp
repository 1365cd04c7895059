// Developer tool: a software-rendered picture of the head coloured by area, with a 10 mm grid
// (thicker every 50 mm), for authoring assets/zones.toml without a GPU. Triangles that no rule
// covers are drawn grey.
//   zone_preview VIEW OUT.png [ZONES.toml]     VIEW: front | left | right | top | bottom | back
#include "core/face/zone_file.h"
#include "io/head_loader.h"
#include "io/paths.h"

#include <glm/geometric.hpp>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

using namespace pinpoint;

namespace {

const glm::vec3 kPalette[] = {{0.90f, 0.60f, 0.50f}, {0.55f, 0.75f, 0.95f}, {0.95f, 0.85f, 0.40f}, {0.60f, 0.90f, 0.55f},
                              {0.85f, 0.55f, 0.90f}, {0.40f, 0.85f, 0.85f}, {0.95f, 0.65f, 0.25f}, {0.70f, 0.70f, 1.00f},
                              {0.85f, 0.95f, 0.60f}, {1.00f, 0.55f, 0.70f}, {0.50f, 0.60f, 0.85f}, {0.75f, 0.50f, 0.40f},
                              {0.60f, 0.95f, 0.85f}, {0.25f, 0.25f, 0.25f}, {0.85f, 0.10f, 0.10f}, {0.10f, 0.10f, 0.60f},
                              {0.50f, 0.20f, 0.50f}, {0.20f, 0.45f, 0.20f}};

struct View {
    glm::vec3 right, up, toViewer;
};

bool viewFor(const std::string& name, View& v) {
    if (name == "front") v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    else if (name == "left") v = {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}};   // patient's left side
    else if (name == "right") v = {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}};
    else if (name == "back") v = {{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}};
    else if (name == "top") v = {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}};
    else if (name == "bottom") v = {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}};
    else return false;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    View view;
    if (argc < 3 || !viewFor(argv[1], view)) {
        std::fprintf(stderr, "usage: zone_preview front|left|right|back|top|bottom OUT.png [ZONES.toml]\n");
        return 2;
    }
    const std::string zonePath = argc > 3 ? argv[3] : io::defaultZoneFilePath();
    core::Result<core::ZoneFile> zones = core::readZoneFile(zonePath);
    if (!zones) {
        std::fprintf(stderr, "%s\n", zones.error().describe().c_str());
        return 2;
    }
    core::Result<io::LoadedGeometry> loaded = io::loadHeadGeometry({});
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().describe().c_str());
        return 2;
    }
    const core::SurfaceMesh& mesh = loaded->geometry.mesh;

    const float pxPerMm = 4.0f;
    const core::Bounds b = core::meshBounds(mesh);
    float minU = 1e9f, maxU = -1e9f, minV = 1e9f, maxV = -1e9f;
    for (glm::vec3 p : {b.min, b.max, glm::vec3(b.min.x, b.max.y, b.min.z), glm::vec3(b.max.x, b.min.y, b.max.z),
                        glm::vec3(b.min.x, b.min.y, b.max.z), glm::vec3(b.max.x, b.max.y, b.min.z)}) {
        minU = std::min(minU, glm::dot(p, view.right)); maxU = std::max(maxU, glm::dot(p, view.right));
        minV = std::min(minV, glm::dot(p, view.up)); maxV = std::max(maxV, glm::dot(p, view.up));
    }
    minU = std::floor(minU / 10) * 10 - 10; maxU = std::ceil(maxU / 10) * 10 + 10;
    minV = std::floor(minV / 10) * 10 - 10; maxV = std::ceil(maxV / 10) * 10 + 10;
    const int w = static_cast<int>((maxU - minU) * pxPerMm), h = static_cast<int>((maxV - minV) * pxPerMm);
    std::vector<float> depth(static_cast<std::size_t>(w) * h, -std::numeric_limits<float>::infinity());
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3, 255);

    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const glm::vec3 n = core::triangleNormal(mesh, t);
        const auto area = core::areaAt(zones->zones, core::triangleCentroid(mesh, t), n, loaded->geometry.parts[t]);
        const glm::vec3 base = area ? kPalette[*area % std::size(kPalette)] : glm::vec3(0.6f);
        const float shade = 0.35f + 0.65f * std::fabs(glm::dot(n, view.toViewer));
        const core::Triangle& tri = mesh.triangles[t];
        glm::vec3 s[3];
        const glm::vec3 ps[3] = {mesh.positions[tri.a], mesh.positions[tri.b], mesh.positions[tri.c]};
        for (int k = 0; k < 3; ++k)
            s[k] = {(glm::dot(ps[k], view.right) - minU) * pxPerMm, (maxV - glm::dot(ps[k], view.up)) * pxPerMm,
                    glm::dot(ps[k], view.toViewer)};
        const int x0 = std::max(0, (int)std::floor(std::min({s[0].x, s[1].x, s[2].x})));
        const int x1 = std::min(w - 1, (int)std::ceil(std::max({s[0].x, s[1].x, s[2].x})));
        const int y0 = std::max(0, (int)std::floor(std::min({s[0].y, s[1].y, s[2].y})));
        const int y1 = std::min(h - 1, (int)std::ceil(std::max({s[0].y, s[1].y, s[2].y})));
        const float d = (s[1].x - s[0].x) * (s[2].y - s[0].y) - (s[2].x - s[0].x) * (s[1].y - s[0].y);
        if (std::fabs(d) < 1e-9f) continue;
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const float px = x + 0.5f, py = y + 0.5f;
                const float l1 = ((px - s[0].x) * (s[2].y - s[0].y) - (s[2].x - s[0].x) * (py - s[0].y)) / d;
                const float l2 = ((s[1].x - s[0].x) * (py - s[0].y) - (px - s[0].x) * (s[1].y - s[0].y)) / d;
                if (l1 < 0 || l2 < 0 || l1 + l2 > 1) continue;
                const float z = s[0].z + l1 * (s[1].z - s[0].z) + l2 * (s[2].z - s[0].z);
                const std::size_t i = static_cast<std::size_t>(y) * w + x;
                if (z <= depth[i]) continue;
                depth[i] = z;
                for (int c = 0; c < 3; ++c) rgb[3 * i + c] = static_cast<unsigned char>(255 * base[c] * shade);
            }
    }
    // Grid: every 10 mm, darker every 50 mm.
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const float u = minU + (x + 0.5f) / pxPerMm, v = maxV - (y + 0.5f) / pxPerMm;
            const float du = std::fabs(u - 10 * std::round(u / 10)), dv = std::fabs(v - 10 * std::round(v / 10));
            if (du < 0.5f / pxPerMm * 1.01f || dv < 0.5f / pxPerMm * 1.01f) {
                const bool major = (du < 0.2f && std::lround(u) % 50 == 0) || (dv < 0.2f && std::lround(v) % 50 == 0);
                const std::size_t i = (static_cast<std::size_t>(y) * w + x) * 3;
                for (int c = 0; c < 3; ++c) rgb[i + c] = static_cast<unsigned char>(rgb[i + c] * (major ? 0.3f : 0.75f));
            }
        }
    if (!stbi_write_png(argv[2], w, h, 3, rgb.data(), w * 3)) return 2;
    std::printf("%s: %dx%d px, 4 px/mm, horizontal axis %.0f..%.0f mm, vertical %.0f..%.0f mm\n", argv[2], w, h, minU,
                maxU, minV, maxV);
    for (std::size_t i = 0; i < zones->zones.areas.size(); ++i) {
        const glm::vec3 c = kPalette[i % std::size(kPalette)];
        std::printf("  %-18s rgb(%d,%d,%d)\n", zones->zones.areas[i].name.c_str(), int(c.x * 255), int(c.y * 255), int(c.z * 255));
    }
    return 0;
}
