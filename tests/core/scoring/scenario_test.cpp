// The condition catalogue and the scenario reader: defaults from the rubric, policies, hidden
// conditions, every problem collected and located, and no exception on any input.
#include "core/common/sha256.h"
#include "core/common/toml_reader.h"
#include "core/geometry/bvh.h"
#include "core/scoring/scenario.h"

#include "shipped_assets.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace pinpoint::core;

namespace {

const Rubric& rubric() { return pinpoint::testing::shippedRubric(); }
const ConditionCatalogue& catalogue() { return pinpoint::testing::shippedCatalogue(); }
using pinpoint::testing::sourceFile;

ScenarioReadResult parse(const std::string& text, const Bvh* skin = nullptr) {
    return parseScenario(text, "test.toml", rubric(), catalogue(), skin);
}

Scenario library(const std::string& name) {
    ScenarioReadResult r = parse(sourceFile("scenarios/" + name));
    std::string errors;
    for (const Error& e : r.errors) errors += e.describe() + "\n";
    REQUIRE_MESSAGE(r.scenario.has_value(), errors);
    return *r.scenario;
}

const std::string kMinimal = pinpoint::testing::minimalScenario();

}  // namespace

TEST_CASE("the condition catalogue holds every row of clinical.md's contraindication table, with sources") {
    const ConditionCatalogue& c = catalogue();
    auto count = [&](ConditionAction a) {
        return std::count_if(c.conditions.begin(), c.conditions.end(), [&](const ConditionInfo& i) { return i.action == a; });
    };
    CHECK(count(ConditionAction::Decline) == 9);
    // The table's seven, and five from courses over visits (clinical.md "Courses"): too soon after the
    // last session, skin not healed, post-inflammatory hyperpigmentation, needling at home, and an
    // allergic reaction after the last session (seed 002).
    CHECK(count(ConditionAction::Defer) == 12);
    CHECK(count(ConditionAction::Modify) == 6);
    CHECK(count(ConditionAction::AvoidArea) == 4);
    for (const ConditionInfo& i : c.conditions) {
        CAPTURE(i.id);
        CHECK((i.source.find("clinical.md") != std::string::npos || i.source.find("seed") != std::string::npos));
        CHECK(!i.name.empty());
        CHECK((i.action == ConditionAction::Modify) == (!i.modification.empty() && i.policyOptions.empty()));
    }
    REQUIRE(c.find("anticoagulants") != nullptr);
    CHECK(c.find("anticoagulants")->modification == "physician_clearance");
    CHECK(c.find("herpes_simplex_history")->modification == "antiviral_prophylaxis");
    CHECK(c.find("fitzpatrick_v_vi")->modification == "conservative_depth");
    const ConditionInfo* iso = c.find("isotretinoin_recent");
    REQUIRE(iso != nullptr);
    CHECK(iso->action == ConditionAction::Defer);
    CHECK(iso->policyOptions.size() == 3);
    CHECK(c.find("no_such_condition") == nullptr);
    // Courses: the interval and today's skin are catalogue data, not code.
    CHECK(c.find("too_soon_after_last_session")->minIntervalDays == 28);
    CHECK(c.find("skin_not_healed")->skinToday == std::vector<std::string>{"still_red", "peeling"});
    CHECK(c.find("post_inflammatory_hyperpigmentation")->skinToday == std::vector<std::string>{"hyperpigmented"});
    CHECK(c.find("active_skin_infection")->skinToday == std::vector<std::string>{"infected"});
}

TEST_CASE("decision and action names go both ways") {
    for (Decision d : {Decision::Proceed, Decision::ProceedModified, Decision::Defer, Decision::Decline})
        CHECK(decisionFromName(decisionName(d)) == d);
    CHECK(!decisionFromName("treat"));
    for (ConditionAction a : {ConditionAction::Decline, ConditionAction::Defer, ConditionAction::Modify,
                              ConditionAction::AvoidArea, ConditionAction::Proceed})
        CHECK(conditionActionFromName(conditionActionName(a)) == a);
    CHECK(std::string(conditionActionName(ConditionAction::AvoidArea)) == "avoid_area");
}

TEST_CASE("a minimal scenario gets every default from the rubric and the format") {
    ScenarioReadResult r = parse(kMinimal);
    REQUIRE(r.errors.empty());
    const Scenario& s = *r.scenario;
    CHECK(s.sha256 == sha256Hex(kMinimal));
    CHECK(s.file == "test.toml");
    CHECK(s.patient.indication == Indication::Rejuvenation);
    CHECK(s.allowedTools == std::vector<std::string>{"pen"});
    REQUIRE(s.zones.size() == 13);
    for (const ZoneScenarioRules& z : s.zones) {
        CAPTURE(z.zone);
        CHECK(z.treat == (z.zone != "neck"));
        CHECK(z.depth.minMm == rubric().find(z.zone)->depthFor(Indication::Rejuvenation).minMm);
        CHECK(z.depth.maxMm == rubric().find(z.zone)->depthFor(Indication::Rejuvenation).maxMm);
        CHECK(z.density.targetPerCm2 == rubric().pen.targetPerCm2);
        CHECK(z.density.maxPerCm2 == rubric().pen.maxPerCm2);
        CHECK(z.requiredDirections == rubric().requiredDirections);
    }
    CHECK(s.requiredSteps ==
          std::vector<std::string>{"cleanse", "numbing_applied", "numbing_removed", "disinfect", "post_care_given"});
    CHECK(s.maxTravelSpeedMmPerS == 150.0);
    CHECK(s.maxNeedleAngleDeg == 15.0);
    CHECK(s.depthMarginMm == 0.25);
    CHECK(s.timeLimitSeconds == 0.0);
    CHECK(s.passMark == 70.0);
    CHECK(s.weights.coverage == 0.2);
    CHECK(s.weights.technique == 0.15);
    CHECK(s.expectedDecision == Decision::Proceed);
    CHECK(s.treats());
}

TEST_CASE("the default scenario: full face with the pen, a healthy patient") {
    const Scenario s = library("default.toml");
    CHECK(s.id == "full-face-rejuvenation");
    CHECK(s.patient.conditions.empty());
    CHECK(s.zone("forehead")->treat);
    CHECK(!s.zone("neck")->treat);
    CHECK(s.zone("no_such_zone") == nullptr);
    CHECK(s.timeLimitSeconds == 1800.0);
}

TEST_CASE("scars take the rubric's scar depths - zones outside the plan are not treated") {
    const Scenario s = library("acne-scars-cheeks.toml");
    CHECK(s.patient.indication == Indication::Scars);
    CHECK(s.zone("cheek_left")->treat);
    CHECK(s.zone("cheek_left")->depth.minMm == 1.0);
    CHECK(s.zone("cheek_left")->depth.maxMm == 2.0);
    CHECK(s.zone("cheek_left")->requiredDirections == 3);
    CHECK(!s.zone("forehead")->treat);
    CHECK(s.zone("forehead")->depth.maxMm == 0.75);  // scars chart even where not treated
}

TEST_CASE("a roller-only scenario is measured against the rubric's roller densities") {
    const Scenario s = library("roller-forehead-neck.toml");
    CHECK(s.allowedTools == std::vector<std::string>{"roller"});
    CHECK(s.zone("neck")->treat);
    CHECK(s.zone("forehead")->density.targetPerCm2 == rubric().roller.targetPerCm2);
    CHECK(s.zone("forehead")->density.maxPerCm2 == rubric().roller.maxPerCm2);
}

TEST_CASE("policies: the isotretinoin switch, and the depth cap it brings") {
    const Scenario deferred = library("isotretinoin-defer.toml");
    CHECK(deferred.expectedDecision == Decision::Defer);
    CHECK(!deferred.treats());
    CHECK(deferred.policies.at("isotretinoin_recent") == ConditionAction::Defer);
    REQUIRE(deferred.patient.medications.size() == 1);
    CHECK(deferred.patient.medications[0].daysSinceLastDose == 120);

    const Scenario switched = library("isotretinoin-policy-proceed.toml");
    CHECK(switched.policies.at("isotretinoin_recent") == ConditionAction::Modify);
    CHECK(switched.expectedDecision == Decision::ProceedModified);
    CHECK(switched.plan.depthCapMm == 1.0);
    CHECK(switched.zone("cheek_left")->depth.maxMm == 1.0);

    // Flipping the policy back without changing the decision is caught.
    std::string text = sourceFile("scenarios/isotretinoin-policy-proceed.toml");
    const std::string from = "isotretinoin_recent = \"modify\"";
    text.replace(text.find(from), from.size(), "isotretinoin_recent = \"defer\"");
    ScenarioReadResult r = parse(text);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("less cautious than 'defer'") != std::string::npos);
}

TEST_CASE("hidden conditions are kept with the questions that reveal them") {
    const Scenario s = library("anticoagulant-by-asking.toml");
    REQUIRE(s.patient.conditions.size() == 1);
    CHECK(s.patient.conditions[0].id == "anticoagulants");
    CHECK(!s.patient.conditions[0].disclosed);
    const auto q = std::find_if(s.questions.begin(), s.questions.end(),
                                [](const IntakeQuestion& q) { return !q.reveals.empty(); });
    REQUIRE(q != s.questions.end());
    CHECK(q->reveals == std::vector<std::string>{"anticoagulants"});
    CHECK(s.plan.actions == std::vector<std::string>{"physician_clearance"});
    // A depth cap lowers every treated zone's maximum.
    CHECK(s.zone("cheek_left")->depth.maxMm == 0.75);
    CHECK(s.zone("forehead")->depth.maxMm == 0.5);
}

TEST_CASE("Fitzpatrick V-VI adds the conservative-depth condition when the file leaves it out") {
    const Scenario s = library("keloid-history.toml");
    CHECK(s.patient.fitzpatrick == 5);
    CHECK(std::any_of(s.patient.conditions.begin(), s.patient.conditions.end(),
                      [](const PatientCondition& c) { return c.id == "fitzpatrick_v_vi" && c.disclosed; }));
    CHECK(s.expectedDecision == Decision::Decline);
}

TEST_CASE("the skin-type rule is the catalogue's: fitzpatrick_from decides who has the condition") {
    CHECK(catalogue().find("fitzpatrick_v_vi")->fitzpatrickFrom == 5);
    // The same rule moved to type 2 in a catalogue of one's own reaches the minimal scenario's type-2
    // patient: a plain "proceed" is no longer the right decision for them.
    CHECK(parseScenario(kMinimal, "test.toml", rubric(), catalogue()).scenario.has_value());
    std::string text = sourceFile("assets/conditions.toml");
    text.replace(text.find("fitzpatrick_from = 5"), 20, "fitzpatrick_from = 2");
    const Result<ConditionCatalogue> moved = parseConditionCatalogue(text, "conditions.toml");
    REQUIRE(moved.ok());
    const ScenarioReadResult r = parseScenario(kMinimal, "test.toml", rubric(), *moved);
    std::string errors;
    for (const Error& e : r.errors) errors += e.describe() + "\n";
    CHECK(errors.find("fitzpatrick_v_vi") != std::string::npos);
    text.replace(text.find("fitzpatrick_from = 2"), 20, "fitzpatrick_from = 7");
    const Result<ConditionCatalogue> bad = parseConditionCatalogue(text, "conditions.toml");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("fitzpatrick_from") != std::string::npos);
}

TEST_CASE("every problem is collected, sorted by line, each located") {
    std::string text = kMinimal;
    text.replace(text.find("age = 40"), 8, "age = \"forty\"");
    text.replace(text.find("fitzpatrick = 2"), 15, "fitzpatrick = 9");
    text += "[zones.cheek_left]\ndepth_mm = [2.0, 1.0]\nspeed = 3\n";
    ScenarioReadResult r = parse(text);
    CHECK(!r.scenario);
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].line == 10);
    CHECK(r.errors[1].line == 12);
    CHECK(r.errors[2].line == 16);
    CHECK(r.errors[2].message.find("inverted depth range") != std::string::npos);
    CHECK(r.errors[3].line == 17);
    CHECK(r.errors[3].message.find("unknown key 'speed'") != std::string::npos);
    for (const Error& e : r.errors) {
        CHECK(e.file == "test.toml");
        CHECK(e.column > 0);
    }
}

TEST_CASE("lesions must lie on the skin when a skin is given") {
    SurfaceMesh plane;  // z = 0, 100 mm square
    plane.positions = {{-50, -50, 0}, {50, -50, 0}, {50, 50, 0}, {-50, 50, 0}};
    plane.triangles = {{0, 1, 2}, {0, 2, 3}};
    const Bvh skin(plane);
    auto withLesion = [&](const char* position) {
        return kMinimal.substr(0, kMinimal.find("[decision]")) +
               "[[patient.condition]]\nid = \"raised_lesions\"\n[[lesion]]\nkind = \"raised_mole\"\nposition = " + position +
               "\nradius_mm = 3.0\n[decision]\nexpected = \"proceed_modified\"\n";
    };
    CHECK(parse(withLesion("[10.0, 5.0, 1.5]"), &skin).errors.empty());
    ScenarioReadResult off = parse(withLesion("[10.0, 5.0, 2.5]"), &skin);
    REQUIRE(off.errors.size() == 1);
    CHECK(off.errors[0].message.find("2.5 mm off the skin") != std::string::npos);
    CHECK(parse(withLesion("[10.0, 5.0, 2.5]")).errors.empty());  // no skin, no check
}

TEST_CASE("numbers are checked before they are narrowed, and must be finite") {
    std::string text = kMinimal;
    text.replace(text.find("schema_version = 1"), 18, "schema_version = 4294967297");  // 2^32 + 1: not 1 as an int
    ScenarioReadResult r = parse(text);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "unsupported schema_version 4294967297");

    text = kMinimal.substr(0, kMinimal.find("[decision]")) +
           "[[patient.condition]]\nid = \"raised_lesions\"\n[[lesion]]\nkind = \"raised_mole\"\nposition = [nan, 0.0, 0.0]"
           "\nradius_mm = 3.0\n[decision]\nexpected = \"proceed_modified\"\n";
    r = parse(text);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "position must be a finite number");
}

TEST_CASE("no exception leaves the reader, whatever the input") {
    for (const std::string& text : {std::string(), std::string("\x00\xff\xfe[[[", 6), std::string("[scenario]\nid = 5\n"),
                                    std::string("schema_version = 1\n[patient]\ncondition = 3\nmedication = [1, 2]\n"),
                                    std::string("lesion = 3\nquestion = [\"a\"]\nzones = 1\nscoring = 2\npolicy = []\n")}) {
        ScenarioReadResult r;
        CHECK_NOTHROW(r = parse(text));
        CHECK(!r.scenario);
        CHECK(!r.errors.empty());
    }
    ScenarioReadResult missing = readScenario("no/such/file.toml", rubric(), catalogue());
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].message == "cannot read the scenario file");
}

TEST_CASE("a malformed condition catalogue is a located error") {
    Result<ConditionCatalogue> c = parseConditionCatalogue(
        "format = \"pinpoint-conditions\"\nversion = 1\n[[condition]]\nid = \"x\"\naction = \"modify\"\nsource = \"s\"\n", "c.toml");
    REQUIRE(!c.ok());
    CHECK(c.error().line == 3);
    CHECK(c.error().message.find("names no modification") != std::string::npos);
    CHECK(!readConditionCatalogue("no/such/conditions.toml").ok());
}

TEST_CASE("the library: at least 10 scenarios, unique ids, each in scenarios/README.md, ten kinds of case") {
    const std::string readme = sourceFile("scenarios/README.md");
    std::vector<std::string> ids;
    int treats = 0, declines = 0, defers = 0, modified = 0, hidden = 0, lesions = 0, rollers = 0, policies = 0;
    for (const char* name : {"default.toml", "acne-scars-cheeks.toml", "roller-forehead-neck.toml", "cold-sore-active.toml",
                             "cold-sore-history.toml", "isotretinoin-defer.toml", "isotretinoin-policy-proceed.toml",
                             "anticoagulant-by-asking.toml", "raised-mole-cheek.toml", "pregnancy-defer.toml",
                             "keloid-history.toml", "fitzpatrick-vi.toml"}) {
        CAPTURE(name);
        const Scenario s = library(name);
        CHECK(readme.find(std::string("`") + name + "`") != std::string::npos);
        CHECK(std::find(ids.begin(), ids.end(), s.id) == ids.end());
        ids.push_back(s.id);
        treats += s.treats();
        declines += s.expectedDecision == Decision::Decline;
        defers += s.expectedDecision == Decision::Defer;
        modified += s.expectedDecision == Decision::ProceedModified;
        hidden += std::any_of(s.patient.conditions.begin(), s.patient.conditions.end(),
                              [](const PatientCondition& c) { return !c.disclosed; });
        lesions += !s.lesions.empty();
        rollers += s.allowedTools == std::vector<std::string>{"roller"};
        policies += !s.policies.empty();
    }
    CHECK(treats >= 7);
    CHECK(declines == 2);
    CHECK(defers == 2);
    CHECK(modified == 5);
    CHECK(hidden >= 2);
    CHECK(lesions == 1);
    CHECK(rollers == 1);
    CHECK(policies == 2);
}

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return text.replace(at, from.size(), to);
}

bool anyError(const ScenarioReadResult& r, const std::string& part) {
    return std::any_of(r.errors.begin(), r.errors.end(), [&](const Error& e) { return e.message.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("a medication's last dose is checked against its condition's window (isotretinoin: 183 days)") {
    REQUIRE(catalogue().find("isotretinoin_recent")->windowDays == 183);
    CHECK(!catalogue().find("anticoagulants")->windowDays);
    const std::string original = sourceFile("scenarios/isotretinoin-defer.toml");
    const std::string stale = replaced(original, "days_since_last_dose = 120", "days_since_last_dose = 200");
    // Still listed as a condition: the file contradicts itself.
    ScenarioReadResult listed = parse(stale);
    REQUIRE(listed.errors.size() == 1);
    CHECK(listed.errors[0].message.find("beyond the condition's 183-day window") != std::string::npos);
    // Not listed: the medication no longer implies the condition, so nothing asks for the deferral.
    const std::string unlisted = replaced(stale, "[[patient.condition]]\nid = \"isotretinoin_recent\"\n"
                                                 "note = \"Last dose of isotretinoin 20 mg daily about 120 days ago.\"\n", "");
    ScenarioReadResult deferred = parse(unlisted);
    REQUIRE(deferred.errors.size() == 1);
    const std::string before = unlisted.substr(0, unlisted.find("expected = \"defer\""));
    CHECK(deferred.errors[0].line == 1 + std::count(before.begin(), before.end(), '\n'));
    CHECK(deferred.errors[0].message.find("183-day window") != std::string::npos);
    CHECK(parse(replaced(unlisted, "expected = \"defer\"", "expected = \"proceed\"")).errors.empty());
    // Within the window the medication implies the condition, which must be listed.
    ScenarioReadResult recent = parse(replaced(original, "[[patient.condition]]\nid = \"isotretinoin_recent\"\n"
                                                         "note = \"Last dose of isotretinoin 20 mg daily about 120 days ago.\"\n", ""));
    CHECK(anyError(recent, "which [[patient.condition]] does not list"));
}

TEST_CASE("a question may be marked optional, but not one that reveals a hidden condition") {
    const std::string question = "[[question]]\nid = \"holiday\"\ntext = \"Any holiday coming?\"\nanswer = \"No.\"\n";
    ScenarioReadResult r = parse(kMinimal + question + "optional = true\n");
    REQUIRE(r.errors.empty());
    CHECK(r.scenario->questions.at(0).optional);
    CHECK_FALSE(parse(kMinimal + question).scenario->questions.at(0).optional);
    const std::string asking = sourceFile("scenarios/anticoagulant-by-asking.toml");
    ScenarioReadResult hidden = parse(replaced(asking, "reveals = [\"anticoagulants\"]", "reveals = [\"anticoagulants\"]\noptional = true"));
    REQUIRE(hidden.errors.size() == 1);
    CHECK(hidden.errors[0].message.find("cannot be optional") != std::string::npos);
}

TEST_CASE("safety steps: the rubric's by default, a scenario may name its own, each a required step") {
    CHECK(rubric().safetySteps == std::vector<std::string>{"disinfect"});
    CHECK(rubric().afterTreatmentSteps == std::vector<std::string>{"post_care_given"});
    const Scenario plain = *parse(kMinimal).scenario;
    CHECK(plain.safetySteps == std::vector<std::string>{"disinfect"});
    CHECK(plain.afterTreatmentSteps == std::vector<std::string>{"post_care_given"});
    ScenarioReadResult own = parse(kMinimal + "[treatment]\nsafety_steps = [\"cleanse\", \"disinfect\"]\n");
    REQUIRE(own.errors.empty());
    CHECK(own.scenario->safetySteps == std::vector<std::string>{"cleanse", "disinfect"});
    CHECK(anyError(parse(kMinimal + "[treatment]\nrequired_steps = [\"cleanse\", \"post_care_given\"]\n"),
                   "safety step 'disinfect' is not in required_steps"));
    CHECK(anyError(parse(kMinimal + "[treatment]\nsafety_steps = [\"wash\"]\n"), "unknown protocol step 'wash'"));
    CHECK(anyError(parse(kMinimal + "[treatment]\nsafety_steps = [\"post_care_given\"]\n"), "comes after the treatment"));
    const std::string rubricText = sourceFile("assets/rubric.toml");
    Result<Rubric> badRubric = parseRubric(replaced(rubricText, "safety_steps = [\"disinfect\"]", "safety_steps = [\"wash\"]"), "r.toml");
    REQUIRE(!badRubric.ok());
    CHECK(badRubric.error().message.find("unknown protocol step 'wash'") != std::string::npos);
}

TEST_CASE("dates are real yyyy-mm-dd days, counted across months and leap years") {
    CHECK(daysFromIsoDate("1970-01-01") == 0);
    CHECK(*daysFromIsoDate("2026-10-05") - *daysFromIsoDate("2026-09-14") == 21);
    CHECK(*daysFromIsoDate("2024-03-01") - *daysFromIsoDate("2024-02-28") == 2);  // 2024 is a leap year
    CHECK(*daysFromIsoDate("2026-03-01") - *daysFromIsoDate("2026-02-28") == 1);
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-011", "2026-01- 1", "26-01-01", "2026/01/01",
                            "2026-01-01x", "", "+026-01-01"}) {
        CAPTURE(bad);
        CHECK_FALSE(daysFromIsoDate(bad));
    }
}

TEST_CASE("a course: visits counted, days since the last one, and the course's conditions added for the trainee to judge") {
    const std::string course = R"(
[course]
id = "c-1"
today = "2026-10-05"
skin = "peeling"

[[course.earlier_visit]]
date = "2026-06-01"
device = "pen"
depth_mm = { forehead = 0.25 }

[[course.earlier_visit]]
date = "2026-09-14"
device = "roller"
depth_mm = { forehead = 0.5, cheek_left = 0.5 }
seen_after = "healed in five days"
)";
    std::string text = kMinimal + course;
    text.replace(text.find("expected = \"proceed\""), 20, "expected = \"defer\"");
    const ScenarioReadResult r = parse(text);
    REQUIRE_MESSAGE(r.scenario.has_value(), (r.errors.empty() ? std::string() : r.errors.front().describe()));
    const Course& c = *r.scenario->course;
    CHECK(c.visit == 3);
    CHECK(c.visits.size() == 2);
    CHECK(c.daysSinceLastVisit() == 21);
    CHECK(c.visits[1].depthMm == std::vector<std::pair<std::string, double>>{{"forehead", 0.5}, {"cheek_left", 0.5}});
    std::set<std::string> added;
    for (const PatientCondition& pc : r.scenario->patient.conditions)
        if (pc.fromCourse) added.insert(pc.id);
    CHECK(added == std::set<std::string>{"too_soon_after_last_session", "skin_not_healed"});
    // Proceeding would be laxer than the catalogue: the reader says which condition asks for more.
    CHECK(anyError(parse(kMinimal + course), "less cautious than 'defer', which the condition catalogue asks for condition 'too_soon"));
}
