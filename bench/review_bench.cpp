// Benchmarks of the assessor's tools on a signed 20-minute session (120 Hz poses, 12-pin pen at
// 100 Hz, about 1.38 million punctures):
// - seeking: the density at a random moment through the replay checkpoints (goal <= 50 ms), and
//   building the checkpoints once when a session is opened for review;
// - verifying the hash chain and signature;
// - batch re-scoring: read, verify, simulate and score against the default scenario, per session
//   (what `pinpoint score --csv` does for each file).
#include "core/review/replay_index.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/session_file.h"
#include "core/sim/demo_session.h"
#include "io/head_loader.h"
#include "io/paths.h"

#include "bench_world.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

using namespace pinpoint;
using pinpoint::bench::orDie;

namespace {

struct World : bench::TreatmentWorldView {
    using TreatmentWorldView::TreatmentWorldView;
    std::optional<core::Scenario> scenario;
    std::string file = "bench-review-twenty-minutes.pps";
    core::Session session;  // the file, read
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const World& world() {
    static const std::unique_ptr<World> w = [] {
        auto s = std::make_unique<World>(bench::treatmentWorld());
        const auto conditions = orDie(core::readConditionCatalogue(io::assetDir() + "/conditions.toml"));
        core::ScenarioReadResult scenario = core::readScenario(io::defaultScenarioPath(), s->rubric, conditions, &s->surface->bvh);
        if (!scenario.scenario) {
            std::fprintf(stderr, "cannot read the default scenario\n");
            std::exit(2);
        }
        s->scenario = std::move(*scenario.scenario);
        const core::Session face = core::makeDemoSession(*s->surface, s->tools, s->rubric, {});
        // The face demo's events over and over, re-timed back to back at 120 poses per second, signed.
        std::filesystem::remove(s->file);
        const core::SigningKey key = core::SigningKey::generate();
        auto writer = orDie(core::SessionWriter::create(s->file, core::SessionHeader{}, &key));
        long sample = 0;
        while (sample < 1200L * 120L)
            for (core::SessionEvent e : face.events) {
                const double t = static_cast<double>(sample) / 120.0;
                if (std::holds_alternative<core::PoseEvent>(e) && ++sample > 1200L * 120L) break;
                std::visit([&](auto& event) { event.t = t; }, e);
                writer->append(e);
            }
        writer->close();
        s->session = orDie(core::readSessionFile(s->file, &s->tools));
        return s;
    }();
    return *w;
}

void BM_BuildReplayCheckpoints(benchmark::State& state) {
    const World& w = world();
    std::size_t checkpoints = 0, bytes = 0;
    for (auto _ : state) {
        const core::ReplayIndex index(*w.surface, w.tools, w.density, w.session, {static_cast<double>(state.range(0)), {}});
        checkpoints = index.checkpointCount();
        bytes = index.memoryBytes();
    }
    state.counters["checkpoints"] = static_cast<double>(checkpoints);
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_BuildReplayCheckpoints)->Arg(10)->Arg(5)->Unit(benchmark::kMillisecond)->Iterations(1);

// A seek to a random moment: the density at every vertex at that moment, all punctures and those that
// reached the dermis (what review mode draws).
void BM_SeekDensity(benchmark::State& state) {
    const World& w = world();
    const core::ReplayIndex index(*w.surface, w.tools, w.density, w.session, {static_cast<double>(state.range(0)), {}});
    std::mt19937 random(1);
    std::uniform_real_distribution<double> moment(0.0, index.duration());
    double worst = 0.0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(index.drawnAt(moment(random), w.head.mesh()));
        worst = std::max(worst, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    state.counters["worst_ms"] = worst;
    state.counters["session_s"] = index.duration();
}
BENCHMARK(BM_SeekDensity)->Arg(10)->Arg(5)->Unit(benchmark::kMillisecond)->Iterations(100);

void BM_VerifySignedSession(benchmark::State& state) {
    const World& w = world();
    const std::string text = slurp(w.file);
    for (auto _ : state) {
        const core::SignatureCheck c = core::verifySessionText(text);
        if (c.status != core::SignatureStatus::Intact) state.SkipWithError(c.message.c_str());
    }
    state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_VerifySignedSession)->Unit(benchmark::kMillisecond)->Iterations(5);

// One session of a batch: read the file, verify it, simulate and score it.
void BM_BatchScoreOneSession(benchmark::State& state) {
    const World& w = world();
    for (auto _ : state) {
        const std::string text = slurp(w.file);
        const core::Session session = orDie(core::parseSession(text, w.file, &w.tools));
        const core::SignatureCheck check = core::verifySessionText(text);
        const core::SimulationOutput sim = core::simulateSession(*w.surface, w.tools, session);
        const core::ScoreResult r = core::scoreSession(*w.scenario, w.rubric, w.head, w.density, session, sim);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(check);
    }
}
BENCHMARK(BM_BatchScoreOneSession)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
