#include "core/session/demo_key.h"

#include "core/session/session_signing_detail.h"

namespace pinpoint::core {

const SigningKey& demoSigningKey() {
    static const SigningKey key = [] {
        signing_detail::ensureSodium();
        return SigningKey::fromSeed(signing_detail::hashOf(kDemoKeyText));
    }();
    return key;
}

const PublicKey& demoPublicKey() { return demoSigningKey().publicKey(); }

bool isDemoKey(const PublicKey& key) { return key == demoPublicKey(); }

bool isDemoKeyId(std::string_view id) {
    static const std::string demoId = keyId(demoPublicKey());
    return !id.empty() && id == demoId;
}

bool textNamesDemoKey(std::string_view text) {
    static const std::string hex = toHex(demoPublicKey());
    return text.find(hex) != std::string_view::npos;
}

}  // namespace pinpoint::core
