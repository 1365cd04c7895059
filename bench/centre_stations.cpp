// 100 stations streaming 120 Hz poses to one centre at once (issue 13): a real CentreServer over a real
// store, each station on its own thread with its own kept-alive connection, sending its new lines every
// --interval-ms (250 by default) with the stations' own sending code (station::CentreLink: receipts
// checked against the centre's key). Each session is made and signed before the clock starts (120
// poses and a checkpoint signature a second, 121 lines, as centre_ingest makes them). Prints the lines
// per second the centre held against the 100 x 121 a second the stations produce, how long after the
// recordings ended the last line was acknowledged, and each batch's acknowledgement time (median, p99, worst).
//
//     build/bench/centre_stations [--seconds 20] [--stations 100] [--interval-ms 250] [postgresql://...]
//
// Sessions are not scored (the bench's scorer returns at once): this measures storing and witnessing.
#include "centre/centre_server.h"
#include "centre/store.h"
#include "core/session/session_signing.h"
#include "station/centre_link.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace pinpoint;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kPosesPerSecond = 120;

// One station's signed session of `seconds` seconds: header, then each second 120 poses and a signature.
std::vector<std::string> makeSession(int station, int seconds) {
    std::array<unsigned char, 32> seed{};
    seed[0] = static_cast<unsigned char>(station);
    seed[1] = static_cast<unsigned char>(station >> 8);
    seed[2] = 1;
    const core::SigningKey key = core::SigningKey::fromSeed(seed);
    core::SessionChain chain;
    std::vector<std::string> lines;
    lines.push_back(chain.seal(R"({"type":"header","format":"pinpoint-session","version":1,"scenario":"bench",)"
                               R"("scenario_sha256":")" + std::string(64, 'a') + R"(","trainee":"bench-)" +
                               std::to_string(::getpid()) + "-" + std::to_string(station) + R"(","start_time":"2026-12-01T10:00:00Z"})"));
    for (int s = 0; s < seconds; ++s) {
        double t = s;
        for (int i = 0; i < kPosesPerSecond; ++i) {
            t = s + static_cast<double>(i) / kPosesPerSecond;
            char line[200];
            std::snprintf(line, sizeof line,
                          R"({"t":%.4f,"type":"pose","p":[%.3f,1512.250,96.125],"axis":[0.02,-0.31,-0.95],"contact":true})", t,
                          -30.0 + 0.01 * i + 0.1 * station);
            lines.push_back(chain.seal(line));
        }
        lines.push_back(chain.signatureLine(t, key, s + 1 == seconds));
    }
    return lines;
}

struct StationResult {
    std::vector<double> ackMs;  // each batch's acknowledgement time
    int acknowledged = 0;
    double drainedS = 0.0;      // from the end of its recording to its last line acknowledged
    std::string failure;
};

}  // namespace

int main(int argc, char** argv) {
    int seconds = 20, stations = 100, intervalMs = 250;
    std::string where;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) seconds = std::max(1, std::atoi(argv[++i]));
        else if (a == "--stations" && i + 1 < argc) stations = std::clamp(std::atoi(argv[++i]), 1, 1000);
        else if (a == "--interval-ms" && i + 1 < argc) intervalMs = std::max(10, std::atoi(argv[++i]));
        else where = a;
    }
    std::filesystem::path folder;
    if (where.empty()) {
        folder = std::filesystem::temp_directory_path() / ("pinpoint-stations-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder);
        where = (folder / "centre.sqlite").string();
    }
    auto store = centre::openStore(where);
    if (!store) {
        std::fprintf(stderr, "centre_stations: %s\n", store.error().describe().c_str());
        return 2;
    }
    std::vector<std::string> tokens;
    std::vector<std::vector<std::string>> sessions;
    for (int s = 0; s < stations; ++s) {
        const auto added = (*store)->addStation("bench-" + std::to_string(::getpid()) + "-" + std::to_string(s));
        if (!added) {
            std::fprintf(stderr, "centre_stations: %s\n", added.error().describe().c_str());
            return 2;
        }
        tokens.push_back(added->token);
        sessions.push_back(makeSession(s, seconds));
    }
    const core::SigningKey centreKey = core::SigningKey::generate();
    centre::ServerLimits limits;
    // Every station here connects from 127.0.0.1: one address, where a centre caps 128 connections
    // (serve --max-connections-per-address, as a centre whose stations share one address would set).
    limits.maxConnectionsPerAddress = static_cast<std::size_t>(stations) + 16;
    centre::CentreServer server(**store, centreKey, limits, [](const centre::SessionRecord&, const std::string&) {
        return centre::ScoreOutcome{R"({"error":"not scored by the bench"})", "", "", "bench"};
    }, core::RatingScale{});
    std::string why;
    const std::optional<int> port = server.bind("127.0.0.1", 0, why);
    if (!port) {
        std::fprintf(stderr, "centre_stations: %s\n", why.c_str());
        return 2;
    }
    std::thread serving([&] { server.run(); });
    const std::string url = "http://127.0.0.1:" + std::to_string(*port);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));

    const double linesPerSecond = kPosesPerSecond + 1;
    std::vector<StationResult> results(stations);
    const auto start = Clock::now() + std::chrono::milliseconds(100);
    std::vector<std::thread> threads;
    for (int s = 0; s < stations; ++s)
        threads.emplace_back([&, s] {
            const std::vector<std::string>& lines = sessions[s];
            const std::string key = lines[0].substr(lines[0].size() - 18, 16);
            station::CentreLink link(url, tokens[s], centreKey.publicKey(), 0);
            StationResult& r = results[s];
            // Stations start spread over one interval, as real ones would not all tick together.
            const auto first = start + std::chrono::microseconds(1000LL * intervalMs * s / stations);
            const int total = static_cast<int>(lines.size());
            for (int tick = 1, next = 0; next < total; ++tick) {
                const auto at = first + std::chrono::milliseconds(intervalMs) * tick;
                std::this_thread::sleep_until(at);
                const double recorded = std::chrono::duration<double>(Clock::now() - first).count();
                const int available = std::min(total, 1 + static_cast<int>(recorded * linesPerSecond));
                if (available <= next) continue;
                const int count = std::min(available - next, 5000);
                const auto before = Clock::now();
                const station::BatchAnswer answer = link.sendBatch(key, next, lines, count);
                r.ackMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - before).count());
                if (answer.kind != station::BatchAnswer::Kind::Stored) {
                    r.failure = answer.message;
                    return;
                }
                next = r.acknowledged = answer.stored;
                if (next == total) r.drainedS = std::chrono::duration<double>(Clock::now() - first).count() - seconds;
            }
        });
    for (std::thread& t : threads) t.join();
    server.stop();
    serving.join();
    server.stopScoring(std::chrono::milliseconds(1000));

    std::vector<double> ms;
    long acknowledged = 0;
    int failed = 0;
    double drained = 0.0;
    for (const StationResult& r : results) {
        ms.insert(ms.end(), r.ackMs.begin(), r.ackMs.end());
        acknowledged += r.acknowledged;
        if (!r.failure.empty()) {
            if (failed++ == 0) std::fprintf(stderr, "centre_stations: a station failed: %s\n", r.failure.c_str());
        }
        drained = std::max(drained, r.drainedS);
    }
    std::sort(ms.begin(), ms.end());
    const double produced = stations * linesPerSecond;
    std::printf("%s: %d stations x %d s of 120 Hz poses (%.0f lines/s produced), a batch every %d ms each, %u cores\n",
                (*store)->backend().c_str(), stations, seconds, produced, intervalMs, std::thread::hardware_concurrency());
    // Kept up: every line acknowledged, the last within a second of the recordings' end (no backlog grew).
    const bool keptUp = failed == 0 && acknowledged == static_cast<long>(stations) * static_cast<long>(sessions[0].size()) &&
                        drained <= 1.0;
    std::printf("held: %ld lines, %.0f lines/s over the %d s of recording (%s); the last acknowledged %.2f s after its "
                "recording ended; stations failed: %d\n",
                acknowledged, acknowledged / static_cast<double>(seconds), seconds, keptUp ? "kept up" : "FELL BEHIND",
                drained, failed);
    if (!ms.empty())
        std::printf("acknowledgement per batch (%zu batches): median %.1f ms, p99 %.1f ms, worst %.1f ms\n", ms.size(),
                    ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back());
    if (!folder.empty()) std::filesystem::remove_all(folder);
    return failed == 0 ? 0 : 1;
}
