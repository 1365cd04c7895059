#include "io/head_loader.h"

#include "core/common/sha256.h"
#include "io/head_cache.h"
#include "io/head_import.h"
#include "io/paths.h"

#include <filesystem>

namespace pinpoint::io {

core::Result<LoadedGeometry> loadHeadGeometry(const HeadLoadOptions& options, HeadLoadReport* report) {
    LoadedGeometry out;
    out.source.path = options.modelPath.empty() ? defaultModelPath() : options.modelPath;
    std::error_code ec;
    const std::optional<std::string> sha = std::filesystem::is_regular_file(out.source.path, ec)
                                               ? core::sha256HexOfFile(out.source.path)
                                               : std::nullopt;
    if (!sha)
        return core::Error{out.source.path, 0, 0, "the head model file is missing or unreadable",
                           "install assimp-testmodels with scripts/setup, or set PINPOINT_MODEL to the file"};
    out.source.sha256 = *sha;

    const std::string dir = options.cacheDir.empty() ? cacheDir() : options.cacheDir;
    const std::string key = headCacheKey(out.source.sha256, options.build);
    const std::string cachePath =
        dir == "-" ? std::string() : dir + "/head-" + core::sha256Hex(key).substr(0, 24) + ".bin";
    std::optional<core::HeadGeometry> cached;
    if (!cachePath.empty()) cached = readHeadCache(cachePath, key);
    if (report) {
        report->fromCache = cached.has_value();
        report->cachePath = cachePath;
    }
    if (cached) {
        out.geometry = std::move(*cached);
        return out;
    }
    core::Result<core::HeadSourceQuads> quads = importHeadQuads(out.source.path);
    if (!quads) return quads.error();
    out.geometry = core::buildHeadGeometry(*quads, options.build);
    if (!cachePath.empty()) writeHeadCache(cachePath, key, out.geometry);  // a failed write only costs time
    return out;
}

core::Result<core::Head> loadHead(const HeadLoadOptions& options, HeadLoadReport* report) {
    // Read the zones before the (slower) model build, so a zone file mistake is reported at once.
    const std::string zonePath = options.zoneFilePath.empty() ? defaultZoneFilePath() : options.zoneFilePath;
    core::Result<core::ZoneFile> zones = core::readZoneFile(zonePath);
    if (!zones) return zones.error();

    core::Result<LoadedGeometry> loaded = loadHeadGeometry(options, report);
    if (!loaded) return loaded.error();

    core::Head head;
    head.source = std::move(loaded->source);
    head.geometry = std::move(loaded->geometry);
    head.zoneFile = std::move(*zones);
    core::Result<core::ZoneLabels> labels =
        core::labelTriangles(head.geometry.mesh, head.geometry.parts, head.zoneFile.zones);
    if (!labels) return labels.error();
    head.labels = std::move(*labels);
    return head;
}

}  // namespace pinpoint::io
