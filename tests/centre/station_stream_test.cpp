// A station streaming sessions to the centre while they are recorded (docs/centre.md, "Stations"): the
// real `pinpoint centre serve`, and the station both as the real `pinpoint upload --follow` (which
// can be killed) and as the streamer the simulator runs in-process. A recording grows line by line
// (half lines included) while the centre and the station are killed and restarted; at the end every
// line is stored once, the chain is intact and every receipt verifies against the centre's key.
#include "centre_server_support.h"
#include "core/session/centre_receipt.h"
#include "station/session_files.h"
#include "station/session_streamer.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <thread>

using namespace centre_test;
namespace station = pinpoint::station;
namespace core = pinpoint::core;

namespace {

// Each test's own station configuration, so that no test pins another's centre key.
struct StationConfigFile {
    std::string path;
    explicit StationConfigFile(const Folder& f) : path(f.path("station.toml")) { ::setenv("PINPOINT_STATION_CONFIG", path.c_str(), 1); }
    ~StationConfigFile() { ::unsetenv("PINPOINT_STATION_CONFIG"); }
    void write(const std::string& text, mode_t mode = 0600) const {
        std::ofstream(path) << text;
        ::chmod(path.c_str(), mode);
    }
};

core::PublicKey centreKey(const CentreProcess& centre) {
    httplib::Client client = clientFor(centre, "");
    const auto health = client.Get("/api/v1/health");
    REQUIRE(health);
    const auto key = core::parsePublicKey(json::parse(health->body)["key"].get<std::string>());
    REQUIRE(key);
    return *key;
}

// Every receipt the centre recorded for the session is signed by `key` over the chain it held.
void checkReceipts(const TestDatabase& db, const std::string& sessionKey, const core::PublicKey& key) {
    auto store = db.open();
    const auto session = *store_test::require(store->findSession(sessionKey));
    const auto receipts = store_test::require(store->receipts(session.id));
    REQUIRE(!receipts.empty());
    CHECK(receipts.back().lineIndex == session.lines - 1);
    CHECK(pinpoint::core::centreReceiptVerifies(key, receipts.back().signature, sessionKey, session.lines - 1,
                                                session.chainHead, receipts.back().receivedAt));
    CHECK(core::verifySessionText(store_test::storedText(*store, session.id)).status == core::SignatureStatus::Intact);
}

// Appends `lines` to `path` a few at a time, some of them in two halves (a line being written), as the
// recorder does, until done or told to stop.
class Recording {
public:
    Recording(std::string path, std::vector<std::string> lines, int perTick)
        : path_(std::move(path)), lines_(std::move(lines)), thread_([this, perTick] { run(perTick); }) {}
    ~Recording() { thread_.join(); }
    int written() const { return written_; }
    void waitUntil(int lines) const {
        while (written_ < lines && written_ < static_cast<int>(lines_.size())) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

private:
    void run(int perTick) {
        std::ofstream out(path_, std::ios::binary | std::ios::app);
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const std::string& line = lines_[i];
            if (i % 97 == 5) {  // half a line, flushed, then the rest a moment later
                out << line.substr(0, line.size() / 2) << std::flush;
                std::this_thread::sleep_for(std::chrono::milliseconds(3));
                out << line.substr(line.size() / 2);
            } else {
                out << line;
            }
            out << "\n" << std::flush;
            written_ = static_cast<int>(i) + 1;
            if ((i + 1) % perTick == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    std::string path_;
    std::vector<std::string> lines_;
    std::atomic<int> written_{0};
    std::thread thread_;
};

int acknowledged(const std::string& file) {
    const auto ack = station::readAcknowledgement(file);
    return ack ? ack->stored : 0;
}

void waitForAcknowledged(const std::string& file, int lines, double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (acknowledged(file) < lines && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

}  // namespace

TEST_CASE("a recording streamed as it grows, the centre and the station killed and restarted: every line once, witnessed") {
    TestDatabase db;
    Folder f;
    StationConfigFile config(f);
    const std::string token = addStation(db.where(), "station-live");
    const auto session = store_test::makeSession("trainee-live", "default", 8000, true, 120);
    const std::string file = f.path("live.pps");
    const std::string keys = f.path("keys");
    auto centre = std::make_unique<CentreProcess>(db.where(), keys);
    const int port = centre->port();
    const std::string url = centre->url();
    const core::PublicKey key = centreKey(*centre);
    const std::vector<std::string> follow = {"upload", "--follow", file, "--centre", url, "--token", token};
    const int total = static_cast<int>(session.lines.size());
    {
        Recording recording(file, session.lines, 10);  // some 500 lines a second: 16 s
        auto stationProcess = std::make_unique<PinpointProcess>(follow);

        // The centre killed (as a power cut would) once it has witnessed part of the session, and back 1.5 s later.
        waitForAcknowledged(file, total / 5, 30);
        REQUIRE(acknowledged(file) >= total / 5);
        centre->kill();
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        centre = std::make_unique<CentreProcess>(db.where(), keys, port);

        // The station killed mid-stream, and started again: it resumes from what it remembers.
        waitForAcknowledged(file, total / 2, 30);
        REQUIRE(acknowledged(file) >= total / 2);
        REQUIRE(recording.written() < total);  // still recording
        stationProcess->kill();
        stationProcess = std::make_unique<PinpointProcess>(follow);
        recording.waitUntil(total);
        const int exit = stationProcess->wait(60);
        CHECK_MESSAGE(exit == 0, stationProcess->err());
    }
    CHECK(storedLines(db, sessionKey(session.lines)) == session.lines);
    checkReceipts(db, session.key, key);
    const auto ack = station::readAcknowledgement(file);
    REQUIRE(ack);
    CHECK(ack->stored == total);
    CHECK(ack->refused.empty());
    CHECK(core::centreReceiptVerifies(key, ack->receipt["signature"], session.key, ack->receipt["line"],
                                      ack->receipt["chain"], ack->receipt["received_ms"]));
    CHECK(station::pendingSessions(f.dir.string()).empty());
}

TEST_CASE("the streamer in the simulator: offline at start, the queue drains when the centre comes") {
    TestDatabase db;
    Folder f;
    StationConfigFile config(f);
    const std::string token = addStation(db.where(), "station-queue");
    std::vector<store_test::TestSession> sessions;
    for (int i = 0; i < 3; ++i) {
        sessions.push_back(store_test::makeSession("trainee-queue-" + std::to_string(i), "default", 400 + 100 * i));
        writeLines(f.path("queued-" + std::to_string(i) + ".pps"), sessions.back().lines);
    }
    // One cut off by a crash mid-line: sent as far as its complete lines go.
    const auto crashed = store_test::makeSession("trainee-queue-crash", "default", 300, false);
    {
        writeLines(f.path("crashed.pps"), crashed.lines);
        std::ofstream(f.path("crashed.pps"), std::ios::app) << R"({"t":99.5,"type":"pose","p":[1.0,15)";
    }
    REQUIRE(station::pendingSessions(f.dir.string()).size() == 4);

    int port = 0;
    core::PublicKey key{};
    {
        CentreProcess probe(db.where(), f.path("keys"));  // a free port, and the key the centre will have
        port = probe.port();
        key = centreKey(probe);
    }
    station::StreamerSettings settings;
    settings.centre = "http://127.0.0.1:" + std::to_string(port);
    settings.token = token;
    settings.interval = std::chrono::milliseconds(250);
    settings.longestWait = std::chrono::milliseconds(1000);
    std::optional<core::PublicKey> pinned;
    settings.pin = [&](const core::PublicKey& k) { pinned = k; };
    station::SessionStreamer streamer(settings);
    for (const std::string& file : station::pendingSessions(f.dir.string())) streamer.queue(file);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(streamer.state().link == station::CentreState::Link::Offline);
    CHECK(station::describe(streamer.state()) == "Centre offline: 4 sessions queued");

    CentreProcess centre(db.where(), f.path("keys"), port);
    REQUIRE(streamer.waitUntilSent(std::chrono::seconds(30)));
    CHECK(streamer.state().link == station::CentreState::Link::Online);
    REQUIRE(pinned);
    CHECK(*pinned == key);
    for (const auto& s : sessions) {
        CHECK(storedLines(db, s.key) == s.lines);
        checkReceipts(db, s.key, key);
    }
    CHECK(storedLines(db, crashed.key) == crashed.lines);
    CHECK(station::pendingSessions(f.dir.string()).empty());
    const Run again = runPinpoint("upload --pending --data-folder " + f.dir.string() + " --centre " + centre.url() + " --token " + token);
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("nothing to send") != std::string::npos);
}

TEST_CASE("a revoked station is refused as a station: its sessions stay queued for when it is put right") {
    TestDatabase db;
    Folder f;
    StationConfigFile config(f);
    const std::string token = addStation(db.where(), "station-revoked");
    const auto session = store_test::makeSession("trainee-revoked", "default", 100);
    const std::string file = sessionFile(f, session);
    const Run revoked = runPinpoint("centre revoke-station station-revoked --db '" + db.where() + "'");
    REQUIRE_MESSAGE(revoked.exitCode == 0, revoked.err);
    CentreProcess centre(db.where(), f.path("keys"));
    station::StreamerSettings settings;
    settings.centre = centre.url();
    settings.token = token;
    settings.interval = std::chrono::milliseconds(200);
    station::SessionStreamer streamer(settings);
    streamer.queue(file);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (streamer.state().link != station::CentreState::Link::Refused && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(station::describe(streamer.state()) == "Centre refused: unknown or revoked station token");
    streamer.stop();
    const auto ack = station::readAcknowledgement(file);
    CHECK((!ack || ack->refused.empty()));
    CHECK(station::pendingSessions(f.dir.string()) == std::vector<std::string>{file});
    CHECK(storedLines(db, session.key).empty());
}

TEST_CASE("closing the station does not wait for a centre that takes the connection and never answers") {
    // A socket that listens but never reads: the kernel completes the connection, no answer ever comes.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 8) == 0);
    socklen_t size = sizeof address;
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    station::StreamerSettings settings;
    settings.centre = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    settings.token = std::string(64, '0');
    // Longer than the test may run (ctest stops it after 120 s): closing must not wait for the answer.
    settings.answerWait = std::chrono::hours(1);
    auto streamer = std::make_unique<station::SessionStreamer>(settings);
    // Its first request is waiting for an answer once the kernel has completed the connection.
    const int peer = ::accept(listener, nullptr, nullptr);
    REQUIRE(peer >= 0);
    streamer.reset();
    // The station closed its end: after its request the connection reads as ended (a station still
    // waiting would keep this read blocked until ctest's limit).
    char byte = 0;
    ssize_t got = 0;
    while ((got = ::recv(peer, &byte, 1, 0)) > 0) {
    }
    CHECK((got == 0 || errno == ECONNRESET));
    ::close(peer);
    ::close(listener);
}

TEST_CASE("a centre with another key than the one pinned is refused, and nothing is sent") {
    TestDatabase db;
    Folder f;
    StationConfigFile config(f);
    const std::string token = addStation(db.where(), "station-pinned");
    const auto session = store_test::makeSession("trainee-pinned", "default", 200);
    const std::string file = sessionFile(f, session);
    CentreProcess centre(db.where(), f.path("keys"));

    // First contact pins the centre's key in the station's configuration (which names this centre).
    config.write("centre = \"" + centre.url() + "\"\ntoken = \"" + token + "\"\n");
    const Run first = runPinpoint("upload " + file);
    REQUIRE_MESSAGE(first.exitCode == 0, first.err);
    std::ifstream in(config.path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("centre_key = \"" + core::publicKeyText(centreKey(centre)) + "\"") != std::string::npos);

    // Another server at the centre's address, signing with another key: refused before anything is sent.
    const std::string other = core::publicKeyText(core::SigningKey::generate().publicKey());
    config.write("centre = \"" + centre.url() + "\"\ntoken = \"" + token + "\"\ncentre_key = \"" + other + "\"\n");
    const auto next = store_test::makeSession("trainee-pinned-2", "default", 100);
    writeLines(f.path("next.pps"), next.lines);
    const Run refused = runPinpoint("upload " + f.path("next.pps"));
    CHECK(refused.exitCode == 2);
    CHECK_MESSAGE(refused.err.find("not with the key this station trusts (" + other + "): nothing was sent") != std::string::npos,
                  refused.err);
    PinpointProcess streaming({"upload", "--follow", f.path("next.pps")});
    CHECK(streaming.wait(20) == 2);
    CHECK(streaming.err().find("Centre refused: the centre at " + centre.url() + " signs with key") != std::string::npos);
    CHECK(storedLines(db, next.key).empty());

    // The token is a secret: a configuration others can read is refused, and says how to fix it.
    config.write("centre = \"" + centre.url() + "\"\ntoken = \"" + token + "\"\n", 0644);
    const Run open = runPinpoint("upload " + f.path("next.pps"));
    CHECK(open.exitCode == 2);
    CHECK(open.err.find("can be read by other users") != std::string::npos);
    CHECK(open.err.find("chmod 600 " + config.path) != std::string::npos);

    // The simulator as a station: a bad URL or no token is said at once, before any window opens.
    config.write("");
    const Run badUrl = runPinpoint("--centre centre.example --token " + token);
    CHECK(badUrl.exitCode == 2);
    CHECK(badUrl.err.find("pinpoint: --centre centre.example: give a URL starting http:// or https://") != std::string::npos);
    const Run noToken = runPinpoint("--centre " + centre.url());
    CHECK(noToken.exitCode == 2);
    CHECK(noToken.err.find("pinpoint: no token for the centre at " + centre.url()) != std::string::npos);
}
