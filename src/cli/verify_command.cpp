// `pinpoint verify SESSION [--key PUBKEY]`: is a session file signed, complete and unchanged?
// `pinpoint key [--export]`: the installation's signing key (made on first use).
#include "cli/commands.h"
#include "core/session/demo_key.h"
#include "core/session/session_signing.h"
#include "io/paths.h"
#include "io/signing_key_store.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace pinpoint::cli {

namespace {
struct VerifyOptions {
    std::string session;
    std::string key;
    bool json = false;
};
}  // namespace

Runner addVerifyCommand(CLI::App& app) {
    auto o = std::make_shared<VerifyOptions>();
    CLI::App* cmd = app.add_subcommand(
        "verify", "Check a session's hash chain and signature: exit 0 when signed and intact, 2 otherwise");
    cmd->add_option("session", o->session, "Session file (*.pps)")->required();
    cmd->add_option("--key", o->key,
                    "The public key the session must be signed with: 'ed25519:<hex>' or a file holding it "
                    "(from `pinpoint key --export` on the recording machine)");
    cmd->add_flag("--json", o->json, "Print the result as JSON");
    return [o]() {
        std::optional<core::PublicKey> trusted;
        if (!o->key.empty()) {
            core::Result<core::PublicKey> key = io::readPublicKeyArgument(o->key);
            if (!key) {
                std::cerr << "pinpoint verify: " << key.error().describe() << "\n";
                return kExitBadInput;
            }
            trusted = *key;
        }
        std::ifstream in(o->session, std::ios::binary);
        if (!in) {
            std::cerr << "pinpoint verify: " << o->session << ": cannot open the session file\n";
            return kExitBadInput;
        }
        std::ostringstream text;
        text << in.rdbuf();
        const core::SignatureCheck check = core::verifySessionText(text.str(), trusted);
        const bool intact = check.status == core::SignatureStatus::Intact;
        if (o->json) {
            const nlohmann::json j = {{"file", o->session},           {"status", core::signatureStatusName(check.status)},
                                      {"intact", intact},             {"line", check.line},
                                      {"message", check.message},     {"key_id", check.keyId},
                                      {"public_key", check.publicKey}, {"key_trusted", check.keyTrusted},
                                      {"signed_lines", check.signedLines}, {"demo_key", core::isDemoKeyId(check.keyId)}};
            std::cout << j.dump(2) << "\n";
        } else {
            (intact ? std::cout : std::cerr) << o->session << ": " << check.message << "\n";
            if (core::isDemoKeyId(check.keyId))
                (intact ? std::cout : std::cerr) << "  signed with the demo key: a demo written by `pinpoint demo`, never evidence\n";
            if (intact && !trusted)
                std::cout << "  signed by " << check.publicKey
                          << "\n  (give --key with the recording machine's public key to check who signed it)\n";
        }
        return intact ? kExitOk : kExitBadInput;
    };
}

Runner addKeyCommand(CLI::App& app) {
    auto exportKey = std::make_shared<bool>(false);
    auto demoKey = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand("key", "This installation's session-signing key (made on first use)");
    cmd->add_flag("--export", *exportKey,
                  "Print only the public key, for an assessor's `verify --key` or trusted-recorders file");
    cmd->add_flag("--demo", *demoKey, "Print the well-known public key `pinpoint demo` signs with (never a trusted recorder)");
    return [exportKey, demoKey]() {
        if (*demoKey) {
            std::cout << core::publicKeyText(core::demoPublicKey()) << "\n";
            return kExitOk;
        }
        core::Result<core::SigningKey> key = io::installationSigningKey();
        if (!key) {
            std::cerr << "pinpoint key: " << key.error().describe() << "\n";
            return kExitBadInput;
        }
        const std::string pub = core::publicKeyText(key->publicKey());
        if (*exportKey) {
            std::cout << pub << "\n";
        } else {
            std::cout << "public key: " << pub << "\nkey id:     " << core::keyId(key->publicKey())
                      << "\nsecret key: " << io::secretKeyPath() << " (keep it private)\npublic key: "
                      << io::publicKeyPath() << "\ntrusted recorders: " << io::defaultTrustedRecordersPath()
                      << " (add a recorder's `pinpoint key --export` line to trust its sessions)\n";
        }
        return kExitOk;
    };
}

}  // namespace pinpoint::cli
