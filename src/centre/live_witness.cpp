#include "centre/live_witness.h"

#include <algorithm>

namespace pinpoint::centre {

ReceiptStep receiptStep(UnixMillis headerReceived, const Receipt& r, const WitnessRules& rules) {
    // A receipt for the first seconds of a recording cannot tell a live stream from an upload: both
    // arrive at once. Nor can one from before the centre kept the recording time.
    if (!r.recordedMs || *r.recordedMs <= rules.earlyBy) return ReceiptStep::CannotTell;
    const UnixMillis recorded = *r.recordedMs;
    const UnixMillis elapsed = r.receivedAt - headerReceived;
    const auto early = static_cast<UnixMillis>(static_cast<double>(rules.earlyBy) + rules.earlyShare * static_cast<double>(recorded));
    return elapsed >= recorded - early && elapsed <= recorded + rules.lateBy ? ReceiptStep::InStep : ReceiptStep::OutOfStep;
}

Witnessing witnessingFrom(int receipts, int inStep, int outOfStep) {
    if (receipts == 0) return Witnessing::NotWitnessed;
    if (inStep == 0) return outOfStep == 0 ? Witnessing::CannotTell : Witnessing::Afterwards;
    return outOfStep == 0 ? Witnessing::Live : Witnessing::PartlyLive;
}

WitnessVerdict judgeWitnessing(UnixMillis headerReceived, const std::vector<Receipt>& receipts, const WitnessRules& rules) {
    WitnessVerdict v;
    v.receipts = static_cast<int>(receipts.size());
    if (!receipts.empty()) v.firstReceived = v.lastReceived = receipts.front().receivedAt;
    for (const Receipt& r : receipts) {
        v.firstReceived = std::min(v.firstReceived, r.receivedAt);
        v.lastReceived = std::max(v.lastReceived, r.receivedAt);
        switch (receiptStep(headerReceived, r, rules)) {
            case ReceiptStep::InStep:
                ++v.inStep;
                v.liveThroughMs = std::max(v.liveThroughMs, *r.recordedMs);
                break;
            case ReceiptStep::OutOfStep: ++v.outOfStep; break;
            case ReceiptStep::CannotTell: break;
        }
    }
    v.kind = witnessingFrom(v.receipts, v.inStep, v.outOfStep);
    return v;
}

const char* witnessingName(Witnessing kind) {
    switch (kind) {
        case Witnessing::NotWitnessed: return "not_witnessed";
        case Witnessing::Live: return "live";
        case Witnessing::PartlyLive: return "partly_live";
        case Witnessing::Afterwards: return "uploaded_afterwards";
        case Witnessing::CannotTell: return "cannot_tell";
    }
    return "not_witnessed";
}

}  // namespace pinpoint::centre
