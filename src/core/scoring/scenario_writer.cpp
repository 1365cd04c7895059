// Scenario -> TOML text, in the order and with the comments of docs/scenario-format.md.
#include "core/scoring/scenario_writer.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace pinpoint::core {

namespace {

// A TOML basic string; text with line breaks becomes a multi-line string, easier to read and edit.
std::string quoted(const std::string& s) {
    const bool multiline = s.find('\n') != std::string::npos;
    std::string out = multiline ? "\"\"\"\n" : "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n' && multiline) {
            out += '\n';
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", u);
            out += esc;
        } else {
            out += c;
        }
    }
    out += multiline ? "\"\"\"" : "\"";
    return out;
}

// The shortest text that reads back to the same double (so a position survives the round trip).
std::string number(double v) {
    if (!std::isfinite(v)) v = 0.0;
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";  // a float, as the format's examples write it
    return s;
}
std::string number(float v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::isfinite(v) ? v : 0.0f);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

std::string list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quoted(items[i]);
    return out + "]";
}

class Writer {
public:
    WrittenScenario result;

    void comment(const std::string& text) {
        line("# " + text);
        afterComment_ = true;
    }
    void blank() { line(""); }
    // A blank line before each section, except right under the comment that introduces it.
    void section(const std::string& header, const std::string& field) {
        if (!result.text.empty() && !afterComment_) blank();
        mark(field);
        line(header);
    }
    void key(const std::string& field, const std::string& key, const std::string& value) {
        mark(field);
        line(key + " = " + value);
    }

private:
    int lineCount = 0;
    bool afterComment_ = false;
    void mark(const std::string& field) { result.fields.push_back({lineCount + 1, field}); }
    void line(const std::string& s) {
        afterComment_ = false;
        result.text += s;
        result.text += '\n';
        lineCount += 1;
        for (const char c : s)
            if (c == '\n') lineCount += 1;
    }
};

std::string indicationName(Indication i) { return std::string(indicationInfo(i).id); }

bool sameDepth(const DepthRange& a, const DepthRange& b) { return a.minMm == b.minMm && a.maxMm == b.maxMm; }

// [scenario] and [patient] with its conditions and medications.
void writePatient(Writer& w, const Scenario& s) {
    w.section("[scenario]", "scenario");
    w.key("scenario.id", "id", quoted(s.id));
    w.key("scenario.title", "title", quoted(s.title));
    w.key("scenario.teaches", "teaches", quoted(s.teaches));
    w.key("scenario.rubric", "rubric", quoted(s.rubricId));
    w.key("scenario.rubric_version", "rubric_version", quoted(s.rubricVersion));

    const Patient& p = s.patient;
    w.section("[patient]", "patient");
    w.key("patient.name", "name", quoted(p.name));
    w.key("patient.age", "age", std::to_string(p.age));
    w.key("patient.sex", "sex", quoted(p.sex));
    w.key("patient.fitzpatrick", "fitzpatrick", std::to_string(p.fitzpatrick));
    w.key("patient.indication", "indication", quoted(indicationName(p.indication)));
    w.key("patient.history", "history", quoted(p.history));
    for (std::size_t i = 0; i < p.conditions.size(); ++i) {
        const PatientCondition& c = p.conditions[i];
        if (c.fromCourse) continue;  // the reader adds it again from the [course]
        const std::string f = "condition." + std::to_string(i);
        w.section("[[patient.condition]]", f);
        w.key(f + ".id", "id", quoted(c.id));
        w.key(f + ".note", "note", quoted(c.note));
        if (!c.disclosed) w.key(f + ".disclosed", "disclosed", "false  # found only by asking the question that reveals it");
    }
    for (std::size_t i = 0; i < p.medications.size(); ++i) {
        const Medication& m = p.medications[i];
        const std::string f = "medication." + std::to_string(i);
        w.section("[[patient.medication]]", f);
        w.key(f + ".name", "name", quoted(m.name));
        if (!m.condition.empty()) w.key(f + ".condition", "condition", quoted(m.condition));
        w.key(f + ".days_since_last_dose", "days_since_last_dose", std::to_string(m.daysSinceLastDose) + "  # 0: still taking it");
    }
}

// The [[lesion]], [[question]] and [[counsel]] lists.
void writeLists(Writer& w, const Scenario& s) {
    for (std::size_t i = 0; i < s.lesions.size(); ++i) {
        const Lesion& l = s.lesions[i];
        const std::string f = "lesion." + std::to_string(i);
        if (i == 0) {
            w.blank();
            w.comment("Spots the needles must stay away from; positions are on the skin, mm in model space.");
        }
        w.section("[[lesion]]", f);
        w.key(f + ".kind", "kind", quoted(l.kind));
        w.key(f + ".position", "position",
              "[" + number(l.position.x) + ", " + number(l.position.y) + ", " + number(l.position.z) + "]");
        w.key(f + ".radius_mm", "radius_mm", number(l.radiusMm));  // the float as written, not its double tail
    }

    for (std::size_t i = 0; i < s.questions.size(); ++i) {
        const IntakeQuestion& q = s.questions[i];
        const std::string f = "question." + std::to_string(i);
        if (i == 0) {
            w.blank();
            w.comment("What the trainee can ask at intake, and what the patient answers.");
        }
        w.section("[[question]]", f);
        w.key(f + ".id", "id", quoted(q.id));
        w.key(f + ".text", "text", quoted(q.text));
        w.key(f + ".answer", "answer", quoted(q.answer));
        if (!q.reveals.empty()) w.key(f + ".reveals", "reveals", list(q.reveals));
        if (q.optional) w.key(f + ".optional", "optional", "true");
    }

    for (std::size_t i = 0; i < s.counsel.size(); ++i) {
        const AftercareAdvice& c = s.counsel[i];
        const std::string f = "counsel." + std::to_string(i);
        if (i == 0) {
            w.blank();
            w.comment("What the trainee may tell the patient with the decision: right and wrong, unmarked.");
        }
        w.section("[[counsel]]", f);
        w.key(f + ".id", "id", quoted(c.id));
        w.key(f + ".text", "text", quoted(c.text));
        w.key(f + ".right", "right", c.right ? "true" : "false");
        if (c.harmful) w.key(f + ".harmful", "harmful", "true");
        if (!c.why.empty()) w.key(f + ".why", "why", quoted(c.why));
        w.key(f + ".source", "source", quoted(c.source));
    }
}

// [course]: the earlier visits and today's skin (a follow-up visit only).
void writeCourse(Writer& w, const Scenario& s) {
    if (s.course) {
        const Course& c = *s.course;
        w.blank();
        w.comment("A follow-up in a course of visits: the earlier sessions and today's skin.");
        w.section("[course]", "course");
        w.key("course.id", "id", quoted(c.id));
        w.key("course.visit", "visit", std::to_string(c.visit));
        w.key("course.today", "today", quoted(c.today));
        w.key("course.skin", "skin", quoted(c.skin));
        w.key("course.skin_note", "skin_note", quoted(c.skinNote));
        for (std::size_t i = 0; i < c.visits.size(); ++i) {
            const EarlierVisit& v = c.visits[i];
            const std::string f = "course.earlier_visit." + std::to_string(i);
            w.section("[[course.earlier_visit]]", f);
            w.key(f + ".date", "date", quoted(v.date));
            w.key(f + ".device", "device", quoted(v.device));
            std::string depths = "{ ";
            for (std::size_t d = 0; d < v.depthMm.size(); ++d)
                depths += (d ? ", " : "") + v.depthMm[d].first + " = " + number(v.depthMm[d].second);
            depths += " }";
            // A few zones fit on one line; more are a table of their own, one zone a line (TOML keeps an
            // inline table on one line).
            const bool inlineDepths = depths.size() <= 90;
            if (inlineDepths) w.key(f + ".depth_mm", "depth_mm", depths);
            w.key(f + ".seen_after", "seen_after", quoted(v.seenAfter));
            if (!inlineDepths) {
                w.section("[course.earlier_visit.depth_mm]", f + ".depth_mm");
                for (const auto& [zone, depth] : v.depthMm) w.key(f + ".depth_mm." + zone, zone, number(depth));
            }
        }
    }
}

// [decision], [plan] and [policy].
void writeDecision(Writer& w, const Scenario& s) {
    w.section("[decision]", "decision");
    w.key("decision.expected", "expected", quoted(decisionName(s.expectedDecision)));
    std::vector<std::string> acceptable;
    for (const Decision d : s.acceptableDecisions) acceptable.emplace_back(decisionName(d));
    if (!acceptable.empty()) w.key("decision.acceptable", "acceptable", list(acceptable));

    const RequiredPlan& plan = s.plan;
    if (!plan.avoidZones.empty() || plan.depthCapMm || !plan.actions.empty()) {
        w.blank();
        w.comment("What a correct plan must include.");
        w.section("[plan]", "plan");
        if (!plan.avoidZones.empty()) w.key("plan.avoid_zones", "avoid_zones", list(plan.avoidZones));
        if (plan.depthCapMm) w.key("plan.depth_cap_mm", "depth_cap_mm", number(*plan.depthCapMm));
        if (!plan.actions.empty()) w.key("plan.actions", "actions", list(plan.actions));
    }
    if (!s.policies.empty()) {
        w.section("[policy]", "policy");
        for (const auto& [condition, action] : s.policies)
            w.key("policy." + condition, condition, quoted(conditionActionName(action)));
    }
}

void writeCase(Writer& w, const Scenario& s) {
    writePatient(w, s);
    writeLists(w, s);
    writeCourse(w, s);
    writeDecision(w, s);
}

void writeRules(Writer& w, const Scenario& s, const Rubric& rubric) {
    w.section("[treatment]", "treatment");
    w.key("treatment.tools", "tools", list(s.allowedTools));
    if (s.rollerNeedles > 0) w.key("treatment.roller_needles", "roller_needles", std::to_string(s.rollerNeedles) + "  # the one roller the case gives");
    std::vector<std::string> planned;
    for (const ZoneScenarioRules& z : s.zones)
        if (z.treat) planned.push_back(z.zone);
    w.key("treatment.zones", "zones", list(planned) + "  # the treatment plan");
    w.key("treatment.required_steps", "required_steps", list(s.requiredSteps));
    w.key("treatment.safety_steps", "safety_steps", list(s.safetySteps));
    w.key("treatment.time_limit_s", "time_limit_s", number(s.timeLimitSeconds) + "  # 0: none");
    w.key("treatment.max_travel_speed_mm_s", "max_travel_speed_mm_s", number(s.maxTravelSpeedMmPerS));
    w.key("treatment.max_needle_angle_deg", "max_needle_angle_deg", number(s.maxNeedleAngleDeg));
    w.key("treatment.depth_margin_mm", "depth_margin_mm", number(s.depthMarginMm));

    bool rollerOnly = !s.allowedTools.empty();
    for (const std::string& t : s.allowedTools) rollerOnly = rollerOnly && t == "roller";
    const DensityTargets& density = rubric.density(rollerOnly);
    bool first = true;
    for (const ZoneScenarioRules& z : s.zones) {
        if (!z.treat) continue;
        const ZoneTargets* targets = rubric.find(z.zone);
        const bool depthDiffers = !targets || !sameDepth(z.depth, targets->depthFor(s.patient.indication));
        const bool targetDiffers = z.density.targetPerCm2 != density.targetPerCm2;
        const bool maxDiffers = z.density.maxPerCm2 != density.maxPerCm2;
        const bool directionsDiffer = z.requiredDirections != rubric.requiredDirections;
        if (!depthDiffers && !targetDiffers && !maxDiffers && !directionsDiffer) continue;
        if (first) {
            w.blank();
            w.comment("Zones whose rules differ from the rubric's.");
            first = false;
        }
        const std::string f = "zones." + z.zone;
        w.section("[zones." + z.zone + "]", f);
        if (depthDiffers)
            w.key(f + ".depth_mm", "depth_mm", "[" + number(z.depth.minMm) + ", " + number(z.depth.maxMm) + "]");
        if (targetDiffers) w.key(f + ".target_density_per_cm2", "target_density_per_cm2", number(z.density.targetPerCm2));
        if (maxDiffers) w.key(f + ".max_density_per_cm2", "max_density_per_cm2", number(z.density.maxPerCm2));
        if (directionsDiffer) w.key(f + ".required_directions", "required_directions", std::to_string(z.requiredDirections));
    }

    const ComponentWeights& wt = s.weights;
    w.section("[scoring]", "scoring");
    w.key("scoring.pass_mark", "pass_mark", number(s.passMark) + "  # out of 100");
    w.key("scoring.min_coverage", "min_coverage", number(s.minCoverage) + "  # below this the plan is not finished");
    // One weight a line, so a problem with one of them is shown beside it in the editor.
    w.blank();
    w.comment("How much each component counts towards the score: each 0 to 1, all six adding up to 1.");
    w.section("[scoring.weights]", "scoring.weights");
    for (const auto& [name, value] :
         {std::pair{"coverage", wt.coverage}, std::pair{"overlap", wt.overlap}, std::pair{"depth", wt.depth},
          std::pair{"contraindications", wt.contraindications}, std::pair{"technique", wt.technique},
          std::pair{"protocol", wt.protocol}})
        w.key(std::string("scoring.weights.") + name, name, number(value));
}

}  // namespace

std::string WrittenScenario::fieldAt(int line) const {
    std::string found;
    for (const WrittenField& f : fields) {
        if (f.line > line) break;
        found = f.field;
    }
    return found;
}

WrittenScenario writeScenarioToml(const Scenario& scenario, const Rubric& rubric) {
    Writer w;
    w.comment(scenario.title.empty() ? "A training case for Pinpoint." : scenario.title);
    w.comment("Written by the case editor (pinpoint edit); the format is in docs/scenario-format.md.");
    w.key("schema_version", "schema_version", std::to_string(scenario.schemaVersion));
    writeCase(w, scenario);
    writeRules(w, scenario, rubric);
    return std::move(w.result);
}

}  // namespace pinpoint::core
