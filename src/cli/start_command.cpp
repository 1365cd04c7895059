// `pinpoint` with no subcommand: start the simulator on the default scenario. Until the Vulkan
// window lands (issue: the trainee's simulator), it loads everything the session needs and prints
// what the trainee would be shown.
#include "cli/commands.h"
#include "cli/load_head.h"

#include <cstdio>
#include <memory>

namespace pinpoint::cli {

Runner addStartCommand(CLI::App& app) {
    auto options = std::make_shared<HeadOptions>();
    addHeadOptions(app, *options);
    return [options]() {
        const std::optional<core::Head> head = loadHeadOrReport(*options);
        if (!head) return kExitBadInput;
        std::size_t zones = 0, forbidden = 0;
        for (const core::Area& a : head->zoneFile.zones.areas) (a.kind == core::AreaKind::Treatment ? zones : forbidden)++;
        std::printf("Pinpoint %s\n", PINPOINT_VERSION);
        std::printf("Head loaded: %zu triangles, %zu treatment zones, %zu forbidden areas.\n",
                    head->mesh().triangleCount(), zones, forbidden);
        std::printf("The interactive window is not built yet; this release provides the head and its zones.\n");
        std::printf("Try:  pinpoint model        (zones, areas and centroids)\n");
        std::printf("      pinpoint model --json (the same, for tools)\n");
        return kExitOk;
    };
}

}  // namespace pinpoint::cli
