// The case editor's writer and draft: every shipped scenario written out reads back to the same case,
// and a problem the reader finds lands on the field it came from and blocks saving.
#include "core/common/toml_reader.h"
#include "core/scoring/case_draft.h"
#include "core/scoring/scenario_writer.h"

#include "shipped_assets.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace pinpoint::core;

namespace {

const Rubric& theRubric() { return pinpoint::testing::shippedRubric(); }
const ConditionCatalogue& theCatalogue() { return pinpoint::testing::shippedCatalogue(); }
using pinpoint::testing::sourceFile;

std::vector<std::string> shippedScenarios() {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(std::string(PINPOINT_SOURCE_DIR) + "/scenarios"))
        if (e.path().extension() == ".toml") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

Scenario readOk(const std::string& text, const std::string& name) {
    ScenarioReadResult r = parseScenario(text, name, theRubric(), theCatalogue());
    for (const Error& e : r.errors) FAIL_CHECK(e.describe());
    REQUIRE(r.scenario.has_value());
    return std::move(*r.scenario);
}

// The parts of a case a trainee meets and the score depends on, field by field.
void checkSameCase(const Scenario& a, const Scenario& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.teaches == b.teaches);
    CHECK(a.patient.name == b.patient.name);
    CHECK(a.patient.age == b.patient.age);
    CHECK(a.patient.sex == b.patient.sex);
    CHECK(a.patient.fitzpatrick == b.patient.fitzpatrick);
    CHECK(a.patient.indication == b.patient.indication);
    CHECK(a.patient.history == b.patient.history);
    REQUIRE(a.patient.conditions.size() == b.patient.conditions.size());
    for (std::size_t i = 0; i < a.patient.conditions.size(); ++i) {
        CHECK(a.patient.conditions[i].id == b.patient.conditions[i].id);
        CHECK(a.patient.conditions[i].note == b.patient.conditions[i].note);
        CHECK(a.patient.conditions[i].disclosed == b.patient.conditions[i].disclosed);
    }
    REQUIRE(a.patient.medications.size() == b.patient.medications.size());
    for (std::size_t i = 0; i < a.patient.medications.size(); ++i) {
        CHECK(a.patient.medications[i].name == b.patient.medications[i].name);
        CHECK(a.patient.medications[i].condition == b.patient.medications[i].condition);
        CHECK(a.patient.medications[i].daysSinceLastDose == b.patient.medications[i].daysSinceLastDose);
    }
    REQUIRE(a.lesions.size() == b.lesions.size());
    for (std::size_t i = 0; i < a.lesions.size(); ++i) {
        CHECK(a.lesions[i].kind == b.lesions[i].kind);
        CHECK(a.lesions[i].position == b.lesions[i].position);
        CHECK(a.lesions[i].radiusMm == b.lesions[i].radiusMm);
    }
    REQUIRE(a.questions.size() == b.questions.size());
    for (std::size_t i = 0; i < a.questions.size(); ++i) {
        CHECK(a.questions[i].id == b.questions[i].id);
        CHECK(a.questions[i].text == b.questions[i].text);
        CHECK(a.questions[i].answer == b.questions[i].answer);
        CHECK(a.questions[i].reveals == b.questions[i].reveals);
        CHECK(a.questions[i].optional == b.questions[i].optional);
    }
    REQUIRE(a.counsel.size() == b.counsel.size());
    for (std::size_t i = 0; i < a.counsel.size(); ++i) {
        CHECK(a.counsel[i].id == b.counsel[i].id);
        CHECK(a.counsel[i].text == b.counsel[i].text);
        CHECK(a.counsel[i].right == b.counsel[i].right);
        CHECK(a.counsel[i].harmful == b.counsel[i].harmful);
        CHECK(a.counsel[i].why == b.counsel[i].why);
        CHECK(a.counsel[i].source == b.counsel[i].source);
    }
    CHECK(a.rollerNeedles == b.rollerNeedles);
    REQUIRE(a.course.has_value() == b.course.has_value());
    if (a.course) {
        CHECK(a.course->id == b.course->id);
        CHECK(a.course->visit == b.course->visit);
        CHECK(a.course->today == b.course->today);
        CHECK(a.course->skin == b.course->skin);
        CHECK(a.course->skinNote == b.course->skinNote);
        REQUIRE(a.course->visits.size() == b.course->visits.size());
        for (std::size_t i = 0; i < a.course->visits.size(); ++i) {
            CHECK(a.course->visits[i].date == b.course->visits[i].date);
            CHECK(a.course->visits[i].device == b.course->visits[i].device);
            CHECK(a.course->visits[i].depthMm == b.course->visits[i].depthMm);
            CHECK(a.course->visits[i].seenAfter == b.course->visits[i].seenAfter);
        }
    }
    CHECK(a.expectedDecision == b.expectedDecision);
    CHECK(a.acceptableDecisions == b.acceptableDecisions);
    CHECK(a.plan.avoidZones == b.plan.avoidZones);
    CHECK(a.plan.depthCapMm == b.plan.depthCapMm);
    CHECK(a.plan.actions == b.plan.actions);
    CHECK(a.policies == b.policies);
    CHECK(a.allowedTools == b.allowedTools);
    REQUIRE(a.zones.size() == b.zones.size());
    for (std::size_t i = 0; i < a.zones.size(); ++i) {
        CHECK(a.zones[i].zone == b.zones[i].zone);
        CHECK(a.zones[i].treat == b.zones[i].treat);
        CHECK(a.zones[i].depth.minMm == b.zones[i].depth.minMm);
        CHECK(a.zones[i].depth.maxMm == b.zones[i].depth.maxMm);
        CHECK(a.zones[i].density.targetPerCm2 == b.zones[i].density.targetPerCm2);
        CHECK(a.zones[i].density.maxPerCm2 == b.zones[i].density.maxPerCm2);
        CHECK(a.zones[i].requiredDirections == b.zones[i].requiredDirections);
    }
    CHECK(a.requiredSteps == b.requiredSteps);
    CHECK(a.safetySteps == b.safetySteps);
    CHECK(a.afterTreatmentSteps == b.afterTreatmentSteps);
    CHECK(a.timeLimitSeconds == b.timeLimitSeconds);
    CHECK(a.maxTravelSpeedMmPerS == b.maxTravelSpeedMmPerS);
    CHECK(a.maxNeedleAngleDeg == b.maxNeedleAngleDeg);
    CHECK(a.depthMarginMm == b.depthMarginMm);
    CHECK(a.weights.coverage == b.weights.coverage);
    CHECK(a.weights.overlap == b.weights.overlap);
    CHECK(a.weights.depth == b.weights.depth);
    CHECK(a.weights.contraindications == b.weights.contraindications);
    CHECK(a.weights.technique == b.weights.technique);
    CHECK(a.weights.protocol == b.weights.protocol);
    CHECK(a.passMark == b.passMark);
    CHECK(a.minCoverage == b.minCoverage);
    CHECK(a.rubricId == b.rubricId);
    CHECK(a.rubricVersion == b.rubricVersion);
}

}  // namespace

TEST_CASE("every shipped scenario, written by the editor's writer, reads back to the same case") {
    const auto files = shippedScenarios();
    REQUIRE(files.size() >= 30);
    for (const std::string& file : files) {
        CAPTURE(file);
        const Scenario original = readOk(sourceFile("scenarios/" + std::filesystem::path(file).filename().string()), file);
        const WrittenScenario written = writeScenarioToml(original, theRubric());
        const Scenario again = readOk(written.text, file);
        checkSameCase(original, again);
        // Writing the case read back gives the same text: nothing drifts from one save to the next.
        CHECK(writeScenarioToml(again, theRubric()).text == written.text);
    }
}

TEST_CASE("every shipped scenario opened in the editor's draft and saved reads back to the same case") {
    const std::string dir = (std::filesystem::temp_directory_path() / ("draft-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    std::ptrdiff_t savedCount = 0;
    for (const std::string& file : shippedScenarios()) {
        CAPTURE(file);
        CaseDraft draft(theRubric(), theCatalogue(), nullptr);
        const std::vector<Error> errors = draft.load(file);
        REQUIRE(errors.empty());
        CHECK(draft.problems().empty());
        const std::string saved = dir + "/" + std::filesystem::path(file).filename().string();
        REQUIRE(draft.save(saved).ok());
        ++savedCount;
        const ScenarioReadResult original = readScenario(file, theRubric(), theCatalogue());
        const ScenarioReadResult again = readScenario(saved, theRubric(), theCatalogue());
        REQUIRE(original.scenario.has_value());
        REQUIRE(again.errors.empty());
        checkSameCase(*original.scenario, *again.scenario);
        // No temporary file is left beside the saved one.
        CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == savedCount);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a multi-line history and quotes survive the writer") {
    CaseDraft draft(theRubric(), theCatalogue(), nullptr);
    draft.startNew("quotes");
    draft.scenario.patient.history = "Says \"never again\" about\nher last peel.\\ Tab:\there.";
    REQUIRE(draft.check().empty());
    const Scenario again = readOk(draft.written().text, "quotes");
    CHECK(again.patient.history == draft.scenario.patient.history);
}

TEST_CASE("an age of 7 is a problem on the age field, and saving is refused while it stands") {
    CaseDraft draft(theRubric(), theCatalogue(), nullptr);
    draft.startNew("age-check");
    REQUIRE(draft.problems().empty());
    CHECK(draft.canSave());
    draft.scenario.patient.age = 7;
    draft.check();
    REQUIRE(draft.problems().size() == 1);
    CHECK(draft.problems()[0].field == "patient.age");
    CHECK(draft.problemsAt("patient.age").size() == 1);
    CHECK(draft.problemsAt("patient.name").empty());
    CHECK(draft.problemsAt("patient").size() == 1);
    CHECK_FALSE(draft.canSave());

    const std::string path = (std::filesystem::temp_directory_path() / ("age-check-" + std::to_string(::getpid()) + ".toml")).string();
    std::filesystem::remove(path);
    CHECK_FALSE(draft.save(path).ok());
    CHECK_FALSE(std::filesystem::exists(path));

    draft.scenario.patient.age = 17;
    CHECK(draft.save(path).ok());
    REQUIRE(std::filesystem::exists(path));
    const auto text = readTextFile(path);
    REQUIRE(text.has_value());
    CHECK(readOk(*text, path).patient.age == 17);
    std::filesystem::remove(path);
}

TEST_CASE("a question's problem lands on that question's field") {
    CaseDraft draft(theRubric(), theCatalogue(), nullptr);
    draft.startNew("question-check");
    draft.scenario.questions.push_back({"Bad Id", "Any allergies?", "No.", {}, false});
    draft.check();
    REQUIRE_FALSE(draft.problems().empty());
    CHECK(draft.problems()[0].field == "question.0.id");
}

TEST_CASE("weights that do not add up are a problem at the weights - one out of range at that weight") {
    CaseDraft draft(theRubric(), theCatalogue(), nullptr);
    draft.startNew("weights-check");
    draft.scenario.weights.depth = 0.3;  // the six now add up to 1.1
    draft.check();
    REQUIRE(draft.problems().size() == 1);
    CHECK(draft.problems()[0].field == "scoring.weights");
    CHECK(draft.problems()[0].error.message.find("add up to 1.1") != std::string::npos);
    CHECK_FALSE(draft.canSave());
    draft.scenario.weights.overlap = 0.05;  // 1 again
    CHECK(draft.check().empty());
    draft.scenario.weights.technique = 1.5;
    draft.check();
    REQUIRE_FALSE(draft.problems().empty());
    CHECK(draft.problems()[0].field == "scoring.weights.technique");
}

TEST_CASE("a medication's, a zone depth's and an earlier visit's problems land on their fields") {
    CaseDraft draft(theRubric(), theCatalogue(), nullptr);
    draft.startNew("fields-check");
    // A medication implying a condition the patient does not have: at the medication's condition.
    draft.scenario.patient.medications.push_back({"warfarin 5 mg", "anticoagulants", 0});
    draft.check();
    REQUIRE(draft.problems().size() == 1);
    CHECK(draft.problems()[0].field == "medication.0.condition");
    draft.scenario.patient.medications[0].condition.clear();
    CHECK(draft.check().empty());

    // An inverted per-zone depth: at that zone's depth_mm.
    ZoneScenarioRules* cheek = nullptr;
    for (ZoneScenarioRules& z : draft.scenario.zones)
        if (z.zone == "cheek_left") cheek = &z;
    REQUIRE(cheek);
    REQUIRE(cheek->treat);
    cheek->depth = {1.0, 0.5};
    draft.check();
    REQUIRE(draft.problems().size() == 1);
    CHECK(draft.problems()[0].field == "zones.cheek_left.depth_mm");
    cheek->depth = {0.5, 0.75};
    CHECK(draft.check().empty());
    REQUIRE(draft.readBack().has_value());
    CHECK(draft.readBack()->zone("cheek_left")->depth.maxMm == 0.75);

    // An earlier visit after today: at that visit's date.
    draft.scenario.course = Course{};
    draft.scenario.course->id = "fields-check";
    draft.scenario.course->today = "2026-11-02";
    draft.scenario.course->visits.push_back({"2026-11-20", -1, "pen", {{"cheek_left", 0.5}}, "Healed in four days."});
    draft.scenario.course->visit = 2;
    draft.check();
    REQUIRE_FALSE(draft.problems().empty());
    CHECK(draft.problems()[0].field == "course.earlier_visit.0.date");
    draft.scenario.course->visits[0].date = "2026-09-14";
    CHECK(draft.check().empty());
}

TEST_CASE("weights, medications, depth overrides, avoided zones and a course set in the editor are written and read") {
    CaseDraft draft(theRubric(), theCatalogue(), nullptr);
    draft.startNew("new-fields");
    Scenario& c = draft.scenario;
    c.weights.depth = 0.4;
    c.weights.coverage = 0.1;
    c.weights.overlap = 0.05;
    c.patient.medications.push_back({"doxycycline 100 mg", "", 12});
    for (ZoneScenarioRules& z : c.zones) {
        if (z.zone == "nose") z.treat = false;
        if (z.zone == "forehead") z.depth = {0.25, 0.4};  // the chart says 0.25-0.5
    }
    c.plan.avoidZones = {"nose"};
    c.expectedDecision = Decision::ProceedModified;
    c.course = Course{"new-fields", 2, "2026-11-02", "healed", "Calm.",
                      {{"2026-09-14", -1, "pen", {{"forehead", 0.25}}, "Fine."}}};
    for (const FieldProblem& p : draft.check()) FAIL_CHECK(p.field << ": " << p.error.describe());
    REQUIRE(draft.problems().empty());
    const std::string& text = draft.written().text;
    CHECK(text.find("[scoring.weights]\n") != std::string::npos);
    CHECK(text.find("depth = 0.4\n") != std::string::npos);
    CHECK(text.find("[zones.forehead]\ndepth_mm = [0.25, 0.4]") != std::string::npos);
    const Scenario again = readOk(text, "new-fields");
    checkSameCase(*draft.readBack(), again);
    CHECK(again.weights.depth == 0.4);
    CHECK(again.plan.avoidZones == std::vector<std::string>{"nose"});
    REQUIRE(again.patient.medications.size() == 1);
    CHECK(again.patient.medications[0].daysSinceLastDose == 12);
    REQUIRE(again.course.has_value());
    CHECK(again.course->visits[0].depthMm == std::vector<std::pair<std::string, double>>{{"forehead", 0.25}});
}

TEST_CASE("a case with a depth cap opens with its zones on the chart, so saving does not repeat the cap per zone") {
    const std::string path = (std::filesystem::temp_directory_path() / ("cap-" + std::to_string(::getpid()) + ".toml")).string();
    CaseDraft first(theRubric(), theCatalogue(), nullptr);
    first.startNew("cap-check");
    first.scenario.plan.depthCapMm = 0.5;  // under the cheeks' chart maximum (1.0 mm)
    first.scenario.expectedDecision = Decision::ProceedModified;
    REQUIRE(first.save(path).ok());
    CHECK(first.written().text.find("[zones.") == std::string::npos);

    CaseDraft opened(theRubric(), theCatalogue(), nullptr);
    REQUIRE(opened.load(path).empty());
    const ZoneScenarioRules* cheek = opened.scenario.zone("cheek_left");
    REQUIRE(cheek);
    CHECK(cheek->depth.maxMm == 1.0);  // the chart's, as the instructor left it
    CHECK(opened.written().text.find("[zones.") == std::string::npos);
    REQUIRE(opened.readBack().has_value());
    CHECK(opened.readBack()->zone("cheek_left")->depth.maxMm == 0.5);  // the reader still caps it
    // Turning the cap off gives the chart back.
    opened.scenario.plan.depthCapMm.reset();
    opened.scenario.expectedDecision = Decision::Proceed;
    REQUIRE(opened.check().empty());
    CHECK(opened.readBack()->zone("cheek_left")->depth.maxMm == 1.0);
    std::filesystem::remove(path);
}

TEST_CASE("an earlier visit's many zones are written one a line, and a bad depth lands on its zone") {
    CaseDraft draft(theRubric(), theCatalogue(), nullptr);
    draft.startNew("visit-depths");
    EarlierVisit visit{"2026-09-14", -1, "pen", {}, "Healed in five days."};
    for (const ZoneScenarioRules& z : draft.scenario.zones)
        if (z.treat) visit.depthMm.emplace_back(z.zone, z.depth.minMm);
    REQUIRE(visit.depthMm.size() > 6);
    draft.scenario.course = Course{"visit-depths", 2, "2026-11-02", "healed", "", {visit}};
    REQUIRE(draft.check().empty());
    const std::string& text = draft.written().text;
    CHECK(text.find("[course.earlier_visit.depth_mm]\nforehead = 0.25\n") != std::string::npos);
    const Scenario again = readOk(text, "visit-depths");
    REQUIRE(again.course.has_value());
    CHECK(again.course->visits[0].depthMm == visit.depthMm);
    CHECK(again.course->visits[0].seenAfter == "Healed in five days.");

    for (auto& [zone, depth] : draft.scenario.course->visits[0].depthMm)
        if (zone == "cheek_left") depth = 4.0;  // deeper than any needle goes
    draft.check();
    REQUIRE(draft.problems().size() == 1);
    CHECK(draft.problems()[0].field == "course.earlier_visit.0.depth_mm.cheek_left");
    CHECK(draft.problemsAt("course.earlier_visit.0.depth_mm").size() == 1);
}
