#pragma once
// PNG files for rendered pictures and golden images: 8-bit RGBA, rows top to bottom.
#include "core/common/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pinpoint::io {

struct RgbaPixels {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4
};

// Writes `pixels` as a PNG; an Error names the path when it cannot be written.
core::Result<bool> writePng(const std::string& path, const RgbaPixels& pixels);
// The bytes of a PNG file of `pixels` (empty for an empty or malformed image).
std::vector<std::uint8_t> encodePng(const RgbaPixels& pixels);
// Reads any PNG as 8-bit RGBA.
core::Result<RgbaPixels> readPng(const std::string& path);

}  // namespace pinpoint::io
