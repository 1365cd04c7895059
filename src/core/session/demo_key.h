#pragma once
// The demo key: the one Ed25519 key `pinpoint demo` signs its sessions with (docs/session-format.md,
// "Demo sessions"). It is derived from a fixed text, so every installation knows it and recognises a
// demo signature, and its secret is no secret: a signature by it proves nothing about who recorded a
// file. A session signed by it is a demo whatever its header says, and it can never be a trusted
// recorder key.
#include "core/session/session_signing.h"

#include <string_view>

namespace pinpoint::core {

// The key pair, made from BLAKE2b-256 of kDemoKeyText.
const SigningKey& demoSigningKey();
const PublicKey& demoPublicKey();
bool isDemoKey(const PublicKey& key);
bool isDemoKeyId(std::string_view keyId);  // keyId() of the demo key

// True when a session file's text holds the demo key's public key anywhere (as its signature lines
// do). Checked on the bytes, so a demo is still recognised when its chain breaks before the first
// signature; a false alarm can only make a file count as a demo, never the other way round.
bool textNamesDemoKey(std::string_view sessionText);

inline constexpr std::string_view kDemoKeyText =
    "pinpoint-demo-signing-key-v1: well known; a session signed with it is a demonstration, never evidence";

}  // namespace pinpoint::core
