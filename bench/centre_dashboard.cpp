// The centre's web dashboard with 10,000 sessions: seeds a store (bench/centre_seed.h: 200 trainees
// in 10 cohorts, each session with a full-size score report; two reviews on a fifth of them, marks on
// some), serves it in-process (CentreServer, the same routes as `pinpoint centre serve`), logs in over
// HTTP as an administrator and as an instructor, and times each page (median and p95 of a few loads).
//
//     build/bench/centre_dashboard postgresql://...     # an empty PostgreSQL database (scripts/test-postgres)
//     build/bench/centre_dashboard                      # a SQLite file in a temporary folder
//     build/bench/centre_dashboard URI SESSIONS         # another number of sessions
#include "centre_seed.h"

#include "centre/centre_server.h"
#include "centre/people.h"
#include "centre/store.h"
#include "core/session/session_signing.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <thread>

using namespace pinpoint;
using centre::Id;
using centre::Role;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

template <class T>
T need(centre::Result<T> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "centre_dashboard: %s: %s\n", what, r.error().describe().c_str());
        std::exit(1);
    }
    return std::move(*r);
}

std::string loginCookie(httplib::Client& http, const std::string& login) {
    auto form = http.Get("/login");
    std::smatch m;
    static const std::regex csrf(R"re(name="csrf" value="([0-9a-f]+)")re");
    if (!form || !std::regex_search(form->body, m, csrf)) std::exit(3);
    const std::string formCookie = form->get_header_value("Set-Cookie").substr(0, form->get_header_value("Set-Cookie").find(';'));
    auto r = http.Post("/login", {{"Cookie", formCookie}},
                       httplib::Params{{"csrf", m[1]}, {"login", login}, {"password", bench::kSeedPassword}});
    if (!r || r->status != 303) {
        std::fprintf(stderr, "centre_dashboard: login as %s failed\n", login.c_str());
        std::exit(3);
    }
    for (std::size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
        const std::string c = r->get_header_value("Set-Cookie", i);
        if (c.rfind("pinpoint_session=", 0) == 0) return c.substr(0, c.find(';'));
    }
    std::exit(3);
}

void timePage(httplib::Client& http, const std::string& cookie, const std::string& who, const std::string& path, int loads) {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < loads; ++i) {
        const auto start = Clock::now();
        auto r = http.Get(path.c_str(), {{"Cookie", cookie}});
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!r || r->status != 200) {
            std::printf("%-10s %-34s failed (%d)\n", who.c_str(), path.c_str(), r ? r->status : -1);
            return;
        }
        bytes = r->body.size();
    }
    std::sort(ms.begin(), ms.end());
    const double p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(ms.size())))];
    std::printf("%-10s %-34s median %8.1f ms  p95 %8.1f ms  (%d loads, %zu kB)\n", who.c_str(), path.c_str(), ms[ms.size() / 2],
                p95, loads, bytes / 1024);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    std::string where = argc > 1 ? argv[1] : "";
    const int sessions = argc > 2 ? std::atoi(argv[2]) : 10000;
    std::filesystem::path folder;
    if (where.empty()) {
        folder = std::filesystem::temp_directory_path() / ("pinpoint-dashboard-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder);
        where = (folder / "centre.sqlite").string();
    }
    auto store = need(centre::openStore(where), "open");
    std::fprintf(stderr, "centre_dashboard: seeding %d sessions into %s\n", sessions, store->backend().c_str());
    bench::SeedCounts counts;
    counts.sessions = sessions;
    bench::Seeded seeded;
    std::string why;
    const auto seedStart = Clock::now();
    if (!bench::seedCentre(*store, counts, seeded, why)) {
        std::fprintf(stderr, "centre_dashboard: seeding: %s\n", why.c_str());
        return 2;
    }
    std::fprintf(stderr, "centre_dashboard: seeded %d sessions, %d people, %d reviews in %.0f s\n", seeded.sessions,
                 seeded.people, seeded.reviews, std::chrono::duration<double>(Clock::now() - seedStart).count());
    centre::CentreServer server(*store, core::SigningKey::generate(), centre::ServerLimits{},
                                [](const centre::SessionRecord&, const std::string&) { return centre::ScoreOutcome{}; }, core::RatingScale{});
    const auto port = server.bind("127.0.0.1", 0, why);
    if (!port) return 2;
    std::thread serving([&] { server.run(); });
    httplib::Client http("127.0.0.1", *port);
    http.set_read_timeout(300, 0);
    for (int i = 0; i < 100 && !http.Get("/api/v1/health"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::printf("%d sessions, %s\n", sessions, store->backend().c_str());
    const std::string admin = loginCookie(http, "admin"), instructor = loginCookie(http, "instructor-01");
    const int loads = argc > 3 ? std::atoi(argv[3]) : 5;
    for (const auto& [who, cookie] : {std::pair{std::string("admin"), admin}, std::pair{std::string("instructor"), instructor}}) {
        timePage(http, cookie, who, "/", loads);
        timePage(http, cookie, who, "/cohorts/" + seeded.firstCohort, loads);
        timePage(http, cookie, who, "/trainees/" + seeded.someTrainee, loads);
        timePage(http, cookie, who, "/scenarios/" + seeded.scenario, loads);
        timePage(http, cookie, who, "/queue", loads);
        timePage(http, cookie, who, "/assessment", loads);
        timePage(http, cookie, who, "/sessions/" + seeded.someSessionKey, loads);
    }
    server.stop();
    serving.join();
    server.stopScoring(std::chrono::seconds(1));
    if (!folder.empty()) std::filesystem::remove_all(folder);
    return 0;
}
