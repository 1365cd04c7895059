#pragma once
// The training centre's store (docs/centre.md): stations, the sessions they stream line by line,
// the centre's receipts, score reports, people, reviews. One interface over two databases: SQLite
// (a file; the default, nothing to set up) and PostgreSQL (a server, for an academy with many
// stations). The schema is versioned and migrated when a store is opened.
//
// Contract for callers (the HTTP server):
// - Every operation runs in its own transaction: it is applied whole or not at all.
// - Nothing throws: failures come back as a StoreError whose Problem says whose fault it is.
// - A Store may be used from several threads (calls are serialised on its one connection). For
//   parallel work open one Store per worker: several stores on one database are safe.
// - Times are milliseconds since 1970-01-01 UTC. JSON is stored as text, as given.
// - The store keeps no station token and no password: only the BLAKE2b-256 of each token, and the
//   password hash the caller made (libsodium Argon2id) before addPerson.
#include "centre/store_result.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::centre {

using Id = std::int64_t;
using UnixMillis = std::int64_t;

struct Station {
    Id id = 0;
    std::string name;
    UnixMillis created = 0;
    std::optional<UnixMillis> revoked;  // set once revoked: its token no longer works
};

struct NewStation {
    Station station;
    std::string token;  // 64 hex digits; shown once, the store keeps only its hash
};

// A session as the centre holds it. The key is the seal ("h", 16 hex digits) of its header line:
// the station knows it before it sends anything, and it changes if any byte of the header does.
struct SessionRecord {
    Id id = 0;
    std::string key;
    Id station = 0;
    std::string trainee;          // from the header ("" when absent)
    std::string scenario;         // the scenario id from the header
    std::string scenarioSha256;   // the scenario file's SHA-256 from the header
    std::string headerLine;       // line 1 exactly as received
    UnixMillis started = 0;       // when the centre received the header
    std::optional<UnixMillis> finished;  // when the closing signature arrived
    int lines = 0;                // lines stored (0-based indexes 0 .. lines-1)
    bool witnessed = false;       // the centre has signed a receipt for at least one chain head
    // What its receipts showed (centre/live_witness.h), counted as each was signed (schema version 6).
    int receipts = 0;
    int receiptsInStep = 0;
    int receiptsOutOfStep = 0;
    std::string chainHead;        // the full chain hash (64 hex) through line lines-1: what a receipt signs
};

struct AppendResult {
    Id session = 0;
    int stored = 0;  // lines now stored: everything below this index is acknowledged, for good
    int added = 0;   // of the batch, lines that were new (the rest were resent copies)
};

struct SessionFilter {  // empty fields do not filter; results are ordered by started, then id
    std::optional<std::string> trainee;
    std::optional<Id> station;
    std::optional<std::string> scenario;
};

struct Receipt {
    Id session = 0;
    int lineIndex = 0;       // the 0-based index of the chain head witnessed
    std::string seal;        // that line's seal, as stored
    UnixMillis receivedAt = 0;
    std::string signature;   // the centre's signature over the head, as the caller made it
    // When that line was recorded: its "t" in ms from the recording's start (0 for the header), from the
    // line itself; none for receipts kept before schema version 6 or a line without a time.
    std::optional<UnixMillis> recordedMs;
};

struct ScoreReportRecord {
    Id id = 0;               // set by the store
    Id session = 0;
    std::string reportJson;
    std::string rubricVersion;
    std::string scenarioVersion;
    std::string softwareVersion;
    UnixMillis created = 0;  // set by the store
};

enum class Role { Trainee, Instructor, Assessor, Admin };
const char* roleName(Role role);                      // "trainee", "instructor", "assessor", "admin"
std::optional<Role> roleFromName(const std::string& name);

struct Person {
    Id id = 0;               // set by the store
    std::string login;
    std::string displayName;
    Role role = Role::Trainee;
    std::string passwordHash;  // as the caller made it (libsodium crypto_pwhash_str); never a password
    std::string cohort;        // "" when none
    UnixMillis created = 0;    // set by the store
    std::optional<UnixMillis> disabled;  // set while an administrator has disabled the login: no way in
};

struct ReviewRecord {
    Id id = 0;               // set by the store
    Id session = 0;
    Id assessor = 0;         // a person
    std::string ratingsJson;
    bool pass = false;       // the sign-off
    UnixMillis created = 0;  // set by the store
};

enum class Mark { Expert, Novice };  // an instructor's contrasting-groups mark on a session

// One version of a scenario in the centre's library: its TOML text exactly as given, kept for good.
struct ScenarioVersion {
    Id id = 0;               // set by the store
    std::string scenario;    // the scenario's id ([scenario] id)
    std::string title;
    std::string sha256;      // of the text (64 lower-case hex); set by the store from the text
    std::string text;        // the TOML file's bytes
    std::string source;      // where it came from (a file name), for people
    UnixMillis added = 0;    // when the centre first received this version; set by the store
};

struct AddedScenario {
    ScenarioVersion version;
    bool isNew = false;        // the centre did not have this version before
    bool madeCurrent = false;  // it is now the current version and was not before
};

// A person logged in to the web dashboard. The browser holds the token (a cookie); the store keeps only
// its BLAKE2b-256 hash, with the person, the CSRF token every form of this login carries, and times.
struct WebLogin {
    Person person;
    std::string csrf;        // 64 hex digits
    UnixMillis created = 0;
    UnixMillis lastSeen = 0;
};

struct NewWebLogin {
    std::string token;       // 64 hex digits (32 random bytes): the cookie's value, returned only here
    std::string csrf;
};

struct WebLoginLimits {
    UnixMillis idle = 12LL * 3600 * 1000;          // unused this long: logged out
    UnixMillis absolute = 7LL * 24 * 3600 * 1000;  // this long after logging in: logged out, used or not
};

// What the dashboards need of many sessions at once, by session id (a session with none is absent).
struct SessionRecords {
    // Each session's newest score report as lists read it: its digest (centre/session_summary.h), or the
    // whole report where none was kept (saved before schema version 4).
    std::map<Id, std::string> latestReports;
    std::map<Id, std::vector<ReviewRecord>> reviews;    // oldest first
    std::map<Id, std::vector<Id>> assessors;            // assigned, by id
    std::map<Id, Mark> marks;
};

class Store {
public:
    virtual ~Store() = default;

    virtual std::string backend() const = 0;   // "sqlite" or "postgresql"
    virtual Result<int> schemaVersion() = 0;   // the version the migrations brought the database to

    // Stations. A new station's token is random (libsodium) and returned only here.
    virtual Result<NewStation> addStation(const std::string& name) = 0;
    // The station whose token this is; nullopt for an unknown or revoked token.
    virtual Result<std::optional<Station>> stationForToken(const std::string& token) = 0;
    virtual Result<Done> revokeStation(Id station) = 0;
    virtual Result<std::vector<Station>> stations() = 0;

    // Stores lines `firstIndex`, `firstIndex`+1, ... of the session `sessionKey` sent by `station`.
    // Line 0 is the header and creates the session (its seal must equal the key). Lines already
    // stored are accepted again when identical (an idempotent resend) and a Conflict otherwise; a
    // batch starting past the stored count is a Gap; each new line's seal or signature must follow
    // from the chain through the line before it (Tampered otherwise); nothing follows a closing
    // signature. On any error nothing of the batch is stored; Gap and Conflict carry storedLines.
    virtual Result<AppendResult> appendLines(Id station, const std::string& sessionKey, int firstIndex,
                                             const std::vector<std::string>& lines) = 0;
    virtual Result<std::optional<SessionRecord>> findSession(const std::string& sessionKey) = 0;
    virtual Result<std::vector<SessionRecord>> sessions(const SessionFilter& filter) = 0;
    // Up to `count` stored lines from index `from`, in order.
    virtual Result<std::vector<std::string>> sessionLines(Id session, int from, int count) = 0;

    // The centre witnessed the chain head at `lineIndex` (a stored line) at `receivedAt` and signed it.
    // Recording the same head again keeps the first receipt and returns it. Marks the session witnessed.
    virtual Result<Receipt> recordReceipt(Id session, int lineIndex, UnixMillis receivedAt,
                                          const std::string& signature) = 0;
    virtual Result<std::vector<Receipt>> receipts(Id session) = 0;

    virtual Result<ScoreReportRecord> saveScoreReport(const ScoreReportRecord& report) = 0;
    virtual Result<std::vector<ScoreReportRecord>> scoreReports(Id session) = 0;  // oldest first

    virtual Result<Person> addPerson(const Person& person) = 0;  // Conflict when the login is taken
    virtual Result<std::optional<Person>> findPerson(const std::string& login) = 0;
    virtual Result<std::vector<Person>> people(const std::optional<std::string>& cohort) = 0;

    virtual Result<ReviewRecord> addReview(const ReviewRecord& review) = 0;
    virtual Result<std::vector<ReviewRecord>> reviews(Id session) = 0;
    virtual Result<Done> assignAssessor(Id session, Id assessor) = 0;  // again: no change
    virtual Result<std::vector<Id>> assessorsOf(Id session) = 0;
    // Sets (or replaces) the instructor's mark on a session.
    virtual Result<Done> markSession(Id session, Mark mark, Id instructor) = 0;
    virtual Result<std::optional<Mark>> markOf(Id session) = 0;

    // The scenario library. Adding a version the centre has (by SHA-256) stores nothing new; either
    // way the version added becomes its scenario's current one. The caller validates the scenario
    // (the store only needs an id, a title and text).
    virtual Result<AddedScenario> addScenarioVersion(const ScenarioVersion& version) = 0;
    virtual Result<std::vector<ScenarioVersion>> currentScenarios() = 0;  // one per scenario id, by id
    virtual Result<std::optional<ScenarioVersion>> scenarioVersion(const std::string& sha256) = 0;
    virtual Result<std::vector<ScenarioVersion>> scenarioVersions(const std::string& scenario) = 0;  // oldest first
    // For the sessions `filter` picks, in four queries whatever their number (not one or more each).
    virtual Result<SessionRecords> sessionRecords(const SessionFilter& filter) = 0;

    // Replaces a person's password hash and ends every web login of theirs. NotFound for no such login.
    virtual Result<Done> setPassword(const std::string& login, const std::string& passwordHash) = 0;
    // Disables a login (its web logins end; neither the dashboard nor the API lets it in) or enables it
    // again. NotFound for an unknown login.
    virtual Result<Done> setDisabled(const std::string& login, bool disabled) = 0;

    // Web dashboard logins (schema version 2). startWebLogin makes a random token and CSRF token at `now`.
    virtual Result<NewWebLogin> startWebLogin(Id person, UnixMillis now) = 0;
    // The login behind `token` at `now`, its last-seen time brought up to `now`; nullopt for an unknown
    // token or one idle or older than `limits` allow (an expired one is removed).
    virtual Result<std::optional<WebLogin>> webLogin(const std::string& token, UnixMillis now,
                                                     const WebLoginLimits& limits) = 0;
    virtual Result<Done> endWebLogin(const std::string& token) = 0;  // unknown: no change
};

// Opens (creating when needed) and migrates the store at `where`: a `postgresql://` or
// `postgres://` URI, or a file path (optionally written `sqlite:PATH`).
Result<std::unique_ptr<Store>> openStore(const std::string& where);
// `where` as it may be shown or logged: a PostgreSQL URI's password (user:PASSWORD@ and password=...)
// replaced by ***. A file path is returned as it is.
std::string storeNameWithoutPassword(const std::string& where);

}  // namespace pinpoint::centre
