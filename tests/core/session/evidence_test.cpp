// Evidence bound to the score: the demo key and header flag, the trusted recorders file, and the rules
// that make a scored session certifiable (core/scoring/evidence.h).
#include "core/scoring/evidence.h"
#include "core/session/demo_key.h"
#include "core/session/session_file.h"
#include "core/session/trusted_recorders.h"

#include <doctest/doctest.h>

using namespace pinpoint::core;

namespace {

const SigningKey& stationKey() {
    static const SigningKey key = SigningKey::fromSeed(std::array<unsigned char, 32>{9, 8, 7, 6, 5, 4, 3, 2, 1});
    return key;
}

const std::string kSha(64, 'a');

struct Case {
    Session session;
    Scenario scenario;
    TrustedRecorders trusted;
    EvidenceInputs in;

    Case() {
        session.header.scenarioId = "cold-sore-active";
        session.header.scenarioSha256 = kSha;
        scenario.id = "cold-sore-active";
        scenario.sha256 = kSha;
        trusted.file = "trusted-recorders";
        trusted.recorders.push_back({stationKey().publicKey(), keyId(stationKey().publicKey()), "station 1", 2});
        in.signature.status = SignatureStatus::Intact;
        in.signature.keyId = keyId(stationKey().publicKey());
        in.hashes = {"", "r", "t", "z", "c", "h"};
        in.softwareVersion = "pinpoint test";
    }
    Evidence assess() {
        in.session = &session;
        in.scenario = &scenario;
        in.trusted = &trusted;
        return assessEvidence(in);
    }
};

SignatureCheck check(SignatureStatus status, int line, std::string message) {
    SignatureCheck c;
    c.status = status;
    c.line = line;
    c.message = std::move(message);
    return c;
}

bool mentions(const Evidence& e, const std::string& part) {
    for (const std::string& r : e.reasons)
        if (r.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("the demo key is the same on every installation, and never a recorder's") {
    CHECK(keyId(demoPublicKey()) == "b76c56b9dfcce6d6");  // changing it would make old demos look like recordings
    CHECK(isDemoKey(demoSigningKey().publicKey()));
    CHECK(isDemoKeyId("b76c56b9dfcce6d6"));
    CHECK_FALSE(isDemoKeyId(""));
    CHECK_FALSE(isDemoKey(stationKey().publicKey()));
    CHECK(textNamesDemoKey("{\"public_key\":\"" + toHex(demoPublicKey()) + "\"}"));
    CHECK_FALSE(textNamesDemoKey("{\"public_key\":\"" + toHex(stationKey().publicKey()) + "\"}"));
}

TEST_CASE("the header's demo flag: read, written, and checked") {
    const std::string base = R"({"type":"header","format":"pinpoint-session","version":1)";
    const Result<Session> demo = parseSession(base + ",\"demo\":true}\n", "d.pps");
    REQUIRE(demo.ok());
    CHECK(demo->header.demo);
    CHECK_FALSE(parseSession(base + "}\n", "p.pps")->header.demo);
    const Result<Session> bad = parseSession(base + ",\"demo\":\"yes\"}\n", "b.pps");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().describe().find("b.pps:1:58: demo must be true or false") == 0);

    SessionHeader h;
    h.demo = true;
    CHECK(sessionHeaderLine(h) == base + ",\"demo\":true}");
    SessionHeader read = demo->header;
    read.demo = false;  // the flag dropped from a header that was read
    CHECK(sessionHeaderLine(read) == base + "}");
}

TEST_CASE("trusted recorders file: keys with names, comments, located errors, the demo key refused") {
    const std::string station = publicKeyText(stationKey().publicKey());
    const Result<TrustedRecorders> ok =
        parseTrustedRecorders("# training centre\n\n  " + station + "   station 1 (room 2)  \n" + toHex(SigningKey::generate().publicKey()) + "\n", "t");
    REQUIRE_MESSAGE(ok.ok(), ok.error().describe());
    REQUIRE(ok->recorders.size() == 2);
    CHECK(ok->recorders[0].name == "station 1 (room 2)");
    CHECK(ok->recorders[0].line == 3);
    CHECK(ok->find(keyId(stationKey().publicKey())) == &ok->recorders[0]);
    CHECK(ok->recorders[1].name.empty());
    CHECK(ok->find("0000000000000000") == nullptr);

    const Result<TrustedRecorders> bad = parseTrustedRecorders("# x\n" + station + "\n  ed25519:12ab name\n", "t");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().describe().find("t:3:3: 'ed25519:12ab' is not a public key") == 0);
    const Result<TrustedRecorders> demo = parseTrustedRecorders(publicKeyText(demoPublicKey()) + " demo\n", "t");
    REQUIRE_FALSE(demo.ok());
    CHECK(demo.error().describe().find("t:1:1: this is the demo key") == 0);
    CHECK(parseTrustedRecorders("", "t")->recorders.empty());
    CHECK_FALSE(readTrustedRecorders("/no/such/trusted-recorders").ok());
}

TEST_CASE("certifiable: intact, trusted, not a demo, the same scenario id and SHA-256") {
    Case c;
    const Evidence good = c.assess();
    CHECK(good.certifiable);
    CHECK(good.reasons.empty());
    CHECK(good.trusted);
    CHECK(good.signerName == "station 1");
    CHECK(good.sha256.scenario == kSha);  // filled from the scenario
    CHECK(evidenceSummary(good).rfind("Certifiable: yes", 0) == 0);
    const nlohmann::json j = evidenceJson(good);
    CHECK(j["sha256"]["head_model"] == "h");
    CHECK(j.dump() == evidenceJson(c.assess()).dump());

    SUBCASE("a header that says demo") {
        c.session.header.demo = true;
        const Evidence e = c.assess();
        CHECK_FALSE(e.certifiable);
        CHECK(e.demo);
        CHECK(mentions(e, "its header says so"));
    }
    SUBCASE("signed with the demo key, the header saying nothing") {
        c.in.signature.keyId = keyId(demoPublicKey());
        const Evidence e = c.assess();
        CHECK_FALSE(e.certifiable);
        CHECK(e.demo);
        CHECK_FALSE(e.trusted);
        CHECK(mentions(e, "signed with the demo key"));
    }
    SUBCASE("the demo key seen in a file whose chain broke before it") {
        c.in.signature = check(SignatureStatus::Changed, 1, "line 1 was changed");
        c.in.namesDemoKey = true;
        const Evidence e = c.assess();
        CHECK(e.demo);
        CHECK_FALSE(e.intact);
        CHECK(mentions(e, "changed after it was signed"));
    }
    SUBCASE("an untrusted signer, or no list at all") {
        c.trusted.recorders.clear();
        CHECK(mentions(c.assess(), "not listed in trusted-recorders"));
        c.trusted.file.clear();
        const Evidence e = c.assess();
        CHECK_FALSE(e.certifiable);
        CHECK(mentions(e, "no trusted recorders file"));
    }
    SUBCASE("unsigned, truncated") {
        c.in.signature = check(SignatureStatus::Unsigned, 1, "not signed");
        Evidence e = c.assess();
        CHECK_FALSE(e.isSigned);
        CHECK(mentions(e, "not signed"));
        c.in.signature = check(SignatureStatus::Truncated, 9, "ends at line 9");
        c.in.signature.keyId = keyId(stationKey().publicKey());
        e = c.assess();
        CHECK(e.isSigned);
        CHECK(e.trusted);
        CHECK_FALSE(e.certifiable);
        CHECK(mentions(e, "not closed"));
    }
    SUBCASE("the scenario: edited, not named, no SHA-256, rescored") {
        c.scenario.sha256 = std::string(64, 'b');
        CHECK(mentions(c.assess(), "scenario file was edited"));
        c.scenario.sha256 = kSha;
        c.session.header.scenarioSha256.clear();
        CHECK(mentions(c.assess(), "does not give its scenario's SHA-256"));
        c.session.header.scenarioId.clear();
        CHECK(mentions(c.assess(), "does not name the scenario"));
        c.session.header.scenarioId = "cold-sore-active";
        c.session.header.scenarioSha256 = kSha;
        c.in.rescored = true;
        const Evidence e = c.assess();
        CHECK_FALSE(e.certifiable);
        CHECK_FALSE(e.scenarioMatches);
        CHECK(mentions(e, "--rescore-against"));
    }
}
