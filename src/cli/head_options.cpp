#include "cli/commands.h"

namespace pinpoint::cli {

void addHeadOptions(CLI::App& command, HeadOptions& options) {
    command.add_option("--model", options.model,
                       "Head model file (default: $PINPOINT_MODEL or Debian's assimp-testmodels human.zae)");
    command.add_option("--zone-file", options.zones, "Zone definition file (default: assets/zones.toml)");
    command.add_flag("--no-cache", options.noCache, "Rebuild the head instead of reading the cache");
}

}  // namespace pinpoint::cli
