#pragma once
// The centre's HTTP API (docs/centre.md, "Running a centre"): stations stream session lines to it and
// get back a receipt the centre signs with its own key, "witnessed live". JSON in and out; every
// error is a 4xx (the caller's fault) or a 503 (the centre's) with a body that says why, and a
// refused request stores nothing.
//
//   GET  /api/v1/health                          {"status":"ok","backend":..,"key":"ed25519:.."}
//   POST /api/v1/sessions/{key}/lines            {"first":N,"lines":[..]} -> {"stored":K,"added":A,"receipt":{..}}
//   GET  /api/v1/sessions/{key}                  {"stored":K,"finished":bool,"score_reports":n}
//   GET  /api/v1/scenarios                       [{"id","title","sha256","added_ms"}] (current versions)
//   GET  /api/v1/scenarios/{id}[?sha256=HEX]     the scenario's TOML text
// and for people (HTTP Basic with their login and password; docs/centre.md, "Reviews from the centre"):
//   GET  /api/v1/sessions/{key}/file             the session's text
//   GET  /api/v1/sessions/{key}/scenario         the scenario version it was recorded with (TOML)
//   POST /api/v1/sessions/{key}/reviews          a review file's JSON -> {"review":id}
//
// A finished session (its closing signature stored) is scored off the request path by a worker the
// server owns, with the scorer the caller gives; sessions finished but not scored when the centre
// stopped are scored when it starts again.
#include "centre/store.h"
#include "core/review/rating_scale.h"
#include "core/session/centre_receipt.h"
#include "core/session/session_signing.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace pinpoint::centre {

struct ServerLimits {
    std::size_t maxBodyBytes = 4u << 20;  // a larger request gets 413
    int maxLinesPerBatch = 5000;          // more lines in one request: 413
    double requestsPerSecond = 50.0;      // per station (wrong tokens: per address), sustained; above it 429
    double burst = 100.0;                 // requests a station may make at once before the rate applies
    bool secureCookies = false;           // web login cookies always `Secure` (else only for X-Forwarded-Proto: https)
    // Proxies whose `X-Real-IP` names the client (serve --trusted-proxy): requests from them are limited
    // by that address, not the proxy's. From anyone else the header is ignored.
    std::vector<std::string> trustedProxies;
    int signInWaitSeconds = 30;  // the first wait after too many wrong passwords (sign_in_throttle.h); it doubles
    // The front door (front_door.h): a request must arrive whole (head and body) within this many
    // seconds of its first byte (or of connecting), else 408; connections open at once per client
    // address (trusted proxies excepted) and in all, else 429 and 503.
    double requestDeadlineSeconds = 30.0;
    std::size_t maxConnectionsPerAddress = 128;
    std::size_t maxConnections = 1000;
};

// What scoring a finished session gives: a report with its versions, or why there is none.
struct ScoreOutcome {
    std::string reportJson;       // the report (`pinpoint score --json`), or {"error":..} when it failed
    std::string rubricVersion;    // SHA-256 of the rubric, "" when not scored
    std::string scenarioVersion;  // SHA-256 of the scenario scored against, "" when none was found
    std::string softwareVersion;  // "pinpoint X.Y.Z"
};
// Scores the session whose whole text (lines joined by '\n') is given. Must not throw.
using SessionScorer = std::function<ScoreOutcome(const SessionRecord& session, const std::string& text)>;

// The bytes the centre signs for a receipt: the session, the head's index, the full chain hash
// through it and the time, one per line after a fixed first line. Stations check receipts with it.
inline std::string receiptMessage(const std::string& sessionKey, int lineIndex, const std::string& chainHead,
                                  UnixMillis receivedAt) {
    return core::centreReceiptMessage(sessionKey, lineIndex, chainHead, receivedAt);
}

class CentreServer {
public:
    // `ratingItems`: the rating items reviews posted to the centre are checked against.
    CentreServer(Store& store, core::SigningKey key, ServerLimits limits, SessionScorer scorer,
                 core::RatingScale ratingItems);
    ~CentreServer();
    CentreServer(const CentreServer&) = delete;
    CentreServer& operator=(const CentreServer&) = delete;

    // Binds to `host`:`port` (0: a free port). The port bound, or nullopt with `why` set.
    std::optional<int> bind(const std::string& host, int port, std::string& why);
    // After bind(): how many connections it takes at once (ServerLimits::maxConnections, or fewer when
    // the process may not open that many files).
    std::size_t maxConnections() const;
    // Serves until stop() (from any thread or a signal-handling thread). False if it could not serve.
    bool run();
    void stop();
    // After run(): stops the scoring worker, waiting at most `grace` for the session it is scoring.
    // False when that session is still being scored: the caller may exit the process at once (the
    // session has no report yet, so it is scored again when the centre starts).
    bool stopScoring(std::chrono::milliseconds grace);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.0/8, ::1 and "localhost": where a centre listens without --allow-remote.
bool isLoopbackHost(const std::string& host);

}  // namespace pinpoint::centre
