#include "io/head_cache.h"

#include "io/cache_file.h"

#include <cstdio>
#include <fstream>

namespace pinpoint::io {

namespace {

constexpr char kMagic[8] = {'P', 'P', 'H', 'E', 'A', 'D', '0', '1'};
// Bump when buildHeadGeometry changes what it produces.
constexpr int kBuilderVersion = 3;

}  // namespace

std::string headCacheKey(const std::string& modelSha256, const core::HeadBuildOptions& options) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s|levels=%d|neck=%.3f|builder=%d", modelSha256.c_str(), options.subdivisionLevels,
                  options.neckCutMm, kBuilderVersion);
    return buf;
}

std::optional<core::HeadGeometry> readHeadCache(const std::string& path, const std::string& key) {
    std::ifstream in;
    if (!openCacheFile(in, path, std::string_view(kMagic, sizeof kMagic), key)) return std::nullopt;

    constexpr std::uint64_t kMax = 1u << 26;  // far above any head; guards against a damaged count
    core::HeadGeometry g;
    if (!readVector(in, g.mesh.positions, kMax) || !readVector(in, g.mesh.normals, kMax) ||
        !readVector(in, g.mesh.triangles, kMax) || !readVector(in, g.mesh.cornerUvs, kMax) ||
        !readVector(in, g.parts, kMax))
        return std::nullopt;
    // Consistency: anything else means a damaged file.
    const std::size_t vertices = g.mesh.positions.size();
    if (g.mesh.normals.size() != vertices || g.parts.size() != g.mesh.triangles.size() ||
        (!g.mesh.cornerUvs.empty() && g.mesh.cornerUvs.size() != 3 * g.mesh.triangles.size()))
        return std::nullopt;
    for (const core::Triangle& t : g.mesh.triangles)
        if (t.a >= vertices || t.b >= vertices || t.c >= vertices) return std::nullopt;
    for (core::SurfacePart p : g.parts)
        if (p != core::SurfacePart::Skin && p != core::SurfacePart::Eye && p != core::SurfacePart::Inner) return std::nullopt;
    return g;
}

bool writeHeadCache(const std::string& path, const std::string& key, const core::HeadGeometry& g) {
    return writeCacheFile(path, std::string_view(kMagic, sizeof kMagic), key, [&](std::ostream& out) {
        writeVector(out, g.mesh.positions);
        writeVector(out, g.mesh.normals);
        writeVector(out, g.mesh.triangles);
        writeVector(out, g.mesh.cornerUvs);
        writeVector(out, g.parts);
    });
}

}  // namespace pinpoint::io
