#pragma once
// The density field's points (core/coverage/skin_samples.h), cached on disk beside the head: laying
// out a few hundred thousand points and finding each one's disc takes a good part of a second on a
// modest machine; reading them back takes milliseconds. An entry is keyed by a SHA-256 of everything
// the field is built from (the mesh, each triangle's area, which areas are measured, both scales)
// and the builder's version; a stale, foreign or damaged entry is ignored and rebuilt, never trusted.
#include "core/coverage/density_field.h"
#include "core/face/head.h"
#include "core/geometry/surface_walk.h"
#include "core/scoring/rubric.h"

#include <optional>
#include <string>

namespace pinpoint::io {

// The key of the field measurementField builds for this head and rubric.
std::string densityCacheKey(const core::Head& head, const core::Rubric& rubric);

std::optional<core::DensityField> readDensityCache(const std::string& path, const std::string& key, const core::Head& head);
// Writes atomically (temporary file, then rename). Returns false if it could not.
bool writeDensityCache(const std::string& path, const std::string& key, const core::DensityField& field);

// core::measurementField through the cache in `cacheDir` (empty: cacheDir(); "-": no cache).
// `fromCache`, when given, says whether it was read back.
core::DensityField loadMeasurementField(const core::Head& head, const core::TriangleAdjacency& adjacency,
                                        const core::Rubric& rubric, const std::string& cacheDir, bool* fromCache = nullptr);

}  // namespace pinpoint::io
