// Witnessed live or sent afterwards (centre/live_witness.h): the rule on given times, no clock.
#include "centre/live_witness.h"

#include <doctest/doctest.h>

using namespace pinpoint::centre;

namespace {

constexpr UnixMillis kHeaderAt = 1'800'000'000'000;  // when the centre received the header

// A receipt for the line recorded `recordedSeconds` into the session, received `afterHeader` ms after the header.
Receipt receipt(double recordedSeconds, UnixMillis afterHeader) {
    Receipt r;
    r.receivedAt = kHeaderAt + afterHeader;
    r.recordedMs = static_cast<UnixMillis>(recordedSeconds * 1000.0);
    return r;
}

}  // namespace

TEST_CASE("witnessing: a session streamed while it was recorded is live, through its last receipt") {
    std::vector<Receipt> receipts;
    for (int t = 10; t <= 600; t += 10) receipts.push_back(receipt(t, t * 1000 + 1'500));  // 1.5 s behind
    const WitnessVerdict v = judgeWitnessing(kHeaderAt, receipts);
    CHECK(v.kind == Witnessing::Live);
    CHECK(v.inStep == 60);
    CHECK(v.outOfStep == 0);
    CHECK(v.liveThroughMs == 600'000);
    CHECK(std::string(witnessingName(v.kind)) == "live");
}

TEST_CASE("witnessing: a ten-minute recording sent in one go afterwards is not live, however many receipts it got") {
    std::vector<Receipt> receipts;
    for (int t = 10; t <= 600; t += 10) receipts.push_back(receipt(t, t * 5));  // all within 3 s
    const WitnessVerdict v = judgeWitnessing(kHeaderAt, receipts);
    CHECK(v.kind == Witnessing::Afterwards);
    CHECK(v.inStep == 0);
    CHECK(v.firstReceived == kHeaderAt + 50);
    CHECK(v.lastReceived == kHeaderAt + 3'000);
    CHECK(std::string(witnessingName(v.kind)) == "uploaded_afterwards");
}

TEST_CASE("witnessing: a station that lost the centre halfway and sent the rest later was partly live") {
    std::vector<Receipt> receipts;
    for (int t = 10; t <= 300; t += 10) receipts.push_back(receipt(t, t * 1000 + 800));
    receipts.push_back(receipt(600, 900'000));  // the rest, five minutes after the recording ended
    const WitnessVerdict v = judgeWitnessing(kHeaderAt, receipts);
    CHECK(v.kind == Witnessing::PartlyLive);
    CHECK(v.liveThroughMs == 300'000);
    CHECK(v.outOfStep == 1);
}

TEST_CASE("witnessing: the edges of in step - early by jitter and clock drift, late by the allowance") {
    const WitnessRules rules;
    // Received 5 s + 2% of 500 s = 15 s sooner after the header than recorded: still in step; 16 s: not.
    CHECK(judgeWitnessing(kHeaderAt, {receipt(500, 485'000)}, rules).kind == Witnessing::Live);
    CHECK(judgeWitnessing(kHeaderAt, {receipt(500, 484'000)}, rules).kind == Witnessing::Afterwards);
    // Two minutes late: in step; later: not.
    CHECK(judgeWitnessing(kHeaderAt, {receipt(500, 620'000)}, rules).kind == Witnessing::Live);
    CHECK(judgeWitnessing(kHeaderAt, {receipt(500, 620'001)}, rules).kind == Witnessing::Afterwards);
}

TEST_CASE("witnessing: no receipts is not witnessed - receipts that cannot tell are called neither live nor late") {
    CHECK(judgeWitnessing(kHeaderAt, {}).kind == Witnessing::NotWitnessed);
    // Only the first seconds of a recording, or receipts kept before the recording time was: cannot tell.
    Receipt old;
    old.receivedAt = kHeaderAt + 60'000;
    const WitnessVerdict v = judgeWitnessing(kHeaderAt, {receipt(0, 100), receipt(4, 4'200), old});
    CHECK(v.kind == Witnessing::CannotTell);
    CHECK(std::string(witnessingName(v.kind)) == "cannot_tell");
    CHECK(v.receipts == 3);
    CHECK(v.inStep == 0);
    CHECK(v.outOfStep == 0);
}
