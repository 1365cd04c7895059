#include "cli/station_setup.h"

#include "io/paths.h"
#include "station/http_retry.h"
#include "station/station_config.h"

#include <iostream>

namespace pinpoint::cli {

void addCentreOptions(CLI::App& command, CentreOptions& o) {
    command.add_option("--centre", o.centre,
                       "The training centre's URL, e.g. https://centre.example or http://127.0.0.1:8750 (default: "
                       "centre in the station's configuration, station.toml)");
    // From the environment too: a token on the command line shows in every user's process list.
    command.add_option("--token", o.token, "This station's token (pinpoint centre add-station; default: token in station.toml)")
        ->envname("PINPOINT_CENTRE_TOKEN");
    command.add_option("--centre-key", o.centreKey,
                       "The centre's public key (ed25519:..., what its /api/v1/health says); default: the key pinned in "
                       "station.toml on first contact");
}

std::optional<station::StreamerSettings> stationSettings(const std::string& command, const CentreOptions& given,
                                                         bool createConfig, bool& configured) {
    const std::string who = command.empty() ? "pinpoint" : "pinpoint " + command;
    const std::string path = io::stationConfigPath();
    const core::Result<station::StationConfig> config = station::loadStationConfig(path);
    configured = !given.centre.empty() || (config && !config->centre.empty());
    if (!config) {
        configured = true;
        std::cerr << who << ": " << config.error().describe() << "\n";
        return std::nullopt;
    }
    if (!configured) return std::nullopt;
    station::StreamerSettings s;
    s.centre = given.centre.empty() ? config->centre : given.centre;
    s.token = given.token.empty() ? config->token : given.token;
    if (!station::httpTarget(s.centre)) {
        std::cerr << who << ": --centre " << s.centre
                  << ": give a URL starting http:// or https://, such as http://127.0.0.1:8750\n";
        return std::nullopt;
    }
    if (s.token.empty()) {
        std::cerr << who << ": no token for the centre at " << s.centre
                  << ": give --token, set PINPOINT_CENTRE_TOKEN, or write token = \"...\" in " << path
                  << " (pinpoint centre add-station NAME on the centre prints one)\n";
        return std::nullopt;
    }
    // The key pinned for this centre: a configuration naming another centre pins nothing for this one.
    const bool sameCentre = config->centre == s.centre || (createConfig && config->centre.empty());
    if (!given.centreKey.empty()) {
        s.centreKey = core::parsePublicKey(given.centreKey);
        if (!s.centreKey) {
            std::cerr << who << ": --centre-key " << given.centreKey
                      << ": not a public key (write it as ed25519:<64 hex digits>)\n";
            return std::nullopt;
        }
    } else if (sameCentre) {
        s.centreKey = config->centreKey;
    }
    if (!s.centreKey && sameCentre) {
        s.pin = [path, who, centre = s.centre](const core::PublicKey& key) {
            std::string why;
            if (station::pinCentreKey(path, centre, key, why))
                std::cerr << who << ": the centre's key " << core::publicKeyText(key) << " is pinned in "
                          << path << "\n";
            else
                std::cerr << who << ": " << why << "\n";
        };
    }
    return s;
}

}  // namespace pinpoint::cli
