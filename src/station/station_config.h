#pragma once
// A station's configuration (docs/centre.md, "Stations"): which centre it streams its sessions to,
// with which token, and the centre's public key, pinned on first contact so that a station never
// sends to (or takes receipts from) another server posing as its centre.
//
//     # station.toml (mode 0600: it holds the token)
//     centre = "https://centre.academy.example"
//     token = "<64 hex digits from pinpoint centre add-station>"
//     centre_key = "ed25519:<64 hex>"     # written by the station on first contact
#include "core/common/error.h"
#include "core/session/session_signing.h"

#include <optional>
#include <string>

namespace pinpoint::station {

struct StationConfig {
    std::string path;                          // the file it came from (where the key is pinned)
    std::string centre;                        // the centre's URL; "" when none is configured
    std::string token;                         // "" when none: PINPOINT_CENTRE_TOKEN gives it
    std::optional<core::PublicKey> centreKey;  // the centre's key, once pinned
};

// Reads `path`; a missing file is an empty configuration (no centre). An Error located in the file
// for a bad value, and when the file can be read by other users (it holds the station's token).
core::Result<StationConfig> loadStationConfig(const std::string& path);

// Records `key` as the key of the centre at `centre` in the file (created with mode 0600 when missing,
// else a line added or replaced; `centre = ...` added when the file names none; written atomically).
// False with `why` when it cannot be written.
bool pinCentreKey(const std::string& path, const std::string& centre, const core::PublicKey& key, std::string& why);

}  // namespace pinpoint::station
