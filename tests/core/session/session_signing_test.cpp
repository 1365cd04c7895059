// Signed sessions: the hash chain, the signatures, and that any change to any byte is found at its line.
#include "core/session/session_file.h"
#include "core/session/session_signing.h"
#include "core/session/session_test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using namespace pinpoint::core;
using namespace session_test;

namespace {

const SigningKey& testKey() {
    static const SigningKey key = SigningKey::fromSeed(std::array<unsigned char, 32>{1, 2, 3, 4, 5, 6, 7, 8});
    return key;
}

// The sample session written with `key` (or unsigned), checkpoint signatures every `checkpoint` s.
std::string writeSample(const TempDir& dir, const std::string& name, const SigningKey* key, double checkpoint = 10.0,
                        bool close = true) {
    const fs::path path = dir.path / name;
    SessionHeader header;
    header.trainee = "trainee-7";
    auto w = SessionWriter::create(path.string(), header, key, SigningOptions{checkpoint});
    REQUIRE_MESSAGE(w.ok(), w.error().describe());
    for (const SessionEvent& e : sampleEvents()) REQUIRE((*w)->append(e));
    if (close) REQUIRE((*w)->close());
    return readAll(path);
}

int lineOf(const std::string& text, std::size_t position) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(position), '\n'));
}

}  // namespace

TEST_CASE("a signed session verifies and reads exactly like the unsigned one") {
    TempDir dir;
    const std::string signedText = writeSample(dir, "signed.pps", &testKey());
    const std::string plainText = writeSample(dir, "plain.pps", nullptr);
    const SignatureCheck check = verifySessionText(signedText);
    CHECK_MESSAGE(check.status == SignatureStatus::Intact, check.message);
    CHECK(check.keyId == keyId(testKey().publicKey()));
    CHECK_FALSE(check.keyTrusted);
    CHECK(check.line == static_cast<int>(std::count(signedText.begin(), signedText.end(), '\n')));
    CHECK(verifySessionText(signedText, testKey().publicKey()).keyTrusted);

    // Readers of version 1 ignore the seals and the signature event: same events, bit for bit.
    Result<Session> a = parseSession(signedText, "signed.pps");
    Result<Session> b = parseSession(plainText, "plain.pps");
    REQUIRE_MESSAGE(a.ok(), a.error().describe());
    REQUIRE(b.ok());
    std::vector<SessionEvent> events;
    for (const SessionEvent& e : a->events)
        if (!(std::holds_alternative<OtherEvent>(e) && std::get<OtherEvent>(e).type == "signature")) events.push_back(e);
    REQUIRE(events.size() == b->events.size());
    for (std::size_t i = 0; i < events.size(); ++i) checkSame(events[i], b->events[i]);
    CHECK(a->header.trainee == "trainee-7");
    CHECK(verifySessionText(plainText).status == SignatureStatus::Unsigned);
}

TEST_CASE("changing any byte of a signed session makes verify fail at that byte's line") {
    TempDir dir;
    const std::string text = writeSample(dir, "s.pps", &testKey(), 0.2);  // with checkpoint signatures too
    REQUIRE(std::count(text.begin(), text.end(), '\n') > 50);
    REQUIRE(text.find("\"final\":false") != std::string::npos);
    int tried = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Three kinds of edit at every position: a bit flipped, the case flipped, a line break.
        for (const auto& edit : {std::pair<char, bool>{1, false}, {0x20, false}, {'\n', true}}) {
            std::string changed = text;
            changed[i] = edit.second ? edit.first : static_cast<char>(changed[i] ^ edit.first);
            if (changed == text) continue;
            const SignatureCheck c = verifySessionText(changed);
            ++tried;
            if (c.status == SignatureStatus::Intact || c.line != lineOf(text, i)) {
                FAIL_CHECK("byte " << i << " (line " << lineOf(text, i) << ") edited: " << signatureStatusName(c.status)
                                   << " at line " << c.line << ": " << c.message);
                return;
            }
        }
    }
    MESSAGE(tried << " edits of " << text.size() << " bytes, every one found at its line");
}

TEST_CASE("lines removed, added or swapped are found") {
    TempDir dir;
    const std::string text = writeSample(dir, "s.pps", &testKey());
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start + 1));
        start = end + 1;
    }
    auto join = [](const std::vector<std::string>& ls) {
        std::string out;
        for (const std::string& l : ls) out += l;
        return out;
    };
    std::vector<std::string> removed = lines;
    removed.erase(removed.begin() + 10);
    SignatureCheck c = verifySessionText(join(removed));
    CHECK(c.status == SignatureStatus::Changed);
    CHECK(c.line == 11);

    std::vector<std::string> swapped = lines;
    std::swap(swapped[5], swapped[6]);
    c = verifySessionText(join(swapped));
    CHECK(c.status == SignatureStatus::Changed);
    CHECK(c.line == 6);

    std::vector<std::string> added = lines;
    added.push_back(R"({"t":99.0,"type":"step","step":"post_care_given"})" "\n");
    c = verifySessionText(join(added));
    CHECK(c.status == SignatureStatus::Changed);
    CHECK(c.line == static_cast<int>(lines.size()) + 1);
    CHECK(contains(c.message, "after the closing signature"));
}

TEST_CASE("a session cut off anywhere is reported as truncated, never as intact, and still reads") {
    TempDir dir;
    const std::string text = writeSample(dir, "s.pps", &testKey(), 0.1);
    std::mt19937 random(6);
    for (int i = 0; i < 400; ++i) {
        const std::size_t cut = std::uniform_int_distribution<std::size_t>(1, text.size() - 1)(random);
        const std::string part = text.substr(0, cut);
        const SignatureCheck c = verifySessionText(part);
        CAPTURE(cut);
        CHECK(c.status == SignatureStatus::Truncated);
        CHECK(c.line == lineOf(part, part.size() - 1));
        CHECK(contains(c.message, "without a signature: truncated or unsigned"));
        if (part.find('\n') != std::string::npos) CHECK(parseSession(part, "s.pps").ok());
    }
    // A recorder that stopped without close() (killed between lines): checkpoints tell how far it is signed.
    const std::string unclosed = writeSample(dir, "u.pps", &testKey(), 0.1, false);
    const SignatureCheck c = verifySessionText(unclosed);
    CHECK(c.status == SignatureStatus::Truncated);
    CHECK(c.signedLines > 1);
    CHECK(contains(c.message, "checkpoint signature"));
}

TEST_CASE("the trusted key: another key's signature is refused") {
    TempDir dir;
    const std::string text = writeSample(dir, "s.pps", &testKey());
    const SigningKey other = SigningKey::generate();
    const SignatureCheck c = verifySessionText(text, other.publicKey());
    CHECK(c.status == SignatureStatus::WrongKey);
    CHECK(contains(c.message, keyId(other.publicKey())));
    CHECK(verifySessionText(text, testKey().publicKey()).status == SignatureStatus::Intact);
}

TEST_CASE("re-writing a read session never copies stale seals or signatures") {
    TempDir dir;
    const std::string text = writeSample(dir, "s.pps", &testKey(), 0.2);
    Result<Session> s = parseSession(text, "s.pps");
    REQUIRE(s.ok());
    for (const SigningKey* key : {static_cast<const SigningKey*>(nullptr), &testKey()}) {
        const fs::path path = dir.path / (key ? "resigned.pps" : "plain.pps");
        auto w = SessionWriter::create(path.string(), s->header, key);
        REQUIRE(w.ok());
        for (const SessionEvent& e : s->events) REQUIRE((*w)->append(e));
        REQUIRE((*w)->close());
        const std::string copy = readAll(path);
        CHECK(verifySessionText(copy).status == (key ? SignatureStatus::Intact : SignatureStatus::Unsigned));
        CHECK(contains(copy, "\"h\":\"") == (key != nullptr));
        CHECK(parseSession(copy, "copy.pps").ok());
    }
}

TEST_CASE("keys: seeds, public key text and ids") {
    const SigningKey again = SigningKey::fromSeed(testKey().seed());
    CHECK(again.publicKey() == testKey().publicKey());
    const std::string text = publicKeyText(testKey().publicKey());
    CHECK(text.substr(0, 8) == "ed25519:");
    CHECK(parsePublicKey(text) == testKey().publicKey());
    CHECK(parsePublicKey("  " + text.substr(8) + "\n") == testKey().publicKey());
    CHECK_FALSE(parsePublicKey("ed25519:1234"));
    std::string upper = text;
    std::transform(upper.begin() + 8, upper.end(), upper.begin() + 8, ::toupper);
    CHECK_FALSE(parsePublicKey(upper));  // one spelling only
    CHECK(keyId(testKey().publicKey()).size() == 16);
    CHECK(keyId(SigningKey::generate().publicKey()) != keyId(testKey().publicKey()));
}
