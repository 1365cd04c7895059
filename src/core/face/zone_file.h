#pragma once
// Reads the zone definition (assets/zones.toml; format in docs/zones.md). Every problem comes back as
// an Error with file:line:col: bad TOML, unknown keys, unknown area names, missing areas, bad shapes.
#include "core/common/error.h"
#include "core/face/zone_rules.h"

#include <map>
#include <string>

namespace pinpoint::core {

struct ZoneFile {
    ZoneDefinition zones;
    std::map<std::string, glm::vec3> landmarks;  // named points, mm
};

Result<ZoneFile> readZoneFile(const std::string& path);
// `sourceName` is used in messages in place of a path.
Result<ZoneFile> parseZoneFile(const std::string& text, const std::string& sourceName);

}  // namespace pinpoint::core
