#pragma once
// People at the centre: their passwords (kept only as libsodium Argon2id hashes) and what each role
// may see and do. A session belongs to the trainee its header names: the header's `trainee` is the
// person's login.
//   trainee      their own sessions
//   instructor   the sessions of trainees in their cohort; marks sessions expert or novice, assigns assessors
//   assessor     the sessions of trainees in their cohort; reviews and signs them off
//   admin        everything; adds people and stations
// A person with no cohort sees no one else's sessions (except an administrator).
#include "centre/store.h"

#include <string>
#include <string_view>

namespace pinpoint::centre {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// The Argon2id hash (libsodium's crypto_pwhash_str: algorithm, cost and salt in one string) of a
// password; BadInput for one too short or too long.
Result<std::string> hashPassword(std::string_view password);
// Whether `password` is the one `hash` was made from (false for a malformed hash).
bool passwordMatches(const std::string& hash, std::string_view password);

// The session's trainee and that trainee's cohort ("" when not known).
struct SessionOwner {
    std::string trainee;
    std::string cohort;
};

bool maySee(const Person& viewer, const SessionOwner& owner);
bool mayReview(const Person& viewer, const SessionOwner& owner);    // assessors of the cohort, admins
bool mayMarkGroups(const Person& viewer, const SessionOwner& owner);  // instructors of the cohort, admins
// Who may choose the assessors of a session (the queue's form): instructors of the cohort, admins.
// The person chosen must be one who mayReview it.
bool mayAssignAssessors(const Person& viewer, const SessionOwner& owner);
bool mayAdminister(const Person& viewer);                           // people, stations, the library

}  // namespace pinpoint::centre
