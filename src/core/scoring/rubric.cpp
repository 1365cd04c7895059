#include "core/scoring/rubric.h"

#include "core/common/sha256.h"
#include "core/common/toml_reader.h"
#include "core/face/area_names.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

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

// A list of known protocol steps, each once.
std::vector<std::string> steps(const TomlReader& r, const toml::node& n, const char* what) {
    std::vector<std::string> out;
    for (const toml::node& e : r.array(n, what)) {
        std::string step = r.string(e, what);
        if (!isProtocolStep(step)) r.fail(&e, "unknown protocol step '" + step + "'", "use one of: " + protocolStepList());
        for (const std::string& s : out)
            if (s == step) r.fail(&e, std::string(what) + " lists '" + step + "' twice");
        out.push_back(std::move(step));
    }
    return out;
}

double positive(const TomlReader& r, const toml::table& t, std::string_view key, double fallback) {
    const std::string name(key);
    const double v = r.numberOr(t, key, fallback, name.c_str());
    if (!(v > 0.0)) r.fail(t.get(key), name + " must be greater than 0");
    return v;
}

double nonNegative(const TomlReader& r, const toml::table& t, std::string_view key, double fallback) {
    const std::string name(key);
    const double v = r.numberOr(t, key, fallback, name.c_str());
    if (v < 0.0) r.fail(t.get(key), name + " must not be negative");
    return v;
}

// [points]: what each part of a component is worth.
void readPoints(const TomlReader& r, const toml::node& node, RubricPoints& p) {
    const toml::table& t = r.table(node, "[points]");
    r.onlyKeys(t, {"decision", "acceptable_alternative_loss", "screening", "revealing_questions", "plan", "late_decision",
                   "counsel", "wrong_counsel", "off_plan_free_share", "off_plan_per_percent", "off_plan_max", "over_time_limit"},
               "[points]");
    for (auto [key, value] : {std::pair{"decision", &p.decision}, std::pair{"acceptable_alternative_loss", &p.acceptableAlternativeLoss},
                              std::pair{"screening", &p.screening}, std::pair{"revealing_questions", &p.revealingQuestions},
                              std::pair{"plan", &p.plan}, std::pair{"late_decision", &p.lateDecision},
                              std::pair{"counsel", &p.counsel}, std::pair{"wrong_counsel", &p.wrongCounsel},
                              std::pair{"off_plan_per_percent", &p.offPlanPerPercent}, std::pair{"off_plan_max", &p.offPlanMax},
                              std::pair{"over_time_limit", &p.overTimeLimit}}) {
        *value = nonNegative(r, t, key, *value);
        if (*value > 100.0) r.fail(t.get(key), std::string(key) + " must be at most 100 (points of a 0-100 component)");
    }
    p.offPlanFreeShare = nonNegative(r, t, "off_plan_free_share", p.offPlanFreeShare);
    if (p.offPlanFreeShare > 1.0) r.fail(t.get("off_plan_free_share"), "off_plan_free_share is a share, 0 to 1");
    if (p.acceptableAlternativeLoss > p.decision)
        r.fail(t.get("acceptable_alternative_loss"), "acceptable_alternative_loss cannot be more than the decision's points");
}

// [aftercare]: the points and the list of advice, right and wrong, each once.
void readAftercare(const TomlReader& r, const toml::node& node, AftercareRules& a) {
    const toml::table& t = r.table(node, "[aftercare]");
    r.onlyKeys(t, {"points", "wrong_advice_points", "advice"}, "[aftercare]");
    a.points = nonNegative(r, t, "points", a.points);
    a.wrongAdvicePoints = nonNegative(r, t, "wrong_advice_points", a.wrongAdvicePoints);
    for (auto [key, value] : {std::pair{"points", a.points}, std::pair{"wrong_advice_points", a.wrongAdvicePoints}})
        if (value > 100.0) r.fail(t.get(key), std::string(key) + " must be at most 100 (points of the protocol component)");
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

Rubric parseTable(const TomlReader& r, const toml::table& root) {
    r.onlyKeys(root, {"format", "version", "id", "rubric_version", "coverage", "technique", "protocol", "plan", "points", "aftercare", "zones"},
               "the rubric");
    const toml::node& format = r.required(root, "format", "the rubric");
    if (r.string(format, "format") != "pinpoint-rubric") r.fail(&format, "format must be \"pinpoint-rubric\"");
    const toml::node& version = r.required(root, "version", "the rubric");
    if (r.integer(version, "version") != 1) r.fail(&version, "unsupported rubric file version", "this Pinpoint reads version 1");

    Rubric rubric;
    rubric.id = r.string(r.required(root, "id", "the rubric"), "id");
    rubric.version = r.string(r.required(root, "rubric_version", "the rubric"), "rubric_version");
    if (const toml::node* c = root.get("coverage")) {
        const toml::table& t = r.table(*c, "[coverage]");
        r.onlyKeys(t, {"injury_density_factor", "bare_skin_weight", "pen", "roller"}, "[coverage]");
        rubric.bareSkinWeight = r.numberOr(t, "bare_skin_weight", rubric.bareSkinWeight, "bare_skin_weight");
        if (rubric.bareSkinWeight < 0.0) r.fail(t.get("bare_skin_weight"), "bare_skin_weight must not be negative");
        rubric.injuryDensityFactor = positive(r, t, "injury_density_factor", rubric.injuryDensityFactor);
        if (rubric.injuryDensityFactor < 1.0)
            r.fail(t.get("injury_density_factor"), "injury_density_factor must be at least 1 (a multiple of the maximum density)");
        for (const bool roller : {false, true}) {
            const char* key = roller ? "roller" : "pen";
            DensityTargets* targets = roller ? &rubric.roller : &rubric.pen;
            SampleScale* scale = roller ? &rubric.rollerScale : &rubric.penScale;
            const toml::node* n = t.get(key);
            if (!n) continue;
            const toml::table& d = r.table(*n, key);
            r.onlyKeys(d, {"target_density_per_cm2", "max_density_per_cm2", "sample_spacing_mm", "density_radius_mm", "edge_margin_mm"}, key);
            scale->edgeMarginMm = r.numberOr(d, "edge_margin_mm", scale->edgeMarginMm, "edge_margin_mm");
            if (scale->edgeMarginMm < 0.0) r.fail(d.get("edge_margin_mm"), "edge_margin_mm must not be negative");
            scale->spacingMm = positive(r, d, "sample_spacing_mm", scale->spacingMm);
            scale->radiusMm = positive(r, d, "density_radius_mm", scale->radiusMm);
            if (scale->spacingMm < 0.1 || scale->spacingMm > scale->radiusMm)
                r.fail(d.get("sample_spacing_mm") ? d.get("sample_spacing_mm") : &d, "sample_spacing_mm must be from 0.1 mm up to density_radius_mm");
            targets->targetPerCm2 = positive(r, d, "target_density_per_cm2", targets->targetPerCm2);
            targets->maxPerCm2 = positive(r, d, "max_density_per_cm2", targets->maxPerCm2);
            if (targets->maxPerCm2 <= targets->targetPerCm2)
                r.fail(&d, "max_density_per_cm2 must be above target_density_per_cm2");
        }
    }
    if (const toml::node* tech = root.get("technique")) {
        const toml::table& t = r.table(*tech, "[technique]");
        r.onlyKeys(t, {"required_directions", "direction_min_share", "stroke_min_length_mm", "stroke_max_turn_deg",
                       "angle_points", "speed_points", "direction_points", "max_travel_speed_mm_s", "max_needle_angle_deg"},
                   "[technique]");
        rubric.maxTravelSpeedMmPerS = positive(r, t, "max_travel_speed_mm_s", rubric.maxTravelSpeedMmPerS);
        rubric.maxNeedleAngleDeg = positive(r, t, "max_needle_angle_deg", rubric.maxNeedleAngleDeg);
        if (rubric.maxNeedleAngleDeg >= 90.0) r.fail(t.get("max_needle_angle_deg"), "max_needle_angle_deg must be below 90");
        rubric.anglePoints = r.numberOr(t, "angle_points", rubric.anglePoints, "angle_points");
        rubric.speedPoints = r.numberOr(t, "speed_points", rubric.speedPoints, "speed_points");
        rubric.directionPoints = r.numberOr(t, "direction_points", rubric.directionPoints, "direction_points");
        const double sum = rubric.anglePoints + rubric.speedPoints + rubric.directionPoints;
        if (rubric.anglePoints < 0.0 || rubric.speedPoints < 0.0 || rubric.directionPoints < 0.0 || std::fabs(sum - 100.0) > 1e-6)
            r.fail(&t, "angle_points, speed_points and direction_points must be 0 or more and add up to 100");
        rubric.strokeMinLengthMm = positive(r, t, "stroke_min_length_mm", rubric.strokeMinLengthMm);
        rubric.strokeMaxTurnDeg = positive(r, t, "stroke_max_turn_deg", rubric.strokeMaxTurnDeg);
        if (rubric.strokeMaxTurnDeg >= 90.0) r.fail(t.get("stroke_max_turn_deg"), "stroke_max_turn_deg must be below 90");
        if (const toml::node* n = t.get("required_directions")) {
            const std::int64_t directions = r.integer(*n, "required_directions");  // checked before narrowing
            if (directions < 0 || directions > 4)
                r.fail(n, "required_directions must be 0 to 4 (there are four directions)");
            rubric.requiredDirections = static_cast<int>(directions);
        }
        rubric.directionMinShare = positive(r, t, "direction_min_share", rubric.directionMinShare);
    }
    if (const toml::node* protocol = root.get("protocol")) {
        const toml::table& t = r.table(*protocol, "[protocol]");
        r.onlyKeys(t, {"safety_steps", "after_treatment_steps"}, "[protocol]");
        if (const toml::node* n = t.get("safety_steps")) rubric.safetySteps = steps(r, *n, "safety_steps");
        if (const toml::node* n = t.get("after_treatment_steps")) rubric.afterTreatmentSteps = steps(r, *n, "after_treatment_steps");
        for (const std::string& s : rubric.safetySteps)
            for (const std::string& after : rubric.afterTreatmentSteps)
                if (s == after) r.fail(&t, "safety step '" + s + "' cannot come after the treatment");
    }
    if (const toml::node* plan = root.get("plan")) {
        const toml::table& t = r.table(*plan, "[plan]");
        r.onlyKeys(t, {"unplanned_by_default"}, "[plan]");
        if (const toml::node* n = t.get("unplanned_by_default")) {
            rubric.unplannedByDefault.clear();
            for (const toml::node& z : r.array(*n, "unplanned_by_default")) {
                std::string name = r.string(z, "unplanned_by_default");
                if (!isTreatmentZoneName(name)) r.fail(&z, "unknown treatment zone '" + name + "'");
                rubric.unplannedByDefault.push_back(std::move(name));
            }
        }
    }
    if (const toml::node* points = root.get("points")) readPoints(r, *points, rubric.points);
    if (const toml::node* aftercare = root.get("aftercare")) readAftercare(r, *aftercare, rubric.aftercare);
    const toml::table& zones = r.table(r.required(root, "zones", "the rubric"), "[zones]");
    for (auto&& [key, node] : zones)
        if (!isTreatmentZoneName(key.str()))
            r.fail(&node, "unknown treatment zone '" + std::string(key.str()) + "'");
    for (std::string_view name : kTreatmentZones) {
        const toml::node* node = zones.get(name);
        if (!node) r.fail(&zones, "the rubric has no depths for zone '" + std::string(name) + "'");
        const toml::table& z = r.table(*node, "a zone");
        std::vector<std::string> keys;
        for (const IndicationInfo& i : kIndications) keys.push_back(std::string(i.id) + "_depth_mm");
        const std::vector<std::string_view> allowed(keys.begin(), keys.end());
        r.onlyKeys(z, allowed, "a zone");
        ZoneTargets targets;
        targets.zone = std::string(name);
        for (std::size_t i = 0; i < kIndicationCount; ++i)
            targets.depth[i] = readDepth(r, r.required(z, keys[i], "a zone"), keys[i].c_str());
        rubric.zones.push_back(targets);
    }
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

bool isProtocolStep(std::string_view step) {
    for (std::string_view k : kProtocolSteps)
        if (k == step) return true;
    return false;
}

std::string protocolStepList() {
    std::string list;
    for (std::string_view k : kProtocolSteps) list += (list.empty() ? "" : ", ") + std::string(k);
    return list;
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
