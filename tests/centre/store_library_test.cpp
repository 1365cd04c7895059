// The scenario library in the store (schema version 3) and the store's own-session rule for reviews.
#include "core/common/sha256.h"
#include "store_test_support.h"

using namespace store_test;

namespace {

ScenarioVersion version(const std::string& id, const std::string& title, const std::string& text) {
    ScenarioVersion v;
    v.scenario = id;
    v.title = title;
    v.text = text;
    v.source = id + ".toml";
    return v;
}

}  // namespace

TEST_CASE("the scenario library keeps every version by SHA-256 - the one added last is current") {
    TestDatabase database;
    auto store = database.open();
    CHECK(require(store->currentScenarios()).empty());

    const AddedScenario first = require(store->addScenarioVersion(version("forehead", "Forehead", "[scenario]\nid = 1\n")));
    CHECK(first.isNew);
    CHECK(first.madeCurrent);
    CHECK(first.version.sha256 == pinpoint::core::sha256Hex("[scenario]\nid = 1\n"));
    CHECK(first.version.added > 0);
    const AddedScenario again = require(store->addScenarioVersion(version("forehead", "Forehead", "[scenario]\nid = 1\n")));
    CHECK_FALSE(again.isNew);
    CHECK_FALSE(again.madeCurrent);
    CHECK(again.version.id == first.version.id);

    const AddedScenario second = require(store->addScenarioVersion(version("forehead", "Forehead v2", "[scenario]\nid = 2\n")));
    CHECK(second.isNew);
    require(store->addScenarioVersion(version("cheek", "Cheek", "[scenario]\ncheek\n")));
    std::vector<ScenarioVersion> current = require(store->currentScenarios());
    REQUIRE(current.size() == 2);
    CHECK(current[0].scenario == "cheek");
    CHECK(current[1].scenario == "forehead");
    CHECK(current[1].sha256 == second.version.sha256);
    CHECK(current[1].title == "Forehead v2");
    CHECK(current[1].text == "[scenario]\nid = 2\n");

    // Both versions stay; either is found by its hash (in any case of hex digits).
    CHECK(require(store->scenarioVersions("forehead")).size() == 2);
    std::string upper = first.version.sha256;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto older = require(store->scenarioVersion(upper));
    REQUIRE(older.has_value());
    CHECK(older->text == "[scenario]\nid = 1\n");
    CHECK_FALSE(require(store->scenarioVersion(std::string(64, '0'))).has_value());

    // The older version given again becomes current again, stored once.
    const AddedScenario back = require(store->addScenarioVersion(version("forehead", "Forehead", "[scenario]\nid = 1\n")));
    CHECK_FALSE(back.isNew);
    CHECK(back.madeCurrent);
    current = require(store->currentScenarios());
    CHECK(current[1].sha256 == first.version.sha256);
    CHECK(require(store->scenarioVersions("forehead")).size() == 2);

    // The same text under another id is a conflict; an empty id or text is bad input; nothing stored.
    CHECK(store->addScenarioVersion(version("other", "Other", "[scenario]\nid = 1\n")).error().problem == Problem::Conflict);
    CHECK(store->addScenarioVersion(version("", "None", "x")).error().problem == Problem::BadInput);
    CHECK(store->addScenarioVersion(version("empty", "Empty", "")).error().problem == Problem::BadInput);
    CHECK(require(store->scenarioVersions("other")).empty());
}

TEST_CASE("the store refuses a review of a session by its own trainee") {
    TestDatabase database;
    auto store = database.open();
    const NewStation bay = require(store->addStation("bay 1"));
    const TestSession s = makeSession("trainee-1", "forehead-basic", 5);
    const Id session = require(store->appendLines(bay.station.id, s.key, 0, s.lines)).session;
    const Person own = require(store->addPerson({0, "trainee-1", "Tara", Role::Admin, "$argon2id$x", "spring", 0, {}}));
    const Person other = require(store->addPerson({0, "asha", "Asha", Role::Assessor, "$argon2id$y", "spring", 0, {}}));
    Result<ReviewRecord> refused = store->addReview({0, session, own.id, R"({"ratings":[]})", true, 0});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problem == Problem::Refused);
    require(store->addReview({0, session, other.id, R"({"ratings":[]})", true, 0}));
    CHECK(require(store->reviews(session)).size() == 1);
}
