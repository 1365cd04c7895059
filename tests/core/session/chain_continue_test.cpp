// Continuing a session's chain one line at a time from a kept state (what the centre does as lines
// arrive): the same verdicts as checking the whole file.
#include "core/session/session_file.h"
#include "core/session/session_signing.h"
#include "core/session/session_test_support.h"

#include <doctest/doctest.h>

using namespace pinpoint::core;
using namespace session_test;

namespace {

std::vector<std::string> signedLines(double checkpoint) {
    TempDir dir;
    const fs::path path = dir.path / "s.pps";
    SessionHeader header;
    header.trainee = "trainee-3";
    const SigningKey key = SigningKey::fromSeed(std::array<unsigned char, 32>{9, 8, 7});
    auto w = SessionWriter::create(path.string(), header, &key, SigningOptions{checkpoint});
    REQUIRE_MESSAGE(w.ok(), w.error().describe());
    for (const SessionEvent& e : sampleEvents()) REQUIRE((*w)->append(e));
    REQUIRE((*w)->close());
    std::vector<std::string> lines;
    std::istringstream in(readAll(path));
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

}  // namespace

TEST_CASE("a chain continued line by line accepts every line of a signed session and gives each line's seal") {
    const std::vector<std::string> lines = signedLines(0.2);
    REQUIRE(lines.size() > 10);
    ChainState chain = chainAtStart();
    int signatures = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Result<ChainLink> link = continueChain(chain, static_cast<int>(i) + 1, lines[i]);
        REQUIRE_MESSAGE(link.ok(), link.error().describe());
        if (link->signature) {
            ++signatures;
            CHECK(link->final == (i + 1 == lines.size()));
        } else {
            CHECK(lines[i].find("\"h\":\"" + link->seal + "\"") != std::string::npos);
        }
        chain = link->chain;
    }
    CHECK(signatures >= 2);  // checkpoints and the closing signature
}

TEST_CASE("a continued chain refuses a changed line, a line out of order and an unsealed line") {
    const std::vector<std::string> lines = signedLines(10.0);
    const ChainLink first = *continueChain(chainAtStart(), 1, lines[0]);

    std::string changed = lines[1];
    changed[3] = changed[3] == '1' ? '2' : '1';
    Result<ChainLink> c = continueChain(first.chain, 2, changed);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().line == 2);
    CHECK(contains(c.error().message, "does not follow"));

    CHECK_FALSE(continueChain(first.chain, 3, lines[2]).ok());  // line 2 skipped
    CHECK_FALSE(continueChain(chainAtStart(), 1, lines[1]).ok());
    Result<ChainLink> plain = continueChain(first.chain, 2, withoutSeal(lines[1]));
    REQUIRE_FALSE(plain.ok());
    CHECK(contains(plain.error().message, "no chain hash"));

    // The closing signature verifies only over the chain it signed.
    ChainState chain = chainAtStart();
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) chain = continueChain(chain, static_cast<int>(i) + 1, lines[i])->chain;
    const int last = static_cast<int>(lines.size());
    CHECK(continueChain(chain, last, lines.back())->final);
    CHECK_FALSE(continueChain(first.chain, last, lines.back()).ok());
    std::string forged = lines.back();
    forged[forged.size() - 5] = forged[forged.size() - 5] == 'a' ? 'b' : 'a';
    CHECK(contains(continueChain(chain, last, forged).error().message, "signature does not verify"));
}
