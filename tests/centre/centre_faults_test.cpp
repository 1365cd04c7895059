// The centre under faults: a station killed mid-upload, the centre killed (SIGKILL) mid-stream and
// restarted, an uploader that starts before the centre does, 20 stations at once. After each, every
// line acknowledged is stored, once, and every session's chain is intact.
#include "centre_server_support.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

using namespace centre_test;

TEST_CASE("a station killed mid-upload resumes where the centre stands, every line once") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-resume", "default", 1200);
    const std::string file = sessionFile(f, session);
    CentreProcess centre(db.where(), f.path("keys"));
    httplib::Client client = clientFor(centre, token);
    const int half = static_cast<int>(session.lines.size()) / 2;
    for (int first = 0; first < half; first += 100)
        REQUIRE(client.Post("/api/v1/sessions/" + session.key + "/lines",
                            batch(first, session.lines, first, std::min(100, half - first)).dump(), "application/json")
                    ->status == 200);
    // (A URL with a trailing slash, as people paste them, is the same centre; the token comes from the
    // environment, out of the process list.)
    ::setenv("PINPOINT_CENTRE_TOKEN", token.c_str(), 1);
    const Run r = runPinpoint("upload " + file + " --centre " + centre.url() + "/ --batch-lines 300");
    ::unsetenv("PINPOINT_CENTRE_TOKEN");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("(" + std::to_string(session.lines.size() - half) + " new)") != std::string::npos);
    CHECK(storedLines(db, session.key) == session.lines);
}

TEST_CASE("the centre killed mid-stream keeps every line it acknowledged, and the station resumes") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-crash", "default", 3000);
    const std::string file = sessionFile(f, session);
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
    const std::string file = sessionFile(f, session);
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
    // Small batches make many requests: the rate limit is raised so that this test is about faults.
    const std::vector<std::string> fast = {"--requests-per-second", "5000"};
    auto centre = std::make_unique<CentreProcess>(db.where(), f.path("keys"), 0, fast);
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
    centre = std::make_unique<CentreProcess>(db.where(), f.path("keys"), port, fast);
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

TEST_CASE("a database that cannot be reached is named without its password") {
    for (const std::string command : {"centre add-station bay-9", "centre serve --listen 127.0.0.1:0"}) {
        const Run run = runPinpoint(command + " --db 'postgresql://pinpoint:S3cretPw@127.0.0.1:1/centre?password=Hidden2'");
        CHECK(run.exitCode != 0);
        CHECK_MESSAGE(run.err.find("S3cretPw") == std::string::npos, run.err);
        CHECK_MESSAGE(run.err.find("Hidden2") == std::string::npos, run.err);
        CHECK_MESSAGE(run.err.find("postgresql://pinpoint:***@127.0.0.1:1/centre?password=***") != std::string::npos, run.err);
    }
}
