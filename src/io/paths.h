#pragma once
// Where Pinpoint finds its data and keeps its cache. Each can be overridden by an environment variable.
#include <string>

namespace pinpoint::io {

// The MakeHuman model from Debian's assimp-testmodels; PINPOINT_MODEL overrides it.
std::string defaultModelPath();
// The shipped data folder: shareDir()/assets (share_dir.h); PINPOINT_ASSETS overrides it.
std::string assetDir();
// assetDir()/zones.toml
std::string defaultZoneFilePath();
// The scenario library: shareDir()/scenarios; PINPOINT_SCENARIOS overrides it.
std::string scenarioDir();
// scenarioDir()/default.toml: what `pinpoint` and `pinpoint score` use when no scenario is named.
std::string defaultScenarioPath();
// PINPOINT_CACHE_DIR, else $XDG_CACHE_HOME/pinpoint, else ~/.cache/pinpoint, else /tmp/pinpoint-cache.
std::string cacheDir();
// Where the installation's session-signing key lives: PINPOINT_KEY_DIR, else $XDG_CONFIG_HOME/pinpoint,
// else ~/.config/pinpoint.
std::string keyDir();
// The station's configuration (its centre, token and the centre's pinned key): PINPOINT_STATION_CONFIG,
// else keyDir()/station.toml.
std::string stationConfigPath();
// keyDir()/trusted-recorders: the trusted recorders' public keys, used when no --trusted-keys is given.
std::string defaultTrustedRecordersPath();
// Where Pinpoint keeps what it holds for the user: PINPOINT_DATA_DIR, else $XDG_DATA_HOME/pinpoint,
// else ~/.local/share/pinpoint.
std::string dataDir();
// dataDir()/centre.sqlite: the training centre's store when `pinpoint centre` is given no --db.
std::string defaultCentreDatabasePath();

}  // namespace pinpoint::io
