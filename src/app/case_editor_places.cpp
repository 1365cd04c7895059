#include "app/case_editor_places.h"

#include <array>
#include <string_view>
#include <vector>

namespace pinpoint::app::case_editor {

namespace {

struct Place {
    std::string_view field;  // a writer's name, or the part after an item's number ("*.answer")
    std::string_view words;  // tab and label as the form shows them
};

// Fields of one kind, each once in the case.
constexpr std::array kSingle{
    Place{"schema_version", "the file's format version (written by Save)"},
    Place{"scenario.id", "Patient tab, Case id"},
    Place{"scenario.title", "Patient tab, Title"},
    Place{"scenario.teaches", "Patient tab, Teaches"},
    Place{"scenario.rubric", "the rubric the case is written for (written by Save)"},
    Place{"scenario.rubric_version", "the rubric version the case is written for (written by Save)"},
    Place{"scenario", "Patient tab, the case"},
    Place{"patient.name", "Patient tab, Name"},
    Place{"patient.age", "Patient tab, Age"},
    Place{"patient.sex", "Patient tab, Sex"},
    Place{"patient.fitzpatrick", "Patient tab, Fitzpatrick type"},
    Place{"patient.indication", "Patient tab, Indication"},
    Place{"patient.history", "Patient tab, History"},
    Place{"patient", "Patient tab"},
    Place{"decision.expected", "Decision tab, Expected"},
    Place{"decision.acceptable", "Decision tab, Also acceptable"},
    Place{"decision", "Decision tab, the decision"},
    Place{"plan.avoid_zones", "Decision tab, the zones' Avoid column"},
    Place{"plan.depth_cap_mm", "Decision tab, Depth cap"},
    Place{"plan.actions", "Decision tab, The plan must record"},
    Place{"plan", "Decision tab, the plan"},
    Place{"policy", "Decision tab, Policy"},
    Place{"treatment.tools", "Decision tab, Tools"},
    Place{"treatment.roller_needles", "Decision tab, the roller given"},
    Place{"treatment.zones", "Decision tab, the zones' In plan column (or a click on the head)"},
    Place{"treatment.required_steps", "the protocol steps the case requires (no form: edit the file)"},
    Place{"treatment.safety_steps", "the safety steps (no form: edit the file)"},
    Place{"treatment", "the treatment's limits (no form: edit the file)"},
    Place{"scoring.pass_mark", "Scoring tab, Pass mark"},
    Place{"scoring.min_coverage", "Scoring tab, Minimum coverage"},
    Place{"scoring.weights", "Scoring tab, the weights"},
    Place{"scoring", "Scoring tab"},
    Place{"course.id", "Course tab, Course id"},
    Place{"course.visit", "Course tab, the visit number (from the earlier visits)"},
    Place{"course.today", "Course tab, Today"},
    Place{"course.skin", "Course tab, the skin today"},
    Place{"course.skin_note", "Course tab, what the skin looks like"},
    Place{"course", "Course tab"},
};

// Numbered items ("question.2.answer"): the list's name in the form, then each field after the number.
struct Items {
    std::string_view prefix;  // "question"
    std::string_view words;   // "Questions tab, question"
    std::vector<Place> fields;
};

const std::vector<Items>& numberedItems() {
    static const std::vector<Items> items{
        {"question", "Questions tab, question",
         {{"id", "Id"}, {"text", "Question"}, {"answer", "Answer"}, {"reveals", "Reveals"}, {"optional", "Optional"}}},
        {"condition", "Patient tab, condition", {{"id", "the condition"}, {"note", "Note"}, {"disclosed", "found by asking"}}},
        {"medication", "Medication tab, medicine",
         {{"name", "Drug and dose"}, {"condition", "Implies"}, {"days_since_last_dose", "Days since the last dose"}}},
        {"lesion", "Lesions tab, lesion", {{"kind", "Kind"}, {"position", "its place on the head"}, {"radius_mm", "Diameter"}}},
        {"counsel", "Decision tab, counselling item",
         {{"id", "Id"}, {"text", "What is said"}, {"right", "Right"}, {"harmful", "Harmful"}, {"why", "Why it is wrong"},
          {"source", "Source"}}},
        {"course.earlier_visit", "Course tab, earlier visit",
         {{"date", "Date"}, {"device", "Device"}, {"depth_mm", "Depth"}, {"seen_after", "What was seen after"}}},
    };
    return items;
}

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// "question.2.answer" against "question": "Questions tab, question 3, Answer".
std::string numbered(const Items& items, std::string_view rest) {
    const std::size_t dot = rest.find('.');
    const std::string_view number = rest.substr(0, dot);
    std::size_t index = 0;
    for (const char c : number) {
        if (c < '0' || c > '9') return {};
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    std::string words = std::string(items.words) + " " + std::to_string(index + 1);
    if (dot == std::string_view::npos) return words;
    const std::string_view field = rest.substr(dot + 1);
    for (const Place& p : items.fields)
        if (field == p.field || startsWith(field, std::string(p.field) + ".")) return words + ", " + std::string(p.words);
    return words;
}

}  // namespace

std::string formPlace(const std::string& field) {
    if (field.empty()) return "The case as a whole";
    for (const Items& items : numberedItems())
        if (startsWith(field, std::string(items.prefix) + "."))
            if (std::string words = numbered(items, std::string_view(field).substr(items.prefix.size() + 1)); !words.empty())
                return words;
    if (startsWith(field, "zones.")) {  // "zones.forehead.depth_mm"
        const std::string_view rest = std::string_view(field).substr(6);
        const std::string zone(rest.substr(0, rest.find('.')));
        const std::string_view what = rest.substr(zone.size());
        if (what.empty() || startsWith(what, ".depth")) return "Decision tab, zone " + zone + (what.empty() ? "" : ", depth min and max");
        return "zone " + zone + ", " + std::string(what.substr(1)) + " (no form: edit the file)";
    }
    if (startsWith(field, "policy.")) return "Decision tab, Policy for " + field.substr(7);
    if (startsWith(field, "scoring.weights.")) {  // "scoring.weights.depth": the form's "Depth"
        std::string component = field.substr(16);
        if (!component.empty() && component[0] >= 'a' && component[0] <= 'z') component[0] = static_cast<char>(component[0] - 'a' + 'A');
        return "Scoring tab, weights, " + component;
    }
    // The longest name that holds the field: "patient.age" itself, or "patient" for "patient.other".
    for (const Place& p : kSingle)
        if (field == p.field) return std::string(p.words);
    for (const Place& p : kSingle)
        if (startsWith(field, std::string(p.field) + ".")) return std::string(p.words);
    return field;
}

}  // namespace pinpoint::app::case_editor
