// The centre's web dashboard with 10,000 sessions: seeds a store (200 trainees in 10 cohorts, each
// session with a score report; two reviews on a third of them, marks on some), serves it in-process
// (CentreServer, the same routes as `pinpoint centre serve`), logs in over HTTP as an administrator
// and as an instructor, and times each page (median and p95 of a few loads).
//
//     build/bench/centre_dashboard postgresql://...     # an empty PostgreSQL database (scripts/test-postgres)
//     build/bench/centre_dashboard                      # a SQLite file in a temporary folder
//     build/bench/centre_dashboard URI SESSIONS         # another number of sessions
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

std::vector<std::string> smallSession(const std::string& trainee, const std::string& scenario, int n, const core::SigningKey& key) {
    core::SessionChain chain;
    std::vector<std::string> lines;
    lines.push_back(chain.seal(json{{"type", "header"}, {"format", "pinpoint-session"}, {"version", 1}, {"scenario", scenario},
                                    {"scenario_sha256", std::string(64, 'a')}, {"trainee", trainee},
                                    {"start_time", "2026-12-01T10:00:00." + std::to_string(n) + "Z"}}.dump()));
    for (int i = 1; i <= 4; ++i)
        lines.push_back(chain.seal(json{{"t", 0.1 * i}, {"type", "pose"}, {"p", {i, 1500, 80}}, {"contact", true}}.dump()));
    lines.push_back(chain.signatureLine(0.4, key, true));
    return lines;
}

struct Seeded {
    std::string firstSessionKey, firstTrainee;
};

Seeded seed(centre::Store& store, int sessions) {
    const std::string hash = need(centre::hashPassword("bench password 1"), "hash");
    std::vector<std::string> trainees;
    std::vector<Id> assessors;
    for (int c = 0; c < 10; ++c) {
        const std::string cohort = "cohort-" + std::to_string(c);
        for (int t = 0; t < 20; ++t) {
            const std::string login = "trainee-" + std::to_string(c) + "-" + std::to_string(t);
            need(store.addPerson({0, login, "Trainee " + login, Role::Trainee, hash, cohort, 0}), "trainee");
            trainees.push_back(login);
        }
        for (int a = 0; a < 2; ++a)
            assessors.push_back(need(store.addPerson({0, "assessor-" + std::to_string(c) + "-" + std::to_string(a), "Assessor",
                                                      Role::Assessor, hash, cohort, 0}), "assessor").id);
        need(store.addPerson({0, "instructor-" + std::to_string(c), "Instructor", Role::Instructor, hash, cohort, 0}), "instructor");
    }
    const Id instructor0 = need(store.findPerson("instructor-0"), "find")->id;
    need(store.addPerson({0, "admin", "Admin", Role::Admin, hash, "", 0}), "admin");
    const Id station = need(store.addStation("bench"), "station").station.id;
    const core::SigningKey key = core::SigningKey::fromSeed(std::array<unsigned char, 32>{9});
    Seeded out;
    const auto start = Clock::now();
    for (int n = 0; n < sessions; ++n) {
        const int t = n % 200, cohort = t / 20;
        const std::string& trainee = trainees[static_cast<std::size_t>(t)];
        const auto lines = smallSession(trainee, n % 3 == 0 ? "cheek-scars" : "forehead-basic", n, key);
        const std::string sessionKey = json::parse(lines[0])["h"];
        const Id id = need(store.appendLines(station, sessionKey, 0, lines), "session").session;
        if (n == 0) out = {sessionKey, trainee};
        const double score = 30.0 + (n * 37 % 70);
        const json report = {{"score", score}, {"passed", score >= 60},
                             {"components", {{"coverage", score}, {"overlap", score - 5}, {"depth", score + 3},
                                             {"contraindications", 100}, {"technique", score - 8}}},
                             {"critical_errors", score < 45 ? json::array({{{"code", "tissue_injury"}, {"t", 3.5}}}) : json::array()},
                             {"evidence", {{"certifiable", n % 4 == 0}, {"reasons", json::array()}}}};
        need(store.saveScoreReport({0, id, report.dump(), "r", "s", "bench", 0}), "report");
        if (n % 3 == 0)
            for (int a = 0; a < 2; ++a) {
                const Id assessor = assessors[static_cast<std::size_t>(cohort * 2 + a)];
                need(store.assignAssessor(id, assessor), "assign");
                need(store.addReview({0, id, assessor, json{{"asepsis", 2 + (n + a) % 3}, {"depth_control", 3 + n % 2}}.dump(),
                                      score >= 60, 0}), "review");
            }
        if (cohort == 0 && n % 7 == 0) need(store.markSession(id, score >= 60 ? centre::Mark::Expert : centre::Mark::Novice, instructor0), "mark");
        if ((n + 1) % 2000 == 0)
            std::fprintf(stderr, "  seeded %d sessions (%.0f s)\n", n + 1,
                         std::chrono::duration<double>(Clock::now() - start).count());
    }
    return out;
}

std::string loginCookie(httplib::Client& http, const std::string& login) {
    auto form = http.Get("/login");
    std::smatch m;
    static const std::regex csrf(R"re(name="csrf" value="([0-9a-f]+)")re");
    if (!form || !std::regex_search(form->body, m, csrf)) std::exit(3);
    const std::string formCookie = form->get_header_value("Set-Cookie").substr(0, form->get_header_value("Set-Cookie").find(';'));
    auto r = http.Post("/login", {{"Cookie", formCookie}},
                       httplib::Params{{"csrf", m[1]}, {"login", login}, {"password", "bench password 1"}});
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
    const Seeded seeded = seed(*store, sessions);
    centre::CentreServer server(*store, core::SigningKey::generate(), centre::ServerLimits{},
                                [](const centre::SessionRecord&, const std::string&) { return centre::ScoreOutcome{}; });
    std::string why;
    const auto port = server.bind("127.0.0.1", 0, why);
    if (!port) return 2;
    std::thread serving([&] { server.run(); });
    httplib::Client http("127.0.0.1", *port);
    http.set_read_timeout(300, 0);
    for (int i = 0; i < 100 && !http.Get("/api/v1/health"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::printf("%d sessions, %s\n", sessions, store->backend().c_str());
    const std::string admin = loginCookie(http, "admin"), instructor = loginCookie(http, "instructor-0");
    const int loads = argc > 3 ? std::atoi(argv[3]) : 5;
    for (const auto& [who, cookie] : {std::pair{std::string("admin"), admin}, std::pair{std::string("instructor"), instructor}}) {
        timePage(http, cookie, who, "/", loads);
        timePage(http, cookie, who, "/cohorts/cohort-0", loads);
        timePage(http, cookie, who, "/trainees/" + seeded.firstTrainee, loads);
        timePage(http, cookie, who, "/scenarios/forehead-basic", loads);
        timePage(http, cookie, who, "/queue", loads);
        timePage(http, cookie, who, "/assessment", loads);
        timePage(http, cookie, who, "/sessions/" + seeded.firstSessionKey, loads);
    }
    server.stop();
    serving.join();
    server.stopScoring(std::chrono::seconds(1));
    if (!folder.empty()) std::filesystem::remove_all(folder);
    return 0;
}
