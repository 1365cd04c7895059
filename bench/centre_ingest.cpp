// Ingest of a 20-minute session by the centre's store, as a station streams it: 120 poses a second
// (144,000 pose lines and a signed checkpoint every second), sent a second at a time. Prints lines per
// second and the time each batch took to store (median, p99, worst).
//
//     build/bench/centre_ingest                          # a SQLite file in a temporary folder
//     build/bench/centre_ingest postgresql://...         # an empty PostgreSQL database
#include "centre/store.h"
#include "core/session/session_signing.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace pinpoint;

int main(int argc, char** argv) {
    constexpr int kPosesPerSecond = 120, kSeconds = 20 * 60;
    std::string where = argc > 1 ? argv[1] : "";
    std::filesystem::path folder;
    if (where.empty()) {
        folder = std::filesystem::temp_directory_path() / ("pinpoint-ingest-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder);
        where = (folder / "centre.sqlite").string();
    }
    auto store = centre::openStore(where);
    if (!store) {
        std::fprintf(stderr, "centre_ingest: %s\n", store.error().describe().c_str());
        return 2;
    }
    const auto station = (*store)->addStation("bench-station");
    if (!station) {
        std::fprintf(stderr, "centre_ingest: %s\n", station.error().describe().c_str());
        return 2;
    }
    // The session, made and sealed before the clock starts: the recorder's work, not the centre's.
    const core::SigningKey key = core::SigningKey::fromSeed(std::array<unsigned char, 32>{7});
    core::SessionChain chain;
    std::vector<std::vector<std::string>> batches(1);
    batches[0].push_back(chain.seal(R"({"type":"header","format":"pinpoint-session","version":1,"scenario":"bench",)"
                                    R"("scenario_sha256":")" + std::string(64, 'a') +
                                    R"(","trainee":"bench","start_time":"2026-12-01T10:00:00Z"})"));
    const std::string sessionKey = batches[0][0].substr(batches[0][0].size() - 18, 16);
    for (int s = 0; s < kSeconds; ++s) {
        std::vector<std::string>& batch = batches.emplace_back();
        double t = s;
        for (int i = 0; i < kPosesPerSecond; ++i) {
            t = s + static_cast<double>(i) / kPosesPerSecond;
            char line[200];
            std::snprintf(line, sizeof line, R"({"t":%.4f,"type":"pose","p":[%.3f,1512.250,96.125],"axis":[0.02,-0.31,-0.95],"contact":true})",
                          t, -30.0 + 0.01 * i);
            batch.push_back(chain.seal(line));
        }
        batch.push_back(chain.signatureLine(t, key, s + 1 == kSeconds));
    }
    std::vector<double> ms;
    int first = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::vector<std::string>& batch : batches) {
        const auto before = std::chrono::steady_clock::now();
        const auto stored = (*store)->appendLines(station->station.id, sessionKey, first, batch);
        if (!stored) {
            std::fprintf(stderr, "centre_ingest: line %d: %s\n", first, stored.error().describe().c_str());
            return 2;
        }
        first = stored->stored;
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::sort(ms.begin(), ms.end());
    std::printf("%s: %d lines of a %d-minute session in %zu batches: %.1f s, %.0f lines/s\n", (*store)->backend().c_str(),
                first, kSeconds / 60, batches.size(), seconds, first / seconds);
    std::printf("per batch (one second of poses): median %.2f ms, p99 %.2f ms, worst %.2f ms\n", ms[ms.size() / 2],
                ms[ms.size() * 99 / 100], ms.back());
    if (!folder.empty()) std::filesystem::remove_all(folder);
    return 0;
}
