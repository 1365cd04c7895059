// Checking a session file's hash chain and signatures (docs/session-format.md, "Signed sessions").
// Works on the bytes alone, before any JSON reading, so any change to any byte is found at its line.
#include "core/session/demo_key.h"
#include "core/session/session_signing.h"
#include "core/session/session_signing_detail.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cstdio>
#include <vector>

namespace pinpoint::core {

namespace {

using namespace signing_detail;

struct Line {
    std::string_view text;
    bool complete = true;  // ended by '\n'
};

std::vector<Line> splitLines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back({text.substr(start), false});
            break;
        }
        lines.push_back({text.substr(start, end - start), true});
        start = end + 1;
    }
    return lines;
}

enum class SignatureReading { Good, Malformed, BadSignature };

struct SignatureLine {
    SignatureReading reading = SignatureReading::Malformed;
    PublicKey key{};
    double t = 0.0;
    bool final = false;
};

// Reads signature line `number` (1-based; `prefix` is the line before its "sig") and checks its
// signature over `chain`, the chain before the line. One rule for the file verifier and the centre.
SignatureLine readSignatureLine(int number, std::string_view line, std::string_view prefix, const Hash& chain) {
    SignatureLine out;
    const nlohmann::json j = nlohmann::json::parse(std::string(prefix) + "}", nullptr, false);
    const auto text = [&](const char* key) -> std::string {
        return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
    };
    const std::optional<PublicKey> key = fromHex<32>(text("public_key"));
    const bool wellFormed = j.is_object() && text("type") == "signature" && text("alg") == "ed25519" && key &&
                            text("key_id") == keyId(*key) && j.contains("lines") && j["lines"].is_number_integer() &&
                            j["lines"].get<long long>() == number - 1 && text("chain") == toHex(chain) &&
                            j.contains("final") && j["final"].is_boolean() && j.contains("t") && j["t"].is_number();
    if (!wellFormed) return out;
    const auto sig = fromHex<64>(line.substr(prefix.size() + kSignatureMarker.size(), 128));
    const std::string message = signedMessage(chain, prefix);
    out.reading = crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                              message.size(), key->data()) == 0
                      ? SignatureReading::Good
                      : SignatureReading::BadSignature;
    out.key = *key;
    out.t = j["t"].get<double>();
    out.final = j["final"].get<bool>();
    return out;
}

bool carriesChain(std::string_view line) {
    return sealedPrefix(line) || markedPrefix(line, kSignatureMarker, 128);
}

std::string timeText(double t) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f s", t);
    return buffer;
}

class Verifier {
public:
    Verifier(std::string_view text, const std::optional<PublicKey>& trusted) : text_(text), trusted_(trusted) {}

    SignatureCheck run() {
        ensureSodium();
        const std::vector<Line> lines = splitLines(text_);
        if (lines.empty()) return finish(SignatureStatus::Unsigned, 0, "the file is empty: it is not a signed session");
        bool anyChain = false;
        for (const Line& l : lines) anyChain = anyChain || carriesChain(l.text);
        if (!anyChain && lines.size() == 1 && !lines[0].complete)
            return truncated(1, " (line 1 is incomplete: the recording stopped mid-line)");
        if (!anyChain)
            return finish(SignatureStatus::Unsigned, 1,
                          "the session is not signed: no line carries a chain hash (written by hand or by another tool)");
        Hash chain = chainStart();
        bool closed = false;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const int number = static_cast<int>(i) + 1;
            const std::string_view line = lines[i].text;
            if (!lines[i].complete) return truncated(number, " (line " + std::to_string(number) +
                                                                 " is incomplete: the recording stopped mid-line)");
            if (closed) return changed(number, "line " + std::to_string(number) + " comes after the closing signature: "
                                                "lines were added to the file after it was signed");
            if (const auto prefix = markedPrefix(line, kSignatureMarker, 128)) {
                std::optional<SignatureCheck> problem = signature(number, line, *prefix, chain, closed);
                if (problem) return *problem;
                chain = chainNext(chain, line);
            } else if (const auto sealed = sealedPrefix(line)) {
                chain = chainNext(chain, *sealed);
                if (line.substr(sealed->size() + kSealMarker.size(), 2 * kSealBytes) != sealOf(chain))
                    return changed(number, "line " + std::to_string(number) + " was changed (its chain hash does not match)");
            } else {
                return changed(number, "line " + std::to_string(number) + " was changed (it carries no chain hash)");
            }
        }
        const int last = static_cast<int>(lines.size());
        if (!closed) return truncated(last, "");
        check_.keyTrusted = trusted_.has_value();
        return finish(SignatureStatus::Intact, last,
                      "signed and intact: " + std::to_string(last) + " lines, closed by the signature on line " +
                          std::to_string(last) + " (key " + check_.keyId + ")");
    }

private:
    // Checks a signature line; nullopt when it verifies.
    std::optional<SignatureCheck> signature(int number, std::string_view line, std::string_view prefix,
                                            const Hash& chain, bool& closed) {
        const std::string n = std::to_string(number);
        const SignatureLine s = readSignatureLine(number, line, prefix, chain);
        if (s.reading == SignatureReading::Malformed)
            return changed(number, "line " + n + " was changed (its signature line no longer reads as one)");
        if (s.reading == SignatureReading::BadSignature)
            return changed(number, "line " + n + " was changed (its signature does not verify)");
        if (!check_.publicKey.empty() && check_.publicKey != publicKeyText(s.key))
            return changed(number, "line " + n + " is signed by another key than the lines before it");
        check_.keyId = keyId(s.key);
        check_.publicKey = publicKeyText(s.key);
        if (trusted_ && *trusted_ != s.key)
            return finish(SignatureStatus::WrongKey, number,
                          "line " + n + " is signed by key " + check_.keyId + ", not by the trusted key " + keyId(*trusted_));
        check_.signedLines = number;
        check_.signedUpToT = s.t;
        closed = s.final;
        return std::nullopt;
    }

    SignatureCheck truncated(int line, const std::string& why) {
        std::string message = "the file ends at line " + std::to_string(line) + " without a signature: truncated or unsigned" + why;
        if (check_.signedLines > 0)
            message += "; lines 1-" + std::to_string(check_.signedLines) + " are covered by a checkpoint signature (up to t = " +
                       timeText(check_.signedUpToT) + ")";
        return finish(SignatureStatus::Truncated, line, message);
    }
    SignatureCheck changed(int line, std::string message) { return finish(SignatureStatus::Changed, line, std::move(message)); }
    SignatureCheck finish(SignatureStatus status, int line, std::string message) {
        check_.status = status;
        check_.line = line;
        check_.message = std::move(message);
        return check_;
    }

    std::string_view text_;
    const std::optional<PublicKey>& trusted_;
    SignatureCheck check_;
};

}  // namespace

SignatureCheck verifySessionText(std::string_view text, const std::optional<PublicKey>& trusted) {
    return Verifier(text, trusted).run();
}

const char* signatureStatusName(SignatureStatus status) {
    switch (status) {
        case SignatureStatus::Intact: return "intact";
        case SignatureStatus::Unsigned: return "unsigned";
        case SignatureStatus::Truncated: return "truncated";
        case SignatureStatus::Changed: return "changed";
        case SignatureStatus::WrongKey: return "wrong_key";
    }
    return "unknown";
}

std::string signatureSummary(const SignatureCheck& c) {
    switch (c.status) {
        case SignatureStatus::Intact:
            if (isDemoKeyId(c.keyId)) return "signed and intact with the demo key (" + c.keyId + "): a demo, never evidence";
            return "signed and intact (key " + c.keyId + (c.keyTrusted ? ", the trusted key)" : "; not checked against a trusted key)");
        case SignatureStatus::Unsigned: return "NOT signed: " + c.message;
        case SignatureStatus::Truncated: return "signed but NOT closed: " + c.message;
        case SignatureStatus::Changed: return "signature BROKEN: " + c.message;
        case SignatureStatus::WrongKey: return "signed by an UNTRUSTED key: " + c.message;
    }
    return c.message;
}

ChainState chainAtStart() { return signing_detail::chainStart(); }

Result<ChainLink> continueChain(const ChainState& before, int number, std::string_view line) {
    using namespace signing_detail;
    ensureSodium();
    const std::string n = std::to_string(number);
    ChainLink link;
    if (const auto prefix = markedPrefix(line, kSignatureMarker, 128)) {
        const SignatureLine s = readSignatureLine(number, line, *prefix, before);
        if (s.reading == SignatureReading::Malformed)
            return Error{"", number, 0, "line " + n + " is not a signature line that follows the lines before it", ""};
        if (s.reading == SignatureReading::BadSignature)
            return Error{"", number, 0, "line " + n + ": its signature does not verify", ""};
        link.chain = chainNext(before, line);
        link.signature = true;
        link.final = s.final;
    } else if (const auto sealed = sealedPrefix(line)) {
        link.chain = chainNext(before, *sealed);
        if (line.substr(sealed->size() + kSealMarker.size(), 2 * kSealBytes) != sealOf(link.chain))
            return Error{"", number, 0, "line " + n + ": its chain hash does not follow from the lines before it", ""};
    } else {
        return Error{"", number, 0, "line " + n + " carries no chain hash (not a line of a signed session)", ""};
    }
    link.seal = sealOf(link.chain);
    return link;
}

}  // namespace pinpoint::core
