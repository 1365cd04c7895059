#include "station/session_sending.h"

#include <algorithm>
#include <string>

namespace pinpoint::station {

int resumePoint(int acknowledged, int available) { return std::max(0, std::min(acknowledged, available) - 1); }

SendResult sendLines(CentreLink& link, const std::string& sessionKey, const std::vector<std::string>& lines, int from,
                     int batchLines) {
    SendResult out;
    out.stored = from;
    int next = from;
    const int total = static_cast<int>(lines.size());
    while (next < total) {
        const int count = std::min(batchLines, total - next);
        const BatchAnswer answer = link.sendBatch(sessionKey, next, lines, count);
        switch (answer.kind) {
        case BatchAnswer::Kind::Stored:
            if (answer.stored <= next) {  // a centre that stored a batch holds past its start: never loop on one that does not
                out.kind = SendResult::Kind::Refused;
                out.from = next;
                out.status = 200;
                out.message = "the centre said it stored the batch from line " + std::to_string(next + 1) +
                              " but holds only " + std::to_string(answer.stored) + " lines";
                return out;
            }
            out.stored = next = answer.stored;
            out.added += answer.added;
            out.receipt = answer.receipt;
            break;
        case BatchAnswer::Kind::Behind:
            out.stored = next = answer.stored;  // the centre holds less than we thought: resend from there
            break;
        case BatchAnswer::Kind::Refused:
        case BatchAnswer::Kind::Unreachable:
            out.kind = answer.kind == BatchAnswer::Kind::Unreachable ? SendResult::Kind::Unreachable
                       : answer.status == 200                        ? SendResult::Kind::BadReceipt
                                                                     : SendResult::Kind::Refused;
            out.from = next;
            out.status = answer.status;
            out.message = answer.message;
            if (answer.kind == BatchAnswer::Kind::Refused && answer.stored >= 0 && answer.status != 200)
                out.stored = answer.stored;
            return out;
        }
    }
    return out;
}

}  // namespace pinpoint::station
