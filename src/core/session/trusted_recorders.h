#pragma once
// The trusted recorders: the public keys of the installations whose recordings an assessor accepts as
// evidence (docs/scoring.md, "Evidence"). A text file, one key per line as `pinpoint key --export`
// prints it, optionally followed by a name; blank lines and lines starting with '#' are skipped:
//
//   # Clinic training room
//   ed25519:a10c…da98  station 1 (room 2)
//
// The demo key is refused: a demo can never be evidence.
#include "core/common/error.h"
#include "core/session/session_signing.h"

#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core {

struct TrustedRecorder {
    PublicKey key{};
    std::string keyId;  // keyId(key)
    std::string name;   // what follows the key on its line (may be empty)
    int line = 0;
};

struct TrustedRecorders {
    std::string file;  // where the list came from; empty when there is none
    std::vector<TrustedRecorder> recorders;

    // The entry for a key id, or null when it is not listed.
    const TrustedRecorder* find(std::string_view keyId) const;
};

Result<TrustedRecorders> parseTrustedRecorders(std::string_view text, const std::string& sourceName);
Result<TrustedRecorders> readTrustedRecorders(const std::string& path);

}  // namespace pinpoint::core
