#include "io/png_file.h"

#include "core/common/safe_file.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cstring>
#include <limits>

namespace pinpoint::io {

core::Result<bool> writePng(const std::string& path, const RgbaPixels& pixels) {
    const std::size_t expected = std::size_t{pixels.width} * pixels.height * 4;
    if (pixels.width == 0 || pixels.height == 0 || pixels.rgba.size() != expected ||
        pixels.width > static_cast<std::uint32_t>(std::numeric_limits<int>::max() / 4))
        return core::Error{path, 0, 0, "cannot write an empty or malformed image", ""};
    const std::vector<std::uint8_t> png = encodePng(pixels);
    if (png.empty()) return core::Error{path, 0, 0, "cannot encode the PNG image", ""};
    return core::replaceFile(path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
}

std::vector<std::uint8_t> encodePng(const RgbaPixels& pixels) {
    std::vector<std::uint8_t> bytes;
    const std::size_t expected = std::size_t{pixels.width} * pixels.height * 4;
    if (pixels.width == 0 || pixels.height == 0 || pixels.rgba.size() != expected ||
        pixels.width > static_cast<std::uint32_t>(std::numeric_limits<int>::max() / 4))
        return bytes;
    const int w = static_cast<int>(pixels.width), h = static_cast<int>(pixels.height);
    auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* b = static_cast<const std::uint8_t*>(data);
        out->insert(out->end(), b, b + size);
    };
    if (stbi_write_png_to_func(append, &bytes, w, h, 4, pixels.rgba.data(), w * 4) == 0) bytes.clear();
    return bytes;
}

core::Result<RgbaPixels> readPng(const std::string& path) {
    int w = 0, h = 0, channels = 0;
    stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
    if (data == nullptr) {
        const char* why = stbi_failure_reason();
        return core::Error{path, 0, 0, std::string("cannot read the image: ") + (why ? why : "unknown reason"), ""};
    }
    RgbaPixels out;
    out.width = static_cast<std::uint32_t>(w);
    out.height = static_cast<std::uint32_t>(h);
    out.rgba.resize(std::size_t{out.width} * out.height * 4);
    std::memcpy(out.rgba.data(), data, out.rgba.size());
    stbi_image_free(data);
    return out;
}

}  // namespace pinpoint::io
