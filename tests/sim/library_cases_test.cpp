// The scenario library covers the seeds (issue 12): every case added for courses over visits, home
// rollers, the tattooed brow and each condition of clinical.md no earlier case taught. For each one:
// the file is valid (read as `pinpoint validate` reads it, lesions on the skin), the careful
// practitioner passes it, and a sloppy variant fails for the reason the case teaches.
#include "scoring_fixture.h"

#include "core/scoring/scenario_demo.h"

#include <algorithm>
#include <cmath>
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
        // Indications beyond rejuvenation and acne scars (issue 20), each with its own depth chart. The
        // careful depth is the middle of the chart's range; the sloppy hand uses a deeper (or, for
        // loose skin, a shallower) needle than the chart allows.
        {"sun-spots-cheeks", deeperBy(0.3), nullptr, "cheek_left: 100% of its punctures outside 0.25-0.50 mm"},
        {"enlarged-pores-nose-cheeks", deeperBy(0.3), nullptr, "nose: 100% of its punctures outside 0.25-0.50 mm"},
        {"loose-skin-jaw-neck", deeperBy(-0.5), nullptr, "jaw_left: 100% of its punctures outside 1.00-1.50 mm"},
        {"surgical-scar-cheek", deeperBy(1.0), "depth_beyond_margin", "cheek_left: 100% of its punctures outside 0.25-0.50 mm"},
        // The 540-needle roller on the thin skin of the neck: a 1.0 mm drum goes beyond the margin.
        {"roller-540-neck", deeperBy(0.5), "depth_beyond_margin", nullptr},
        // Follow-ups that find a reaction after the last session.
        {"follow-up-allergic-reaction", decides(Decision::Proceed), "treated_contraindicated", nullptr},
        {"follow-up-bruising-deeper", decides(Decision::Decline), nullptr, "decided 'decline' where the right decision was 'proceed'"},
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

TEST_CASE("library: each indication picks its own chart, and the new cases use theirs") {
    const core::ZoneTargets* cheek = world().rubric.find("cheek_left");
    REQUIRE(cheek);
    // Pigment and surgical scars stay shallow; loose skin goes deeper than rejuvenation, not to 2 mm.
    CHECK(cheek->depthFor(core::Indication::Pigmentation).maxMm == doctest::Approx(0.5));
    CHECK(cheek->depthFor(core::Indication::SurgicalScars).maxMm == doctest::Approx(0.5));
    CHECK(cheek->depthFor(core::Indication::LooseSkin).minMm == doctest::Approx(1.0));
    CHECK(cheek->depthFor(core::Indication::LooseSkin).maxMm == doctest::Approx(1.5));
    CHECK(world().rubric.find("nose")->depthFor(core::Indication::Pores).maxMm == doctest::Approx(0.5));
    for (const auto& [file, indication] : {std::pair{"sun-spots-cheeks", core::Indication::Pigmentation},
                                           std::pair{"enlarged-pores-nose-cheeks", core::Indication::Pores},
                                           std::pair{"loose-skin-jaw-neck", core::Indication::LooseSkin},
                                           std::pair{"surgical-scar-cheek", core::Indication::SurgicalScars}}) {
        CAPTURE(file);
        const core::Scenario s = shippedScenario(file);
        CHECK(s.patient.indication == indication);
        for (const core::ZoneScenarioRules& z : s.zones)
            if (z.treat) CHECK(z.depth.maxMm == doctest::Approx(world().rubric.find(z.zone)->depthFor(indication).maxMm));
    }
}

TEST_CASE("library: a follow-up's counselling is scored: missed, wrong and harmful statements") {
    const core::Scenario s = shippedScenario("follow-up-allergic-reaction");
    REQUIRE(s.counsel.size() == 4);
    const Graded careful = gradeDemo(s);
    CHECK(careful.result.counsel.recorded);
    CHECK(careful.result.counsel.missed.empty());
    CHECK(careful.component("contraindications") == doctest::Approx(100.0));

    core::SloppyPractice silent;  // the right decision, nothing told: both right statements missed
    silent.counsel = std::vector<std::string>{};
    const Graded quiet = gradeDemo(s, silent);
    CHECK(quiet.result.counsel.missed == std::vector<std::string>{"should_have_called", "see_doctor_first"});
    CHECK(quiet.component("contraindications") == doctest::Approx(70.0));
    CHECK(hasDeduction(quiet, "did not tell the patient \"You should have called us"));

    core::SloppyPractice wrong;  // a wrong statement beside the right ones costs its points
    wrong.counsel = std::vector<std::string>{"should_have_called", "see_doctor_first", "more_numbing"};
    const Graded g = gradeDemo(s, wrong);
    CHECK(g.result.counsel.wrong == std::vector<std::string>{"more_numbing"});
    CHECK(g.component("contraindications") == doctest::Approx(85.0));
    CHECK(g.result.criticalErrors.empty());

    core::SloppyPractice harmful;  // calling an allergic reaction normal healing: a critical error
    harmful.counsel = std::vector<std::string>{"normal_healing"};
    const Graded h = gradeDemo(s, harmful);
    CHECK(h.critical("harmful_counsel"));
    CHECK_FALSE(h.result.passed);
}

TEST_CASE("library: bruising after deeper needling is expected - calling it an emergency is wrong") {
    const core::Scenario s = shippedScenario("follow-up-bruising-deeper");
    core::SloppyPractice alarmed;
    alarmed.counsel = std::vector<std::string>{"emergency_for_bruise"};
    const Graded g = gradeDemo(s, alarmed);
    CHECK(g.result.counsel.wrong == std::vector<std::string>{"emergency_for_bruise"});
    CHECK(g.result.counsel.missed.size() == 2);
    CHECK(g.component("contraindications") == doctest::Approx(55.0));
    core::SloppyPractice aspirin;
    aspirin.counsel = std::vector<std::string>{"bruising_expected", "when_to_call_bruising", "aspirin_before"};
    CHECK(gradeDemo(s, aspirin).critical("harmful_counsel"));
}

TEST_CASE("library: the 540-needle roller case - its drum reaches the target in fewer passes, and the 192 is not the case's roller") {
    const core::Scenario s = shippedScenario("roller-540-neck");
    CHECK(s.rollerNeedles == 540);
    const core::Session careful = core::makeScenarioDemo(*world().surface, world().tools, world().rubric, s, {});
    const Graded g = grade(s, careful);
    CHECK(g.result.passed);
    // One pass of each drum over the same skin: the 540 lays 540 / (pi x 1.80 cm x 2.0 cm) = 48 holes/cm2
    // against 192 / (pi x 1.83 x 2.0) = 17, about 2.9 times as many.
    const core::Roller* dense = world().tools.findRollerByNeedles(540);
    const core::Roller* common = world().tools.findRollerByNeedles(192);
    REQUIRE(dense);
    REQUIRE(common);
    const double perPass540 = 540.0 / (3.14159265 * dense->drumDiameterMm * dense->drumWidthMm) * 100.0;
    const double perPass192 = 192.0 / (3.14159265 * common->drumDiameterMm * common->drumWidthMm) * 100.0;
    CHECK(perPass540 / perPass192 == doctest::Approx(2.87).epsilon(0.02));
    CHECK(std::ceil(world().rubric.roller.targetPerCm2 / perPass540) <= 3);  // passes to the target
    CHECK(std::ceil(world().rubric.roller.targetPerCm2 / perPass192) >= 6);
    // The same session rolled with the 192-needle drum: not the roller this case gives.
    core::Session other = careful;
    for (core::SessionEvent& e : other.events)
        if (auto* t = std::get_if<core::ToolEvent>(&e); t && t->tool == core::ToolKind::Roller) {
            t->needles = 192;
            t->roller = "192";
        }
    const Graded wrongRoller = grade(s, other);
    CHECK(wrongRoller.critical("forbidden_tool"));
    CHECK_FALSE(wrongRoller.result.passed);
}

TEST_CASE("library: an infected follow-up is declined (and referred), not merely deferred") {
    const core::Scenario s = shippedScenario("follow-up-infected");
    const Graded deferred = gradeDemo(s, decides(Decision::Defer));
    CHECK(deferred.result.decisionOnly);
    CHECK_FALSE(deferred.result.passed);
    CHECK(hasDeduction(deferred, "decided 'defer' where the right decision was 'decline'"));
}

TEST_CASE("library: a home roller user found only by asking - deciding without asking treats her") {
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
    CHECK(cheek->depth.maxMm <= world().rubric.find("cheek_left")->depthFor(core::Indication::Rejuvenation).maxMm);
}
