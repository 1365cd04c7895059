#include "io/density_cache.h"

#include "io/cache_file.h"

#include "core/common/sha256.h"
#include "core/coverage/treatment_measurement.h"
#include "io/paths.h"

#include <fstream>

namespace pinpoint::io {

namespace {

constexpr char kMagic[8] = {'P', 'P', 'D', 'E', 'N', 'S', '0', '1'};
// Bump when SkinSamples (or DensityField) changes what it lays out for the same inputs.
constexpr int kBuilderVersion = 1;

template <class T>
void append(std::string& bytes, const T* data, std::size_t count) {
    bytes.append(reinterpret_cast<const char*>(data), count * sizeof(T));
}

void writeSamples(std::ostream& out, const core::SkinSamples& samples) {
    const core::SkinSamples::Stored s = samples.store();
    const double scale[3] = {s.scale.spacingMm, s.scale.radiusMm, s.scale.edgeMarginMm};
    out.write(reinterpret_cast<const char*>(scale), sizeof scale);
    writeVector(out, s.position);
    writeVector(out, s.weight);
    writeVector(out, s.disc);
    writeVector(out, s.edge);
    writeVector(out, s.area);
    writeVector(out, s.triangle);
    writeVector(out, s.first);
    writeVector(out, s.cuts);
    writeVector(out, s.nearStart);
    writeVector(out, s.near);
}

std::optional<core::SkinSamples> readSamples(std::ifstream& in) {
    constexpr std::uint64_t kMax = 1u << 28;  // far above any field; guards against a damaged count
    core::SkinSamples::Stored s;
    double scale[3] = {};
    if (!in.read(reinterpret_cast<char*>(scale), sizeof scale)) return std::nullopt;
    s.scale = {scale[0], scale[1], scale[2]};
    if (!readVector(in, s.position, kMax) || !readVector(in, s.weight, kMax) || !readVector(in, s.disc, kMax) ||
        !readVector(in, s.edge, kMax) || !readVector(in, s.area, kMax) || !readVector(in, s.triangle, kMax) ||
        !readVector(in, s.first, kMax) || !readVector(in, s.cuts, kMax) || !readVector(in, s.nearStart, kMax) ||
        !readVector(in, s.near, kMax))
        return std::nullopt;
    return core::SkinSamples::restore(std::move(s));
}

}  // namespace

std::string densityCacheKey(const core::Head& head, const core::Rubric& rubric) {
    const core::SurfaceMesh& mesh = head.mesh();
    const std::vector<char> measured = core::measuredAreas(head);
    const double scales[6] = {rubric.penScale.spacingMm,    rubric.penScale.radiusMm,    rubric.penScale.edgeMarginMm,
                              rubric.rollerScale.spacingMm, rubric.rollerScale.radiusMm, rubric.rollerScale.edgeMarginMm};
    std::string bytes = "pinpoint density field|builder=" + std::to_string(kBuilderVersion) + "|";
    const std::uint64_t sizes[4] = {mesh.positions.size(), mesh.triangles.size(), head.labels.areaOfTriangle.size(), measured.size()};
    append(bytes, sizes, 4);
    append(bytes, mesh.positions.data(), mesh.positions.size());
    append(bytes, mesh.triangles.data(), mesh.triangles.size());
    append(bytes, head.labels.areaOfTriangle.data(), head.labels.areaOfTriangle.size());
    append(bytes, measured.data(), measured.size());
    append(bytes, scales, 6);
    return "density|builder=" + std::to_string(kBuilderVersion) + "|" + core::sha256Hex(bytes);
}

std::optional<core::DensityField> readDensityCache(const std::string& path, const std::string& key, const core::Head& head) {
    std::ifstream in;
    if (!openCacheFile(in, path, std::string_view(kMagic, sizeof kMagic), key)) return std::nullopt;
    std::optional<core::SkinSamples> pen = readSamples(in);
    if (!pen) return std::nullopt;
    std::optional<core::SkinSamples> roller = readSamples(in);
    if (!roller) return std::nullopt;
    // The points belong to this head's triangles (the key says so; a damaged file must not say otherwise).
    const std::size_t triangles = head.mesh().triangleCount();
    if (pen->triangleCount() != triangles || roller->triangleCount() != triangles) return std::nullopt;
    return core::DensityField(head.mesh(), head.labels.areaOfTriangle, core::measuredAreas(head), std::move(*pen), std::move(*roller));
}

bool writeDensityCache(const std::string& path, const std::string& key, const core::DensityField& field) {
    return writeCacheFile(path, std::string_view(kMagic, sizeof kMagic), key, [&](std::ostream& out) {
        writeSamples(out, field.samples(false));
        writeSamples(out, field.samples(true));
    });
}

core::DensityField loadMeasurementField(const core::Head& head, const core::TriangleAdjacency& adjacency,
                                        const core::Rubric& rubric, const std::string& dir, bool* fromCache) {
    const std::string where = dir.empty() ? cacheDir() : dir;
    std::string key, path;
    if (where != "-") {
        key = densityCacheKey(head, rubric);
        path = where + "/density-" + core::sha256Hex(key).substr(0, 24) + ".bin";
        if (std::optional<core::DensityField> cached = readDensityCache(path, key, head)) {
            if (fromCache) *fromCache = true;
            return std::move(*cached);
        }
    }
    if (fromCache) *fromCache = false;
    core::DensityField field = core::measurementField(head, adjacency, rubric);
    if (!path.empty()) writeDensityCache(path, key, field);  // a failed write only costs time
    return field;
}

}  // namespace pinpoint::io
