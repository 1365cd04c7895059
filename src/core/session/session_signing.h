#pragma once
// Tamper evidence for session files (docs/session-format.md, "Signed sessions"): a hash chain over
// the lines and Ed25519 signatures over the chain, with libsodium.
//
// Every line of a signed session ends with `,"h":"<16 hex>"}`: the first 64 bits of the chain hash
// through that line, c_i = BLAKE2b-256(c_{i-1} || the line's bytes before `,"h":"`). A `signature`
// line signs the chain so far; the last line of a finished recording is a signature with
// "final":true. Readers that ignore unknown fields and event types read signed files unchanged.
#include "core/common/error.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace pinpoint::core {

using PublicKey = std::array<unsigned char, 32>;

// An Ed25519 key pair. The secret part is wiped when the object goes away.
class SigningKey {
public:
    // A new random key.
    static SigningKey generate();
    // The key made from a 32-byte seed (as stored on disk).
    static SigningKey fromSeed(const std::array<unsigned char, 32>& seed);
    SigningKey(const SigningKey& other);
    SigningKey& operator=(const SigningKey& other);
    ~SigningKey();

    const PublicKey& publicKey() const { return public_; }
    std::array<unsigned char, 32> seed() const;
    // 64 bytes of signature over `message`.
    std::array<unsigned char, 64> sign(std::string_view message) const;

private:
    SigningKey() = default;
    std::array<unsigned char, 64> secret_{};
    PublicKey public_{};
};

std::string toHex(const unsigned char* bytes, std::size_t size);
template <std::size_t N>
std::string toHex(const std::array<unsigned char, N>& bytes) { return toHex(bytes.data(), N); }
// Lower-case hexadecimal of exactly N bytes; nullopt for anything else (upper case included).
template <std::size_t N>
std::optional<std::array<unsigned char, N>> fromHex(std::string_view hex);

// "ed25519:<64 hex>" or the 64 hex digits alone, surrounding white space ignored.
std::optional<PublicKey> parsePublicKey(std::string_view text);
std::string publicKeyText(const PublicKey& key);  // "ed25519:<64 hex>"
// A short name for a key: the first 16 hex digits of BLAKE2b-256 of the public key.
std::string keyId(const PublicKey& key);

// The running chain of a signed recording: seals each line and makes signature lines.
class SessionChain {
public:
    SessionChain();
    // `line` is one JSON object (no newline) that ends with '}' and carries no seal; returns it sealed.
    std::string seal(std::string_view line);
    // A signature line over every line sealed so far (it joins the chain itself). `t` is the time of
    // the last event; `final` marks the closing signature of a finished recording.
    std::string signatureLine(double t, const SigningKey& key, bool final);
    int lines() const { return lines_; }

private:
    std::array<unsigned char, 32> chain_{};
    int lines_ = 0;
};

// Continuing a chain one line at a time from a kept state: the centre stores a session as its lines
// arrive and keeps only the chain after the last one. ChainState is the full chain hash; a line's
// seal ("h") is its first 8 bytes, so the state cannot be rebuilt from the seals alone.
using ChainState = std::array<unsigned char, 32>;
ChainState chainAtStart();  // the chain before line 1

struct ChainLink {
    ChainState chain{};      // the chain through the line
    std::string seal;        // its first 16 hex digits: the line's "h" (computed for a signature line)
    bool signature = false;  // the line is a signature line
    bool final = false;      // ... the closing signature of a finished recording
};

// The chain through line `number` (1-based) of a signed session, given the chain before it. An Error
// (message only, no file) when the line's seal or signature does not verify against `before`, or it
// carries neither; the same checks verifySessionText makes on that line.
Result<ChainLink> continueChain(const ChainState& before, int number, std::string_view line);

// A line as written, without the `,"h":"…"` seal a signed session puts on it (other lines unchanged).
std::string withoutSeal(std::string_view line);

enum class SignatureStatus {
    Intact,     // every line verifies and the closing signature is good
    Unsigned,   // no line carries a seal: written by hand or by another tool
    Truncated,  // every line there verifies, but the file ends without its closing signature
    Changed,    // a line does not verify
    WrongKey,   // intact, but signed by another key than the one trusted
};

struct SignatureCheck {
    SignatureStatus status = SignatureStatus::Unsigned;
    int line = 0;             // the first line that does not verify (or where the file ends)
    std::string message;      // one sentence, for people
    std::string keyId;        // the key that signed it (when a signature was read)
    std::string publicKey;    // publicKeyText of that key
    int signedLines = 0;      // lines covered by the last good signature
    double signedUpToT = 0.0; // the t of that signature
    bool keyTrusted = false;  // checked against a key given by the caller
};

// Checks a whole session file's text. With `trusted`, the signatures must be by that key.
SignatureCheck verifySessionText(std::string_view text, const std::optional<PublicKey>& trusted = std::nullopt);

const char* signatureStatusName(SignatureStatus status);  // "intact", "unsigned", "truncated", "changed", "wrong_key"
// One line for score, review and report output: "signed and intact (key 1a2b…)", "NOT signed: …".
std::string signatureSummary(const SignatureCheck& check);

}  // namespace pinpoint::core
