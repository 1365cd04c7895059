#include "core/scoring/rubric.h"

#include "core/common/sha256.h"
#include "core/common/toml_reader.h"
#include "core/face/area_names.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace pinpoint::core {

namespace {

DepthRange readDepth(const TomlReader& r, const toml::node& n, const char* what) {
    const toml::array& a = r.array(n, what);
    if (a.size() != 2) r.fail(&n, std::string(what) + " must be [min, max] in mm");
    DepthRange d{r.number(*a.get(0), what), r.number(*a.get(1), what)};
    if (!(d.minMm > 0.0 && d.minMm <= d.maxMm)) r.fail(&n, std::string(what) + " must have 0 < min <= max");
    if (d.maxMm > 3.5) r.fail(&n, std::string(what) + " goes beyond 3.5 mm", "depths are in millimetres");
    return d;
}

// A required number of table `t` ("[points] needs 'decision'" when it is missing).
double number(const TomlReader& r, const toml::table& t, std::string_view key, const char* what) {
    const std::string name(key);
    return r.number(r.required(t, key, what), name.c_str());
}

double positive(const TomlReader& r, const toml::table& t, std::string_view key, const char* what) {
    const double v = number(r, t, key, what);
    if (!(v > 0.0)) r.fail(t.get(key), std::string(key) + " must be greater than 0");
    return v;
}

double nonNegative(const TomlReader& r, const toml::table& t, std::string_view key, const char* what) {
    const double v = number(r, t, key, what);
    if (!(v >= 0.0)) r.fail(t.get(key), std::string(key) + " must not be negative");
    return v;
}

// A number from 0 to `high` (a share: 1; points of a 0-100 component: 100).
double upTo(const TomlReader& r, const toml::table& t, std::string_view key, const char* what, double high, const char* unit) {
    const double v = nonNegative(r, t, key, what);
    if (v > high) r.fail(t.get(key), std::string(key) + " must be at most " + (high == 1.0 ? "1" : "100") + " (" + unit + ")");
    return v;
}

const toml::table& section(const TomlReader& r, const toml::table& t, std::string_view key, const char* what) {
    return r.table(r.required(t, key, "the rubric"), what);
}

// A list of the rubric's protocol steps, each once.
std::vector<std::string> steps(const TomlReader& r, const Rubric& rubric, const toml::node& n, const char* what) {
    std::vector<std::string> out;
    for (const toml::node& e : r.array(n, what)) {
        std::string step = r.string(e, what);
        if (!rubric.step(step)) r.fail(&e, "unknown protocol step '" + step + "'", "use one of: " + rubric.stepList() + " ([[protocol.step]])");
        for (const std::string& s : out)
            if (s == step) r.fail(&e, std::string(what) + " lists '" + step + "' twice");
        out.push_back(std::move(step));
    }
    return out;
}

// A list of treatment zone names.
std::vector<std::string> zoneNames(const TomlReader& r, const toml::node& n, const char* what) {
    std::vector<std::string> out;
    for (const toml::node& z : r.array(n, what)) {
        std::string name = r.string(z, what);
        if (!isTreatmentZoneName(name)) r.fail(&z, "unknown treatment zone '" + name + "'");
        out.push_back(std::move(name));
    }
    return out;
}

void readCoverage(const TomlReader& r, const toml::table& root, Rubric& rubric) {
    const toml::table& t = section(r, root, "coverage", "[coverage]");
    r.onlyKeys(t, {"injury_density_factor", "bare_skin_weight", "pen", "roller"}, "[coverage]");
    rubric.bareSkinWeight = nonNegative(r, t, "bare_skin_weight", "[coverage]");
    rubric.injuryDensityFactor = positive(r, t, "injury_density_factor", "[coverage]");
    if (rubric.injuryDensityFactor < 1.0)
        r.fail(t.get("injury_density_factor"), "injury_density_factor must be at least 1 (a multiple of the maximum density)");
    for (const bool roller : {false, true}) {
        const char* key = roller ? "roller" : "pen";
        const char* what = roller ? "[coverage.roller]" : "[coverage.pen]";
        DensityTargets* targets = roller ? &rubric.roller : &rubric.pen;
        SampleScale* scale = roller ? &rubric.rollerScale : &rubric.penScale;
        const toml::table& d = r.table(r.required(t, key, "[coverage]"), what);
        r.onlyKeys(d, {"target_density_per_cm2", "max_density_per_cm2", "sample_spacing_mm", "density_radius_mm", "edge_margin_mm"}, what);
        scale->edgeMarginMm = nonNegative(r, d, "edge_margin_mm", what);
        scale->spacingMm = positive(r, d, "sample_spacing_mm", what);
        scale->radiusMm = positive(r, d, "density_radius_mm", what);
        if (scale->spacingMm < 0.1 || scale->spacingMm > scale->radiusMm)
            r.fail(d.get("sample_spacing_mm"), "sample_spacing_mm must be from 0.1 mm up to density_radius_mm");
        targets->targetPerCm2 = positive(r, d, "target_density_per_cm2", what);
        targets->maxPerCm2 = positive(r, d, "max_density_per_cm2", what);
        if (targets->maxPerCm2 <= targets->targetPerCm2) r.fail(&d, "max_density_per_cm2 must be above target_density_per_cm2");
    }
}

void readTechnique(const TomlReader& r, const toml::table& root, Rubric& rubric) {
    const char* what = "[technique]";
    const toml::table& t = section(r, root, "technique", what);
    r.onlyKeys(t, {"required_directions", "direction_min_share", "stroke_min_length_mm", "stroke_max_turn_deg", "angle_points",
                   "speed_points", "direction_points", "max_travel_speed_mm_s", "max_needle_angle_deg"},
               what);
    rubric.maxTravelSpeedMmPerS = positive(r, t, "max_travel_speed_mm_s", what);
    rubric.maxNeedleAngleDeg = positive(r, t, "max_needle_angle_deg", what);
    if (rubric.maxNeedleAngleDeg >= 90.0) r.fail(t.get("max_needle_angle_deg"), "max_needle_angle_deg must be below 90");
    rubric.anglePoints = number(r, t, "angle_points", what);
    rubric.speedPoints = number(r, t, "speed_points", what);
    rubric.directionPoints = number(r, t, "direction_points", what);
    const double sum = rubric.anglePoints + rubric.speedPoints + rubric.directionPoints;
    if (rubric.anglePoints < 0.0 || rubric.speedPoints < 0.0 || rubric.directionPoints < 0.0 || std::fabs(sum - 100.0) > 1e-6)
        r.fail(&t, "angle_points, speed_points and direction_points must be 0 or more and add up to 100");
    rubric.strokeMinLengthMm = positive(r, t, "stroke_min_length_mm", what);
    rubric.strokeMaxTurnDeg = positive(r, t, "stroke_max_turn_deg", what);
    if (rubric.strokeMaxTurnDeg >= 90.0) r.fail(t.get("stroke_max_turn_deg"), "stroke_max_turn_deg must be below 90");
    const toml::node& n = r.required(t, "required_directions", what);
    const std::int64_t directions = r.integer(n, "required_directions");  // checked before narrowing
    if (directions < 0 || directions > 4) r.fail(&n, "required_directions must be 0 to 4 (there are four directions)");
    rubric.requiredDirections = static_cast<int>(directions);
    rubric.directionMinShare = positive(r, t, "direction_min_share", what);
}

// [protocol]: the steps (each with its label), the scenario's default required steps, the safety steps
// and the steps that come after the treatment.
void readProtocol(const TomlReader& r, const toml::table& root, Rubric& rubric) {
    const char* what = "[protocol]";
    const toml::table& t = section(r, root, "protocol", what);
    r.onlyKeys(t, {"step", "required_steps", "safety_steps", "after_treatment_steps"}, what);
    const toml::node& list = r.required(t, "step", what);
    for (const toml::node& e : r.array(list, "step")) {
        const toml::table& item = r.table(e, "a [[protocol.step]]");
        r.onlyKeys(item, {"id", "label"}, "a [[protocol.step]]");
        const toml::node& id = r.required(item, "id", "a [[protocol.step]]");
        ProtocolStep step{r.string(id, "id"), r.string(r.required(item, "label", "a [[protocol.step]]"), "label")};
        if (step.id.empty() || step.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
            r.fail(&id, "step id '" + step.id + "' must be lower-case letters, digits and _");
        if (rubric.step(step.id)) r.fail(&id, "step '" + step.id + "' is listed twice");
        if (step.label.empty()) r.fail(item.get("label"), "step '" + step.id + "' needs a label (what the trainee reads)");
        rubric.steps.push_back(std::move(step));
    }
    if (rubric.steps.empty()) r.fail(&list, "the rubric names no protocol step");
    rubric.requiredSteps = steps(r, rubric, r.required(t, "required_steps", what), "required_steps");
    rubric.safetySteps = steps(r, rubric, r.required(t, "safety_steps", what), "safety_steps");
    rubric.afterTreatmentSteps = steps(r, rubric, r.required(t, "after_treatment_steps", what), "after_treatment_steps");
    for (const std::string& s : rubric.safetySteps) {
        if (rubric.afterTreatment(s)) r.fail(t.get("safety_steps"), "safety step '" + s + "' cannot come after the treatment");
        if (std::find(rubric.requiredSteps.begin(), rubric.requiredSteps.end(), s) == rubric.requiredSteps.end())
            r.fail(t.get("safety_steps"), "safety step '" + s + "' is not in required_steps");
    }
}

// [plan]: the zones a plan leaves out and the devices a scenario allows, unless it names its own.
void readPlan(const TomlReader& r, const toml::table& root, Rubric& rubric) {
    const toml::table& t = section(r, root, "plan", "[plan]");
    r.onlyKeys(t, {"unplanned_by_default", "tools"}, "[plan]");
    rubric.unplannedByDefault = zoneNames(r, r.required(t, "unplanned_by_default", "[plan]"), "unplanned_by_default");
    const toml::node& tools = r.required(t, "tools", "[plan]");
    for (const toml::node& e : r.array(tools, "tools")) {
        std::string tool = r.string(e, "tools");
        if (tool != "pen" && tool != "roller") r.fail(&e, "unknown tool '" + tool + "'", "use pen or roller");
        rubric.tools.push_back(std::move(tool));
    }
    if (rubric.tools.empty()) r.fail(&tools, "tools must name at least one tool");
}

// [scoring]: the weights, the pass mark, the minimum coverage and the depth margin a scenario starts from.
void readScoring(const TomlReader& r, const toml::table& root, ScoringDefaults& s) {
    const char* what = "[scoring]";
    const toml::table& t = section(r, root, "scoring", what);
    r.onlyKeys(t, {"weights", "pass_mark", "min_coverage", "depth_margin_mm"}, what);
    s.passMark = upTo(r, t, "pass_mark", what, 100.0, "a score out of 100");
    s.minCoverage = upTo(r, t, "min_coverage", what, 100.0, "a percentage of the plan's skin");
    s.depthMarginMm = nonNegative(r, t, "depth_margin_mm", what);
    if (s.depthMarginMm > 1.0) r.fail(t.get("depth_margin_mm"), "depth_margin_mm must be at most 1 (mm)");
    const toml::table& w = r.table(r.required(t, "weights", what), "[scoring.weights]");
    r.onlyKeys(w, {"coverage", "overlap", "depth", "contraindications", "technique", "protocol"}, "[scoring.weights]");
    ComponentWeights& cw = s.weights;
    for (auto [key, value] : {std::pair{"coverage", &cw.coverage}, std::pair{"overlap", &cw.overlap}, std::pair{"depth", &cw.depth},
                              std::pair{"contraindications", &cw.contraindications}, std::pair{"technique", &cw.technique},
                              std::pair{"protocol", &cw.protocol}})
        *value = upTo(r, w, key, "[scoring.weights]", 1.0, "a weight");
    const double sum = cw.coverage + cw.overlap + cw.depth + cw.contraindications + cw.technique + cw.protocol;
    if (std::fabs(sum - 1.0) > 1e-6) {
        char message[96];
        std::snprintf(message, sizeof message, "the weights add up to %.6g, not 1", sum);
        r.fail(&w, message);
    }
}

// [points]: what each part of a component is worth.
void readPoints(const TomlReader& r, const toml::table& root, RubricPoints& p) {
    const char* what = "[points]";
    const toml::table& t = section(r, root, "points", what);
    r.onlyKeys(t, {"decision", "acceptable_alternative_loss", "screening", "revealing_questions", "plan", "late_decision", "counsel",
                   "wrong_counsel", "off_plan_free_share", "off_plan_per_percent", "off_plan_max", "over_time_limit",
                   "depth_over_cap_share", "step_out_of_order_share"},
               what);
    for (auto [key, value] : {std::pair{"decision", &p.decision}, std::pair{"acceptable_alternative_loss", &p.acceptableAlternativeLoss},
                              std::pair{"screening", &p.screening}, std::pair{"revealing_questions", &p.revealingQuestions},
                              std::pair{"plan", &p.plan}, std::pair{"late_decision", &p.lateDecision},
                              std::pair{"counsel", &p.counsel}, std::pair{"wrong_counsel", &p.wrongCounsel},
                              std::pair{"off_plan_per_percent", &p.offPlanPerPercent}, std::pair{"off_plan_max", &p.offPlanMax},
                              std::pair{"over_time_limit", &p.overTimeLimit}})
        *value = upTo(r, t, key, what, 100.0, "points of a 0-100 component");
    for (auto [key, value] : {std::pair{"off_plan_free_share", &p.offPlanFreeShare}, std::pair{"depth_over_cap_share", &p.depthOverCapShare},
                              std::pair{"step_out_of_order_share", &p.stepOutOfOrderShare}})
        *value = upTo(r, t, key, what, 1.0, "a share");
    if (p.acceptableAlternativeLoss > p.decision)
        r.fail(t.get("acceptable_alternative_loss"), "acceptable_alternative_loss cannot be more than the decision's points");
}

// [aftercare]: the step that records it, the points and the list of advice, right and wrong, each once.
void readAftercare(const TomlReader& r, const toml::table& root, Rubric& rubric) {
    const char* what = "[aftercare]";
    AftercareRules& a = rubric.aftercare;
    const toml::table& t = section(r, root, "aftercare", what);
    r.onlyKeys(t, {"step", "points", "wrong_advice_points", "advice"}, what);
    const toml::node& step = r.required(t, "step", what);
    a.step = r.string(step, "step");
    if (!rubric.afterTreatment(a.step))
        r.fail(&step, "the aftercare step '" + a.step + "' is not one of [protocol] after_treatment_steps");
    a.points = upTo(r, t, "points", what, 100.0, "points of the protocol component");
    a.wrongAdvicePoints = upTo(r, t, "wrong_advice_points", what, 100.0, "points of the protocol component");
    const toml::node* list = t.get("advice");
    if (!list) return;
    for (const toml::node& e : r.array(*list, "advice")) {
        const toml::table& item = r.table(e, "an [[aftercare.advice]]");
        r.onlyKeys(item, {"id", "text", "right", "harmful", "why", "source"}, "an [[aftercare.advice]]");
        AftercareAdvice advice;
        const toml::node& id = r.required(item, "id", "an [[aftercare.advice]]");
        advice.id = r.string(id, "id");
        if (advice.id.empty() || advice.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
            r.fail(&id, "advice id '" + advice.id + "' must be lower-case letters, digits and _");
        if (a.find(advice.id)) r.fail(&id, "advice '" + advice.id + "' is listed twice");
        advice.text = r.string(r.required(item, "text", "an [[aftercare.advice]]"), "text");
        advice.right = r.boolean(r.required(item, "right", "an [[aftercare.advice]]"), "right");
        if (const toml::node* h = item.get("harmful")) {
            advice.harmful = r.boolean(*h, "harmful");
            if (advice.harmful && advice.right) r.fail(h, "right advice cannot be harmful");
        }
        if (const toml::node* w = item.get("why")) advice.why = r.string(*w, "why");
        advice.source = r.string(r.required(item, "source", "an [[aftercare.advice]]"), "source");
        if (advice.text.empty() || advice.source.empty()) r.fail(&item, "advice '" + advice.id + "' needs a text and a source");
        a.advice.push_back(std::move(advice));
    }
    if (!a.advice.empty() && std::none_of(a.advice.begin(), a.advice.end(), [](const AftercareAdvice& x) { return x.right; }))
        r.fail(list, "the aftercare advice holds no right advice");
}

void readZones(const TomlReader& r, const toml::table& root, Rubric& rubric) {
    const toml::table& zones = r.table(r.required(root, "zones", "the rubric"), "[zones]");
    for (auto&& [key, node] : zones)
        if (!isTreatmentZoneName(key.str())) r.fail(&node, "unknown treatment zone '" + std::string(key.str()) + "'");
    std::vector<std::string> keys;
    for (const IndicationInfo& i : kIndications) keys.push_back(std::string(i.id) + "_depth_mm");
    const std::vector<std::string_view> allowed(keys.begin(), keys.end());
    for (std::string_view name : kTreatmentZones) {
        const toml::node* node = zones.get(name);
        if (!node) r.fail(&zones, "the rubric has no depths for zone '" + std::string(name) + "'");
        const toml::table& z = r.table(*node, "a zone");
        r.onlyKeys(z, allowed, "a zone");
        ZoneTargets targets;
        targets.zone = std::string(name);
        for (std::size_t i = 0; i < kIndicationCount; ++i)
            targets.depth[i] = readDepth(r, r.required(z, keys[i], "a zone"), keys[i].c_str());
        rubric.zones.push_back(targets);
    }
}

// [[change]]: the rubric's releases, oldest first, the last its own version (what an upgrade reports).
void readChanges(const TomlReader& r, const toml::table& root, Rubric& rubric) {
    std::optional<RubricVersion> previous;
    const toml::node* last = &root;
    if (const toml::node* list = root.get("change"))
        for (const toml::node& n : r.array(*list, "change")) {
            const toml::table& t = r.table(n, "a [[change]]");
            r.onlyKeys(t, {"version", "summary"}, "a [[change]]");
            const toml::node& v = r.required(t, "version", "a [[change]]");
            RubricChange change{r.string(v, "version"), r.string(r.required(t, "summary", "a [[change]]"), "summary")};
            const auto parsed = parseRubricVersion(change.version);
            if (!parsed) r.fail(&v, "'" + change.version + "' is not a version", "write MAJOR.MINOR.PATCH, e.g. \"3.1.0\"");
            if (previous && *parsed <= *previous) r.fail(&v, "the changes must be listed oldest first");
            previous = parsed, last = &v;
            rubric.changes.push_back(std::move(change));
        }
    if (!parseRubricVersion(rubric.version)) r.fail(root.get("rubric_version"), "rubric_version '" + rubric.version + "' is not MAJOR.MINOR.PATCH");
    if (rubric.changes.empty() || rubric.changes.back().version != rubric.version)
        r.fail(last, "the last [[change]] must describe rubric_version " + rubric.version,
               "add a [[change]] with version = \"" + rubric.version + "\" and what it changed");
}

Rubric parseTable(const TomlReader& r, const toml::table& root) {
    r.onlyKeys(root,
               {"format", "version", "id", "rubric_version", "coverage", "technique", "protocol", "plan", "scoring", "points", "aftercare",
                "zones", "change"},
               "the rubric");
    const toml::node& format = r.required(root, "format", "the rubric");
    if (r.string(format, "format") != "pinpoint-rubric") r.fail(&format, "format must be \"pinpoint-rubric\"");
    const toml::node& version = r.required(root, "version", "the rubric");
    if (r.integer(version, "version") != 1) r.fail(&version, "unsupported rubric file version", "this Pinpoint reads version 1");

    Rubric rubric;
    rubric.id = r.string(r.required(root, "id", "the rubric"), "id");
    rubric.version = r.string(r.required(root, "rubric_version", "the rubric"), "rubric_version");
    readCoverage(r, root, rubric);
    readTechnique(r, root, rubric);
    readProtocol(r, root, rubric);
    readPlan(r, root, rubric);
    readScoring(r, root, rubric.scoring);
    readPoints(r, root, rubric.points);
    readAftercare(r, root, rubric);
    readZones(r, root, rubric);
    readChanges(r, root, rubric);
    return rubric;
}

}  // namespace

const IndicationInfo& indicationInfo(Indication i) { return kIndications[static_cast<std::size_t>(i)]; }

const IndicationInfo* indicationNamed(std::string_view id) {
    for (const IndicationInfo& i : kIndications)
        if (i.id == id) return &i;
    return nullptr;
}

std::string indicationList() {
    std::string out;
    for (const IndicationInfo& i : kIndications) out += (out.empty() ? "" : ", ") + std::string(i.id);
    return out;
}

const ProtocolStep* Rubric::step(std::string_view id) const {
    for (const ProtocolStep& s : steps)
        if (s.id == id) return &s;
    return nullptr;
}

std::string Rubric::stepList() const {
    std::string list;
    for (const ProtocolStep& s : steps) list += (list.empty() ? "" : ", ") + s.id;
    return list;
}

bool Rubric::afterTreatment(std::string_view step) const {
    return std::find(afterTreatmentSteps.begin(), afterTreatmentSteps.end(), step) != afterTreatmentSteps.end();
}

std::vector<const ProtocolStep*> Rubric::stepsBeforeTreatment() const {
    std::vector<const ProtocolStep*> out;
    for (const ProtocolStep& s : steps)
        if (!afterTreatment(s.id)) out.push_back(&s);
    return out;
}

std::vector<const ProtocolStep*> Rubric::stepsAfterTreatment() const {
    std::vector<const ProtocolStep*> out;
    for (const ProtocolStep& s : steps)
        if (afterTreatment(s.id)) out.push_back(&s);
    return out;
}

const AftercareAdvice* AftercareRules::find(const std::string& id) const {
    for (const AftercareAdvice& a : advice)
        if (a.id == id) return &a;
    return nullptr;
}

std::vector<std::string> AftercareRules::rightAdvice() const {
    std::vector<std::string> out;
    for (const AftercareAdvice& a : advice)
        if (a.right) out.push_back(a.id);
    return out;
}

const ZoneTargets* Rubric::find(const std::string& zone) const {
    for (const ZoneTargets& z : zones)
        if (z.zone == zone) return &z;
    return nullptr;
}

Result<Rubric> parseRubric(const std::string& text, const std::string& sourceName) {
    return parseTomlDocument<Rubric>(text, sourceName, "the rubric", [&](const TomlReader& r, const toml::table& root) {
        Rubric rubric = parseTable(r, root);
        rubric.file = sourceName;
        rubric.sha256 = sha256Hex(text);
        return rubric;
    });
}

Result<Rubric> readRubric(const std::string& path) {
    return readDataFile<Rubric>(path, "the rubric", parseRubric);
}

}  // namespace pinpoint::core
