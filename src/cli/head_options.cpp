#include "cli/commands.h"

#include <cstdio>

namespace pinpoint::cli {

void addHeadOptions(CLI::App& command, HeadOptions& options) {
    command.add_option("--model", options.model,
                       "Head model file (default: $PINPOINT_MODEL or Debian's assimp-testmodels human.zae)");
    command.add_option("--zone-file", options.zones, "Zone definition file (default: assets/zones.toml)");
    command.add_flag("--no-cache", options.noCache, "Rebuild the head instead of reading the cache");
}

bool parseWindowSize(const std::string& command, const std::string& text, unsigned minWidth, unsigned minHeight,
                     int& width, int& height) {
    unsigned w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%u%c%u%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || w < minWidth ||
        h < minHeight || w > 8192 || h > 8192) {
        std::fprintf(stderr, "%s: bad --size '%s': expected WIDTHxHEIGHT, at least %ux%u\n", command.c_str(), text.c_str(),
                     minWidth, minHeight);
        return false;
    }
    width = static_cast<int>(w);
    height = static_cast<int>(h);
    return true;
}

}  // namespace pinpoint::cli
