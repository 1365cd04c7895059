#include "centre/live_witness.h"

#include <algorithm>

namespace pinpoint::centre {

WitnessVerdict judgeWitnessing(UnixMillis headerReceived, const std::vector<Receipt>& receipts, const WitnessRules& rules) {
    WitnessVerdict v;
    v.receipts = static_cast<int>(receipts.size());
    if (receipts.empty()) return v;
    v.firstReceived = v.lastReceived = receipts.front().receivedAt;
    for (const Receipt& r : receipts) {
        v.firstReceived = std::min(v.firstReceived, r.receivedAt);
        v.lastReceived = std::max(v.lastReceived, r.receivedAt);
        // A receipt for the first seconds of a recording cannot tell a live stream from an upload: both
        // arrive at once. Nor can one from before the centre kept the recording time.
        if (!r.recordedMs || *r.recordedMs <= rules.earlyBy) continue;
        const UnixMillis recorded = *r.recordedMs;
        const UnixMillis elapsed = r.receivedAt - headerReceived;
        const auto early = static_cast<UnixMillis>(static_cast<double>(rules.earlyBy) + rules.earlyShare * static_cast<double>(recorded));
        if (elapsed >= recorded - early && elapsed <= recorded + rules.lateBy) {
            ++v.inStep;
            v.liveThroughMs = std::max(v.liveThroughMs, recorded);
        } else {
            ++v.outOfStep;
        }
    }
    // Nothing that could tell (a recording of a few seconds): not shown live, so not called live.
    if (v.inStep == 0) v.kind = Witnessing::Afterwards;
    else v.kind = v.outOfStep == 0 ? Witnessing::Live : Witnessing::PartlyLive;
    return v;
}

const char* witnessingName(Witnessing kind) {
    switch (kind) {
        case Witnessing::NotWitnessed: return "not_witnessed";
        case Witnessing::Live: return "live";
        case Witnessing::PartlyLive: return "partly_live";
        case Witnessing::Afterwards: return "uploaded_afterwards";
    }
    return "not_witnessed";
}

}  // namespace pinpoint::centre
