// The scenario library covers the seeds (issue 12): every case added for courses over visits, home
// rollers, the tattooed brow and each condition of clinical.md no earlier case taught. For each one:
// the file is valid (read as `pinpoint validate` reads it, lesions on the skin), the careful
// practitioner passes it, and a sloppy variant fails for the reason the case teaches.
#include "scoring_fixture.h"

#include "core/scoring/scenario_demo.h"

#include <algorithm>
#include <filesystem>
#include <set>

using namespace pinpoint;
using namespace pinpoint::testing;
using core::Decision;

namespace {

struct LibraryCase {
    const char* file;
    core::SloppyPractice sloppy;
    const char* critical;   // the critical error the sloppy variant must make; nullptr: none, it fails on points
    const char* deduction;  // a deduction reason (part of it) the sloppy variant must show; nullptr: not checked
};

core::SloppyPractice decides(Decision d) {
    core::SloppyPractice s;
    s.decision = d;
    return s;
}

core::SloppyPractice ignoresAvoidance() {
    core::SloppyPractice s;
    s.ignoreAvoidance = true;
    return s;
}

core::SloppyPractice deeperBy(double mm) {
    core::SloppyPractice s;
    s.depthOffsetMm = mm;
    return s;
}

const std::vector<LibraryCase>& libraryCases() {
    static const std::vector<LibraryCase> cases = {
        // Courses over visits.
        {"follow-up-too-soon", decides(Decision::Proceed), "treated_contraindicated", "decided 'proceed' where the right decision was 'defer'"},
        // The careful depth on the cheeks is 0.9 mm; the sloppy one repeats the first visit's 0.5 mm.
        {"follow-up-healed-deeper", deeperBy(-0.4), nullptr, "cheek_left: 100% of its punctures outside 0.75-1.00 mm"},
        {"follow-up-pih-dark-skin", decides(Decision::ProceedModified), "treated_contraindicated", nullptr},
        {"follow-up-not-healed", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"follow-up-infected", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"home-roller-frequent", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        // Areas to avoid.
        {"tattooed-brow", ignoresAvoidance(), "needled_lesion", nullptr},
        {"open-wound-cheek", ignoresAvoidance(), "needled_lesion", nullptr},
        {"rash-chin", ignoresAvoidance(), "needled_avoided_zone", nullptr},
        // Decline.
        {"inflammatory-acne", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"fungal-infection", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"skin-cancer-nose", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"bleeding-disorder", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"scleroderma", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"chemotherapy", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"uncontrolled-diabetes", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        // Defer.
        {"recent-peel", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"radiotherapy-recent", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"sun-tan", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"filler-recent", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"breastfeeding", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        // Physician clearance: treating without it is the wrong decision, which alone fails these cases.
        {"cardiac-disease", decides(Decision::Proceed), nullptr, "decided 'proceed' where the right decision was 'proceed_modified'"},
        {"autoimmune-lupus", decides(Decision::Proceed), nullptr, "decided 'proceed' where the right decision was 'proceed_modified'"},
        {"immunosuppressed", decides(Decision::Proceed), nullptr, "decided 'proceed' where the right decision was 'proceed_modified'"},
    };
    return cases;
}

bool hasDeduction(const Graded& g, const std::string& part) {
    for (const auto& d : g.result.deductions)
        if (d.reason.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("library: every new case is valid, its careful session passes, its sloppy variant fails for the case's reason") {
    for (const LibraryCase& c : libraryCases()) {
        CAPTURE(c.file);
        const core::Scenario s = shippedScenario(c.file);  // valid, lesions on the skin
        const Graded careful = gradeDemo(s);
        if (!careful.result.passed) careful.explain();
        CHECK(careful.result.passed);
        CHECK(careful.result.criticalErrors.empty());
        CHECK(careful.result.decision.correct);
        const Graded sloppy = gradeDemo(s, c.sloppy);
        if (sloppy.result.passed) sloppy.explain();
        CHECK_FALSE(sloppy.result.passed);
        if (c.critical) CHECK(sloppy.critical(c.critical));
        else CHECK(sloppy.result.criticalErrors.empty());
        if (c.deduction) CHECK_MESSAGE(hasDeduction(sloppy, c.deduction), "no deduction naming: " << c.deduction);
    }
}

TEST_CASE("library: an infected follow-up is declined (and referred), not merely deferred") {
    const core::Scenario s = shippedScenario("follow-up-infected");
    const Graded deferred = gradeDemo(s, decides(Decision::Defer));
    CHECK(deferred.result.decisionOnly);
    CHECK_FALSE(deferred.result.passed);
    CHECK(hasDeduction(deferred, "decided 'defer' where the right decision was 'decline'"));
}

TEST_CASE("library: a home roller user found only by asking; deciding without asking treats her") {
    const core::Scenario s = shippedScenario("home-roller-frequent");
    core::SloppyPractice unasked = decides(Decision::Proceed);
    unasked.askQuestions = false;
    const Graded g = gradeDemo(s, unasked);
    CHECK(g.critical("treated_contraindicated"));
    CHECK(g.critical("treated_without_screening"));
    CHECK(hasDeduction(g, "the answer reveals a contraindication"));
}

TEST_CASE("library: every condition of the catalogue is taught by at least one shipped case") {
    std::set<std::string> taught;
    for (const auto& e : std::filesystem::directory_iterator(std::string(PINPOINT_SOURCE_DIR) + "/scenarios"))
        if (e.path().extension() == ".toml")
            for (const core::PatientCondition& c : shippedScenario(e.path().filename().string()).patient.conditions) taught.insert(c.id);
    const auto catalogue = core::readConditionCatalogue(std::string(PINPOINT_SOURCE_DIR) + "/assets/conditions.toml");
    REQUIRE(catalogue);
    for (const core::ConditionInfo& c : catalogue->conditions) {
        CAPTURE(c.id);
        CHECK(taught.count(c.id) == 1);
    }
}

TEST_CASE("library: the two visits of one course name the same course, the same visit number, and follow its dates") {
    const core::Scenario early = shippedScenario("follow-up-too-soon");
    const core::Scenario onTime = shippedScenario("follow-up-healed-deeper");
    REQUIRE(early.course);
    REQUIRE(onTime.course);
    CHECK(early.course->id == onTime.course->id);
    CHECK(early.course->visit == 2);  // the deferred visit was no session: the next one is still visit 2
    CHECK(onTime.course->visit == 2);
    CHECK(early.course->daysSinceLastVisit() == 21);
    // The reader adds the interval's condition from the dates; intake shows the dates, not its name.
    const auto tooSoon = std::find_if(early.patient.conditions.begin(), early.patient.conditions.end(),
                                      [](const core::PatientCondition& c) { return c.id == "too_soon_after_last_session"; });
    REQUIRE(tooSoon != early.patient.conditions.end());
    CHECK(tooSoon->fromCourse);
    CHECK(tooSoon->note.find("21 days ago") != std::string::npos);
    CHECK(std::none_of(onTime.patient.conditions.begin(), onTime.patient.conditions.end(),
                       [](const core::PatientCondition& c) { return c.fromCourse; }));
    CHECK(onTime.course->daysSinceLastVisit() == 49);
    // Deeper than last time, within the chart: the first visit's 0.5 mm lies below today's range.
    const core::ZoneScenarioRules* cheek = onTime.zone("cheek_left");
    REQUIRE(cheek);
    CHECK(onTime.course->visits.back().depthMm.front() == std::pair<std::string, double>{"cheek_left", 0.5});
    CHECK(cheek->depth.minMm > 0.5);
    CHECK(cheek->depth.maxMm <= world().rubric.find("cheek_left")->rejuvenationDepth.maxMm);
}
