// People's API: an assessor's `pinpoint review` downloads a session and posts its review, signed in with
// HTTP Basic (login and password; the centre checks the Argon2id hash). Argon2id is slow on purpose, so
// password checks are limited per address and a few at a time, and an unknown login costs the same hash
// and gets the same answer as a wrong password: neither time nor message tells which logins exist.
#include "centre/centre_routes.h"
#include "centre/http_replies.h"
#include "centre/people.h"
#include "core/common/sha256.h"
#include "core/review/review_file.h"
#include "core/session/session_signing.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <memory>

namespace pinpoint::centre {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxReviewBytes = 256u << 10;  // a review with many long comments is a few kB
constexpr double kSignInsPerSecond = 5.0;             // any password checks per address, after a burst of ...
constexpr double kSignInBurst = 30.0;

// The login and password of an `Authorization: Basic` header; nullopt when there is none or it is malformed.
std::optional<std::pair<std::string, std::string>> basicCredentials(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Basic ";
    if (header.size() <= prefix.size() || header.size() > 4096 || header.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    const std::string coded = header.substr(prefix.size());
    std::string plain(coded.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(plain.data()), plain.size(), coded.data(), coded.size(), nullptr,
                          &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    plain.resize(length);
    const std::size_t colon = plain.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    return std::make_pair(plain.substr(0, colon), plain.substr(colon + 1));
}

// What the group keeps between requests: its own rate limit for password checks (how many run at once,
// and the hash unknown logins are checked against, are the centre's: password_checks.h).
class PeopleGate {
public:
    PeopleGate() : checks_(kSignInsPerSecond, kSignInBurst) {}

    // The person behind the request's credentials; nullopt once `res` holds the error.
    std::optional<Person> authorise(CentreContext& centre, const httplib::Request& req, httplib::Response& res) {
        const auto credentials = basicCredentials(req);
        if (!credentials) return unauthorised(res, "sign in with your centre login and password (HTTP Basic)");
        // Wrong passwords are what is limited (sign_in_throttle.h: reserved before the check, per login
        // and per address, shared with the web form); any check, right or wrong, also counts against a
        // looser rate that bounds the hashing one address can cause.
        const std::string client = clientAddress(centre, req);
        const std::string address = "address:" + client;
        if (!checks_.allow(address)) {
            res.set_header("Retry-After", "2");
            fail(res, 429, "too_many_requests", "too many sign-in attempts from this address; wait and try again");
            return std::nullopt;
        }
        const SignInThrottle::Reservation reserved =
            centre.signIns.reserve(credentials->first, client, SignInThrottle::Clock::now());
        if (!reserved.allowed) {
            res.set_header("Retry-After", std::to_string(reserved.retryAfter.count()));
            fail(res, 429, "too_many_requests", "too many failed sign-ins for this login or from this address; wait " +
                                                    std::to_string(reserved.retryAfter.count()) + " s and try again");
            return std::nullopt;
        }
        Result<std::optional<Person>> person = centre.store.findPerson(credentials->first);
        if (!person) {  // no password was checked
            centre.signIns.giveBack(reserved);
            return fail(res, person.error()), std::nullopt;
        }
        if (!centre.passwords.matches(*person, credentials->second)) return unauthorised(res, "wrong login or password");
        centre.signIns.giveBack(reserved);
        if ((**person).disabled) {  // said only to whoever knows the password
            fail(res, 403, "disabled", "this login has been disabled by an administrator of the centre");
            return std::nullopt;
        }
        return **person;
    }

private:
    std::optional<Person> unauthorised(httplib::Response& res, const std::string& why) {
        res.set_header("WWW-Authenticate", "Basic realm=\"pinpoint centre\", charset=\"UTF-8\"");
        fail(res, 401, "unauthorised", why);
        return std::nullopt;
    }
    RateLimit checks_;
};

// The session and whose it is, when `viewer` may see it; nullopt (a 404, so keys do not leak) otherwise.
struct VisibleSession {
    SessionRecord record;
    SessionOwner owner;
};
std::optional<VisibleSession> visibleSession(CentreContext& centre, const Person& viewer, const std::string& key,
                                             httplib::Response& res) {
    Result<std::optional<SessionRecord>> found = centre.store.findSession(key);
    if (!found) return fail(res, found.error()), std::nullopt;
    SessionOwner owner;
    if (*found) {
        owner.trainee = (*found)->trainee;
        Result<std::optional<Person>> trainee = centre.store.findPerson(owner.trainee);
        if (!trainee) return fail(res, trainee.error()), std::nullopt;
        if (*trainee) owner.cohort = (*trainee)->cohort;
    }
    if (!*found || !maySee(viewer, owner))
        return fail(res, 404, "not_found", "no such session, or not one you may see"), std::nullopt;
    return VisibleSession{**found, owner};
}

// The session as a file holds it: its stored lines, each ending in a line break.
Result<std::string> sessionText(Store& store, const SessionRecord& session) {
    Result<std::vector<std::string>> lines = store.sessionLines(session.id, 0, session.lines);
    if (!lines) return lines.error();
    std::string text;
    for (const std::string& line : *lines) text += line + "\n";
    return text;
}

void getSessionFile(CentreContext& centre, PeopleGate& gate, const httplib::Request& req, httplib::Response& res) {
    const std::optional<Person> viewer = gate.authorise(centre, req, res);
    if (!viewer) return;
    const std::optional<VisibleSession> session = visibleSession(centre, *viewer, req.matches[1], res);
    if (!session) return;
    Result<std::string> text = sessionText(centre.store, session->record);
    if (!text) return fail(res, text.error());
    res.status = 200;
    res.set_header("X-Session-Finished", session->record.finished ? "true" : "false");
    res.set_content(*text, "text/plain; charset=utf-8");
}

// The scenario version the session was recorded with (the header's SHA-256; without one, the
// scenario's current version), so the review window scores it as the centre does.
void getSessionScenario(CentreContext& centre, PeopleGate& gate, const httplib::Request& req, httplib::Response& res) {
    const std::optional<Person> viewer = gate.authorise(centre, req, res);
    if (!viewer) return;
    const std::optional<VisibleSession> session = visibleSession(centre, *viewer, req.matches[1], res);
    if (!session) return;
    const SessionRecord& record = session->record;
    std::optional<ScenarioVersion> found;
    if (!record.scenarioSha256.empty()) {
        Result<std::optional<ScenarioVersion>> version = centre.store.scenarioVersion(record.scenarioSha256);
        if (!version) return fail(res, version.error());
        if (*version && (*version)->scenario == record.scenario) found = **version;
    } else if (!record.scenario.empty()) {
        Result<std::vector<ScenarioVersion>> current = centre.store.currentScenarios();
        if (!current) return fail(res, current.error());
        for (const ScenarioVersion& v : *current)
            if (v.scenario == record.scenario) found = v;
    }
    if (!found)
        return fail(res, 404, "not_found", record.scenario.empty() ? "the session names no scenario"
                                                                   : "the centre's library does not have the version of scenario '" +
                                                                         record.scenario + "' the session was recorded with");
    res.status = 200;
    res.set_header("X-Scenario-Sha256", found->sha256);
    res.set_content(found->text, "application/toml");
}

void postReview(CentreContext& centre, PeopleGate& gate, const httplib::Request& req, httplib::Response& res) {
    const std::optional<Person> assessor = gate.authorise(centre, req, res);
    if (!assessor) return;
    const std::optional<VisibleSession> session = visibleSession(centre, *assessor, req.matches[1], res);
    if (!session) return;
    if (!mayReview(*assessor, session->owner))
        return fail(res, 403, "refused", assessor->login == session->owner.trainee
                                             ? "nobody reviews their own session"
                                             : "only an assessor of the trainee's cohort (or an administrator) reviews this session");
    if (req.body.size() > kMaxReviewBytes)
        return fail(res, 413, "too_large", "a review may have at most " + std::to_string(kMaxReviewBytes) + " bytes");
    // The same reader as a review file on disk: items and scores within the rating items in use.
    core::Result<core::Review> review = core::parseReview(req.body, "review", centre.ratingItems);
    if (!review) return fail(res, 400, "bad_input", review.error().describe());
    if (!review->signOff)
        return fail(res, 422, "not_signed_off", "the centre keeps reviews that are signed off: choose pass or fail and save again");
    Result<std::string> text = sessionText(centre.store, session->record);
    if (!text) return fail(res, text.error());
    if (review->sessionSha256 != core::sha256Hex(*text))
        return fail(res, 409, "conflict", "the review is of another version of this session (its session.sha256 is not "
                                          "the SHA-256 of the session the centre holds): download the session again");
    Result<ReviewRecord> stored =
        centre.store.addReview({0, session->record.id, assessor->id, core::reviewText(*review),
                                review->signOff->result == core::SignOffResult::Pass, 0});
    if (!stored) return fail(res, stored.error());
    reply(res, 201, {{"review", stored->id}, {"session", session->record.key}, {"assessor", assessor->login},
                     {"sign_off", core::signOffName(review->signOff->result)}});
}

}  // namespace

void addPeopleRoutes(httplib::Server& http, CentreContext& centre) {
    auto gate = std::make_shared<PeopleGate>();
    http.Get(R"(/api/v1/sessions/([^/]+)/file)", [&centre, gate](const httplib::Request& req, httplib::Response& res) {
        getSessionFile(centre, *gate, req, res);
    });
    http.Get(R"(/api/v1/sessions/([^/]+)/scenario)", [&centre, gate](const httplib::Request& req, httplib::Response& res) {
        getSessionScenario(centre, *gate, req, res);
    });
    http.Post(R"(/api/v1/sessions/([^/]+)/reviews)", [&centre, gate](const httplib::Request& req, httplib::Response& res) {
        postReview(centre, *gate, req, res);
    });
}

}  // namespace pinpoint::centre
