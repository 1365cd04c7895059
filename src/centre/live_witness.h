#pragma once
// Whether the centre witnessed a session live: received its lines in step with their recording, not
// as a finished file sent afterwards. A receipt proves the centre held the lines up to its chain head
// at the time it was signed; it shows the session was live only when that time is close to when the
// line was recorded. The recording's own clock (a line's "t", seconds from its start) is laid over the
// centre's, starting at the moment the centre received the header; a line received much sooner after
// the header than it was recorded after the start (a file sent in one go) or much later (held back
// and sent afterwards) was not witnessed in step. Pure: times are given, never read from a clock.
#include "centre/store.h"

#include <string>
#include <vector>

namespace pinpoint::centre {

struct WitnessRules {
    // A line may arrive this much earlier than its recording time says, plus a share of that time
    // (network jitter, a station's clock running a little fast) and still be in step.
    UnixMillis earlyBy = 5'000;
    double earlyShare = 0.02;
    // And at most this much later (batches are sent every second or so; a short network outage).
    UnixMillis lateBy = 120'000;
};

enum class Witnessing {
    NotWitnessed,  // no receipt at all
    Live,          // every receipt that can tell was signed in step with the recording
    PartlyLive,    // some in step, some not (a station that lost the centre and sent the rest later)
    Afterwards,    // none in step: the lines reached the centre after they were recorded
    CannotTell,    // receipts, but none that can tell (a recording of a few seconds; receipts kept
                   // before schema version 6): not shown live, and not shown otherwise
};

// What one receipt shows.
enum class ReceiptStep { CannotTell, InStep, OutOfStep };
ReceiptStep receiptStep(UnixMillis headerReceived, const Receipt& receipt, const WitnessRules& rules = {});

// The verdict from what the receipts showed, counted (the store keeps these counts per session, so lists
// need not read every receipt).
Witnessing witnessingFrom(int receipts, int inStep, int outOfStep);

struct WitnessVerdict {
    Witnessing kind = Witnessing::NotWitnessed;
    int receipts = 0;
    int inStep = 0;                 // receipts that show the session was live
    int outOfStep = 0;              // receipts that show it was not
    UnixMillis liveThroughMs = 0;   // recording time of the latest receipt in step
    UnixMillis firstReceived = 0;   // centre time of the first and last receipts
    UnixMillis lastReceived = 0;
};

// All of it, from every receipt of a session. `headerReceived`: when the centre received the session's
// header (SessionRecord::started).
WitnessVerdict judgeWitnessing(UnixMillis headerReceived, const std::vector<Receipt>& receipts,
                               const WitnessRules& rules = {});

// "live", "partly_live", "uploaded_afterwards", "cannot_tell", "not_witnessed": for JSON.
const char* witnessingName(Witnessing kind);

}  // namespace pinpoint::centre
