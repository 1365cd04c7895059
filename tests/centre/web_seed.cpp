// Seeds a centre's store for the dashboard's browser test (centre_web_browser_test.py):
//   centre_web_seed STORE DEMO.pps OUTDIR PASSWORD
// People (trainees anna, ben, cara, dev; instructors ida, ivo; assessors asa, alf, axel; admin root, all
// with PASSWORD), a history of scored sessions per trainee with reviews by two assessors and
// expert/novice marks (made here, their reports written as the centre's scorer would), and the demo
// session DEMO.pps re-signed as anna's and as cara's into OUTDIR/anna.pps and OUTDIR/cara.pps, for the
// test to upload with `pinpoint upload` and the centre to score. Prints a JSON object of the keys made.
#include "centre/people.h"
#include "centre/store.h"
#include "resealed_session.h"
#include "core/session/session_signing.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace pinpoint;
using centre::Id;
using centre::Role;
using nlohmann::json;

namespace {

template <class T>
T need(centre::Result<T> r, const char* what) {
    if (!r) {
        std::cerr << "centre_web_seed: " << what << ": " << r.error().describe() << "\n";
        std::exit(1);
    }
    return std::move(*r);
}

std::vector<std::string> resigned(const std::vector<std::string>& demo, const std::string& trainee) {
    return centre_test::resealed(demo, [&](json& header) {
        header["trainee"] = trainee;
        header.erase("demo");  // recorded as the trainee's own practice
    });
}

// A short made-up recording of `trainee` (a header, a few poses, a closing signature).
std::vector<std::string> madeUpSession(const std::string& trainee, const std::string& scenario, int n) {
    static const core::SigningKey key = core::SigningKey::generate();
    core::SessionChain chain;
    std::vector<std::string> lines;
    lines.push_back(chain.seal(json{{"type", "header"}, {"format", "pinpoint-session"}, {"version", 1}, {"scenario", scenario},
                                    {"scenario_sha256", std::string(64, 'a')}, {"trainee", trainee},
                                    {"start_time", "2026-11-" + std::to_string(10 + n) + "T10:00:00Z"}}.dump()));
    for (int i = 1; i <= 20; ++i)
        lines.push_back(chain.seal(json{{"t", 0.1 * i}, {"type", "pose"}, {"p", {i, 1500, 80}}, {"contact", i % 2 == 0}}.dump()));
    lines.push_back(chain.signatureLine(2.0, key, true));
    return lines;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: centre_web_seed STORE DEMO.pps OUTDIR PASSWORD\n";
        return 2;
    }
    auto store = need(centre::openStore(argv[1]), "open");
    const std::string hash = need(centre::hashPassword(argv[4]), "password");
    std::map<std::string, Id> ids;
    const std::vector<std::tuple<std::string, Role, std::string, std::string>> people = {
        {"anna", Role::Trainee, "spring", "Anna Ames"},      {"ben", Role::Trainee, "spring", "Ben Bell"},
        {"dev", Role::Trainee, "spring", "Devika Ramanathan-Oyelaran"},
        {"cara", Role::Trainee, "autumn", "Cara Cole"},      {"ida", Role::Instructor, "spring", "Ida Ince"},
        {"ivo", Role::Instructor, "autumn", "Ivo Ide"},      {"asa", Role::Assessor, "spring", "Asa Ash"},
        {"alf", Role::Assessor, "spring", "Alf Ayre"},       {"axel", Role::Assessor, "autumn", "Axel Ark"},
        {"root", Role::Admin, "", "Rita Root"}};
    for (const auto& [login, role, cohort, name] : people)
        ids[login] = need(store->addPerson({0, login, name, role, hash, cohort, 0, {}}), "person").id;
    const Id station = need(store->addStation("bay 1"), "station").station.id;

    json made = json::object();
    const std::vector<std::string> components = {"coverage", "overlap", "depth", "contraindications", "technique"};
    int n = 0;
    for (const std::string trainee : {"anna", "ben", "dev", "cara"}) {
        for (int k = 0; k < 6; ++k, ++n) {
            const std::string scenario = k % 3 == 2 ? "cheek-scars" : "forehead-basic";
            const auto lines = madeUpSession(trainee, scenario, n % 20);
            const std::string key = json::parse(lines[0])["h"];
            const Id id = need(store->appendLines(station, key, 0, lines), "session").session;
            // Scores that improve over the sessions, a different pace per trainee.
            const double score = std::min(98.0, 38.0 + 9.0 * k + 5.0 * (n % 4));
            json comps = json::object();
            for (std::size_t c = 0; c < components.size(); ++c) comps[components[c]] = std::min(100.0, score - 12.0 + 7.0 * c);
            json errors = json::array();
            if (score < 60) errors.push_back({{"code", "tissue_injury"}, {"t", 41.5}, {"message", "Needle depth above the safe limit"}});
            if (k == 0) errors.push_back({{"code", "skipped_consent"}, {"t", 3.0}, {"message", "Treatment began before consent"}});
            const bool certifiable = k >= 4;
            json report = {{"score", score}, {"passed", score >= 60}, {"components", comps}, {"critical_errors", errors},
                           {"evidence", {{"certifiable", certifiable},
                                         {"reasons", certifiable ? json::array() : json::array({"a practice session"})}}}};
            need(store->saveScoreReport({0, id, report.dump(), std::string(64, 'b'), std::string(64, 'a'), "pinpoint seed", 0}),
                 "report");
            // Reviews by two assessors of the cohort on most spring sessions; marks on the first and last.
            if (trainee != "cara" && k != 5) {
                for (const char* assessor : {"asa", "alf"}) {
                    need(store->assignAssessor(id, ids[assessor]), "assign");
                    const int bias = std::string(assessor) == "asa" ? 0 : (k % 2);
                    const json ratings = {{"asepsis", 3 + (k + bias) % 3}, {"depth_control", 2 + (k * 2 + bias) % 4},
                                          {"coverage", 2 + (k + n + bias) % 4}};
                    need(store->addReview({0, id, ids[assessor], ratings.dump(), score >= 60 || bias == 1, 0}), "review");
                }
            }
            if (trainee != "cara" && k == 5) need(store->assignAssessor(id, ids["asa"]), "assign");  // awaiting asa
            if (k <= 1 || k >= 4) need(store->markSession(id, k <= 1 ? centre::Mark::Novice : centre::Mark::Expert, ids["ida"]), "mark");
            made[trainee].push_back(key);
        }
    }

    std::ifstream in(argv[2]);
    std::vector<std::string> demo;
    for (std::string line; std::getline(in, line);) demo.push_back(line);
    for (const std::string trainee : {"anna", "cara"}) {
        std::ofstream out(std::string(argv[3]) + "/" + trainee + ".pps");
        const std::vector<std::string> lines = resigned(demo, trainee);
        for (const std::string& line : lines) out << line << "\n";
        made["uploaded"][trainee] = json::parse(lines[0])["h"];
    }
    std::cout << made.dump() << std::endl;
    return 0;
}
