#pragma once
// Which centre a station sends to, for `pinpoint upload` and `pinpoint start --centre`: the command's
// options first, else the station's configuration (station.toml in the config folder), the token also
// from PINPOINT_CENTRE_TOKEN; the centre's key pinned there on first contact.
#include "station/session_streamer.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace pinpoint::cli {

struct CentreOptions {
    std::string centre;     // --centre URL
    std::string token;      // --token (or PINPOINT_CENTRE_TOKEN)
    std::string centreKey;  // --centre-key ed25519:...
};
// Adds --centre, --token and --centre-key to `command`.
void addCentreOptions(CLI::App& command, CentreOptions& options);

// The settings to reach the centre with. nullopt when no centre is configured (`configured` false), or
// when the configuration is bad or lacks the token (`configured` true; a message naming `command` was
// printed; `command` is "" for the simulator itself). The pin callback writes the centre's key into the configuration when it names this centre,
// or, with `createConfig`, when it names none (the file is created, mode 0600, when missing).
std::optional<station::StreamerSettings> stationSettings(const std::string& command, const CentreOptions& given,
                                                         bool createConfig, bool& configured);

}  // namespace pinpoint::cli
