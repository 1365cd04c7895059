#pragma once
// The installation's session-signing key (docs/session-format.md, "Signed sessions"): made on first
// use and kept in io::keyDir(): `session-signing.key` (the secret seed, mode 0600, in a 0700 folder)
// and `session-signing.pub` (the public key, for assessors).
#include "core/common/error.h"
#include "core/session/session_signing.h"

#include <string>

namespace pinpoint::io {

std::string secretKeyPath();
std::string publicKeyPath();

// The key, created when there is none yet. Refuses a secret key file others can read.
core::Result<core::SigningKey> installationSigningKey();
// The key `name`.key (and `name`.pub) in `dir`, made the same way when missing: the centre keeps the
// key it signs receipts with so ("centre-receipts" in its key folder).
core::Result<core::SigningKey> signingKeyIn(const std::string& dir, const std::string& name);

// A public key given on the command line: "ed25519:<hex>", the hex alone, or a file holding either
// (such as the output of `pinpoint key --export`).
core::Result<core::PublicKey> readPublicKeyArgument(const std::string& textOrPath);

}  // namespace pinpoint::io
