#include "io/cache_file.h"

#include "core/common/safe_file.h"

#include <filesystem>

#include <unistd.h>

namespace pinpoint::io {

bool writeCacheFile(const std::string& path, std::string_view magic, const std::string& key,
                    const std::function<void(std::ostream&)>& body) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    core::Result<core::FileReplacement> replacement = core::FileReplacement::write(path, [&](std::ostream& out) {
        out.write(magic.data(), static_cast<std::streamsize>(magic.size()));
        const auto keyLength = static_cast<std::uint32_t>(key.size());
        out.write(reinterpret_cast<const char*>(&keyLength), sizeof keyLength);
        out.write(key.data(), keyLength);
        body(out);
        return static_cast<bool>(out);
    });
    return replacement && replacement->commit().ok();
}

bool openCacheFile(std::ifstream& in, const std::string& path, std::string_view magic, const std::string& key) {
    in.open(path, std::ios::binary);
    if (!in) return false;
    std::string storedMagic(magic.size(), '\0');
    std::uint32_t keyLength = 0;
    if (!in.read(storedMagic.data(), static_cast<std::streamsize>(magic.size())) || storedMagic != magic) return false;
    if (!in.read(reinterpret_cast<char*>(&keyLength), sizeof keyLength) || keyLength != key.size()) return false;
    std::string storedKey(keyLength, '\0');
    return in.read(storedKey.data(), keyLength) && storedKey == key;
}

}  // namespace pinpoint::io
