#pragma once
// One station's connection to its training centre (docs/centre.md, "Stations"): the centre's URL, the
// station's token and the centre's public key the station trusts. It asks where the centre stands on
// a session and sends one batch of lines, checking the receipt the centre signs for it. No window,
// no Vulkan: `pinpoint upload` and the simulator's streamer use it alike.
#include "core/session/session_signing.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace httplib {
class Client;
}

namespace pinpoint::station {

// What the centre said to one batch.
struct BatchAnswer {
    enum class Kind {
        Stored,       // the centre holds `stored` lines for good; `receipt` is its signed receipt
        Behind,       // 409 gap: the centre holds fewer lines than the batch assumed; resend from `stored`
        Refused,      // a 4xx, or a receipt that does not verify: `message` says why; sending again will not help
        Unreachable,  // no answer, or a busy centre after the retries: `message` says what failed
    };
    Kind kind = Kind::Unreachable;
    int stored = 0;
    int added = 0;
    nlohmann::json receipt;  // {"line","seal","chain","received_ms","signature","key"} when Stored
    int status = 0;          // the HTTP status, 0 when there was none
    std::string message;
};

class CentreLink {
public:
    // `url` as the station was given it (http://host:port[/path]); `trusted` the centre's key pinned in
    // the station's configuration (nullopt: learnt on first contact, see centreKey()).
    // `answerWait`: how long a request may wait for the centre's answer (abort() ends the wait sooner).
    CentreLink(std::string url, std::string token, std::optional<core::PublicKey> trusted, int retries,
               std::chrono::seconds answerWait = std::chrono::seconds(30));
    ~CentreLink();
    CentreLink(const CentreLink&) = delete;
    CentreLink& operator=(const CentreLink&) = delete;

    // False when `url` is not an http(s) URL this program can reach; why() says so.
    bool valid() const { return valid_; }
    const std::string& url() const { return url_; }

    // Asks the centre for its key (GET /api/v1/health) and checks it against the trusted one. True when
    // it matches, or when none was trusted yet (the centre's key is then trusted from now on: pin it).
    // False with why(): the centre could not be reached (unreachable() is true), or signs with another key.
    bool checkCentreKey();
    const std::optional<core::PublicKey>& centreKey() const { return trusted_; }
    bool unreachable() const { return unreachable_; }
    const std::string& why() const { return why_; }

    // How many lines of the session the centre holds (0 for one it does not know); nullopt when it
    // could not be asked (why()).
    std::optional<int> heldLines(const std::string& sessionKey);
    // Sends lines[first .. first + count) of a session as one batch. A receipt is required to be
    // signed by the trusted key over the head the centre says it holds.
    BatchAnswer sendBatch(const std::string& sessionKey, int first, const std::vector<std::string>& lines, int count);
    // From another thread: the request in flight fails at once (the station is closing).
    void abort();

private:
    std::string url_, prefix_;
    std::optional<core::PublicKey> trusted_;
    int retries_;
    std::unique_ptr<httplib::Client> client_;
    bool valid_ = false;
    bool unreachable_ = false;
    std::string why_;
};

// The message for a receipt that does not show the centre holds `stored` lines of `sessionKey`, signed
// by `key`; "" when it does.
std::string receiptProblem(const nlohmann::json& receipt, const std::string& sessionKey, int stored,
                           const core::PublicKey& key);

}  // namespace pinpoint::station
