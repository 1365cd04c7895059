#include "io/signing_key_store.h"

#include "io/paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pinpoint::io {

namespace {

constexpr std::string_view kSeedPrefix = "ed25519-seed:";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

core::Error keyError(const std::string& path, const std::string& message, const std::string& hint = {}) {
    return core::Error{path, 0, 0, message, hint};
}

// Writes `text` to a new file with `mode`, atomically: a file of that name appears complete or not at
// all. False with errno EEXIST when another process made it first.
bool writeNew(const std::string& path, const std::string& text, mode_t mode) {
    const std::string temporary = path + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return false;
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    const bool linked = written && ::link(temporary.c_str(), path.c_str()) == 0;
    const int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    return linked;
}

core::Result<core::SigningKey> readKey(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return keyError(path, std::string("cannot read the signing key: ") + std::strerror(errno));
    if ((st.st_mode & 077) != 0)
        return keyError(path, "the secret signing key can be read by other users",
                        "make it private: chmod 600 " + path + " (or delete it to make a new key)");
    std::string text = slurp(path);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    if (text.substr(0, kSeedPrefix.size()) != kSeedPrefix) return keyError(path, "this is not a Pinpoint signing key");
    const auto seed = core::fromHex<32>(std::string_view(text).substr(kSeedPrefix.size()));
    if (!seed) return keyError(path, "the signing key is damaged", "delete it to make a new key (sessions signed with it can still be verified with its public key)");
    core::SigningKey key = core::SigningKey::fromSeed(*seed);
    return key;
}

}  // namespace

std::string secretKeyPath() { return keyDir() + "/session-signing.key"; }
std::string publicKeyPath() { return keyDir() + "/session-signing.pub"; }

core::Result<core::SigningKey> signingKeyIn(const std::string& dir, const std::string& name) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) return keyError(dir, "cannot create the key folder: " + ec.message(), "set PINPOINT_KEY_DIR to a folder you can write");
        fs::permissions(dir, fs::perms::owner_all, ec);
    }
    const std::string path = dir + "/" + name + ".key";
    const std::string publicPath = dir + "/" + name + ".pub";
    if (!fs::exists(path, ec)) {
        core::SigningKey fresh = core::SigningKey::generate();
        auto seed = fresh.seed();
        const std::string text = std::string(kSeedPrefix) + core::toHex(seed) + "\n";
        std::fill(seed.begin(), seed.end(), 0);
        if (!writeNew(path, text, 0600) && errno != EEXIST)
            return keyError(path, std::string("cannot write the signing key: ") + std::strerror(errno),
                            "set PINPOINT_KEY_DIR to a folder you can write");
    }
    core::Result<core::SigningKey> key = readKey(path);
    if (key && !fs::exists(publicPath, ec)) {
        writeNew(publicPath, core::publicKeyText(key->publicKey()) + "\n", 0644);  // best effort: derivable
    }
    return key;
}

core::Result<core::SigningKey> installationSigningKey() { return signingKeyIn(keyDir(), "session-signing"); }

core::Result<core::PublicKey> readPublicKeyArgument(const std::string& textOrPath) {
    if (const auto key = core::parsePublicKey(textOrPath)) return *key;
    std::error_code ec;
    if (std::filesystem::is_regular_file(textOrPath, ec)) {
        if (const auto key = core::parsePublicKey(slurp(textOrPath))) return *key;
        return keyError(textOrPath, "this file does not hold a public key",
                        "expected one line 'ed25519:<64 hex digits>', as `pinpoint key --export` prints");
    }
    return keyError("", "'" + textOrPath + "' is neither a public key nor a file holding one",
                    "give 'ed25519:<64 hex digits>' or the file `pinpoint key --export` wrote");
}

}  // namespace pinpoint::io
