#pragma once
// Loads the head the simulator uses: the model file (through the cache), its zones, its labels.
#include "core/common/error.h"
#include "core/face/head.h"

#include <string>

namespace pinpoint::io {

struct HeadLoadOptions {
    std::string modelPath;     // empty: defaultModelPath()
    std::string zoneFilePath;  // empty: defaultZoneFilePath()
    std::string cacheDir;      // empty: cacheDir(); "-" disables the cache
    core::HeadBuildOptions build;
};

struct HeadLoadReport {
    bool fromCache = false;
    std::string cachePath;
};

// The full head: geometry, zones, labels.
core::Result<core::Head> loadHead(const HeadLoadOptions& options, HeadLoadReport* report = nullptr);

// Only the surface and where it came from (no zones): through the cache when it can.
struct LoadedGeometry {
    core::ModelSource source;
    core::HeadGeometry geometry;
};
core::Result<LoadedGeometry> loadHeadGeometry(const HeadLoadOptions& options, HeadLoadReport* report = nullptr);

}  // namespace pinpoint::io
