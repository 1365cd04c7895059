#pragma once
// The built head geometry, cached on disk so start-up does not repeat the import and subdivision.
// A cache entry is keyed by the model file's SHA-256 and the build options; a stale, foreign or
// damaged entry is ignored and rebuilt, never trusted.
#include "core/face/head.h"

#include <optional>
#include <string>

namespace pinpoint::io {

// The key identifying one built geometry: model hash + build options + the builder's version.
std::string headCacheKey(const std::string& modelSha256, const core::HeadBuildOptions& options);

std::optional<core::HeadGeometry> readHeadCache(const std::string& path, const std::string& key);
// Writes atomically (temporary file, then rename). Returns false if it could not.
bool writeHeadCache(const std::string& path, const std::string& key, const core::HeadGeometry& geometry);

}  // namespace pinpoint::io
