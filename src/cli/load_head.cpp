#include "cli/load_head.h"

#include "io/head_loader.h"

#include <iostream>

namespace pinpoint::cli {

std::optional<core::Head> loadHeadOrReport(const HeadOptions& options) {
    io::HeadLoadOptions load;
    load.modelPath = options.model;
    load.zoneFilePath = options.zones;
    if (options.noCache) load.cacheDir = "-";
    core::Result<core::Head> head = io::loadHead(load);
    if (!head) {
        std::cerr << "pinpoint: " << head.error().describe() << "\n";
        return std::nullopt;
    }
    return std::move(*head);
}

}  // namespace pinpoint::cli
