// The centre's server end to end: the real `pinpoint centre serve` over a test database (SQLite, and
// the throw-away PostgreSQL in the postgresql build of these tests), stations uploading with the real
// `pinpoint upload`, and raw requests for what a well-behaved station never sends.
#include "centre/centre_server.h"
#include "centre_process.h"
#include "store_test_support.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

using namespace centre_test;
using nlohmann::json;
using store_test::TestDatabase;

namespace {

// A folder for one test's files (session files, the centre's key), removed at the end.
struct Folder {
    std::filesystem::path dir;
    Folder() : dir(std::filesystem::temp_directory_path() / ("pinpoint-centre-server-" + std::to_string(::getpid()) + "-" +
                                                            std::to_string(next()))) {
        std::filesystem::create_directories(dir);
    }
    ~Folder() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string path(const std::string& name) const { return (dir / name).string(); }
    static int next() {
        static int n = 0;
        return n++;
    }
};

httplib::Client clientFor(const CentreProcess& centre, const std::string& token) {
    httplib::Client client(centre.url());
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(20, 0);
    if (!token.empty()) client.set_bearer_token_auth(token);
    return client;
}

json batch(int first, const std::vector<std::string>& lines, int from, int count) {
    const int end = std::min<int>(from + count, static_cast<int>(lines.size()));
    return {{"first", first}, {"lines", std::vector<std::string>(lines.begin() + from, lines.begin() + end)}};
}

std::string sessionKey(const std::vector<std::string>& lines) { return json::parse(lines.front())["h"]; }

// The session's stored lines, read behind the server's back: what survives is what the database holds.
std::vector<std::string> storedLines(const TestDatabase& db, const std::string& key) {
    auto store = db.open();
    auto found = store_test::require(store->findSession(key));
    if (!found) return {};
    return store_test::require(store->sessionLines(found->id, 0, found->lines + 10));
}

std::string upload(const CentreProcess& centre, const std::string& token, const std::string& file,
                   const std::string& extra = "") {
    const Run r = runPinpoint("upload " + file + " --centre " + centre.url() + " --token " + token + " " + extra);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    return r.out;
}

}  // namespace

TEST_CASE("a station uploads a session: stored once, witnessed, scored as `score --json` does, and again adds nothing") {
    REQUIRE(sodium_init() >= 0);
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const std::string file = f.path("session.pps");
    const std::vector<std::string> lines = demoSessionFor("trainee-upload", file);
    CentreProcess centre(db.where(), f.path("keys"));

    const std::string out = upload(centre, token, file, "--batch-lines 2000");
    CHECK(out.find(std::to_string(lines.size()) + " lines stored at the centre (" + std::to_string(lines.size()) +
                   " new)") != std::string::npos);
    CHECK(storedLines(db, sessionKey(lines)) == lines);

    // Each acknowledged head is signed by the centre's key over the chain it holds.
    auto store = db.open();
    const auto session = *store_test::require(store->findSession(sessionKey(lines)));
    CHECK(session.witnessed);
    CHECK(session.finished);
    const auto receipts = store_test::require(store->receipts(session.id));
    REQUIRE(!receipts.empty());
    CHECK(receipts.back().lineIndex == static_cast<int>(lines.size()) - 1);
    httplib::Client client = clientFor(centre, "");
    const json health = json::parse(client.Get("/api/v1/health")->body);
    const auto centreKey = pinpoint::core::parsePublicKey(health["key"].get<std::string>());
    REQUIRE(centreKey);
    const auto signature = pinpoint::core::fromHex<64>(receipts.back().signature);
    REQUIRE(signature);
    const std::string message = pinpoint::centre::receiptMessage(session.key, session.lines - 1, session.chainHead,
                                                                 receipts.back().receivedAt);
    CHECK(crypto_sign_verify_detached(signature->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                      message.size(), centreKey->data()) == 0);

    // The score report arrives off the request path; it is the report `pinpoint score --json` prints.
    std::vector<pinpoint::centre::ScoreReportRecord> reports;
    for (int i = 0; i < 300 && reports.empty(); ++i) {
        reports = store_test::require(store->scoreReports(session.id));
        if (reports.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(reports.size() == 1);
    const Run scored = runPinpoint("score --json " + file);
    REQUIRE_MESSAGE(scored.exitCode == 0, scored.err);
    CHECK(json::parse(reports[0].reportJson) == json::parse(scored.out));
    CHECK(reports[0].scenarioVersion.size() == 64);
    CHECK(reports[0].rubricVersion.size() == 64);
    CHECK(reports[0].softwareVersion.rfind("pinpoint ", 0) == 0);

    // Again: nothing new, nothing twice, no second score.
    CHECK(upload(centre, token, file).find("(0 new)") != std::string::npos);
    CHECK(storedLines(db, sessionKey(lines)) == lines);
    CHECK(centre.stop() == 0);  // SIGTERM: a clean stop
    CHECK(store_test::require(store->scoreReports(session.id)).size() == 1);
}

TEST_CASE("refused requests get a 4xx that says why, and store nothing") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-bad", "default", 40);
    const std::vector<std::string>& lines = session.lines;
    CentreProcess centre(db.where(), f.path("keys"));
    httplib::Client client = clientFor(centre, token);
    const std::string path = "/api/v1/sessions/" + session.key + "/lines";
    auto expect = [&](httplib::Result res, int status, const std::string& error) {
        REQUIRE(res);
        CHECK(res->status == status);
        const json body = json::parse(res->body, nullptr, false);
        REQUIRE_MESSAGE(body.is_object(), res->body);
        CHECK(body["error"] == error);
        CHECK(!body.value("message", "").empty());
        return body;
    };

    httplib::Client stranger = clientFor(centre, std::string(64, 'a'));
    expect(stranger.Post(path, batch(0, lines, 0, 10).dump(), "application/json"), 401, "unauthorised");
    expect(clientFor(centre, "").Post(path, batch(0, lines, 0, 10).dump(), "application/json"), 401, "unauthorised");
    expect(client.Post(path, "not json", "application/json"), 400, "bad_input");
    expect(client.Post(path, R"({"lines":["x"]})", "application/json"), 400, "bad_input");
    expect(client.Post(path, R"({"first":0,"lines":[1,2]})", "application/json"), 400, "bad_input");
    expect(client.Post(path, R"({"first":-1,"lines":["x"]})", "application/json"), 400, "bad_input");
    expect(client.Post("/api/v1/sessions/not-a-key/lines", batch(0, lines, 0, 10).dump(), "application/json"), 400,
           "bad_input");
    // A changed line in the middle of a batch: the whole batch is refused, the lines before it too.
    std::vector<std::string> tampered = lines;
    tampered[5].insert(tampered[5].find(",\"h\":"), " ");
    expect(client.Post(path, batch(0, tampered, 0, 10).dump(), "application/json"), 422, "tampered");
    // Over 4 MiB: the library refuses it before the handler reads it.
    const std::string huge = json{{"first", 0}, {"lines", {std::string(5u << 20, 'x')}}}.dump();
    expect(client.Post(path, huge, "application/json"), 413, "too_large");
    expect(client.Post(path, json{{"first", 0}, {"lines", std::vector<std::string>(6000, "{}")}}.dump(),
                       "application/json"),
           413, "too_large");
    CHECK(storedLines(db, session.key).empty());

    // A batch past what is stored is a gap; the body says where to resume.
    const json gap = expect(client.Post(path, batch(10, lines, 10, 10).dump(), "application/json"), 409, "gap");
    CHECK(gap["stored"] == 0);
    REQUIRE(client.Post(path, batch(0, lines, 0, 10).dump(), "application/json")->status == 200);
    // A different line where one is stored is a conflict, with the stored count.
    const json conflict = expect(client.Post(path, batch(0, tampered, 0, 10).dump(), "application/json"), 409, "conflict");
    CHECK(conflict["stored"] == 10);
    CHECK(storedLines(db, session.key) == session.slice(0, 10));
    expect(client.Get("/api/v1/sessions/0123456789abcdef"), 404, "not_found");
    expect(client.Get("/api/v1/nowhere"), 404, "not_found");
}

TEST_CASE("each token has a request rate, past which the centre answers 429 with Retry-After") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--requests-per-second", "2"});
    httplib::Client client = clientFor(centre, token);
    int limited = 0;
    for (int i = 0; i < 10; ++i) {
        auto res = client.Get("/api/v1/sessions/0123456789abcdef");
        REQUIRE(res);
        if (res->status == 429) {
            ++limited;
            CHECK(res->get_header_value("Retry-After") == "1");
        }
    }
    CHECK(limited >= 5);  // a burst of 4, then 2 a second
    CHECK(clientFor(centre, std::string(64, 'b')).Get("/api/v1/sessions/0123456789abcdef")->status == 401);  // another token
}

TEST_CASE("a station killed mid-upload resumes where the centre stands, every line once") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-resume", "default", 1200);
    const std::string file = f.path("session.pps");
    writeLines(file, session.lines);
    CentreProcess centre(db.where(), f.path("keys"));
    httplib::Client client = clientFor(centre, token);
    const int half = static_cast<int>(session.lines.size()) / 2;
    for (int first = 0; first < half; first += 100)
        REQUIRE(client.Post("/api/v1/sessions/" + session.key + "/lines",
                            batch(first, session.lines, first, std::min(100, half - first)).dump(), "application/json")
                    ->status == 200);
    // (A URL with a trailing slash, as people paste them, is the same centre.)
    const Run r = runPinpoint("upload " + file + " --centre " + centre.url() + "/ --token " + token + " --batch-lines 300");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("(" + std::to_string(session.lines.size() - half) + " new)") != std::string::npos);
    CHECK(storedLines(db, session.key) == session.lines);
}

TEST_CASE("the centre killed mid-stream keeps every line it acknowledged, and the station resumes") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-crash", "default", 3000);
    const std::string file = f.path("session.pps");
    writeLines(file, session.lines);
    int acknowledged = 0;
    int port = 0;
    {
        CentreProcess centre(db.where(), f.path("keys"));
        port = centre.port();
        httplib::Client client = clientFor(centre, token);
        // Batches go on from another thread while the centre is killed: some are acknowledged, one may be
        // cut off, the rest find no centre.
        std::atomic<int> acked{0};
        std::atomic<bool> stopped{false};
        std::thread station([&] {
            for (int first = 0; first < static_cast<int>(session.lines.size()); first += 50) {
                auto res = client.Post("/api/v1/sessions/" + session.key + "/lines",
                                       batch(first, session.lines, first, 50).dump(), "application/json");
                if (!res || res->status != 200) break;
                acked = json::parse(res->body)["stored"].get<int>();
            }
            stopped = true;
        });
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (acked < 1000 && !stopped && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        centre.kill();
        station.join();
        acknowledged = acked;
    }
    const std::vector<std::string> held = storedLines(db, session.key);
    CHECK(acknowledged >= 1000);
    CHECK(static_cast<int>(held.size()) >= acknowledged);
    CHECK(held.size() < session.lines.size());  // it was killed mid-stream, not after
    CHECK(held == session.slice(0, static_cast<int>(held.size())));

    // Restarted on the same address, the upload resumes from what it holds.
    CentreProcess again(db.where(), f.path("keys"), port);
    const std::string out = upload(again, token, file);
    CHECK(out.find("(" + std::to_string(session.lines.size() - held.size()) + " new)") != std::string::npos);
    CHECK(storedLines(db, session.key) == session.lines);
}

TEST_CASE("the upload waits out a centre that restarts under it, and refuses a file that is not signed") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-retry", "default", 800);
    const std::string file = f.path("session.pps");
    writeLines(file, session.lines);
    int port = 0;
    { CentreProcess first(db.where(), f.path("keys")); port = first.port(); }  // a free port, now closed
    // The uploader starts before the centre does: it retries with growing waits until the centre answers.
    std::atomic<bool> uploaded{false};
    std::thread later([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        CentreProcess centre(db.where(), f.path("keys"), port);
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!uploaded && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    });
    const Run r = runPinpoint("upload " + file + " --centre http://127.0.0.1:" + std::to_string(port) + " --token " + token);
    uploaded = true;
    later.join();
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(storedLines(db, session.key) == session.lines);

    // A file that is not a signed session: exit 2, located, nothing sent.
    const std::string plain = f.path("plain.pps");
    writeLines(plain, {R"({"type":"header","format":"pinpoint-session","version":1})"});
    const Run bad = runPinpoint("upload " + plain + " --centre http://127.0.0.1:1 --token " + token);
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find(plain + ":1:") != std::string::npos);
}

TEST_CASE("centre serve listens on loopback unless told otherwise, and add-station refuses a taken name") {
    TestDatabase db;
    Folder f;
    const Run remote = runPinpoint("centre serve --db '" + db.where() + "' --listen 0.0.0.0:0 --key-folder " + f.path("k"));
    CHECK(remote.exitCode == 2);
    CHECK(remote.err.find("--allow-remote") != std::string::npos);
    addStation(db.where(), "station-1");
    const Run again = runPinpoint("centre add-station station-1 --db '" + db.where() + "'");
    CHECK(again.exitCode == 2);
    CHECK(again.out.empty());
}

TEST_CASE("a session finished while the centre was down is scored when it starts, and a missing scenario is kept as the reason") {
    TestDatabase db;
    Folder f;
    const auto session = store_test::makeSession("trainee-offline", "no-such-scenario", 30);
    {
        auto store = db.open();
        const auto station = store_test::require(store->addStation("station-1"));
        store_test::require(store->appendLines(station.station.id, session.key, 0, session.lines));
    }
    CentreProcess centre(db.where(), f.path("keys"));
    auto store = db.open();
    const auto held = *store_test::require(store->findSession(session.key));
    std::vector<pinpoint::centre::ScoreReportRecord> reports;
    for (int i = 0; i < 300 && reports.empty(); ++i) {
        reports = store_test::require(store->scoreReports(held.id));
        if (reports.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(reports.size() == 1);
    const json report = json::parse(reports[0].reportJson);
    CHECK(report["error"].get<std::string>().find("no-such-scenario") != std::string::npos);
    CHECK(reports[0].scenarioVersion.empty());
    CHECK(reports[0].softwareVersion.rfind("pinpoint ", 0) == 0);
    // Started again, it does not score the session twice.
    CHECK(centre.stop() == 0);
    CentreProcess again(db.where(), f.path("keys"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(store_test::require(store->scoreReports(held.id)).size() == 1);
}

TEST_CASE("20 stations upload at once while one station and the centre are killed mid-stream: every line is stored once") {
    TestDatabase db;
    Folder f;
    constexpr int kStations = 20;
    std::vector<std::string> tokens, files;
    std::vector<store_test::TestSession> sessions;
    {
        auto store = db.open();
        for (int i = 0; i < kStations; ++i) {
            tokens.push_back(store_test::require(store->addStation("station-" + std::to_string(i))).token);
            sessions.push_back(store_test::makeSession("trainee-" + std::to_string(i), "default", 1500));
            files.push_back(f.path("session-" + std::to_string(i) + ".pps"));
            writeLines(files.back(), sessions.back().lines);
        }
    }
    auto uploader = [&](int i, const std::string& url) {
        return std::make_unique<PinpointProcess>(std::vector<std::string>{
            "upload", files[i], "--centre", url, "--token", tokens[i], "--batch-lines", "10", "--retries", "8"});
    };
    auto watcher = db.open();
    auto heldLines = [&] {
        int total = 0;
        for (const auto& s : store_test::require(watcher->sessions({}))) total += s.lines;
        return total;
    };
    const int all = kStations * static_cast<int>(sessions[0].lines.size());
    auto centre = std::make_unique<CentreProcess>(db.where(), f.path("keys"));
    const int port = centre->port();
    std::vector<std::unique_ptr<PinpointProcess>> stations;
    for (int i = 0; i < kStations; ++i) stations.push_back(uploader(i, centre->url()));

    // A third of the way in, station 0 dies; then the centre dies (SIGKILL, mid-request for some).
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (heldLines() < all / 3 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stations[0]->kill();
    const int station0AtKill = store_test::require(watcher->findSession(sessions[0].key)).value_or(pinpoint::centre::SessionRecord{}).lines;
    while (heldLines() < all / 2 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    centre->kill();
    const int heldAtKill = heldLines();
    CHECK(heldAtKill < all);  // killed mid-stream
    CHECK(station0AtKill < static_cast<int>(sessions[0].lines.size()));
    centre = std::make_unique<CentreProcess>(db.where(), f.path("keys"), port);
    stations[0] = uploader(0, centre->url());  // station 0 restarted: it resumes too

    for (int i = 0; i < kStations; ++i) CHECK_MESSAGE(stations[i]->wait(60) == 0, "station " << i << ": " << stations[i]->err());
    auto store = db.open();
    for (const auto& session : sessions) {
        const auto held = store_test::require(store->findSession(session.key));
        REQUIRE(held);
        CHECK(held->lines == static_cast<int>(session.lines.size()));
        CHECK(storedLines(db, session.key) == session.lines);  // each line once, in order: the chain intact
        CHECK(pinpoint::core::verifySessionText(store_test::storedText(*store, held->id)).status ==
              pinpoint::core::SignatureStatus::Intact);
    }
}
