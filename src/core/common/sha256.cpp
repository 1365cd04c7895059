#include "core/common/sha256.h"

#include <sodium.h>

#include <array>
#include <fstream>

namespace pinpoint::core {

namespace {
std::string toHex(const unsigned char* digest) {
    static const char* digits = "0123456789abcdef";
    std::string hex(2 * crypto_hash_sha256_BYTES, '0');
    for (std::size_t i = 0; i < crypto_hash_sha256_BYTES; ++i) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 0xF];
    }
    return hex;
}
}  // namespace

std::string sha256Hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return toHex(digest);
}

std::optional<std::string> sha256HexOfFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        const std::streamsize n = in.gcount();
        if (n > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()), n);
    }
    if (in.bad()) return std::nullopt;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    return toHex(digest);
}

}  // namespace pinpoint::core
