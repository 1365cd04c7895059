// libFuzzer target: the session reader (core::parseSession), without and with the tool catalogue.
// The reader must return a Result for any bytes: no crash, hang, leak or exception.
#include "fuzz_support.h"

#include "core/session/session_file.h"
#include "core/tools/tool_catalogue.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace {
std::optional<pinpoint::core::ToolCatalogue> catalogue;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    catalogue = pinpoint::fuzz::loadAsset("tools.toml", pinpoint::core::parseToolCatalogue);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pinpoint::core;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const ToolCatalogue* const catalogues[] = {nullptr, &*catalogue};
    for (const ToolCatalogue* tools : catalogues) {
        const Result<Session> session = parseSession(text, "fuzz.pps", tools);
        if (!session) (void)session.error().describe();
    }
    return 0;
}
