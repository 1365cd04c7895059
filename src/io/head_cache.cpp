#include "io/head_cache.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace pinpoint::io {

namespace {

constexpr char kMagic[8] = {'P', 'P', 'H', 'E', 'A', 'D', '0', '1'};
// Bump when buildHeadGeometry changes what it produces.
constexpr int kBuilderVersion = 3;

template <class T>
void writeVector(std::ofstream& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

template <class T>
bool readVector(std::ifstream& in, std::vector<T>& v, std::uint64_t maxCount) {
    std::uint64_t n = 0;
    if (!in.read(reinterpret_cast<char*>(&n), sizeof n) || n > maxCount) return false;
    v.resize(n);
    return static_cast<bool>(in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

}  // namespace

std::string headCacheKey(const std::string& modelSha256, const core::HeadBuildOptions& options) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s|levels=%d|neck=%.3f|builder=%d", modelSha256.c_str(), options.subdivisionLevels,
                  options.neckCutMm, kBuilderVersion);
    return buf;
}

std::optional<core::HeadGeometry> readHeadCache(const std::string& path, const std::string& key) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    char magic[sizeof kMagic];
    std::uint32_t keyLength = 0;
    if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return std::nullopt;
    if (!in.read(reinterpret_cast<char*>(&keyLength), sizeof keyLength) || keyLength != key.size()) return std::nullopt;
    std::string storedKey(keyLength, '\0');
    if (!in.read(storedKey.data(), keyLength) || storedKey != key) return std::nullopt;

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
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const std::string temporary = path + ".tmp" + std::to_string(static_cast<unsigned long>(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out.write(kMagic, sizeof kMagic);
        const auto keyLength = static_cast<std::uint32_t>(key.size());
        out.write(reinterpret_cast<const char*>(&keyLength), sizeof keyLength);
        out.write(key.data(), keyLength);
        writeVector(out, g.mesh.positions);
        writeVector(out, g.mesh.normals);
        writeVector(out, g.mesh.triangles);
        writeVector(out, g.mesh.cornerUvs);
        writeVector(out, g.parts);
        if (!out.flush()) {
            std::filesystem::remove(temporary, ec);
            return false;
        }
    }
    std::filesystem::rename(temporary, path, ec);
    if (ec) std::filesystem::remove(temporary, ec);
    return !ec;
}

}  // namespace pinpoint::io
