#include "io/cache_file.h"

#include <filesystem>

#include <unistd.h>

namespace pinpoint::io {

bool writeCacheFile(const std::string& path, std::string_view magic, const std::string& key,
                    const std::function<void(std::ofstream&)>& body) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const std::string temporary = path + ".tmp" + std::to_string(static_cast<unsigned long>(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out.write(magic.data(), static_cast<std::streamsize>(magic.size()));
        const auto keyLength = static_cast<std::uint32_t>(key.size());
        out.write(reinterpret_cast<const char*>(&keyLength), sizeof keyLength);
        out.write(key.data(), keyLength);
        body(out);
        if (!out.flush()) {
            std::filesystem::remove(temporary, ec);
            return false;
        }
    }
    std::filesystem::rename(temporary, path, ec);
    if (ec) std::filesystem::remove(temporary, ec);
    return !ec;
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
