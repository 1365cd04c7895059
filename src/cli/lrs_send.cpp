#include "cli/lrs_send.h"

#include "cli/commands.h"
#include "station/http_retry.h"

#include <functional>
#include <iostream>

namespace pinpoint::cli {

using station::httpTarget;
using station::HttpTarget;
using station::requestWithRetries;

namespace {

// Where the statements go and how each request is made: one place for the POST of a batch and the PUT
// of one statement.
struct Lrs {
    const LrsOptions& o;
    httplib::Client& client;
    httplib::Headers headers;
    std::string path;  // ENDPOINT's path + /statements

    std::optional<httplib::Response> send(const std::function<httplib::Result()>& call, const std::string& which) const {
        std::string problem;
        std::optional<httplib::Response> res = requestWithRetries(call, o.retries, problem);
        if (!res)
            std::cerr << "pinpoint xapi: the LRS at " << o.endpoint << " did not acknowledge " << which << " after "
                      << o.retries << " retries (" << problem << ")";
        return res;
    }
    void refused(const std::string& which, const httplib::Response& res) const {
        std::cerr << "pinpoint xapi: the LRS at " << o.endpoint << " refused " << which << " (HTTP " << res.status
                  << "): " << res.body.substr(0, 300) << "\n";
    }
};

// After a 409 for a batch (the LRS holds one of its statements and refused them all): each statement
// again by PUT with its id. 204 stores it; 409 says the LRS holds a statement with that id already,
// and since an id names everything that shaped the score (xapi_statement.h), that one is this one:
// it counts as sent. `held` counts those; false (having said why) when one failed otherwise.
bool sendOneByOne(const Lrs& lrs, const nlohmann::json& batch, std::size_t first, std::size_t& held, bool& unreachable) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::string id = batch[i].value("id", "");
        const std::string which = "statement " + std::to_string(first + i + 1) + " (" + id + ")";
        const std::string body = batch[i].dump();
        const std::string target = lrs.path + "?statementId=" + id;  // a UUID: nothing to escape
        const std::optional<httplib::Response> res =
            lrs.send([&] { return lrs.client.Put(target, lrs.headers, body, "application/json"); }, which);
        if (!res) {
            std::cerr << "; " << first + i << " statements were acknowledged, send again to finish\n";
            unreachable = true;
            return false;
        }
        if (res->status == 409) {
            ++held;
        } else if (res->status != 204 && res->status != 200) {
            lrs.refused(which, *res);
            return false;
        }
    }
    return true;
}

}  // namespace

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
    const Lrs lrs{o, client, {{"X-Experience-API-Version", "1.0.3"}}, target->prefix + "/statements"};
    std::size_t held = 0;
    for (std::size_t first = 0; first < statements.size(); first += kStatementsPerRequest) {
        nlohmann::json batch = nlohmann::json::array();
        for (std::size_t i = first; i < std::min(statements.size(), first + kStatementsPerRequest); ++i)
            batch.push_back(statements[i]);
        const std::string body = batch.dump();
        const std::string which = "statements " + std::to_string(first + 1) + "-" + std::to_string(first + batch.size());
        const std::optional<httplib::Response> res =
            lrs.send([&] { return client.Post(lrs.path, lrs.headers, body, "application/json"); }, which);
        if (!res) {
            std::cerr << "; " << first << " statements were acknowledged, send again to finish\n";
            return kExitUnreachable;
        }
        if (res->status == 409) {  // it holds one of them already
            bool unreachable = false;
            if (!sendOneByOne(lrs, batch, first, held, unreachable)) return unreachable ? kExitUnreachable : kExitBadInput;
            continue;
        }
        // Acknowledged: 200 with one id a statement (the spec's answer to POST).
        const nlohmann::json ids = nlohmann::json::parse(res->body, nullptr, false);
        if (res->status != 200 || !ids.is_array() || ids.size() != batch.size()) {
            lrs.refused(which, *res);
            return kExitBadInput;
        }
    }
    std::cerr << "pinpoint xapi: " << statements.size() << " statements acknowledged by the LRS at " << o.endpoint;
    if (held > 0) std::cerr << " (" << held << " of them it held already)";
    std::cerr << "\n";
    return kExitOk;
}

}  // namespace pinpoint::cli
