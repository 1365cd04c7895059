#pragma once
// The real head, loaded once per test binary (through a cache folder of the test's own).
#include "core/face/head.h"
#include "io/head_loader.h"

#include <doctest/doctest.h>

namespace pinpoint::testing {

inline const core::Head& sharedHead() {
    static const core::Head head = [] {
        io::HeadLoadOptions options;
        options.zoneFilePath = std::string(PINPOINT_SOURCE_DIR) + "/assets/zones.toml";
        options.cacheDir = "pinpoint-test-cache";
        core::Result<core::Head> loaded = io::loadHead(options);
        if (!loaded) FAIL("cannot load the head: " << loaded.error().describe());
        return std::move(*loaded);
    }();
    return head;
}

}  // namespace pinpoint::testing
