#include "core/session/centre_receipt.h"

#include <sodium.h>

namespace pinpoint::core {

std::string centreReceiptMessage(const std::string& sessionKey, int lineIndex, const std::string& chainHead,
                                 std::int64_t receivedMs) {
    return "pinpoint centre receipt v1\n" + sessionKey + "\n" + std::to_string(lineIndex) + "\n" + chainHead + "\n" +
           std::to_string(receivedMs) + "\n";
}

bool centreReceiptVerifies(const PublicKey& key, const std::string& signatureHex, const std::string& sessionKey,
                           int lineIndex, const std::string& chainHead, std::int64_t receivedMs) {
    const auto signature = fromHex<64>(signatureHex);
    if (!signature || sodium_init() < 0) return false;
    const std::string message = centreReceiptMessage(sessionKey, lineIndex, chainHead, receivedMs);
    return crypto_sign_verify_detached(signature->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.data()) == 0;
}

}  // namespace pinpoint::core
