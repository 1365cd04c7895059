#include "cli/lrs_send.h"

#include "cli/commands.h"
#include "station/http_retry.h"

#include <iostream>

namespace pinpoint::cli {

using station::httpTarget;
using station::HttpTarget;
using station::requestWithRetries;

int sendToLrs(const nlohmann::json& statements, const LrsOptions& o) {
    const std::optional<HttpTarget> target = httpTarget(o.endpoint);
    if (!target) {
        std::cerr << "pinpoint xapi: --lrs " << o.endpoint << ": give the LRS's xAPI endpoint, starting http:// or https://\n";
        return kExitBadInput;
    }
    httplib::Client client(target->origin);
    if (!client.is_valid()) {
        std::cerr << "pinpoint xapi: --lrs " << o.endpoint << ": not a URL this program can reach\n";
        return kExitBadInput;
    }
    client.set_connection_timeout(10);
    client.set_read_timeout(60);
    if (!o.user.empty()) client.set_basic_auth(o.user, o.password);
    const httplib::Headers headers = {{"X-Experience-API-Version", "1.0.3"}};
    const std::string path = target->prefix + "/statements";
    for (std::size_t first = 0; first < statements.size(); first += kStatementsPerRequest) {
        nlohmann::json batch = nlohmann::json::array();
        for (std::size_t i = first; i < std::min(statements.size(), first + kStatementsPerRequest); ++i)
            batch.push_back(statements[i]);
        const std::string body = batch.dump();
        std::string problem;
        const std::optional<httplib::Response> res =
            requestWithRetries([&] { return client.Post(path, headers, body, "application/json"); }, o.retries, problem);
        const std::string which = "statements " + std::to_string(first + 1) + "-" + std::to_string(first + batch.size());
        if (!res) {
            std::cerr << "pinpoint xapi: the LRS at " << o.endpoint << " did not acknowledge " << which << " after "
                      << o.retries << " retries (" << problem << "); " << first
                      << " statements were acknowledged, send again to finish\n";
            return kExitUnreachable;
        }
        // Acknowledged: 200 with one id a statement (the spec's answer to POST).
        const nlohmann::json ids = nlohmann::json::parse(res->body, nullptr, false);
        if (res->status != 200 || !ids.is_array() || ids.size() != batch.size()) {
            std::cerr << "pinpoint xapi: the LRS at " << o.endpoint << " refused " << which << " (HTTP " << res->status
                      << "): " << res->body.substr(0, 300) << "\n";
            return kExitBadInput;
        }
    }
    std::cerr << "pinpoint xapi: " << statements.size() << " statements acknowledged by the LRS at " << o.endpoint << "\n";
    return kExitOk;
}

}  // namespace pinpoint::cli
