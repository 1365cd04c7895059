// People at the centre through the real server: HTTP Basic sign-in, a session downloaded by who may see
// it, reviews posted by who may review it and checked before anything is stored, password guessing
// slowed down; and the real `pinpoint review --centre` / `upload-review` against it.
#include "centre/people.h"
#include "centre_server_support.h"
#include "core/common/sha256.h"

#include <cstdlib>

using namespace centre_test;
using pinpoint::centre::Person;
using pinpoint::centre::Role;

namespace {

const std::string kPassword = "correct horse battery";

// People of the test centre: a trainee and staff of her cohort "spring", an assessor of "autumn", an admin.
void addPeople(const TestDatabase& db) {
    auto store = db.open();
    const std::string hash = store_test::require(pinpoint::centre::hashPassword(kPassword));
    for (const Person& p : {Person{0, "tara", "Tara", Role::Trainee, hash, "spring", 0, {}},
                            Person{0, "asha", "Asha", Role::Assessor, hash, "spring", 0, {}},
                            Person{0, "ivan", "Ivan", Role::Instructor, hash, "spring", 0, {}},
                            Person{0, "ben", "Ben", Role::Assessor, hash, "autumn", 0, {}},
                            Person{0, "root", "Root", Role::Admin, hash, "", 0, {}}})
        store_test::require(store->addPerson(p));
}

// A session of `trainee` stored as a station streamed it; its text as a file holds it.
struct StoredSession {
    std::string key, text;
};
StoredSession storeSession(const TestDatabase& db, const std::string& trainee) {
    auto store = db.open();
    const auto station = store_test::require(store->addStation("bay-" + trainee));
    const auto s = store_test::makeSession(trainee, "default", 30);
    store_test::require(store->appendLines(station.station.id, s.key, 0, s.lines));
    std::string text;
    for (const std::string& line : s.lines) text += line + "\n";
    return {s.key, text};
}

httplib::Client personClient(const CentreProcess& centre, const std::string& login, const std::string& password = kPassword) {
    httplib::Client client = clientFor(centre, "");
    client.set_basic_auth(login, password);
    return client;
}

// A review file's JSON as `pinpoint review` writes it (docs/review-format.md).
std::string reviewJson(const StoredSession& s, int score = 4, const std::string& signOff = "\"pass\"",
                       const std::string& item = "respect_for_tissue") {
    const std::string sha = pinpoint::core::sha256Hex(s.text);
    return R"({"format": "pinpoint-review", "version": 1, "session": {"file": ")" + s.key + R"(.pps", "sha256": ")" + sha +
           R"("}, "assessor": "Asha", "updated": "2026-12-01T10:00:00Z", "ratings": [{"item": ")" + item +
           R"(", "score": )" + std::to_string(score) + R"(}], "comments": [{"t": 1.5, "text": "steady hand"}], "sign_off": )" +
           (signOff == "null" ? std::string("null") : R"({"result": )" + signOff + R"(, "by": "Asha", "at": "2026-12-01T10:00:00Z"})") +
           "}\n";
}

std::size_t reviewCount(const TestDatabase& db, const std::string& key) {
    auto store = db.open();
    return store_test::require(store->reviews(store_test::require(store->findSession(key))->id)).size();
}

}  // namespace

TEST_CASE("a session's file goes to people who may see it - others get 404, bad credentials 401") {
    TestDatabase db;
    Folder f;
    addPeople(db);
    const StoredSession s = storeSession(db, "tara");
    const std::string token = addStation(db.where(), "station-1");
    CentreProcess centre(db.where(), f.path("keys"));
    const std::string path = "/api/v1/sessions/" + s.key + "/file";

    for (const char* who : {"tara", "asha", "ivan", "root"}) {
        auto res = personClient(centre, who).Get(path);
        REQUIRE(res);
        CHECK_MESSAGE(res->status == 200, who);
        CHECK(res->body == s.text);
    }
    auto scenario = personClient(centre, "asha").Get("/api/v1/sessions/" + s.key + "/scenario");
    REQUIRE(scenario);
    CHECK(scenario->status == 404);  // the test session names a version no library has
    CHECK(scenario->body.find("does not have the version") != std::string::npos);
    auto other = personClient(centre, "ben").Get(path);
    REQUIRE(other);
    CHECK(other->status == 404);
    auto missing = personClient(centre, "asha").Get("/api/v1/sessions/0123456789abcdef/file");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(json::parse(missing->body)["message"] == json::parse(other->body)["message"]);  // keys do not leak

    // An unknown login is answered as a wrong password is.
    auto wrong = personClient(centre, "asha", "not the password").Get(path);
    auto unknown = personClient(centre, "nobody", kPassword).Get(path);
    REQUIRE(wrong);
    REQUIRE(unknown);
    CHECK(wrong->status == 401);
    CHECK(unknown->status == 401);
    CHECK(wrong->body == unknown->body);
    CHECK(wrong->get_header_value("WWW-Authenticate").find("Basic") != std::string::npos);
    auto none = clientFor(centre, "").Get(path);
    REQUIRE(none);
    CHECK(none->status == 401);
    // A station's token is not a person's sign-in, and the station's own route is unchanged.
    auto byStation = clientFor(centre, token).Get(path);
    REQUIRE(byStation);
    CHECK(byStation->status == 401);
    auto stationRoute = personClient(centre, "root").Get("/api/v1/sessions/" + s.key);
    REQUIRE(stationRoute);
    CHECK(stationRoute->status == 401);
}

TEST_CASE("a review posted by an assessor of the cohort is stored - others, and bad reviews, are refused and store nothing") {
    TestDatabase db;
    Folder f;
    addPeople(db);
    const StoredSession s = storeSession(db, "tara");
    const StoredSession own = storeSession(db, "asha");  // a session recorded by the assessor herself
    CentreProcess centre(db.where(), f.path("keys"));
    const std::string path = "/api/v1/sessions/" + s.key + "/reviews";
    auto post = [&](const std::string& who, const std::string& body, const std::string& to) {
        auto res = personClient(centre, who).Post(to, body, "application/json");
        REQUIRE(res);
        return *res;
    };

    const httplib::Response stored = post("asha", reviewJson(s), path);
    CHECK_MESSAGE(stored.status == 201, stored.body);
    {
        auto store = db.open();
        const auto reviews = store_test::require(store->reviews(store_test::require(store->findSession(s.key))->id));
        REQUIRE(reviews.size() == 1);
        CHECK(reviews[0].pass);
        CHECK(json::parse(reviews[0].ratingsJson)["ratings"][0]["item"] == "respect_for_tissue");
        CHECK(reviews[0].assessor == store_test::require(store->findPerson("asha"))->id);
    }
    CHECK(post("root", reviewJson(s, 2, "\"fail\""), path).status == 201);  // an administrator may review too

    const httplib::Response byTrainee = post("tara", reviewJson(s), path);
    CHECK(byTrainee.status == 403);
    CHECK(post("ivan", reviewJson(s), path).status == 403);  // instructors mark, they do not review
    CHECK(post("ben", reviewJson(s), path).status == 404);   // not his cohort: not even seen
    const httplib::Response ownSession = post("asha", reviewJson(own), "/api/v1/sessions/" + own.key + "/reviews");
    CHECK(ownSession.status == 403);
    CHECK(json::parse(ownSession.body)["message"].get<std::string>().find("own session") != std::string::npos);
    CHECK(reviewCount(db, own.key) == 0);

    auto refused = [&](const std::string& body, int status, const std::string& says) {
        const httplib::Response res = post("asha", body, path);
        CHECK_MESSAGE(res.status == status, res.body);
        CHECK_MESSAGE(res.body.find(says) != std::string::npos, res.body);
    };
    refused(reviewJson(s, 7), 400, "respect_for_tissue");           // a score outside 1-5
    refused(reviewJson(s, 3, "\"pass\"", "charm"), 400, "charm");   // not a rating item in use
    refused(reviewJson(s, 3, "\"maybe\""), 400, "bad_input");        // sign-off neither pass nor fail
    refused(reviewJson(s, 3, "null"), 422, "signed off");            // not signed off yet
    refused("{\"format\": \"pinpoint-review\"", 400, "bad_input");   // not JSON
    StoredSession otherVersion = s;
    otherVersion.text += "changed\n";
    refused(reviewJson(otherVersion), 409, "another version");
    refused(reviewJson(s) + std::string(300 << 10, ' '), 413, "too_large");
    CHECK(reviewCount(db, s.key) == 2);
}

TEST_CASE("password guessing from one address is slowed down: 429 after a burst of wrong passwords") {
    TestDatabase db;
    Folder f;
    addPeople(db);
    const StoredSession s = storeSession(db, "tara");
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--sign-in-wait", "3600"});  // no wait runs out mid-test
    int unauthorised = 0, limited = 0;
    for (int i = 0; i < 14; ++i) {
        auto res = personClient(centre, "asha", "guess number " + std::to_string(i)).Get("/api/v1/sessions/" + s.key + "/file");
        REQUIRE(res);
        if (res->status == 401) ++unauthorised;
        if (res->status == 429) {
            ++limited;
            CHECK(!res->get_header_value("Retry-After").empty());
        }
    }
    CHECK(unauthorised <= 5);  // five wrong passwords for a login, then it waits (sign_in_throttle.h)
    CHECK(limited >= 2);
    // The right password from the same address waits its turn too: guessing costs the guesser.
    auto right = personClient(centre, "asha").Get("/api/v1/sessions/" + s.key + "/file");
    REQUIRE(right);
    CHECK(right->status == 429);
}

namespace {

// The folder `pinpoint review` keeps sessions from this centre in (docs/centre.md).
std::filesystem::path cachedSessions(const CentreProcess& centre) {
    return std::filesystem::path(PINPOINT_TEST_CACHE_DIR) / "centre-sessions" / ("127.0.0.1_" + std::to_string(centre.port()));
}

// Signed in as `login` through the environment, with no display: the review window cannot open, so
// `pinpoint review` stops (exit 2) after what it does before the window.
struct SignedIn {
    SignedIn(const std::string& login, const std::string& password = kPassword) {
        ::setenv("PINPOINT_CENTRE_USER", login.c_str(), 1);
        ::setenv("PINPOINT_CENTRE_PASSWORD", password.c_str(), 1);
        ::unsetenv("DISPLAY");
        ::unsetenv("WAYLAND_DISPLAY");
    }
    ~SignedIn() {
        ::unsetenv("PINPOINT_CENTRE_USER");
        ::unsetenv("PINPOINT_CENTRE_PASSWORD");
    }
};

std::string percentEncoded(const std::string& url) {
    std::string out;
    for (char c : url) out += std::isalnum(static_cast<unsigned char>(c)) ? std::string(1, c) : "%" + [&] {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(c));
        return std::string(hex);
    }();
    return out;
}

}  // namespace

TEST_CASE("`pinpoint review` from a centre: the session downloaded and checked, a review saved earlier sent - upload-review") {
    TestDatabase db;
    Folder f;
    addPeople(db);
    const StoredSession s = storeSession(db, "tara");
    CentreProcess centre(db.where(), f.path("keys"));
    const std::filesystem::path cached = cachedSessions(centre) / (s.key + ".pps");
    std::filesystem::remove_all(cachedSessions(centre));

    {
        SignedIn as("ben");  // not his cohort: nothing downloaded
        const Run refused = runPinpoint("review --centre " + centre.url() + " " + s.key);
        CHECK(refused.exitCode == 2);
        CHECK(refused.err.find("not one you may see") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(cached));
    }
    SignedIn as("asha");
    const Run opened = runPinpoint("review --centre " + centre.url() + " " + s.key);
    CHECK(opened.exitCode == 2);  // no display: stops where the window would open
    CHECK(opened.err.find("cannot open the review window") != std::string::npos);
    // The centre lacks the scenario version this test session names: the window would fall back to this
    // machine's library, and says so.
    CHECK(opened.err.find("the centre gave no scenario") != std::string::npos);
    REQUIRE(std::filesystem::exists(cached));
    std::ifstream in(cached, std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == s.text);

    // A review saved while the centre was away is sent when the session is opened again, by the link.
    const std::filesystem::path review = cachedSessions(centre) / (s.key + ".review.json");
    std::ofstream(review) << reviewJson(s);
    const Run link = runPinpoint("review 'pinpoint://review/" + s.key + "?centre=" + percentEncoded(centre.url()) + "'");
    CHECK(link.exitCode == 2);
    CHECK_MESSAGE(link.err.find("the centre has the review") != std::string::npos, link.err);
    CHECK(reviewCount(db, s.key) == 1);
    runPinpoint("review --centre " + centre.url() + " " + s.key);  // already sent: not again
    CHECK(reviewCount(db, s.key) == 1);

    // Changed afterwards, it goes with upload-review (by an admin this time).
    std::ofstream(review) << reviewJson(s, 2, "\"fail\"");
    {
        SignedIn admin("root");
        const Run uploaded = runPinpoint("upload-review " + review.string() + " --centre " + centre.url());
        CHECK_MESSAGE(uploaded.exitCode == 0, uploaded.err);
        CHECK(reviewCount(db, s.key) == 2);
    }

    // A session changed in the centre's store no longer verifies: refused, the cached copy kept as it was.
    SignedIn back("asha");
    auto raw = db.raw();
    store_test::require(raw->query("UPDATE session_lines SET line_text = REPLACE(line_text, '\"t\":', '\"t\": ') "
                                   "WHERE line_index = 3 AND session_id = (SELECT id FROM sessions WHERE session_key = ?)",
                                   {s.key}));
    const Run tampered = runPinpoint("review --centre " + centre.url() + " " + s.key);
    CHECK(tampered.exitCode == 2);
    CHECK_MESSAGE(tampered.err.find("does not verify") != std::string::npos, tampered.err);
    std::ifstream again(cached, std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(again), {}) == s.text);

    const Run badLink = runPinpoint("review 'pinpoint://review/nothex?centre=x'");
    CHECK(badLink.exitCode == 2);
    CHECK(badLink.err.find("not a session key") != std::string::npos);
}
