#include "centre_seed.h"

#include "centre/people.h"
#include "core/session/session_signing.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <iostream>
#include <random>

namespace pinpoint::bench {

namespace {

using nlohmann::json;

const char* const kZones[] = {"forehead",   "glabella",     "left_temple", "right_temple", "left_cheek",
                              "right_cheek", "nose",         "upper_lip",   "chin",         "left_jaw",
                              "right_jaw",   "left_periorbital", "right_periorbital"};
const char* const kComponents[] = {"coverage", "overlap", "depth", "contraindications", "technique", "protocol"};
const char* const kErrors[] = {"treated_without_screening", "needled_before_safety_step", "forbidden_area", "depth_over_limit",
                               "active_lesion_treated"};

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// A score report shaped and sized as `pinpoint score --json` writes one (about 20 KB: per-zone detail
// and the list of deductions make most of it).
std::string scoreReport(std::mt19937& random, double skill, double& score) {
    std::normal_distribution<double> noise(0.0, 8.0);
    json components = json::object();
    double sum = 0.0;
    for (const char* c : kComponents) {
        const double v = std::clamp(skill + noise(random), 0.0, 100.0);
        components[c] = std::round(v * 100.0) / 100.0;
        sum += v;
    }
    score = std::round(sum / std::size(kComponents) * 100.0) / 100.0;
    json errors = json::array();
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const char* e : kErrors)
        if (unit(random) < (100.0 - skill) / 400.0)
            errors.push_back({{"code", e}, {"message", std::string("the trainee ") + e + " during the session (bench)"}, {"t", 12.5}});
    const bool passed = score >= 70.0 && errors.empty();
    json zones = json::array();
    for (const char* z : kZones)
        zones.push_back({{"zone", z},
                         {"planned", true},
                         {"coverage", std::clamp(skill + noise(random), 0.0, 100.0)},
                         {"density_per_cm2", {{"mean", 18.4}, {"target", 20.0}, {"max", 30.0}, {"p10", 9.1}, {"p90", 27.2}}},
                         {"depth_mm", {{"set", 1.0}, {"range", {0.5, 1.5}}, {"outside_s", 0.0}}},
                         {"passes", 4},
                         {"directions", {"horizontal", "vertical", "diagonal"}},
                         {"overlap", {{"share", 0.12}, {"worst_cm2", 1.4}}},
                         {"punctures", 5234},
                         {"note", "the zone's record as the report gives it, kept for the benchmark's size"}});
    json deductions = json::array();
    for (int i = 0; i < 30; ++i)
        deductions.push_back({{"component", kComponents[i % std::size(kComponents)]},
                              {"points", 1.5},
                              {"t", 3.25 * i},
                              {"why", "a pass that crossed the last one in the same direction (bench deduction)"}});
    const json report = {{"score", score},
                         {"passed", passed},
                         {"pass_mark", 70},
                         {"min_coverage", 80},
                         {"components", components},
                         {"critical_errors", errors},
                         {"evidence", {{"certifiable", passed && unit(random) < 0.7},
                                       {"demo", false},
                                       {"intact", true},
                                       {"reasons", json::array()}}},
                         {"zones", zones},
                         {"deductions", deductions},
                         {"rubric", {{"version", "bench"}, {"sha256", std::string(64, 'b')}}},
                         {"scenario", {{"id", "bench-full-face"}, {"sha256", std::string(64, 'a')}}}};
    return report.dump();
}

template <typename T>
bool ok(const centre::Result<T>& r, std::string& why) {
    if (!r) why = r.error().describe();
    return r.ok();
}

}  // namespace

bool seedCentre(centre::Store& store, const SeedCounts& counts, Seeded& seeded, std::string& why) {
    std::mt19937 random(20261201);
    // One hash for everyone: Argon2id takes a tenth of a second on purpose, and the bench times pages.
    const centre::Result<std::string> hash = centre::hashPassword(kSeedPassword);
    if (!ok(hash, why)) return false;
    const auto station = store.addStation("bench-station");
    if (!ok(station, why)) return false;
    auto addPerson = [&](const std::string& login, centre::Role role, const std::string& cohort) -> std::optional<centre::Person> {
        centre::Person p;
        p.login = login;
        p.displayName = login;
        p.role = role;
        p.cohort = cohort;
        p.passwordHash = *hash;
        const auto added = store.addPerson(p);
        if (!ok(added, why)) return std::nullopt;
        ++seeded.people;
        return *added;
    };
    std::vector<std::string> cohorts;
    std::vector<std::vector<centre::Person>> assessors(counts.cohorts);
    std::vector<centre::Person> instructors;
    for (int c = 0; c < counts.cohorts; ++c) {
        cohorts.push_back("cohort-" + two(c + 1));
        for (int a = 0; a < 3; ++a)
            if (auto p = addPerson("assessor-" + two(c + 1) + "-" + std::to_string(a + 1), centre::Role::Assessor, cohorts.back()))
                assessors[c].push_back(*p);
            else
                return false;
        if (auto p = addPerson("instructor-" + two(c + 1), centre::Role::Instructor, cohorts.back())) instructors.push_back(*p);
        else return false;
    }
    if (!addPerson("admin", centre::Role::Admin, "")) return false;
    std::vector<std::string> trainees;
    std::vector<double> skill;
    std::uniform_real_distribution<double> skillOf(40.0, 85.0);
    for (int t = 0; t < counts.trainees; ++t) {
        trainees.push_back("trainee-" + std::to_string(t + 1));
        skill.push_back(skillOf(random));
        if (!addPerson(trainees.back(), centre::Role::Trainee, cohorts[t % counts.cohorts])) return false;
    }
    seeded.firstCohort = cohorts[0];
    seeded.someTrainee = trainees[0];
    seeded.scenario = "bench-full-face";

    const core::SigningKey key = core::SigningKey::fromSeed(std::array<unsigned char, 32>{9});
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int s = 0; s < counts.sessions; ++s) {
        const int t = s % counts.trainees;
        const int cohort = t % counts.cohorts;
        core::SessionChain chain;
        std::vector<std::string> lines;
        // Sessions a few hours apart over the terms, so that each trainee's progress has a time line.
        const long minutes = 10L * s;
        char start[32];
        std::snprintf(start, sizeof start, "2026-%02ld-%02ldT%02ld:%02ld:00Z", 1 + (minutes / 1440 / 28) % 12,
                      1 + (minutes / 1440) % 28, (minutes / 60) % 24, minutes % 60);
        lines.push_back(chain.seal(R"({"type":"header","format":"pinpoint-session","version":1,"scenario":")" + seeded.scenario +
                                   R"(","scenario_sha256":")" + std::string(64, 'a') + R"(","trainee":")" + trainees[t] +
                                   R"(","start_time":")" + start + R"(","bench":)" + std::to_string(s) + "}"));
        lines.push_back(chain.seal(R"({"t":0.5,"type":"pose","p":[-30.0,1512.25,96.125],"contact":true})"));
        lines.push_back(chain.signatureLine(0.5, key, true));
        const std::string sessionKey = lines[0].substr(lines[0].size() - 18, 16);
        const auto appended = store.appendLines(station->station.id, sessionKey, 0, lines);
        if (!ok(appended, why)) return false;
        if (t == 0) seeded.someSessionKey = sessionKey;
        // Skill grows with practice: later sessions of a trainee score higher.
        double score = 0.0;
        const double practised = std::min(100.0, skill[t] + 15.0 * s / counts.sessions);
        centre::ScoreReportRecord report{0, appended->session, scoreReport(random, practised, score),
                                         std::string(64, 'b'), std::string(64, 'a'), "pinpoint bench", 0};
        if (!ok(store.saveScoreReport(report), why)) return false;
        if (unit(random) < counts.reviewedShare) {
            for (int a = 0; a < 2; ++a) {
                const centre::Person& assessor = assessors[cohort][(s + a) % assessors[cohort].size()];
                if (!ok(store.assignAssessor(appended->session, assessor.id), why)) return false;
                const json ratings = {{"asepsis", 1 + static_cast<int>(practised / 25.0 + unit(random))},
                                      {"technique", 1 + static_cast<int>(practised / 25.0 + unit(random))}};
                centre::ReviewRecord review{0, appended->session, assessor.id, ratings.dump(), score >= 70.0 || unit(random) < 0.1, 0};
                if (!ok(store.addReview(review), why)) return false;
                ++seeded.reviews;
            }
        }
        if (unit(random) < 0.05 &&
            !ok(store.markSession(appended->session, practised > 70.0 ? centre::Mark::Expert : centre::Mark::Novice,
                                  instructors[cohort].id),
                why))
            return false;
        ++seeded.sessions;
        if ((s + 1) % 1000 == 0) std::cerr << "seeded " << s + 1 << " sessions\n";
    }
    return true;
}

}  // namespace pinpoint::bench
