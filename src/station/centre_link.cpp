#include "station/centre_link.h"

#include "core/session/centre_receipt.h"
#include "station/http_retry.h"

#include <httplib.h>

namespace pinpoint::station {

using nlohmann::json;

CentreLink::CentreLink(std::string url, std::string token, std::optional<core::PublicKey> trusted, int retries,
                       std::chrono::seconds answerWait)
    : url_(std::move(url)), trusted_(trusted), retries_(retries) {
    // A centre behind a proxy may be served under a path: https://academy.example/pinpoint
    const std::optional<HttpTarget> target = httpTarget(url_);
    if (!target) {
        why_ = url_ + ": give a URL starting http:// or https://, such as http://127.0.0.1:8750";
        return;
    }
    prefix_ = target->prefix;
    client_ = std::make_unique<httplib::Client>(target->origin);
    if (!client_->is_valid()) {
        why_ = url_ + ": not a URL this program can reach";
        return;
    }
    client_->set_connection_timeout(5, 0);
    client_->set_read_timeout(answerWait);
    client_->set_write_timeout(answerWait);
    client_->set_keep_alive(true);
    client_->set_bearer_token_auth(token);
    valid_ = true;
}

CentreLink::~CentreLink() = default;

void CentreLink::abort() {
    if (client_) client_->stop();
}

bool CentreLink::checkCentreKey() {
    unreachable_ = false;
    const auto res = requestWithRetries([&] { return client_->Get(prefix_ + "/api/v1/health"); }, retries_, why_);
    if (!res) {
        unreachable_ = true;
        why_ = "the centre at " + url_ + " did not answer (" + why_ + ")";
        return false;
    }
    const json answer = json::parse(res->body, nullptr, false);
    const std::optional<core::PublicKey> key =
        answer.is_object() && answer.contains("key") && answer["key"].is_string()
            ? core::parsePublicKey(answer["key"].get<std::string>())
            : std::nullopt;
    if (res->status != 200 || !key) {
        why_ = "the server at " + url_ + " is not a Pinpoint centre (HTTP " + std::to_string(res->status) +
               ", no receipt key in /api/v1/health)";
        return false;
    }
    if (trusted_ && *trusted_ != *key) {
        why_ = "the centre at " + url_ + " signs with key " + core::publicKeyText(*key) + ", not with the key this station trusts (" +
               core::publicKeyText(*trusted_) + "): nothing was sent. If the centre really was replaced, remove centre_key from the "
               "station's configuration so that the new key is pinned";
        return false;
    }
    trusted_ = key;
    return true;
}

std::optional<int> CentreLink::heldLines(const std::string& sessionKey) {
    const auto res = requestWithRetries([&] { return client_->Get(prefix_ + "/api/v1/sessions/" + sessionKey); }, retries_, why_);
    if (!res) return std::nullopt;
    if (res->status == 404) return 0;
    const json answer = json::parse(res->body, nullptr, false);
    if (res->status != 200 || !answer.is_object() || !answer.contains("stored") || !answer["stored"].is_number_integer()) {
        why_ = "HTTP " + std::to_string(res->status);
        return std::nullopt;
    }
    return answer["stored"].get<int>();
}

std::string receiptProblem(const json& receipt, const std::string& sessionKey, int stored, const core::PublicKey& key) {
    if (!receipt.is_object() || !receipt.contains("signature") || !receipt["signature"].is_string() ||
        !receipt.contains("chain") || !receipt["chain"].is_string() || !receipt.contains("line") ||
        !receipt["line"].is_number_integer() || !receipt.contains("received_ms") || !receipt["received_ms"].is_number_integer())
        return "the centre's answer carries no receipt";
    const int line = receipt["line"].get<int>();
    if (line < stored - 1) return "the centre's receipt is for line " + std::to_string(line + 1) + ", not for the " +
                                  std::to_string(stored) + " lines it says it holds";
    if (!core::centreReceiptVerifies(key, receipt["signature"].get<std::string>(), sessionKey, line,
                                     receipt["chain"].get<std::string>(), receipt["received_ms"].get<std::int64_t>()))
        return "the centre's receipt for line " + std::to_string(line + 1) + " is not signed by the centre's key " +
               core::publicKeyText(key);
    return "";
}

BatchAnswer CentreLink::sendBatch(const std::string& sessionKey, int first, const std::vector<std::string>& lines, int count) {
    BatchAnswer out;
    const json body = {{"first", first},
                       {"lines", std::vector<std::string>(lines.begin() + first, lines.begin() + first + count)}};
    const std::string text = body.dump();
    const std::string path = prefix_ + "/api/v1/sessions/" + sessionKey + "/lines";
    const auto res = requestWithRetries([&] { return client_->Post(path, text, "application/json"); }, retries_, out.message);
    if (!res) return out;  // Unreachable, with what failed
    out.status = res->status;
    const json answer = json::parse(res->body, nullptr, false);
    out.stored = answer.is_object() && answer.contains("stored") && answer["stored"].is_number_integer() ? answer["stored"].get<int>() : -1;
    if (res->status == 200 && out.stored >= 0) {
        out.added = answer.value("added", 0);
        out.receipt = answer.value("receipt", json::object());
        // Without a trusted key (none pinned, health not asked) the receipt is checked against the key it names.
        std::optional<core::PublicKey> key = trusted_;
        if (!key && out.receipt.is_object() && out.receipt.contains("key") && out.receipt["key"].is_string())
            key = core::parsePublicKey(out.receipt["key"].get<std::string>());
        out.message = key ? receiptProblem(out.receipt, sessionKey, out.stored, *key) : "the centre's receipt names no key";
        out.kind = out.message.empty() ? BatchAnswer::Kind::Stored : BatchAnswer::Kind::Refused;
        return out;
    }
    out.message = answer.is_object() ? answer.value("message", res->body) : res->body;
    if (res->status == 409 && answer.value("error", "") == "gap" && out.stored >= 0 && out.stored < first)
        out.kind = BatchAnswer::Kind::Behind;  // the centre holds less than we thought (a restored backup)
    else
        out.kind = BatchAnswer::Kind::Refused;
    return out;
}

}  // namespace pinpoint::station
