// The editor's list of problems names each field as the forms do (issue 22, item 5): for every line
// the case writer writes, in every shipped case, a tab and a label, never the file's key.
#include "app/case_editor_places.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scenario_writer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

using pinpoint::app::case_editor::formPlace;
namespace core = pinpoint::core;

TEST_CASE("problems are placed by the form's tab and label") {
    CHECK(formPlace("patient.age") == "Patient tab, Age");
    CHECK(formPlace("question.2.answer") == "Questions tab, question 3, Answer");
    CHECK(formPlace("medication.0.days_since_last_dose") == "Medication tab, medicine 1, Days since the last dose");
    CHECK(formPlace("lesion.1.radius_mm") == "Lesions tab, lesion 2, Diameter");
    CHECK(formPlace("scoring.weights.depth") == "Scoring tab, weights, Depth");
    CHECK(formPlace("scoring.weights") == "Scoring tab, the weights");
    CHECK(formPlace("decision.expected") == "Decision tab, Expected");
    CHECK(formPlace("zones.forehead.depth_mm") == "Decision tab, zone forehead, depth min and max");
    CHECK(formPlace("course.earlier_visit.0.date") == "Course tab, earlier visit 1, Date");
    CHECK(formPlace("policy.isotretinoin") == "Decision tab, Policy for isotretinoin");
    CHECK(formPlace("") == "The case as a whole");
}

TEST_CASE("every field of every shipped case has a place in words, not a file key") {
    const std::string root = PINPOINT_SOURCE_DIR;
    const auto rubric = core::readRubric(root + "/assets/rubric.toml");
    REQUIRE(rubric.ok());
    const auto catalogue = core::readConditionCatalogue(root + "/assets/conditions.toml");
    REQUIRE(catalogue.ok());
    std::set<std::string> fields;
    for (const auto& entry : std::filesystem::directory_iterator(root + "/scenarios")) {
        if (entry.path().extension() != ".toml") continue;
        const core::ScenarioReadResult r = core::readScenario(entry.path().string(), *rubric, *catalogue);
        REQUIRE_MESSAGE(r.scenario, entry.path().string());
        for (const core::WrittenField& f : core::writeScenarioToml(*r.scenario, *rubric).fields) fields.insert(f.field);
    }
    CHECK(fields.size() > 60);
    for (const std::string& field : fields) {
        CAPTURE(field);
        const std::string words = formPlace(field);
        CHECK(words != field);
        if (field.find('.') != std::string::npos) CHECK(words.find(field) == std::string::npos);
        // No key such as days_since_last_dose (zone names and condition ids, which the forms show, aside).
        const std::string last = field.substr(field.rfind('.') + 1);
        if (last.find('_') != std::string::npos && field.rfind("zones.", 0) != 0 && field.rfind("policy.", 0) != 0)
            CHECK(words.find(last) == std::string::npos);
    }
}
