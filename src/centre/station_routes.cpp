#include "centre/centre_routes.h"
#include "centre/http_framing.h"
#include "centre/http_replies.h"
#include "centre/live_witness.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pinpoint::centre {

namespace {

using nlohmann::json;

// The request's body as {"first": N, "lines": [...]}, or why not.
struct Batch {
    int first = 0;
    std::vector<std::string> lines;
};
std::optional<Batch> parseBatch(const std::string& body, int maxLines, std::string& why, bool& tooMany) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return why = "the body is not a JSON object", std::nullopt;
    const auto first = j.find("first");
    if (first == j.end() || !first->is_number_integer() || first->get<std::int64_t>() < 0 ||
        first->get<std::int64_t>() > 100'000'000)
        return why = "\"first\" must be the 0-based index of the batch's first line", std::nullopt;
    const auto lines = j.find("lines");
    if (lines == j.end() || !lines->is_array() || lines->empty())
        return why = "\"lines\" must be a non-empty array of strings", std::nullopt;
    if (static_cast<int>(lines->size()) > maxLines) {
        tooMany = true;
        return why = "at most " + std::to_string(maxLines) + " lines in one request", std::nullopt;
    }
    Batch batch{static_cast<int>(first->get<std::int64_t>()), {}};
    for (std::size_t i = 0; i < lines->size(); ++i) {
        const json& line = (*lines)[i];
        if (!line.is_string()) return why = "line " + std::to_string(i) + " of the batch is not a string", std::nullopt;
        const std::string& text = line.get_ref<const std::string&>();
        if (text.find_first_of("\r\n") != std::string::npos)
            return why = "line " + std::to_string(i) + " of the batch holds a line break", std::nullopt;
        batch.lines.push_back(text);
    }
    return batch;
}

void postLines(CentreContext& centre, const httplib::Request& req, httplib::Response& res) {
    const std::optional<Station> station = authoriseStation(centre, req, res);
    if (!station) return;
    std::string why;
    bool tooMany = false;
    const std::optional<Batch> batch = parseBatch(req.body, centre.limits.maxLinesPerBatch, why, tooMany);
    if (!batch) return fail(res, tooMany ? 413 : 400, tooMany ? "too_large" : "bad_input", why);
    const std::string sessionKey = req.matches[1];
    Result<AppendResult> appended = centre.store.appendLines(station->id, sessionKey, batch->first, batch->lines);
    if (!appended) return fail(res, appended.error());
    // The head the centre now holds, read back with its chain hash in one row: a concurrent batch
    // for the same session can only make it later, and a receipt for a later head is as true.
    Result<std::optional<SessionRecord>> held = centre.store.findSession(sessionKey);
    if (!held || !*held) return fail(res, 503, "database", held ? "the session just stored is gone" : held.error().message);
    const SessionRecord& session = **held;
    const int head = session.lines - 1;
    const UnixMillis at = nowMillis();
    const auto signature = centre.key.sign(receiptMessage(session.key, head, session.chainHead, at));
    Result<Receipt> receipt = centre.store.recordReceipt(session.id, head, at, core::toHex(signature));
    if (!receipt) return fail(res, receipt.error());
    if (session.finished && appended->added > 0) centre.scoring.enqueue(session.key);
    reply(res, 200, {{"stored", appended->stored},
                     {"added", appended->added},
                     {"receipt", {{"line", receipt->lineIndex},
                                  {"seal", receipt->seal},
                                  {"chain", session.chainHead},
                                  {"received_ms", receipt->receivedAt},
                                  {"signature", receipt->signature},
                                  {"key", core::publicKeyText(centre.key.publicKey())}}}});
}

void getSession(CentreContext& centre, const httplib::Request& req, httplib::Response& res) {
    const std::optional<Station> station = authoriseStation(centre, req, res);
    if (!station) return;
    Result<std::optional<SessionRecord>> found = centre.store.findSession(req.matches[1]);
    if (!found) return fail(res, found.error());
    // Another station's session is as unknown as a missing one: keys are not secrets, sessions are.
    if (!*found || (*found)->station != station->id) return fail(res, 404, "not_found", "no such session from this station");
    Result<std::vector<ScoreReportRecord>> reports = centre.store.scoreReports((*found)->id);
    if (!reports) return fail(res, reports.error());
    Result<std::vector<Receipt>> receipts = centre.store.receipts((*found)->id);
    if (!receipts) return fail(res, receipts.error());
    const WitnessVerdict witness = judgeWitnessing((*found)->started, *receipts);
    reply(res, 200, {{"stored", (*found)->lines},
                     {"finished", (*found)->finished.has_value()},
                     // Witnessed live throughout; "witnessing" says how it was witnessed (live_witness.h).
                     {"witnessed", witness.kind == Witnessing::Live},
                     {"witnessing", witnessingName(witness.kind)},
                     {"receipts", witness.receipts},
                     {"live_through_s", static_cast<double>(witness.liveThroughMs) / 1000.0},
                     {"score_reports", reports->size()}});
}

}  // namespace

std::string clientAddress(const CentreContext& centre, const httplib::Request& req) {
    // The connection's address as the front door saw it (the routes refuse requests that did not come
    // through the front door: centre_server.cpp), not the front door's own loopback connection.
    const std::string peer = req.get_header_value(kClientAddressHeader);
    const auto& proxies = centre.limits.trustedProxies;
    if (std::find(proxies.begin(), proxies.end(), peer) == proxies.end()) return peer;
    const std::string real = req.get_header_value("X-Real-IP");
    const bool looksLikeIp = !real.empty() && real.size() <= 45 &&
                             real.find_first_not_of("0123456789abcdefABCDEF:.") == std::string::npos;
    return looksLikeIp ? real : peer;
}

std::optional<Station> authoriseStation(CentreContext& centre, const httplib::Request& req, httplib::Response& res) {
    const std::string token = bearerToken(req);
    if (token.empty()) return fail(res, 401, "unauthorised", "send the station's token: Authorization: Bearer TOKEN"), std::nullopt;
    Result<std::optional<Station>> station = centre.store.stationForToken(token);
    if (!station) return fail(res, station.error()), std::nullopt;
    const std::string bucket = *station ? "station:" + std::to_string((*station)->id) : "address:" + clientAddress(centre, req);
    if (!centre.rate.allow(bucket)) {
        res.set_header("Retry-After", "1");
        return fail(res, 429, "too_many_requests", "this station sends faster than the centre allows; wait and resend"),
               std::nullopt;
    }
    if (!*station) return fail(res, 401, "unauthorised", "unknown or revoked station token"), std::nullopt;
    return **station;
}

void addStationRoutes(httplib::Server& http, CentreContext& centre) {
    http.Post(R"(/api/v1/sessions/([^/]+)/lines)",
              [&centre](const httplib::Request& req, httplib::Response& res) { postLines(centre, req, res); });
    http.Get(R"(/api/v1/sessions/([^/]+))",
             [&centre](const httplib::Request& req, httplib::Response& res) { getSession(centre, req, res); });
}

}  // namespace pinpoint::centre
