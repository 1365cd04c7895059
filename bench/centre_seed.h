#pragma once
// A centre's store filled as an academy's would be after a few terms, for the dashboard benchmark:
// trainees in cohorts, their assessors and instructors, finished sessions each with a full-size score
// report (about 20 KB, as `pinpoint score --json` writes), reviews by two assessors on a share of them
// and instructors' expert/novice marks. Deterministic: the same counts give the same store.
#include "centre/store.h"

#include <string>

namespace pinpoint::bench {

struct SeedCounts {
    int sessions = 10000;
    int trainees = 200;
    int cohorts = 10;
    double reviewedShare = 0.2;  // sessions reviewed by two assessors of the cohort
};

struct Seeded {
    int sessions = 0;
    int people = 0;
    int reviews = 0;
    std::string firstCohort;     // "cohort-01"
    std::string someTrainee;     // a trainee of the first cohort
    std::string someSessionKey;  // one of that trainee's sessions
    std::string scenario;        // the scenario every session was recorded on
};

// Every seeded person's password (people log in with it in the benchmark).
inline constexpr const char* kSeedPassword = "bench-password-1";

// Fills `store` (which must be empty); prints progress to stderr. False with `why` on a store error.
bool seedCentre(centre::Store& store, const SeedCounts& counts, Seeded& seeded, std::string& why);

}  // namespace pinpoint::bench
