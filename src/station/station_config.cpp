#include "station/station_config.h"
#include "core/common/safe_file.h"

#include "core/common/toml_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace pinpoint::station {

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

core::Result<StationConfig> loadStationConfig(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return StationConfig{path, "", "", std::nullopt};
        return core::Error{path, 0, 0, std::string("cannot read the station's configuration: ") + std::strerror(errno), ""};
    }
    if ((st.st_mode & 077) != 0)
        return core::Error{path, 0, 0, "the station's configuration can be read by other users, and it holds the station's token",
                           "make it private: chmod 600 " + path};
    using Build = std::function<StationConfig(const core::TomlReader&, const toml::table&)>;
    const Build build = [&](const core::TomlReader& r, const toml::table& root) {
        r.onlyKeys(root, {"centre", "token", "centre_key"}, "the station's configuration");
        StationConfig c{path, r.stringOr(root, "centre", "", "centre"), r.stringOr(root, "token", "", "token"), std::nullopt};
        if (const toml::node* key = root.get("centre_key")) {
            c.centreKey = core::parsePublicKey(r.string(*key, "centre_key"));
            if (!c.centreKey)
                r.fail(key, "centre_key is not a public key", "write it as ed25519:<64 hex digits>, or remove the line to pin the centre's key again");
        }
        if (!c.centre.empty() && c.centre.rfind("http://", 0) != 0 && c.centre.rfind("https://", 0) != 0)
            r.fail(root.get("centre"), "centre must be a URL starting http:// or https://", "such as https://centre.academy.example");
        return c;
    };
    return core::parseTomlDocument<StationConfig>(slurp(path), path, "the station's configuration", build);
}

bool pinCentreKey(const std::string& path, const std::string& centre, const core::PublicKey& key, std::string& why) {
    std::string text = slurp(path);
    if (!std::regex_search(text, std::regex(R"((^|\n)[ \t]*centre[ \t]*=)"))) text = "centre = \"" + centre + "\"\n" + text;
    const std::string line = "centre_key = \"" + core::publicKeyText(key) + "\"  # the centre's receipt key, pinned on first contact";
    const std::regex existing(R"((^|\n)[ \t]*centre_key[ \t]*=[^\n]*)");
    if (std::regex_search(text, existing)) {
        text = std::regex_replace(text, existing, "$1" + line, std::regex_constants::format_first_only);
    } else {
        if (!text.empty() && text.back() != '\n') text += '\n';
        text += line + "\n";
    }
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (const core::Result<bool> replaced = core::replaceFile(path, text, 0600); !replaced) {  // it holds the station's token
        why = path + ": cannot pin the centre's key: " + replaced.error().message;
        return false;
    }
    return true;
}

}  // namespace pinpoint::station
