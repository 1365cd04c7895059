#pragma once
// The one rule for sending a session's lines to the centre, used by `pinpoint upload` and by the
// station's streamer: in order, in batches, from where the centre stands. Resending is harmless (the
// centre keeps each line once and compares a resent line with its own), so after any failure the
// sender simply starts again from the last line the centre acknowledged.
#include "station/centre_link.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pinpoint::station {

struct SendResult {
    enum class Kind {
        Done,         // every line given is held by the centre
        Refused,      // the centre refused a batch (a changed line, another file under this key, a bad token...)
        BadReceipt,   // the centre's receipt did not verify: the centre is not the one trusted
        Unreachable,  // the centre stopped answering; `stored` says how far it got
    };
    Kind kind = Kind::Done;
    int stored = 0;          // lines the centre holds for good, as far as it said
    int added = 0;           // of them new with this call
    int from = 0;            // the first line of the batch that failed (Refused, BadReceipt, Unreachable)
    nlohmann::json receipt;  // the last receipt (empty when none came)
    int status = 0;          // the HTTP status of the refusal
    std::string message;
};

// True when the centre refused the file itself (a changed line, another file under its key, an unsigned
// header...): it is not sent again. A refused token (401, 403) refuses the station, not the file.
inline bool refusesFile(const SendResult& r) { return r.kind == SendResult::Kind::Refused && r.status != 401 && r.status != 403; }

// Where to start sending after the centre acknowledged `acknowledged` of `available` lines: the last
// acknowledged line again, which the centre compares with its own (each line's seal covers the chain
// before it, so a match means both agree on every line up to there).
int resumePoint(int acknowledged, int available);

// Sends lines[from ..] of the session `sessionKey` in batches of at most `batchLines`.
SendResult sendLines(CentreLink& link, const std::string& sessionKey, const std::vector<std::string>& lines, int from,
                     int batchLines);

}  // namespace pinpoint::station
