#include "core/session/session_signing.h"

#include "core/session/session_signing_detail.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cassert>
#include <cstdlib>

namespace pinpoint::core {

namespace signing_detail {

void ensureSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) std::abort();  // libsodium cannot work on this machine: nothing can be signed safely
}

Hash chainStart() {
    ensureSodium();
    return hashOf(kChainDomain);
}

Hash hashOf(std::string_view bytes) {
    Hash out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                       nullptr, 0);
    return out;
}

Hash chainNext(const Hash& previous, std::string_view bytes) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, previous.size());
    crypto_generichash_update(&state, previous.data(), previous.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    Hash out{};
    crypto_generichash_final(&state, out.data(), out.size());
    return out;
}

std::string signedMessage(const Hash& chainBefore, std::string_view prefix) {
    std::string message(kSignatureDomain);
    message.append(reinterpret_cast<const char*>(chainBefore.data()), chainBefore.size());
    message.append(prefix);
    return message;
}

std::string sealOf(const Hash& chain) { return toHex(chain.data(), kSealBytes); }

std::optional<std::string_view> markedPrefix(std::string_view line, std::string_view marker, std::size_t hexDigits) {
    const std::size_t n = marker.size() + hexDigits + 2;
    if (line.size() <= n || line.substr(line.size() - n, marker.size()) != marker ||
        line.substr(line.size() - 2) != "\"}" || !isLowerHex(line.substr(line.size() - n + marker.size(), hexDigits)))
        return std::nullopt;
    return line.substr(0, line.size() - n);
}

std::optional<std::string_view> sealedPrefix(std::string_view line) {
    return markedPrefix(line, kSealMarker, 2 * kSealBytes);
}

}  // namespace signing_detail

using namespace signing_detail;

SigningKey SigningKey::generate() {
    ensureSodium();
    std::array<unsigned char, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    SigningKey key = fromSeed(seed);
    sodium_memzero(seed.data(), seed.size());
    return key;
}

SigningKey SigningKey::fromSeed(const std::array<unsigned char, 32>& seed) {
    ensureSodium();
    SigningKey key;
    crypto_sign_seed_keypair(key.public_.data(), key.secret_.data(), seed.data());
    return key;
}

SigningKey::SigningKey(const SigningKey& other) : secret_(other.secret_), public_(other.public_) {}

SigningKey& SigningKey::operator=(const SigningKey& other) {
    secret_ = other.secret_;
    public_ = other.public_;
    return *this;
}

SigningKey::~SigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

std::array<unsigned char, 32> SigningKey::seed() const {
    std::array<unsigned char, 32> seed{};
    crypto_sign_ed25519_sk_to_seed(seed.data(), secret_.data());
    return seed;
}

std::array<unsigned char, 64> SigningKey::sign(std::string_view message) const {
    std::array<unsigned char, 64> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), secret_.data());
    return signature;
}

std::string toHex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(2 * size, '0');
    for (std::size_t i = 0; i < size; ++i) {
        hex[2 * i] = kDigits[bytes[i] >> 4];
        hex[2 * i + 1] = kDigits[bytes[i] & 0xF];
    }
    return hex;
}

bool signing_detail::isLowerHex(std::string_view text) {
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

template <std::size_t N>
std::optional<std::array<unsigned char, N>> fromHex(std::string_view hex) {
    if (hex.size() != 2 * N || !isLowerHex(hex)) return std::nullopt;
    std::array<unsigned char, N> out{};
    auto value = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    for (std::size_t i = 0; i < N; ++i)
        out[i] = static_cast<unsigned char>(value(hex[2 * i]) * 16 + value(hex[2 * i + 1]));
    return out;
}
template std::optional<std::array<unsigned char, 32>> fromHex<32>(std::string_view);
template std::optional<std::array<unsigned char, 64>> fromHex<64>(std::string_view);

std::optional<PublicKey> parsePublicKey(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.substr(0, 8) == "ed25519:") text.remove_prefix(8);
    return fromHex<32>(text);
}

std::string publicKeyText(const PublicKey& key) { return "ed25519:" + toHex(key); }

std::string keyId(const PublicKey& key) {
    ensureSodium();
    const Hash h = hashOf(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
    return toHex(h.data(), 8);
}

SessionChain::SessionChain() : chain_(chainStart()) {}

std::string SessionChain::seal(std::string_view line) {
    assert(!line.empty() && line.back() == '}');
    const std::string_view prefix = line.substr(0, line.size() - 1);
    chain_ = chainNext(chain_, prefix);
    ++lines_;
    std::string sealed(prefix);
    sealed += kSealMarker;
    sealed += sealOf(chain_);
    sealed += "\"}";
    return sealed;
}

std::string SessionChain::signatureLine(double t, const SigningKey& key, bool final) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["t"] = t;
    j["type"] = "signature";
    j["alg"] = "ed25519";
    j["key_id"] = keyId(key.publicKey());
    j["public_key"] = toHex(key.publicKey());
    j["lines"] = lines_;
    j["chain"] = toHex(chain_);
    j["final"] = final;
    std::string line = j.dump();
    line.pop_back();  // the closing brace: the signature goes last
    const auto signature = key.sign(signedMessage(chain_, line));
    line += kSignatureMarker;
    line += toHex(signature);
    line += "\"}";
    chain_ = chainNext(chain_, line);
    ++lines_;
    return line;
}

std::string withoutSeal(std::string_view line) {
    const std::optional<std::string_view> prefix = sealedPrefix(line);
    return prefix ? std::string(*prefix) + "}" : std::string(line);
}

}  // namespace pinpoint::core
