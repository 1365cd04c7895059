#pragma once
// A person's side of the centre (docs/centre.md, "Reviews from the centre"): signing in with a login
// and password, downloading a session to review into the cache folder, and sending a review back.
// Used by `pinpoint review` (from a centre link or --centre) and `pinpoint upload-review`.
#include "station/http_retry.h"

#include <optional>
#include <string>

namespace pinpoint::cli {

struct CentreLogin {
    std::string user;
    std::string password;
};

// The login from `user` (--user), else PINPOINT_CENTRE_USER, else asked on the terminal; the password
// from PINPOINT_CENTRE_PASSWORD, else asked on the terminal without echo. nullopt, after a message
// naming `command`, when neither is given and there is no terminal to ask on (silently when
// `windowAsks`: the caller asks in its window instead).
std::optional<CentreLogin> centreLogin(const std::string& user, const std::string& command, bool windowAsks = false);
// The login known without asking: `user`, else PINPOINT_CENTRE_USER, else "".
std::string knownCentreUser(const std::string& user);

// A session at a centre: the centre's URL as given and the session's key (16 hex digits).
struct CentreSessionRef {
    std::string centre;
    std::string key;
};
// `pinpoint://review/KEY?centre=<percent-encoded URL>`; nullopt with `why` set when it is not one.
std::optional<CentreSessionRef> parseReviewLink(const std::string& link, std::string& why);
bool isReviewLink(const std::string& text);
bool isSessionKey(const std::string& key);
// The link the centre's pages show for a session.
std::string reviewLinkFor(const std::string& centre, const std::string& key);

// The folder sessions downloaded from `centre` are kept in: cacheDir()/centre-sessions/<host_port_path>.
std::string centreSessionFolder(const std::string& centre);

// Downloads the session to `path` (atomically), checking that it is the signed session the key names:
// its header's seal is the key and its chain and signatures verify. Exit code: 0, 2 (refused, not
// found, not a session that verifies: a message says why), 1 (the centre did not answer).
// `unauthorised`, when given, is set when the centre refused the login or password (401).
int downloadCentreSession(const CentreSessionRef& ref, const CentreLogin& login, const std::string& path, int retries,
                          bool* unauthorised = nullptr);

// The scenario version the session was recorded with, from the centre, written to `path` after its
// SHA-256 is checked against `sha256` (the session header's; "" when it names none). False, after a
// warning, when the centre does not have it or does not answer.
bool downloadSessionScenario(const CentreSessionRef& ref, const CentreLogin& login, const std::string& sha256,
                             const std::string& path, int retries);

// What sending a review gave.
struct ReviewSendResult {
    bool sent = false;     // the centre has it
    bool refused = false;  // the centre answered and said no (sending again will not help)
    std::string message;   // for people
};
// Posts the review file's text for the session `key`; on success marks the file sent (below).
ReviewSendResult sendReviewFile(const std::string& centre, const std::string& key, const CentreLogin& login,
                                const std::string& reviewPath, int retries);

// Whether the review file as it is now was sent (a marker file beside it holds its SHA-256).
bool reviewWasSent(const std::string& reviewPath);

}  // namespace pinpoint::cli
