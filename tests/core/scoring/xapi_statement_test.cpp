// The LMS export: a scored session's xAPI statement, and the validator a test receiver uses, which must
// find each problem a learning record store would reject.
#include "core/scoring/xapi_statement.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

using namespace pinpoint::core;
using nlohmann::json;

namespace {

const std::string kHome = "https://academy.example.org";

XapiSession session() {
    XapiSession s;
    s.header.trainee = "trainee-007";
    s.header.startTime = "2024-05-01T09:30:00Z";
    s.header.scenarioId = "forehead-basic";
    s.durationSeconds = 754.256;
    s.contentSha256 = std::string(64, 'a');
    s.scenarioTitle = "Forehead, basic";
    return s;
}

// The parts of a score report (core/scoring/score_report.h) the statement reads.
json report(bool passed) {
    return {{"passed", passed},
            {"score", passed ? 82.37 : 41.5},
            {"pass_mark", 70.0},
            {"unmet_requirements", json::array()},
            {"components", {{"coverage", 90.0}, {"depth", 75.5}, {"technique", nullptr}}},
            {"critical_errors",
             passed ? json::array()
                    : json::array(
                          {{{"code", "no_disinfection"}, {"t", 12.5}, {"message", "needled before disinfecting"}}})},
            {"scenario", {{"id", "forehead-basic"}, {"sha256", std::string(64, 'b')}, {"session_hash_matches", true}}}};
}

XapiSettings settings() {
    return {kHome, ""};
}

bool mentions(const std::vector<std::string>& problems, const std::string& part) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(part) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& problems) {
    std::string s;
    for (const std::string& p : problems) s += p + "\n";
    return s;
}

}  // namespace

TEST_CASE("a passed session's statement") {
    const Result<json> made = xapiStatement(session(), report(true), settings());
    REQUIRE_MESSAGE(made.ok(), made.error().describe());
    const json& s = *made;
    CHECK_MESSAGE(xapiProblems(s).empty(), joined(xapiProblems(s)));
    CHECK(s["version"] == "1.0.3");
    CHECK(s["actor"] == json{{"objectType", "Agent"}, {"account", {{"homePage", kHome}, {"name", "trainee-007"}}}});
    CHECK(s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed");
    CHECK(s["verb"]["display"]["en-US"] == "passed");
    CHECK(s["object"]["id"] == kHome + "/xapi/scenarios/forehead-basic");
    CHECK(s["object"]["definition"]["name"]["en-US"] == "Forehead, basic");
    CHECK(s["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/simulation");
    CHECK(s["result"]["score"] == json{{"scaled", 0.8237}, {"raw", 82.37}, {"min", 0}, {"max", 100}});
    CHECK(s["result"]["success"] == true);
    CHECK(s["result"]["completion"] == true);
    CHECK(s["result"]["duration"] == "PT12M34.26S");
    CHECK(s["timestamp"] == "2024-05-01T09:30:00Z");
    const json& ext = s["context"]["extensions"];
    CHECK(ext[kHome + "/xapi/extensions/components"]["depth"] == 75.5);
    CHECK(ext[kHome + "/xapi/extensions/components"]["technique"].is_null());
    CHECK(ext[kHome + "/xapi/extensions/critical-errors"] == json::array());
    CHECK(ext[kHome + "/xapi/extensions/pass-mark"] == 70.0);
    CHECK(ext[kHome + "/xapi/extensions/session-sha256"] == std::string(64, 'a'));
    CHECK(ext[kHome + "/xapi/extensions/scenario-sha256"] == std::string(64, 'b'));
    CHECK_FALSE(ext.contains(kHome + "/xapi/extensions/certifiable"));  // the report says nothing of evidence
    CHECK(s["context"]["platform"] == "Pinpoint");
    CHECK(s["context"]["language"] == "en-US");
    CHECK_FALSE(s["context"].contains("registration"));  // not part of a course
}

TEST_CASE("a failed session's statement, with its critical error and its course") {
    XapiSession course = session();
    course.header.courseId = "acne-scars-2024";
    course.header.courseVisit = 2;
    XapiSettings base = settings();
    base.activityBase = "https://lms.example.org/activities/pinpoint/";
    json failing = report(false);
    failing["evidence"] = {{"certifiable", false}, {"reasons", json::array({"not signed"})}};
    failing["unmet_requirements"] = json::array({"forehead treated below 60% coverage"});
    const Result<json> made = xapiStatement(course, failing, base);
    REQUIRE(made.ok());
    const json& s = *made;
    CHECK_MESSAGE(xapiProblems(s).empty(), joined(xapiProblems(s)));
    CHECK(s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed");
    CHECK(s["result"]["success"] == false);
    CHECK(s["result"]["completion"] == false);
    CHECK(s["object"]["id"] == "https://lms.example.org/activities/pinpoint/forehead-basic");
    CHECK(s["context"]["extensions"][kHome + "/xapi/extensions/critical-errors"][0]["code"] == "no_disinfection");
    CHECK(s["context"]["extensions"][kHome + "/xapi/extensions/certifiable"] == false);
    // The same trainee's course is one registration whatever the visit.
    REQUIRE(s["context"].contains("registration"));
    course.header.courseVisit = 3;
    CHECK(xapiStatement(course, failing, base)->at("context")["registration"] == s["context"]["registration"]);
}

TEST_CASE("a home page given with a trailing slash makes the same IRIs") {
    const json s = *xapiStatement(session(), report(true), {kHome + "/", ""});
    CHECK(s["object"]["id"] == kHome + "/xapi/scenarios/forehead-basic");
    CHECK(s["context"]["extensions"].contains(kHome + "/xapi/extensions/components"));
}

TEST_CASE("the statement id is the session's: the same bytes and scenario give the same id, others another") {
    const std::string id = xapiStatement(session(), report(true), settings())->at("id");
    CHECK(isUuid(id));
    CHECK(id[14] == '5');
    CHECK(xapiStatement(session(), report(true), settings())->at("id") == id);
    XapiSession other = session();
    other.contentSha256 = std::string(64, 'c');
    CHECK(xapiStatement(other, report(true), settings())->at("id") != id);
    json rescored = report(true);
    rescored["scenario"]["sha256"] = std::string(64, 'd');
    CHECK(xapiStatement(session(), rescored, settings())->at("id") != id);
}

TEST_CASE("the statement id changes with whatever shaped the score - a new rubric, program version or head gives a new statement") {
    json scored = report(true);
    scored["evidence"] = {{"certifiable", true},
                          {"software_version", "pinpoint 1.0.0"},
                          {"sha256", {{"scenario", std::string(64, 'b')}, {"rubric", std::string(64, '1')},
                                      {"tools", std::string(64, '2')}, {"zones", std::string(64, '3')},
                                      {"conditions", std::string(64, '4')}, {"head_model", std::string(64, '5')}}}};
    const std::string id = xapiStatement(session(), scored, settings())->at("id");
    CHECK(xapiStatement(session(), scored, settings())->at("id") == id);  // scored the same way again: the same
    for (const char* part : {"rubric", "tools", "zones", "conditions", "head_model"}) {
        json changed = scored;
        changed["evidence"]["sha256"][part] = std::string(64, '9');
        CHECK_MESSAGE(xapiStatement(session(), changed, settings())->at("id") != id, part);
    }
    json newer = scored;
    newer["evidence"]["software_version"] = "pinpoint 1.1.0";
    CHECK(xapiStatement(session(), newer, settings())->at("id") != id);
}

TEST_CASE("what cannot become a statement is refused with the reason") {
    XapiSession noTrainee = session();
    noTrainee.header.trainee.clear();
    const Result<json> anonymous = xapiStatement(noTrainee, report(true), settings());
    REQUIRE_FALSE(anonymous.ok());
    CHECK(anonymous.error().message.find("trainee") != std::string::npos);

    XapiSession demo = session();
    demo.header.demo = true;
    const Result<json> demoRefused = xapiStatement(demo, report(true), settings());
    REQUIRE_FALSE(demoRefused.ok());
    CHECK(demoRefused.error().message.find("demo") != std::string::npos);

    XapiSession noStart = session();
    noStart.header.startTime.clear();
    const Result<json> noTimestamp = xapiStatement(noStart, report(true), settings());
    REQUIRE_FALSE(noTimestamp.ok());
    CHECK(noTimestamp.error().message.find("no start_time") != std::string::npos);

    XapiSession localTime = session();
    localTime.header.startTime = "2024-05-01T09:30:00";  // no time zone
    const Result<json> noZone = xapiStatement(localTime, report(true), settings());
    REQUIRE_FALSE(noZone.ok());
    CHECK(noZone.error().message.find("start_time") != std::string::npos);

    const Result<json> noHome = xapiStatement(session(), report(true), {"academy.example.org", ""});
    REQUIRE_FALSE(noHome.ok());
    CHECK(noHome.error().message.find("home page") != std::string::npos);

    const Result<json> badBase = xapiStatement(session(), report(true), {kHome, "not an iri"});
    REQUIRE_FALSE(badBase.ok());
    CHECK(badBase.error().message.find("activity base") != std::string::npos);

    const Result<json> noScore = xapiStatement(session(), json{{"passed", true}}, settings());
    CHECK_FALSE(noScore.ok());
}

TEST_CASE("durations, UUIDs and timestamps are formatted and recognised") {
    CHECK(isoDuration(0.0) == "PT0S");
    CHECK(isoDuration(59.999) == "PT1M");
    CHECK(isoDuration(3723.4) == "PT1H2M3.4S");
    CHECK(isoDuration(7200.0) == "PT2H");
    CHECK(isoDuration(0.05) == "PT0.05S");
    for (const char* good : {"PT0S", "PT1H2M3.45S", "P1D", "P2W", "P1Y2M3DT4H", "PT0.5S"})
        CHECK_MESSAGE(isIsoDuration(good), good);
    for (const char* bad : {"P", "PT", "1H", "PT1.S", "P1DT", "PT-1S", "pt1s"})
        CHECK_FALSE_MESSAGE(isIsoDuration(bad), bad);

    CHECK(isUuid(nameBasedUuid("anything")));
    CHECK(nameBasedUuid("anything") == nameBasedUuid("anything"));
    CHECK(isUuid("f47ac10b-58cc-4372-a567-0e02b2c3d479"));
    CHECK_FALSE(isUuid("f47ac10b-58cc-4372-c567-0e02b2c3d479"));  // not the RFC 4122 variant
    CHECK_FALSE(isUuid("f47ac10b58cc4372a5670e02b2c3d479"));

    for (const char* good : {"2024-05-01T09:30:00Z", "2024-02-29T23:59:60.5+05:30", "2024-05-01t09:30:00-01:00"})
        CHECK_MESSAGE(isRfc3339DateTime(good), good);
    for (const char* bad : {"2024-05-01T09:30:00", "2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z",
                            "2024-05-01 09:30:00Z", "2024-05-01T24:00:00Z", "2024-05-01T09:30:00-00:00", "yesterday"})
        CHECK_FALSE_MESSAGE(isRfc3339DateTime(bad), bad);
}

TEST_CASE("the validator finds each problem a learning record store would reject") {
    const json good = *xapiStatement(session(), report(true), settings());
    REQUIRE(xapiProblems(good).empty());
    struct Case {
        const char* what;
        std::function<void(json&)> spoil;
        const char* problem;  // part of the expected problem
    };
    const std::vector<Case> cases = {
        {"no actor", [](json& s) { s.erase("actor"); }, "actor: required"},
        {"no verb", [](json& s) { s.erase("verb"); }, "verb: required"},
        {"no object", [](json& s) { s.erase("object"); }, "object: required"},
        {"an unknown property", [](json& s) { s["score"] = 80; }, "statement.score: not an xAPI property"},
        {"an actor with two identifiers", [](json& s) { s["actor"]["mbox"] = "mailto:trainee@example.org"; },
         "exactly one"},
        {"an actor with none", [](json& s) { s["actor"].erase("account"); }, "exactly one"},
        {"an mbox without mailto",
         [](json& s) {
             s["actor"] = {{"mbox", "trainee@example.org"}};
         },
         "actor.mbox"},
        {"a short mbox_sha1sum",
         [](json& s) {
             s["actor"] = {{"mbox_sha1sum", "abc"}};
         },
         "actor.mbox_sha1sum"},
        {"an account without a home page", [](json& s) { s["actor"]["account"].erase("homePage"); },
         "actor.account.homePage"},
        {"an account home page that is no URL", [](json& s) { s["actor"]["account"]["homePage"] = "academy"; },
         "actor.account.homePage"},
        {"an account without a name", [](json& s) { s["actor"]["account"]["name"] = ""; }, "actor.account.name"},
        {"an anonymous group without members",
         [](json& s) {
             s["actor"] = {{"objectType", "Group"}};
         },
         "actor.member"},
        {"an actor of another type", [](json& s) { s["actor"]["objectType"] = "Person"; }, "actor.objectType"},
        {"a verb id that is no IRI", [](json& s) { s["verb"]["id"] = "passed"; }, "verb.id: must be an absolute IRI"},
        {"a verb display that is no language map", [](json& s) { s["verb"]["display"] = "passed"; }, "verb.display"},
        {"a bad language tag",
         [](json& s) {
             s["verb"]["display"] = {{"english!", "passed"}};
         },
         "language tag"},
        {"an object id that is no IRI", [](json& s) { s["object"]["id"] = "forehead basic"; },
         "object.id: must be an absolute IRI"},
        {"an object without id", [](json& s) { s["object"].erase("id"); }, "object.id: required"},
        {"an activity type that is no IRI", [](json& s) { s["object"]["definition"]["type"] = "simulation"; },
         "object.definition.type"},
        {"an object of an unknown type", [](json& s) { s["object"]["objectType"] = "Scenario"; }, "object.objectType"},
        {"a scaled score above 1", [](json& s) { s["result"]["score"]["scaled"] = 82.37; }, "result.score.scaled"},
        {"a raw score above max", [](json& s) { s["result"]["score"]["raw"] = 120; }, "result.score.raw"},
        {"min not below max", [](json& s) { s["result"]["score"]["min"] = 100; }, "result.score.min"},
        {"a score given as text", [](json& s) { s["result"]["score"]["raw"] = "82"; },
         "result.score.raw: must be a number"},
        {"success as text", [](json& s) { s["result"]["success"] = "yes"; }, "result.success"},
        {"a duration in seconds", [](json& s) { s["result"]["duration"] = "754.26"; }, "result.duration"},
        {"an id that is no UUID", [](json& s) { s["id"] = "session-1"; }, "id: must be a UUID"},
        {"a registration that is no UUID", [](json& s) { s["context"]["registration"] = "course-1"; },
         "context.registration"},
        {"an extension key that is no IRI", [](json& s) { s["context"]["extensions"]["components"] = 1; },
         "context.extensions: key 'components'"},
        {"a bad context language", [](json& s) { s["context"]["language"] = "en_US"; }, "context.language"},
        {"platform with an Agent object",
         [](json& s) {
             s["object"] = {{"objectType", "Agent"}, {"account", {{"homePage", kHome}, {"name", "x"}}}};
         },
         "context.platform: only allowed"},
        {"a timestamp without a zone", [](json& s) { s["timestamp"] = "2024-05-01T09:30:00"; }, "timestamp: must be"},
        {"a timestamp on a day that does not exist", [](json& s) { s["timestamp"] = "2024-02-30T09:30:00Z"; },
         "timestamp: must be"},
        {"another version", [](json& s) { s["version"] = "2.0"; }, "version"},
    };
    for (const Case& c : cases) {
        json spoilt = good;
        c.spoil(spoilt);
        const std::vector<std::string> problems = xapiProblems(spoilt);
        CHECK_MESSAGE(mentions(problems, c.problem), c.what, ": wanted '", c.problem, "', got:\n", joined(problems));
    }
    CHECK(xapiProblems(json::array()) == std::vector<std::string>{"statement: must be a JSON object"});
    // A well-formed identified Group and an anonymous one with an Agent member pass.
    json group = good;
    group["actor"] = {{"objectType", "Group"}, {"member", json::array({{{"mbox", "mailto:a@example.org"}}})}};
    CHECK_MESSAGE(xapiProblems(group).empty(), joined(xapiProblems(group)));
}

TEST_CASE("the validator and the export read any JSON without throwing") {
    const json good = *xapiStatement(session(), report(true), settings());
    // Every property at every depth, replaced in turn by a value of every JSON type.
    std::set<std::string> pointers;
    const json flatGood = good.flatten();  // kept: items() of a temporary would dangle
    for (const auto& [leaf, value] : flatGood.items())
        for (std::string p = leaf; !p.empty(); p = p.substr(0, p.rfind('/'))) pointers.insert(p);
    const std::vector<json> odd = {5, "x", nullptr, json::array(), json::object(), true, -1.5};
    std::size_t tried = 0;
    for (const std::string& pointer : pointers)
        for (const json& value : odd) {
            json spoilt = good;
            spoilt[json::json_pointer(pointer)] = value;
            CHECK_NOTHROW(xapiProblems(spoilt));
            ++tried;
        }
    CHECK(tried > 200);
    // A score report whose parts have the wrong types is refused or exported, never thrown on.
    const json full = [] {
        json r = report(false);
        r["evidence"] = {{"certifiable", true}};
        return r;
    }();
    const json flatFull = full.flatten();
    for (const auto& [leaf, value] : flatFull.items())
        for (const json& v : odd) {
            json spoilt = full;
            spoilt[json::json_pointer(leaf)] = v;
            for (std::string p = leaf; p.rfind('/') != 0; p = p.substr(0, p.rfind('/'))) {
                json parent = full;
                parent[json::json_pointer(p.substr(0, p.rfind('/')))] = v;
                CHECK_NOTHROW(xapiStatement(session(), parent, settings()));
            }
            CHECK_NOTHROW(xapiStatement(session(), spoilt, settings()));
        }
}
