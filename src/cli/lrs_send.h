#pragma once
// Sends xAPI statements to a learning record store (docs/xapi.md, "Sending to an LRS"): POST to the
// statements resource under the LRS's endpoint, with basic authentication and the xAPI version
// header, a batch at a time, each retried until the LRS acknowledges it with the statements' ids. A
// batch refused with 409 (the LRS holds one of them) is sent again one statement at a time by PUT, a
// 409 then counting as sent (the id names the statement's whole content).
#include <nlohmann/json.hpp>

#include <string>

namespace pinpoint::cli {

struct LrsOptions {
    std::string endpoint;  // the LRS's xAPI endpoint; statements go to ENDPOINT/statements
    std::string user;      // basic authentication ("" for none)
    std::string password;  // from PINPOINT_LRS_PASSWORD, never the command line
    int retries = 8;       // per batch, while the LRS is out of reach or busy
};

inline constexpr std::size_t kStatementsPerRequest = 50;

// Sends `statements` (a JSON array); returns the exit code after saying on stderr what went wrong:
// kExitOk when every batch was acknowledged, kExitBadInput when the LRS refused one (bad statements
// or credentials: sending again will not help), kExitUnreachable when it stayed out of reach (the
// batches before were acknowledged; sending all again is safe, the ids are the sessions' own).
int sendToLrs(const nlohmann::json& statements, const LrsOptions& options);

}  // namespace pinpoint::cli
