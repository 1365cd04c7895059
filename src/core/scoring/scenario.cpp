// Reading a scenario file: the TOML is parsed once, every section is read with each problem
// recorded (scenario_parse.h), then the sections are checked against each other.
#include "core/common/sha256.h"
#include "core/scoring/scenario_parse.h"

#include <algorithm>
#include <exception>

namespace pinpoint::core {

namespace scenario_detail {

namespace {

Error locatedAt(const std::string& file, const toml::node* at, const std::string& message, const std::string& hint) {
    Error e{file, 1, 1, message, hint};
    if (at && at->source().begin.line > 0) {
        e.line = static_cast<int>(at->source().begin.line);
        e.column = static_cast<int>(std::max<toml::source_index>(at->source().begin.column, 1));
    }
    return e;
}

}  // namespace

void Problems::add(const toml::node* at, const std::string& message, const std::string& hint) {
    errors.push_back(locatedAt(reader.file(), at, message, hint));
}

void Problems::note(const toml::node* at, const std::string& message) { notes.push_back(locatedAt(reader.file(), at, message, {})); }

void Problems::onlyKeys(const toml::table& t, std::initializer_list<std::string_view> allowed, const std::string& what) {
    for (auto&& [key, node] : t) {
        if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
        std::string list;
        for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        add(&node, "unknown key '" + std::string(key.str()) + "' in " + what, "allowed: " + list);
    }
}

const toml::table* Problems::table(const toml::table& t, std::string_view key, const std::string& what) {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (const toml::table* table = n->as_table()) return table;
    add(n, what + " must be a table");
    return nullptr;
}

std::vector<const toml::table*> Problems::tables(const toml::table& t, std::string_view key, const std::string& what) {
    std::vector<const toml::table*> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) {
        add(n, what + " must be an array of tables, written [[" + std::string(key) + "]]");
        return out;
    }
    for (const toml::node& element : *a) {
        if (const toml::table* table = element.as_table())
            out.push_back(table);
        else
            add(&element, "each " + what + " must be a table");
    }
    return out;
}

bool isIdentifier(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

}  // namespace scenario_detail

const ZoneScenarioRules* Scenario::zone(const std::string& name) const {
    for (const ZoneScenarioRules& z : zones)
        if (z.zone == name) return &z;
    return nullptr;
}

ScenarioReadResult parseScenario(const std::string& text, const std::string& sourceName, const Rubric& rubric,
                                 const ConditionCatalogue& conditions, const Bvh* skin) {
    using namespace scenario_detail;
    ScenarioReadResult result;
    try {
        const toml::table root = toml::parse(text, sourceName);
        ScenarioParse p{Problems(sourceName), rubric, conditions, skin, Scenario{}, ScenarioNodes{}};
        p.nodes.root = &root;
        p.problems.onlyKeys(root,
                            {"schema_version", "scenario", "patient", "lesion", "question", "counsel", "decision", "plan",
                             "policy", "treatment", "zones", "scoring", "course"},
                            "the scenario");
        readCase(p, root);
        readRules(p, root);
        checkScenario(p);
        result.errors = std::move(p.problems.errors);
        std::stable_sort(result.errors.begin(), result.errors.end(), [](const Error& a, const Error& b) {
            return a.line != b.line ? a.line < b.line : a.column < b.column;
        });
        if (result.errors.empty()) {
            result.notes = std::move(p.problems.notes);
            p.scenario.file = sourceName;
            p.scenario.sha256 = sha256Hex(text);
            result.scenario = std::move(p.scenario);
        }
    } catch (const toml::parse_error& e) {
        result.errors.push_back(Error{sourceName, static_cast<int>(std::max<toml::source_index>(e.source().begin.line, 1)),
                                      static_cast<int>(std::max<toml::source_index>(e.source().begin.column, 1)),
                                      std::string(e.description()), "the scenario is not valid TOML"});
    } catch (const std::exception& e) {  // a defect in the reader; still no exception leaves the core
        result.errors.push_back(Error{sourceName, 1, 1, std::string("cannot read the scenario: ") + e.what(), {}});
    }
    return result;
}

ScenarioReadResult readScenario(const std::string& path, const Rubric& rubric, const ConditionCatalogue& conditions,
                                const Bvh* skin) {
    std::optional<std::string> text = readTextFile(path);
    if (!text) {
        ScenarioReadResult result;
        result.errors.push_back(Error{path, 0, 0, "cannot read the scenario file", "check the path"});
        return result;
    }
    return parseScenario(*text, path, rubric, conditions, skin);
}

}  // namespace pinpoint::core
