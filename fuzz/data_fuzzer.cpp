// libFuzzer target: the readers of the shipped data files (zones, tools, rubric, conditions), each
// given the same bytes. Each must return a Result for any bytes: no crash, hang, leak or exception.
#include "core/face/zone_file.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/tools/tool_catalogue.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

template <class T>
void consume(const pinpoint::core::Result<T>& result) {
    if (!result) (void)result.error().describe();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pinpoint::core;
    const std::string text(reinterpret_cast<const char*>(data), size);
    consume(parseZoneFile(text, "fuzz-zones.toml"));
    consume(parseToolCatalogue(text, "fuzz-tools.toml"));
    consume(parseRubric(text, "fuzz-rubric.toml"));
    consume(parseConditionCatalogue(text, "fuzz-conditions.toml"));
    return 0;
}
