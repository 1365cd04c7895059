#pragma once
// The training centre's receipt for a chain head it holds (docs/centre.md, "The API"): the centre signs
// these bytes with its own key when it stores a batch; a station checks the signature against the key
// it pinned. Both ends build the bytes here, so they cannot drift apart.
#include "core/session/session_signing.h"

#include <cstdint>
#include <string>

namespace pinpoint::core {

// "pinpoint centre receipt v1\n<session key>\n<line index>\n<chain hash>\n<received ms>\n"
std::string centreReceiptMessage(const std::string& sessionKey, int lineIndex, const std::string& chainHead,
                                 std::int64_t receivedMs);

// True when `signatureHex` (128 hex digits) is `key`'s Ed25519 signature over that message.
bool centreReceiptVerifies(const PublicKey& key, const std::string& signatureHex, const std::string& sessionKey,
                           int lineIndex, const std::string& chainHead, std::int64_t receivedMs);

}  // namespace pinpoint::core
