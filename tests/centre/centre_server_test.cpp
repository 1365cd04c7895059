// The centre's server end to end: the real `pinpoint centre serve` over a test database (SQLite, and
// the throw-away PostgreSQL in the postgresql build of these tests), stations uploading with the real
// `pinpoint upload`, and raw requests for what a well-behaved station never sends. Faults (processes
// killed mid-stream) are in centre_faults_test.cpp.
#include "centre/centre_server.h"
#include "centre_server_support.h"
#include "web_test_support.h"

#include <sodium.h>

#include <chrono>
#include <fstream>
#include <thread>

using namespace centre_test;

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

TEST_CASE("each station has a request rate, past which the centre answers 429 with Retry-After") {
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
    // Wrong tokens are limited by address: a first one is told it is wrong, a flood of them is slowed,
    // and the station's own limit is not lifted by them.
    CHECK(clientFor(centre, std::string(64, 'b')).Get("/api/v1/sessions/0123456789abcdef")->status == 401);
    int strangersLimited = 0;
    for (int i = 0; i < 10; ++i)
        strangersLimited += clientFor(centre, std::string(63, 'd') + char('0' + i))
                                .Get("/api/v1/sessions/0123456789abcdef")->status == 429;
    CHECK(strangersLimited >= 5);  // a burst of 4 from this address, the first used above
    CHECK(client.Get("/api/v1/sessions/0123456789abcdef")->status == 429);

    // The uploader slows down when told to, and gets there: 8 requests at 2 a second after a burst of 4.
    const std::string other = addStation(db.where(), "station-2");
    const auto session = store_test::makeSession("trainee-slowed", "default", 30);
    const std::string file = sessionFile(f, session);
    const Run r = runPinpoint("upload " + file + " --centre " + centre.url() + " --token " + other + " --batch-lines 5");
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(storedLines(db, session.key) == session.lines);
}

TEST_CASE("a different file under a stored session's key is refused by the upload, located, exit 2") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-twin", "default", 100);
    // The same header (so the same key) and as many lines, but line 4 is another: signed afresh.
    const pinpoint::core::SigningKey key = pinpoint::core::SigningKey::generate();
    pinpoint::core::SessionChain chain;
    std::vector<std::string> twin;
    for (std::size_t i = 0; i < session.lines.size(); ++i) {
        const json line = json::parse(session.lines[i]);
        if (line.value("type", "") == "signature") {
            twin.push_back(chain.signatureLine(line["t"].get<double>(), key, line.value("final", false)));
            continue;
        }
        std::string bare = pinpoint::core::withoutSeal(session.lines[i]);
        if (i == 3) bare.insert(bare.size() - 1, R"(,"note":"another")");
        twin.push_back(chain.seal(bare));
    }
    REQUIRE(twin.size() == session.lines.size());
    REQUIRE(sessionKey(twin) == session.key);
    const std::string file = f.path("session.pps"), twinFile = f.path("twin.pps");
    writeLines(file, session.lines);
    writeLines(twinFile, twin);
    CentreProcess centre(db.where(), f.path("keys"));
    upload(centre, token, file);
    const Run r = runPinpoint("upload " + twinFile + " --centre " + centre.url() + " --token " + token);
    CHECK(r.exitCode == 2);
    CHECK_MESSAGE(r.err.find(twinFile + ":") != std::string::npos, r.err);
    CHECK(r.err.find("HTTP 409") != std::string::npos);
    CHECK(storedLines(db, session.key) == session.lines);
}

TEST_CASE("a recording cut off mid-line by a crash is uploaded as far as its whole lines go") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-crashed", "default", 300, false);
    std::vector<std::string> whole = session.lines;
    const std::string half = whole.back().substr(0, whole.back().size() / 2);  // what reached the disk of it
    whole.pop_back();
    const std::string file = f.path("session.pps");
    writeLines(file, whole);
    std::ofstream(file, std::ios::app | std::ios::binary) << half;
    CentreProcess centre(db.where(), f.path("keys"));
    const Run r = runPinpoint("upload " + file + " --centre " + centre.url() + " --token " + token);
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.err.find("warning") != std::string::npos);
    CHECK(storedLines(db, session.key) == session.slice(0, static_cast<int>(session.lines.size()) - 1));
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

TEST_CASE("a revoked station's token is refused, and what it sent before stays") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-revoked", "default", 50);
    const std::string file = sessionFile(f, session);
    CentreProcess centre(db.where(), f.path("keys"));
    upload(centre, token, file);
    CHECK(runPinpoint("centre revoke-station station-1 --db '" + db.where() + "'").exitCode == 0);
    CHECK(runPinpoint("centre revoke-station nobody --db '" + db.where() + "'").exitCode == 2);
    const Run r = runPinpoint("upload " + file + " --centre " + centre.url() + " --token " + token);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("HTTP 401") != std::string::npos);
    CHECK(storedLines(db, session.key) == session.lines);
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

TEST_CASE("a finished recording uploaded in one go is 'uploaded afterwards', not witnessed live - in the API and on its page") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const std::string file = f.path("session.pps");
    const std::vector<std::string> lines = demoSessionFor("trainee-late", file);  // some two minutes of recording
    CentreProcess centre(db.where(), f.path("keys"));
    upload(centre, token, file, "--batch-lines 2000");

    httplib::Client station = clientFor(centre, token);
    const auto held = station.Get("/api/v1/sessions/" + sessionKey(lines));
    REQUIRE(held);
    REQUIRE(held->status == 200);
    const json j = json::parse(held->body);
    CHECK(j["witnessed"] == false);
    CHECK(j["witnessing"] == "uploaded_afterwards");
    CHECK(j["receipts"].get<int>() >= 5);

    seedCentre(db);  // people, the administrator root among them
    Browser root(centre);
    REQUIRE(root.login("root", kPassword)->status == 303);
    const auto page = root.get("/sessions/" + sessionKey(lines));
    REQUIRE(page);
    CHECK(page->body.find("Uploaded afterwards") != std::string::npos);
    CHECK(page->body.find("Witnessed live") == std::string::npos);
    // The lists say so too.
    const auto home = root.get("/");
    REQUIRE(home);
    CHECK(home->body.find("<th>Witnessed</th>") != std::string::npos);
    CHECK(home->body.find("uploaded afterwards") != std::string::npos);
}
