#include "io/paths.h"

#include "io/share_dir.h"

#include <cstdlib>

namespace pinpoint::io {

namespace {
std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : std::string();
}
}  // namespace

std::string defaultModelPath() {
    std::string v = env("PINPOINT_MODEL");
    return v.empty() ? "/usr/share/assimp/models/Collada/human.zae" : v;
}

std::string assetDir() {
    std::string v = env("PINPOINT_ASSETS");
    return v.empty() ? (shareDir() / "assets").string() : v;
}

std::string defaultZoneFilePath() { return assetDir() + "/zones.toml"; }

std::string scenarioDir() {
    std::string v = env("PINPOINT_SCENARIOS");
    return v.empty() ? (shareDir() / "scenarios").string() : v;
}

std::string defaultScenarioPath() { return scenarioDir() + "/default.toml"; }

std::string cacheDir() {
    if (std::string v = env("PINPOINT_CACHE_DIR"); !v.empty()) return v;
    if (std::string v = env("XDG_CACHE_HOME"); !v.empty()) return v + "/pinpoint";
    if (std::string v = env("HOME"); !v.empty()) return v + "/.cache/pinpoint";
    return "/tmp/pinpoint-cache";
}

std::string keyDir() {
    if (std::string v = env("PINPOINT_KEY_DIR"); !v.empty()) return v;
    if (std::string v = env("XDG_CONFIG_HOME"); !v.empty()) return v + "/pinpoint";
    if (std::string v = env("HOME"); !v.empty()) return v + "/.config/pinpoint";
    return "/tmp/pinpoint-config";
}

std::string stationConfigPath() {
    if (std::string v = env("PINPOINT_STATION_CONFIG"); !v.empty()) return v;
    return keyDir() + "/station.toml";
}

std::string defaultTrustedRecordersPath() { return keyDir() + "/trusted-recorders"; }

std::string dataDir() {
    if (std::string v = env("PINPOINT_DATA_DIR"); !v.empty()) return v;
    if (std::string v = env("XDG_DATA_HOME"); !v.empty()) return v + "/pinpoint";
    if (std::string v = env("HOME"); !v.empty()) return v + "/.local/share/pinpoint";
    return "/tmp/pinpoint-data";
}

std::string defaultCentreDatabasePath() { return dataDir() + "/centre.sqlite"; }

}  // namespace pinpoint::io
