// The centre's dashboard pages with an academy's worth of sessions (10,000 by default, each with a
// full-size score report): fills an empty store (bench/centre_seed.h), then times each page as the
// server builds it (median and p95 of several requests).
//
//     build/bench/centre_dashboard postgresql://.../empty_db [--sessions N] [--requests R]
//     build/bench/centre_dashboard                            # a SQLite file in a temporary folder
#include "centre_seed.h"

#include "centre/dashboard.h"
#include "centre/dashboard_pages.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

using namespace pinpoint;

namespace {

// Each page as the data it needs and the page built from it, with the store's calls as they are.
struct PageTimer {
    std::string name;
    std::function<std::size_t()> build;  // returns the page's size in bytes
};

std::vector<centre::SessionSummary> summaries(centre::Store& store, const centre::SessionFilter& filter) {
    std::vector<centre::SessionSummary> out;
    const auto sessions = store.sessionsWithReports(filter);
    if (!sessions) return out;
    for (const centre::SessionWithReport& s : *sessions) out.push_back(centre::summarizeReport(s.session, s.report));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string where;
    bench::SeedCounts counts;
    int requests = 5;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--sessions") && i + 1 < argc) counts.sessions = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--requests") && i + 1 < argc) requests = std::atoi(argv[++i]);
        else where = argv[i];
    }
    std::filesystem::path folder;
    if (where.empty()) {
        folder = std::filesystem::temp_directory_path() / ("pinpoint-dashboard-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder);
        where = (folder / "centre.sqlite").string();
    }
    auto opened = centre::openStore(where);
    if (!opened) {
        std::fprintf(stderr, "centre_dashboard: %s\n", opened.error().describe().c_str());
        return 2;
    }
    centre::Store& store = **opened;
    bench::Seeded seeded;
    std::string why;
    const auto seedStart = std::chrono::steady_clock::now();
    if (!bench::seedCentre(store, counts, seeded, why)) {
        std::fprintf(stderr, "centre_dashboard: seeding: %s\n", why.c_str());
        return 2;
    }
    std::printf("%s: seeded %d sessions, %d people, %d reviews in %.1f s\n", store.backend().c_str(), seeded.sessions,
                seeded.people, seeded.reviews,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - seedStart).count());

    const std::vector<PageTimer> pages = {
        {"cohort table (" + seeded.firstCohort + ")",
         [&] {
             const auto people = store.people(seeded.firstCohort);
             std::vector<centre::Person> trainees;
             std::vector<centre::SessionSummary> all;
             for (const centre::Person& p : *people)
                 if (p.role == centre::Role::Trainee) {
                     trainees.push_back(p);
                     const auto mine = summaries(store, {p.login, std::nullopt, std::nullopt});
                     all.insert(all.end(), mine.begin(), mine.end());
                 }
             return centre::cohortPage(seeded.firstCohort, centre::cohortRows(trainees, all)).size();
         }},
        {"a trainee's progress",
         [&] {
             const auto person = store.findPerson(seeded.someTrainee);
             return centre::traineePage(**person, summaries(store, {seeded.someTrainee, std::nullopt, std::nullopt})).size();
         }},
        {"scenario statistics (all sessions)",
         [&] {
             return centre::scenarioPage(seeded.scenario, summaries(store, {std::nullopt, std::nullopt, seeded.scenario}), 70.0)
                 .size();
         }},
    };
    for (const PageTimer& page : pages) {
        std::vector<double> ms;
        std::size_t bytes = 0;
        for (int r = 0; r < requests; ++r) {
            const auto before = std::chrono::steady_clock::now();
            bytes = page.build();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%-40s %8zu bytes  median %8.1f ms  p95 %8.1f ms\n", page.name.c_str(), bytes, ms[ms.size() / 2],
                    ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]);
    }
    if (!folder.empty()) std::filesystem::remove_all(folder);
    return 0;
}
