#pragma once
// Internal to session signing and verification (not part of the core API).
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace pinpoint::core::signing_detail {

using Hash = std::array<unsigned char, 32>;

inline constexpr std::string_view kChainDomain = "pinpoint-session-chain-v1";
inline constexpr std::string_view kSignatureDomain = "pinpoint-session-signature-v1\n";
inline constexpr std::string_view kSealMarker = ",\"h\":\"";
inline constexpr std::string_view kSignatureMarker = ",\"sig\":\"";
inline constexpr std::size_t kSealBytes = 8;  // 16 hex digits of the chain hash on every line

void ensureSodium();
Hash hashOf(std::string_view bytes);
Hash chainStart();
Hash chainNext(const Hash& previous, std::string_view bytes);
// What a signature line signs: a domain tag, the chain before the line, the line up to its "sig".
std::string signedMessage(const Hash& chainBefore, std::string_view prefix);
std::string sealOf(const Hash& chain);
bool isLowerHex(std::string_view text);

// The line before `marker` when the line ends with marker + hexDigits lower-case hex + "}.
std::optional<std::string_view> markedPrefix(std::string_view line, std::string_view marker, std::size_t hexDigits);
// The bytes of a sealed line that its seal covers (everything before `,"h":"`).
std::optional<std::string_view> sealedPrefix(std::string_view line);

}  // namespace pinpoint::core::signing_detail
