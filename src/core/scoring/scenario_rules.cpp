// The rules the treatment is scored by: [treatment], [zones.NAME] and [scoring]. What the scenario
// leaves out comes from the rubric: per-zone depths for the patient's indication, densities for the
// allowed device, required pass directions, the devices, steps, limits, weights, pass mark, minimum
// coverage and depth margin (docs/scenario-format.md lists which rubric key fills which).
#include "core/face/area_names.h"
#include "core/scoring/scenario_parse.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

namespace pinpoint::core::scenario_detail {

namespace {

std::vector<std::string> names(Problems& pr, const toml::node& n, const char* what,
                               const std::function<void(const std::string&, const toml::node&)>& check) {
    std::vector<std::string> out;
    const toml::array* a = n.as_array();
    if (!a) {
        pr.add(&n, std::string(what) + " must be an array of names");
        return out;
    }
    std::set<std::string> seen;
    for (const toml::node& e : *a)
        pr.attempt([&] {
            const std::string name = pr.reader.string(e, "a name");
            check(name, e);
            if (!seen.insert(name).second) pr.reader.fail(&e, std::string(what) + " lists '" + name + "' twice");
            out.push_back(name);
        });
    return out;
}

double numberIn(const TomlReader& r, const toml::node& n, const char* what, double low, double high, bool lowOpen) {
    const double v = r.number(n, what);
    if (!std::isfinite(v) || (lowOpen ? v <= low : v < low) || v > high) {
        char message[160];
        std::snprintf(message, sizeof message, "%s must be %s %g and at most %g", what, lowOpen ? "above" : "at least", low,
                      high);
        r.fail(&n, message);
    }
    return v;
}

// A safety step is one of the protocol's required steps, and comes before the needles.
void checkSafetySteps(ScenarioParse& p, const toml::node* at) {
    const Scenario& s = p.scenario;
    for (const std::string& step : s.safetySteps) {
        if (std::find(s.afterTreatmentSteps.begin(), s.afterTreatmentSteps.end(), step) != s.afterTreatmentSteps.end())
            p.problems.add(at, "safety step '" + step + "' comes after the treatment (the rubric's after_treatment_steps)");
        else if (p.rubric.step(step) && std::find(s.requiredSteps.begin(), s.requiredSteps.end(), step) == s.requiredSteps.end())
            p.problems.add(at, "safety step '" + step + "' is not in required_steps",
                           "add it to required_steps, or name the scenario's own safety_steps");
    }
}

void readTreatment(ScenarioParse& p, const toml::table& root, std::vector<std::string>& planZones) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    Scenario& s = p.scenario;
    s.allowedTools = p.rubric.tools;
    s.requiredSteps = p.rubric.requiredSteps;
    s.safetySteps = p.rubric.safetySteps;
    s.afterTreatmentSteps = p.rubric.afterTreatmentSteps;
    s.maxTravelSpeedMmPerS = p.rubric.maxTravelSpeedMmPerS;
    s.maxNeedleAngleDeg = p.rubric.maxNeedleAngleDeg;
    s.depthMarginMm = p.rubric.scoring.depthMarginMm;
    const toml::table* t = pr.table(root, "treatment", "[treatment]");
    if (!t) return checkSafetySteps(p, &root);
    pr.onlyKeys(*t,
                {"tools", "zones", "roller_needles", "required_steps", "safety_steps", "time_limit_s",
                 "max_travel_speed_mm_s", "max_needle_angle_deg", "depth_margin_mm"},
                "[treatment]");
    pr.optional(*t, "tools", [&](const toml::node& n) {
        s.allowedTools = names(pr, n, "tools", [&](const std::string& name, const toml::node& e) {
            if (name != "pen" && name != "roller") r.fail(&e, "unknown tool '" + name + "'", "use pen or roller");
        });
        if (s.allowedTools.empty()) r.fail(&n, "tools must name at least one tool");
    });
    pr.optional(*t, "roller_needles", [&](const toml::node& n) {
        const std::int64_t needles = r.integer(n, "roller_needles");
        if (needles < 1 || needles > 5000) r.fail(&n, "roller_needles " + std::to_string(needles) + " is out of range 1-5000");
        s.rollerNeedles = static_cast<int>(needles);
        if (std::find(s.allowedTools.begin(), s.allowedTools.end(), "roller") == s.allowedTools.end())
            r.fail(&n, "roller_needles names a roller, but tools does not allow the roller", "add \"roller\" to tools");
    });
    pr.optional(*t, "zones", [&](const toml::node& n) {
        p.nodes.treatmentZones = &n;
        planZones = names(pr, n, "zones", [&](const std::string& name, const toml::node& e) {
            if (!isTreatmentZoneName(name))
                r.fail(&e, "unknown zone '" + name + "'", "zones are named as in assets/zones.toml, e.g. cheek_left");
        });
        if (planZones.empty()) r.fail(&n, "zones must name at least one zone", "a patient not to be treated still has a plan");
    });
    const auto knownStep = [&](const std::string& name, const toml::node& e) {
        if (!p.rubric.step(name))
            r.fail(&e, "unknown protocol step '" + name + "'", "use one of: " + p.rubric.stepList() + " (the rubric's [[protocol.step]])");
    };
    const toml::node* stepsAt = t;
    pr.optional(*t, "required_steps", [&](const toml::node& n) {
        stepsAt = &n;
        s.requiredSteps = names(pr, n, "required_steps", knownStep);
    });
    pr.optional(*t, "safety_steps", [&](const toml::node& n) {
        stepsAt = &n;
        s.safetySteps = names(pr, n, "safety_steps", knownStep);
    });
    checkSafetySteps(p, stepsAt);
    pr.optional(*t, "time_limit_s", [&](const toml::node& n) { s.timeLimitSeconds = numberIn(r, n, "time_limit_s", 0, 7200, false); });
    pr.optional(*t, "max_travel_speed_mm_s",
                [&](const toml::node& n) { s.maxTravelSpeedMmPerS = numberIn(r, n, "max_travel_speed_mm_s", 0, 1000, true); });
    pr.optional(*t, "max_needle_angle_deg",
                [&](const toml::node& n) { s.maxNeedleAngleDeg = numberIn(r, n, "max_needle_angle_deg", 0, 89, true); });
    pr.optional(*t, "depth_margin_mm", [&](const toml::node& n) { s.depthMarginMm = numberIn(r, n, "depth_margin_mm", 0, 1, false); });
}

void readZoneOverride(ScenarioParse& p, const toml::table& t, ZoneScenarioRules& z) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    pr.onlyKeys(t, {"depth_mm", "target_density_per_cm2", "max_density_per_cm2", "required_directions"},
                "[zones." + z.zone + "]");
    pr.optional(t, "depth_mm", [&](const toml::node& n) {
        const toml::array* a = n.as_array();
        if (!a || a->size() != 2) r.fail(&n, "depth_mm must be [min, max] in mm");
        const double low = numberIn(r, *a->get(0), "the minimum depth", 0, 3.0, true);
        const double high = numberIn(r, *a->get(1), "the maximum depth", 0, 3.0, true);
        if (low > high) {
            char message[160];
            std::snprintf(message, sizeof message, "inverted depth range [%g, %g] for zone %s: min is above max", low, high,
                          z.zone.c_str());
            r.fail(&n, message);
        }
        z.depth = {low, high};
        p.nodes.zoneDepths[z.zone] = &n;
    });
    const toml::node* targetNode = t.get("target_density_per_cm2");
    const toml::node* maxNode = t.get("max_density_per_cm2");
    bool densityOk = true;
    pr.optional(t, "target_density_per_cm2", [&](const toml::node& n) {
        densityOk = false;
        z.density.targetPerCm2 = numberIn(r, n, "target_density_per_cm2", 0, 20000, true);
        densityOk = true;
    });
    pr.optional(t, "max_density_per_cm2", [&](const toml::node& n) {
        densityOk = false;
        z.density.maxPerCm2 = numberIn(r, n, "max_density_per_cm2", 0, 50000, true);
        densityOk = true;
    });
    if (densityOk && z.density.targetPerCm2 >= z.density.maxPerCm2) {
        char message[200];
        std::snprintf(message, sizeof message, "zone %s: target density %g/cm2 is not below the maximum %g/cm2",
                      z.zone.c_str(), z.density.targetPerCm2, z.density.maxPerCm2);
        pr.add(targetNode ? targetNode : maxNode, message);
    }
    pr.optional(t, "required_directions", [&](const toml::node& n) {
        const std::int64_t v = r.integer(n, "required_directions");
        if (v < 0 || v > 4) r.fail(&n, "required_directions must be 0 to 4 (there are four directions)");
        z.requiredDirections = static_cast<int>(v);
    });
}

void readZones(ScenarioParse& p, const toml::table& root, std::vector<std::string> planZones) {
    Problems& pr = p.problems;
    Scenario& s = p.scenario;
    if (!p.nodes.treatmentZones)
        for (std::string_view z : kTreatmentZones)
            if (std::find(p.rubric.unplannedByDefault.begin(), p.rubric.unplannedByDefault.end(), z) ==
                    p.rubric.unplannedByDefault.end() &&
                !p.nodes.avoidZones.count(std::string(z)))
                planZones.emplace_back(z);
    const bool rollerOnly = s.allowedTools.size() == 1 && s.allowedTools[0] == "roller";
    for (std::string_view name : kTreatmentZones) {
        ZoneScenarioRules z;
        z.zone = std::string(name);
        z.treat = std::find(planZones.begin(), planZones.end(), z.zone) != planZones.end();
        if (const ZoneTargets* targets = p.rubric.find(z.zone)) z.depth = targets->depthFor(s.patient.indication);
        z.density = p.rubric.density(rollerOnly);
        z.requiredDirections = p.rubric.requiredDirections;
        s.zones.push_back(z);
    }
    const toml::table* zones = pr.table(root, "zones", "[zones]");
    if (!zones) return;
    for (auto&& [key, node] : *zones) {
        const std::string name(key.str());
        ZoneScenarioRules* z = nullptr;
        for (ZoneScenarioRules& candidate : s.zones)
            if (candidate.zone == name) z = &candidate;
        if (!z) {
            pr.add(&node, "unknown zone '" + name + "' in [zones]", "zones are named as in assets/zones.toml, e.g. cheek_left");
            continue;
        }
        const toml::table* t = node.as_table();
        if (!t) {
            pr.add(&node, "[zones." + name + "] must be a table");
            continue;
        }
        if (!z->treat)
            pr.add(&node, "rules for zone '" + name + "', which the treatment does not include",
                   "add it to [treatment] zones or remove [zones." + name + "]");
        readZoneOverride(p, *t, *z);
    }
}

void readScoring(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    Scenario& s = p.scenario;
    s.weights = p.rubric.scoring.weights;
    s.passMark = p.rubric.scoring.passMark;
    s.minCoverage = p.rubric.scoring.minCoverage;
    const toml::table* t = pr.table(root, "scoring", "[scoring]");
    if (!t) return;
    pr.onlyKeys(*t, {"weights", "pass_mark", "min_coverage"}, "[scoring]");
    pr.optional(*t, "pass_mark", [&](const toml::node& n) { s.passMark = numberIn(r, n, "pass_mark", 0, 100, false); });
    pr.optional(*t, "min_coverage", [&](const toml::node& n) { s.minCoverage = numberIn(r, n, "min_coverage", 0, 100, false); });
    const toml::table* w = pr.table(*t, "weights", "weights");
    if (!w) return;
    pr.onlyKeys(*w, {"coverage", "overlap", "depth", "contraindications", "technique", "protocol"}, "weights");
    ComponentWeights& cw = s.weights;
    bool ok = true;
    for (auto [key, value] : {std::pair{"coverage", &cw.coverage}, std::pair{"overlap", &cw.overlap},
                              std::pair{"depth", &cw.depth}, std::pair{"contraindications", &cw.contraindications},
                              std::pair{"technique", &cw.technique}, std::pair{"protocol", &cw.protocol}})
        if (const toml::node* n = w->get(key))  // bindings captured by name for clang 14 (scripts/fuzz)
            ok = pr.attempt([&, key = key, value = value] { *value = numberIn(r, *n, key, 0, 1, false); }) && ok;
    const double sum = cw.coverage + cw.overlap + cw.depth + cw.contraindications + cw.technique + cw.protocol;
    if (ok && std::abs(sum - 1.0) > 1e-6) {
        char message[160];
        std::snprintf(message, sizeof message, "weights add up to %.6g, not 1", sum);
        pr.add(w, message, "a weight not given keeps the rubric's ([scoring.weights] in assets/rubric.toml)");
    }
}

}  // namespace

void readRules(ScenarioParse& p, const toml::table& root) {
    std::vector<std::string> planZones;
    readTreatment(p, root, planZones);
    readZones(p, root, planZones);
    readScoring(p, root);
}

}  // namespace pinpoint::core::scenario_detail
