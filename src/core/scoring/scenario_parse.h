#pragma once
// Inside the scenario reader (not a public header). `pinpoint validate` must list every problem in
// a scenario, so fields are read one at a time through TomlReader (whose checks throw a TomlProblem
// on the first problem) inside Problems::attempt, which records the problem and lets the reader go on
// with the next field. The sections are read first; checks across sections come after, using the
// nodes remembered in ScenarioNodes to locate what they find.
#include "core/common/toml_reader.h"
#include "core/scoring/scenario.h"

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core::scenario_detail {

class Problems {
public:
    explicit Problems(std::string file) : reader(std::move(file)) {}

    TomlReader reader;
    std::vector<Error> errors;
    std::vector<Error> notes;  // accepted, but worth saying (ScenarioReadResult::notes)

    // Records a problem at `at` (line 1, column 1 when the node has no position).
    void add(const toml::node* at, const std::string& message, const std::string& hint = {});
    // Records a note at `at`.
    void note(const toml::node* at, const std::string& message);

    // Runs `read`; a TomlProblem it throws is recorded. False when it threw.
    template <class F>
    bool attempt(F&& read) {
        try {
            read();
            return true;
        } catch (const TomlProblem& p) {
            errors.push_back(p.error);
            return false;
        }
    }

    // Reports every key of `t` that is not in `allowed` (TomlReader::onlyKeys stops at the first).
    void onlyKeys(const toml::table& t, std::initializer_list<std::string_view> allowed, const std::string& what);

    // Reads t[key] with `read(node)` when the key is there.
    template <class F>
    void optional(const toml::table& t, std::string_view key, F&& read) {
        if (const toml::node* n = t.get(key)) attempt([&] { read(*n); });
    }
    // The same, and reports the key missing.
    template <class F>
    void required(const toml::table& t, std::string_view key, const std::string& what, F&& read) {
        if (const toml::node* n = t.get(key))
            attempt([&] { read(*n); });
        else
            add(&t, what + " needs '" + std::string(key) + "'");
    }
    // t[key] as a table; nullptr when absent, or (reported) when it is not a table.
    const toml::table* table(const toml::table& t, std::string_view key, const std::string& what);
    // t[key] as an array of tables; empty when absent; elements that are not tables are reported.
    std::vector<const toml::table*> tables(const toml::table& t, std::string_view key, const std::string& what);
};

// Where parsed items came from, for the checks across sections.
struct ScenarioNodes {
    const toml::table* root = nullptr;
    const toml::node* rubricId = nullptr;
    const toml::node* rubricVersion = nullptr;
    std::vector<const toml::node*> conditions;    // per Patient::conditions
    std::vector<const toml::node*> medications;   // per Patient::medications
    const toml::node* fitzpatrick = nullptr;
    std::vector<const toml::node*> questions;     // per Scenario::questions
    std::vector<std::vector<const toml::node*>> reveals;  // per question, per revealed id
    std::vector<const toml::node*> lesions;
    const toml::node* expected = nullptr;
    std::vector<const toml::node*> acceptable;    // per Scenario::acceptableDecisions
    const toml::table* plan = nullptr;
    const toml::node* depthCap = nullptr;
    std::map<std::string, const toml::node*> avoidZones;
    std::map<std::string, const toml::node*> actions;
    std::map<std::string, const toml::node*> policies;
    const toml::node* treatmentZones = nullptr;
    std::map<std::string, const toml::node*> zoneDepths;  // zones whose depth the scenario sets
    const toml::table* course = nullptr;
    const toml::node* courseSkin = nullptr;
    std::vector<const toml::table*> visits;       // per Course::visits
};

struct ScenarioParse {
    Problems problems;
    const Rubric& rubric;
    const ConditionCatalogue& catalogue;
    const Bvh* skin = nullptr;
    Scenario scenario;
    ScenarioNodes nodes;
};

// lower-case letters, digits and '_', not empty
bool isIdentifier(const std::string& s);

// Sections (scenario_patient.cpp): schema_version, [scenario], [patient], [[lesion]], [[question]],
// [decision], [plan], [policy], [course].
void readCase(ScenarioParse& p, const toml::table& root);
// [course] (scenario_course.cpp), read by readCase.
void readCourse(ScenarioParse& p, const toml::table& root);
// Sections (scenario_rules.cpp): [treatment], [zones.NAME], [scoring]; zones filled from the rubric.
void readRules(ScenarioParse& p, const toml::table& root);
// Checks across sections (scenario_checks.cpp).
void checkScenario(ScenarioParse& p);

}  // namespace pinpoint::core::scenario_detail
