#pragma once
// The caches' binary files (the head, the density field): a magic tag, the key the content was made
// for, then vectors of plain values (a 64-bit count, then the values as they lie in memory: the caches
// are this machine's own, read back by the same build). Written to a temporary file and renamed, so a
// reader sees a whole file or none.
#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::io {

template <class T>
void writeVector(std::ostream& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

// False when the file ends early or claims more than `maxCount` values (a damaged file).
template <class T>
bool readVector(std::ifstream& in, std::vector<T>& v, std::uint64_t maxCount) {
    std::uint64_t n = 0;
    if (!in.read(reinterpret_cast<char*>(&n), sizeof n) || n > maxCount) return false;
    v.resize(n);
    return static_cast<bool>(in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

// Writes magic, key, then what `body` writes; false when the file could not be written whole.
bool writeCacheFile(const std::string& path, std::string_view magic, const std::string& key,
                    const std::function<void(std::ostream&)>& body);

// Opens `path` positioned after its magic and key; false (and `in` unusable) when it is missing, not
// such a file, or made for another key.
bool openCacheFile(std::ifstream& in, const std::string& path, std::string_view magic, const std::string& key);

}  // namespace pinpoint::io
