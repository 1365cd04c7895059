// The case itself: schema version, [scenario], [patient], [[lesion]], [[question]], [[counsel]],
// [decision], [plan] and [policy] ([course]: scenario_course.cpp). Each problem is recorded and reading goes on (scenario_parse.h).
#include "core/face/area_names.h"
#include "core/scoring/scenario_parse.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace pinpoint::core::scenario_detail {

namespace {

std::string text(const TomlReader& r, const toml::node& n, const char* what) {
    std::string s = r.string(n, what);
    if (s.find_first_not_of(" \t\r\n") == std::string::npos) r.fail(&n, std::string(what) + " must not be empty");
    return s;
}

std::string identifier(const TomlReader& r, const toml::node& n, const char* what) {
    std::string s = r.string(n, what);
    if (!isIdentifier(s)) r.fail(&n, std::string(what) + " '" + s + "' must be lower-case letters, digits and _");
    return s;
}

int wholeNumberIn(const TomlReader& r, const toml::node& n, const char* what, int low, int high) {
    const std::int64_t v = r.integer(n, what);
    if (v < low || v > high)
        r.fail(&n, std::string(what) + " " + std::to_string(v) + " is out of range " + std::to_string(low) + "-" +
                       std::to_string(high));
    return static_cast<int>(v);
}

// Each element of an array through `read(element)`, each problem recorded.
template <class F>
void eachElement(Problems& pr, const toml::node& n, const char* what, F&& read) {
    const toml::array* a = n.as_array();
    if (!a) {
        pr.add(&n, std::string(what) + " must be an array");
        return;
    }
    for (const toml::node& element : *a) pr.attempt([&] { read(element); });
}

const ConditionInfo& knownCondition(const ScenarioParse& p, const toml::node& n, const char* what) {
    const std::string id = p.problems.reader.string(n, what);
    const ConditionInfo* info = p.catalogue.find(id);
    if (!info) p.problems.reader.fail(&n, "unknown condition '" + id + "'", "see the ids in assets/conditions.toml");
    return *info;
}

void readHeader(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    Scenario& s = p.scenario;
    pr.required(root, "schema_version", "the scenario", [&](const toml::node& n) {
        const std::int64_t version = r.integer(n, "schema_version");  // checked before narrowing: 2^32 + 1 is not 1
        if (version != 1)
            r.fail(&n, "unsupported schema_version " + std::to_string(version), "this Pinpoint reads version 1");
        s.schemaVersion = static_cast<int>(version);
    });
    const toml::table* t = pr.table(root, "scenario", "[scenario]");
    if (!t) {
        if (!root.get("scenario")) pr.add(&root, "the scenario needs a [scenario] section");
        return;
    }
    pr.onlyKeys(*t, {"id", "title", "teaches", "rubric", "rubric_version"}, "[scenario]");
    pr.required(*t, "id", "[scenario]", [&](const toml::node& n) {
        s.id = r.string(n, "id");
        bool ok = !s.id.empty();
        for (char c : s.id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
        if (!ok) r.fail(&n, "scenario id '" + s.id + "' must be lower-case letters, digits, - and _");
    });
    pr.required(*t, "title", "[scenario]", [&](const toml::node& n) { s.title = text(r, n, "title"); });
    pr.required(*t, "teaches", "[scenario]", [&](const toml::node& n) { s.teaches = text(r, n, "teaches"); });
    pr.required(*t, "rubric", "[scenario]", [&](const toml::node& n) {
        s.rubricId = r.string(n, "rubric");
        p.nodes.rubricId = &n;
    });
    pr.required(*t, "rubric_version", "[scenario]", [&](const toml::node& n) {
        s.rubricVersion = r.string(n, "rubric_version");
        p.nodes.rubricVersion = &n;
    });
}

void readPatient(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    Patient& patient = p.scenario.patient;
    const toml::table* t = pr.table(root, "patient", "[patient]");
    if (!t) {
        if (!root.get("patient")) pr.add(&root, "the scenario needs a [patient] section");
        return;
    }
    pr.onlyKeys(*t, {"name", "age", "sex", "fitzpatrick", "indication", "history", "condition", "medication"}, "[patient]");
    pr.required(*t, "name", "[patient]", [&](const toml::node& n) { patient.name = text(r, n, "name"); });
    pr.required(*t, "age", "[patient]", [&](const toml::node& n) { patient.age = wholeNumberIn(r, n, "age", 12, 110); });
    pr.required(*t, "sex", "[patient]", [&](const toml::node& n) {
        patient.sex = r.string(n, "sex");
        if (patient.sex != "female" && patient.sex != "male" && patient.sex != "other")
            r.fail(&n, "sex '" + patient.sex + "' must be female, male or other");
    });
    pr.required(*t, "fitzpatrick", "[patient]", [&](const toml::node& n) {
        p.nodes.fitzpatrick = &n;
        patient.fitzpatrick = wholeNumberIn(r, n, "fitzpatrick", 1, 6);
    });
    pr.optional(*t, "indication", [&](const toml::node& n) {
        const std::string name = r.string(n, "indication");
        if (const IndicationInfo* i = indicationNamed(name))
            patient.indication = i->value;
        else
            r.fail(&n, "unknown indication '" + name + "'", "use one of: " + indicationList());
    });
    pr.optional(*t, "history", [&](const toml::node& n) { patient.history = r.string(n, "history"); });

    std::set<std::string> seen;
    for (const toml::table* c : pr.tables(*t, "condition", "[[patient.condition]]")) {
        pr.onlyKeys(*c, {"id", "note", "disclosed"}, "a [[patient.condition]]");
        PatientCondition pc;
        bool ok = true;
        pr.required(*c, "id", "a [[patient.condition]]", [&](const toml::node& n) {
            pc.id = knownCondition(p, n, "id").id;
            if (!seen.insert(pc.id).second) {
                ok = false;
                r.fail(&n, "condition '" + pc.id + "' is listed twice");
            }
        });
        pr.optional(*c, "note", [&](const toml::node& n) { pc.note = r.string(n, "note"); });
        pr.optional(*c, "disclosed", [&](const toml::node& n) { pc.disclosed = r.boolean(n, "disclosed"); });
        if (!ok || pc.id.empty()) continue;
        patient.conditions.push_back(pc);
        p.nodes.conditions.push_back(c);
    }
    for (const toml::table* m : pr.tables(*t, "medication", "[[patient.medication]]")) {
        pr.onlyKeys(*m, {"name", "condition", "days_since_last_dose"}, "a [[patient.medication]]");
        Medication med;
        pr.required(*m, "name", "a [[patient.medication]]", [&](const toml::node& n) { med.name = text(r, n, "name"); });
        pr.optional(*m, "condition", [&](const toml::node& n) { med.condition = knownCondition(p, n, "condition").id; });
        pr.optional(*m, "days_since_last_dose", [&](const toml::node& n) {
            med.daysSinceLastDose = wholeNumberIn(r, n, "days_since_last_dose", 0, 36500);
        });
        patient.medications.push_back(med);
        p.nodes.medications.push_back(m);
    }
}

void readLesions(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    for (const toml::table* t : pr.tables(root, "lesion", "[[lesion]]")) {
        pr.onlyKeys(*t, {"kind", "position", "radius_mm"}, "a [[lesion]]");
        Lesion lesion;
        pr.required(*t, "kind", "a [[lesion]]", [&](const toml::node& n) { lesion.kind = identifier(r, n, "kind"); });
        pr.required(*t, "radius_mm", "a [[lesion]]", [&](const toml::node& n) {
            lesion.radiusMm = static_cast<float>(r.number(n, "radius_mm"));
            if (!(lesion.radiusMm > 0.0f && lesion.radiusMm <= 20.0f))
                r.fail(&n, "radius_mm must be above 0 and at most 20 mm");
        });
        pr.required(*t, "position", "a [[lesion]]", [&](const toml::node& n) {
            lesion.position = r.vector(n, "position");
            if (!p.skin || p.skin->closestPoint(lesion.position, 2.0f)) return;
            const std::optional<SurfaceHit> hit = p.skin->closestPoint(lesion.position);
            char message[160];
            std::snprintf(message, sizeof message, "lesion position (%.1f, %.1f, %.1f) is %.1f mm off the skin",
                          lesion.position.x, lesion.position.y, lesion.position.z, hit ? hit->distance : INFINITY);
            char hint[160];
            if (hit)
                std::snprintf(hint, sizeof hint, "it must lie within 2 mm of the skin; nearest skin point (%.1f, %.1f, %.1f)",
                              hit->point.x, hit->point.y, hit->point.z);
            r.fail(&n, message, hit ? hint : "it must lie within 2 mm of the skin");
        });
        p.scenario.lesions.push_back(lesion);
        p.nodes.lesions.push_back(t);
    }
}

void readQuestions(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    std::set<std::string> ids;
    for (const toml::table* t : pr.tables(root, "question", "[[question]]")) {
        pr.onlyKeys(*t, {"id", "text", "answer", "reveals", "optional"}, "a [[question]]");
        IntakeQuestion q;
        std::vector<const toml::node*> revealNodes;
        pr.required(*t, "id", "a [[question]]", [&](const toml::node& n) {
            q.id = identifier(r, n, "question id");
            if (!ids.insert(q.id).second) r.fail(&n, "question id '" + q.id + "' is used twice");
        });
        pr.required(*t, "text", "a [[question]]", [&](const toml::node& n) { q.text = text(r, n, "text"); });
        pr.required(*t, "answer", "a [[question]]", [&](const toml::node& n) { q.answer = text(r, n, "answer"); });
        pr.optional(*t, "optional", [&](const toml::node& n) { q.optional = r.boolean(n, "optional"); });
        pr.optional(*t, "reveals", [&](const toml::node& n) {
            eachElement(pr, n, "reveals", [&](const toml::node& e) {
                q.reveals.push_back(knownCondition(p, e, "a revealed condition").id);
                revealNodes.push_back(&e);
            });
        });
        p.scenario.questions.push_back(q);
        p.nodes.questions.push_back(t);
        p.nodes.reveals.push_back(revealNodes);
    }
}

void readCounsel(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    std::set<std::string> ids;
    for (const toml::table* t : pr.tables(root, "counsel", "[[counsel]]")) {
        pr.onlyKeys(*t, {"id", "text", "right", "harmful", "why", "source"}, "a [[counsel]]");
        AftercareAdvice c;
        pr.required(*t, "id", "a [[counsel]]", [&](const toml::node& n) {
            c.id = identifier(r, n, "counsel id");
            if (!ids.insert(c.id).second) r.fail(&n, "counsel id '" + c.id + "' is used twice");
        });
        pr.required(*t, "text", "a [[counsel]]", [&](const toml::node& n) { c.text = text(r, n, "text"); });
        pr.required(*t, "right", "a [[counsel]]", [&](const toml::node& n) { c.right = r.boolean(n, "right"); });
        pr.optional(*t, "harmful", [&](const toml::node& n) {
            c.harmful = r.boolean(n, "harmful");
            if (c.harmful && c.right) r.fail(&n, "a right statement cannot be harmful", "set right = false, or drop harmful");
        });
        pr.optional(*t, "why", [&](const toml::node& n) { c.why = r.string(n, "why"); });
        pr.required(*t, "source", "a [[counsel]]", [&](const toml::node& n) {
            c.source = text(r, n, "source");  // every statement the trainee is scored on names its source
        });
        if (!c.right && c.why.empty() && t->get("id"))
            pr.add(t, "wrong counsel '" + c.id + "' needs a 'why'", "the report shows it to the trainee who chose it");
        p.scenario.counsel.push_back(std::move(c));
    }
    if (!p.scenario.counsel.empty() &&
        std::none_of(p.scenario.counsel.begin(), p.scenario.counsel.end(), [](const AftercareAdvice& c) { return c.right; }))
        pr.add(root.get("counsel"), "the [[counsel]] list holds no right statement", "mark at least one right = true");
}

Decision decision(const TomlReader& r, const toml::node& n, const char* what) {
    const std::string name = r.string(n, what);
    const std::optional<Decision> d = decisionFromName(name);
    if (!d) r.fail(&n, "unknown decision '" + name + "'", "use proceed, proceed_modified, defer or decline");
    return *d;
}

void readDecision(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    const toml::table* t = pr.table(root, "decision", "[decision]");
    if (!t) {
        if (!root.get("decision")) pr.add(&root, "the scenario needs a [decision] section with the expected decision");
        return;
    }
    pr.onlyKeys(*t, {"expected", "acceptable"}, "[decision]");
    pr.required(*t, "expected", "[decision]", [&](const toml::node& n) {
        p.scenario.expectedDecision = decision(r, n, "expected");
        p.nodes.expected = &n;
    });
    pr.optional(*t, "acceptable", [&](const toml::node& n) {
        eachElement(pr, n, "acceptable", [&](const toml::node& e) {
            const Decision d = decision(r, e, "an acceptable decision");
            for (Decision other : p.scenario.acceptableDecisions)
                if (other == d) r.fail(&e, std::string("acceptable lists '") + decisionName(d) + "' twice");
            p.scenario.acceptableDecisions.push_back(d);
            p.nodes.acceptable.push_back(&e);
        });
    });
}

void readPlan(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    RequiredPlan& plan = p.scenario.plan;
    const toml::table* t = pr.table(root, "plan", "[plan]");
    if (!t) return;
    p.nodes.plan = t;
    pr.onlyKeys(*t, {"avoid_zones", "depth_cap_mm", "actions"}, "[plan]");
    pr.optional(*t, "avoid_zones", [&](const toml::node& n) {
        eachElement(pr, n, "avoid_zones", [&](const toml::node& e) {
            const std::string zone = r.string(e, "a zone name");
            if (!isTreatmentZoneName(zone))
                r.fail(&e, "unknown zone '" + zone + "' in avoid_zones", "zones are named as in assets/zones.toml, e.g. cheek_left");
            if (!p.nodes.avoidZones.emplace(zone, &e).second) r.fail(&e, "avoid_zones lists '" + zone + "' twice");
            plan.avoidZones.push_back(zone);
        });
    });
    pr.optional(*t, "depth_cap_mm", [&](const toml::node& n) {
        p.nodes.depthCap = &n;
        const double cap = r.number(n, "depth_cap_mm");
        if (!(cap > 0.0 && cap <= 3.0)) r.fail(&n, "depth_cap_mm must be above 0 and at most 3.0 mm (the deepest pen setting)");
        plan.depthCapMm = cap;
    });
    pr.optional(*t, "actions", [&](const toml::node& n) {
        eachElement(pr, n, "actions", [&](const toml::node& e) {
            const std::string action = r.string(e, "a plan action");
            const PlanModification* m = p.catalogue.modification(action);
            if (m && m->kind == ModificationKind::DepthCap)
                r.fail(&e, "'" + action + "' is a depth cap, not an action the trainee records", "set [plan] depth_cap_mm instead");
            if (!m) r.fail(&e, "unknown plan action '" + action + "'", "use one of: " + p.catalogue.planActionList());
            if (!p.nodes.actions.emplace(action, &e).second) r.fail(&e, "actions lists '" + action + "' twice");
            plan.actions.push_back(action);
        });
    });
}

void readPolicy(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    const toml::table* t = pr.table(root, "policy", "[policy]");
    if (!t) return;
    for (auto&& [key, node] : *t) {
        // Structured bindings are captured by name for clang 14 (scripts/fuzz), which cannot capture them.
        pr.attempt([&, &key = key, &node = node] {
            const std::string id(key.str());
            const ConditionInfo* info = p.catalogue.find(id);
            if (!info) r.fail(&node, "unknown condition '" + id + "' in [policy]", "see the ids in assets/conditions.toml");
            const std::string name = r.string(node, "a policy");
            const std::optional<ConditionAction> a = conditionActionFromName(name);
            bool allowed = a && *a == info->action;
            for (ConditionAction option : info->policyOptions) allowed = allowed || (a && *a == option);
            if (!allowed) {
                std::string list = conditionActionName(info->action);
                for (ConditionAction option : info->policyOptions)
                    if (option != info->action) list += std::string(", ") + conditionActionName(option);
                r.fail(&node, "condition '" + id + "' cannot be set to '" + name + "'", "allowed: " + list);
            }
            p.scenario.policies[id] = *a;
            p.nodes.policies[id] = &node;
        });
    }
}

}  // namespace

void readCase(ScenarioParse& p, const toml::table& root) {
    readHeader(p, root);
    readPatient(p, root);
    readLesions(p, root);
    readQuestions(p, root);
    readCounsel(p, root);
    readDecision(p, root);
    readPlan(p, root);
    readPolicy(p, root);
    readCourse(p, root);
}

}  // namespace pinpoint::core::scenario_detail
