#pragma once
// Shared by the fuzz targets: the shipped data files the readers need besides the fuzzed input.
// They come from $PINPOINT_ASSETS when it is set, otherwise from the folder compiled in
// (PINPOINT_FUZZ_ASSET_DIR, the repository's assets/). A missing or invalid file stops the fuzzer
// before it starts, since every input would otherwise be tested against the wrong thing.
#include "core/common/error.h"
#include "core/common/toml_reader.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace pinpoint::fuzz {

inline std::string assetPath(const char* name) {
    const char* dir = std::getenv("PINPOINT_ASSETS");
    return std::string(dir && *dir ? dir : PINPOINT_FUZZ_ASSET_DIR) + "/" + name;
}

// Reads and parses one asset with `parse(text, path)`; exits with a message on any problem.
template <class Parse>
auto loadAsset(const char* name, Parse&& parse) {
    const std::string path = assetPath(name);
    const std::optional<std::string> text = core::readTextFile(path);
    if (!text) {
        std::fprintf(stderr, "fuzz: cannot read %s (set PINPOINT_ASSETS to the assets folder)\n", path.c_str());
        std::exit(2);
    }
    auto result = parse(*text, path);
    if (!result) {
        std::fprintf(stderr, "fuzz: %s\n", result.error().describe().c_str());
        std::exit(2);
    }
    return std::move(result.value());
}

}  // namespace pinpoint::fuzz
