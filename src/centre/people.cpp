#include "centre/people.h"

#include <sodium.h>

namespace pinpoint::centre {

Result<std::string> hashPassword(std::string_view password) {
    if (password.size() < kMinPasswordLength)
        return storeError(Problem::BadInput, "a password needs at least " + std::to_string(kMinPasswordLength) + " characters");
    if (password.size() > kMaxPasswordLength)
        return storeError(Problem::BadInput, "a password may have at most " + std::to_string(kMaxPasswordLength) + " characters");
    if (sodium_init() < 0) return storeError(Problem::Database, "libsodium could not start");
    char out[crypto_pwhash_STRBYTES];
    // Interactive limits (64 MiB, 2 passes): a login stays under a second on a small server.
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return storeError(Problem::Database, "not enough memory to hash the password");
    return std::string(out);
}

bool passwordMatches(const std::string& hash, std::string_view password) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPasswordLength) return false;
    if (sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {

bool sameCohort(const Person& viewer, const SessionOwner& owner) {
    return !viewer.cohort.empty() && viewer.cohort == owner.cohort;
}

}  // namespace

bool maySee(const Person& viewer, const SessionOwner& owner) {
    switch (viewer.role) {
    case Role::Admin: return true;
    case Role::Trainee: return !owner.trainee.empty() && viewer.login == owner.trainee;
    case Role::Instructor:
    case Role::Assessor: return sameCohort(viewer, owner) || viewer.login == owner.trainee;
    }
    return false;
}

bool mayReview(const Person& viewer, const SessionOwner& owner) {
    if (viewer.login == owner.trainee) return false;  // nobody assesses their own work
    return viewer.role == Role::Admin || (viewer.role == Role::Assessor && sameCohort(viewer, owner));
}

bool mayMarkGroups(const Person& viewer, const SessionOwner& owner) {
    if (viewer.login == owner.trainee) return false;
    return viewer.role == Role::Admin || (viewer.role == Role::Instructor && sameCohort(viewer, owner));
}

bool mayAssignAssessors(const Person& viewer, const SessionOwner& owner) {
    if (viewer.login == owner.trainee) return false;
    return viewer.role == Role::Admin || (viewer.role == Role::Instructor && sameCohort(viewer, owner));
}

bool mayAdminister(const Person& viewer) { return viewer.role == Role::Admin; }

}  // namespace pinpoint::centre
