// Passwords (Argon2id) and who may see, review and mark a session.
#include "centre/people.h"

#include <doctest/doctest.h>

using namespace pinpoint::centre;

namespace {

Person person(const std::string& login, Role role, const std::string& cohort) {
    Person p;
    p.login = login;
    p.role = role;
    p.cohort = cohort;
    return p;
}

}  // namespace

TEST_CASE("passwords: kept as Argon2id hashes that only the same password matches") {
    const Result<std::string> hash = hashPassword("correct horse battery");
    REQUIRE(hash.ok());
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(hash->find("correct horse") == std::string::npos);
    CHECK(passwordMatches(*hash, "correct horse battery"));
    CHECK_FALSE(passwordMatches(*hash, "correct horse battery "));
    CHECK_FALSE(passwordMatches(*hash, ""));
    // The same password hashed again gets another salt.
    CHECK(*hashPassword("correct horse battery") != *hash);
    // Too short, too long, a malformed hash.
    CHECK(hashPassword("short").error().problem == Problem::BadInput);
    CHECK(hashPassword(std::string(kMaxPasswordLength + 1, 'x')).error().problem == Problem::BadInput);
    CHECK_FALSE(passwordMatches("not a hash", "correct horse battery"));
    CHECK_FALSE(passwordMatches("", "correct horse battery"));
}

TEST_CASE("roles: a trainee sees their own sessions, staff their cohort's, an administrator all") {
    const SessionOwner annas{"anna", "spring"};
    const SessionOwner bens{"ben", "autumn"};
    const Person anna = person("anna", Role::Trainee, "spring");
    CHECK(maySee(anna, annas));
    CHECK_FALSE(maySee(anna, bens));
    CHECK_FALSE(maySee(anna, SessionOwner{"", "spring"}));  // a session naming no trainee is nobody's
    CHECK_FALSE(mayReview(anna, annas));
    CHECK_FALSE(mayMarkGroups(anna, annas));

    const Person assessor = person("dr-lee", Role::Assessor, "spring");
    CHECK(maySee(assessor, annas));
    CHECK_FALSE(maySee(assessor, bens));
    CHECK(mayReview(assessor, annas));
    CHECK_FALSE(mayReview(assessor, bens));
    CHECK_FALSE(mayMarkGroups(assessor, annas));
    CHECK_FALSE(mayReview(assessor, SessionOwner{"dr-lee", "spring"}));  // not their own session

    const Person instructor = person("ms-ode", Role::Instructor, "autumn");
    CHECK(maySee(instructor, bens));
    CHECK_FALSE(maySee(instructor, annas));
    CHECK(mayMarkGroups(instructor, bens));
    CHECK(mayAssignAssessors(instructor, bens));
    CHECK_FALSE(mayAssignAssessors(instructor, annas));
    CHECK_FALSE(mayAssignAssessors(assessor, annas));
    CHECK_FALSE(mayAssignAssessors(anna, annas));
    CHECK_FALSE(mayReview(instructor, bens));

    const Person loose = person("new-staff", Role::Assessor, "");  // no cohort yet: sees no one
    CHECK_FALSE(maySee(loose, SessionOwner{"x", ""}));

    const Person admin = person("root", Role::Admin, "");
    CHECK(maySee(admin, annas));
    CHECK(mayReview(admin, bens));
    CHECK(mayAdminister(admin));
    CHECK(mayAssignAssessors(admin, bens));
    CHECK_FALSE(mayAdminister(assessor));
}
