#pragma once
// A training case as an instructor writes it (scenarios/*.toml; format in docs/scenario-format.md):
// the patient, what the trainee can find out by asking, the right decision, the plan a correct answer
// must include, and the rules the treatment is scored by. Only what differs from the default rubric
// (assets/rubric.toml) needs to be written; readScenario fills in the rest.
#include "core/common/error.h"
#include "core/geometry/bvh.h"
#include "core/scoring/rubric.h"

#include <glm/vec3.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pinpoint::core {

enum class Decision { Proceed, ProceedModified, Defer, Decline };
inline bool treatsPatient(Decision d) { return d == Decision::Proceed || d == Decision::ProceedModified; }
const char* decisionName(Decision d);                          // "proceed", "proceed_modified", ...
std::optional<Decision> decisionFromName(const std::string& name);

// What the catalogue says to do about a condition (assets/conditions.toml, after clinical.md).
// Proceed: nothing to change; only a scenario's [policy] uses it (e.g. isotretinoin under the
// dermatologic surgery society statement).
enum class ConditionAction { Decline, Defer, Modify, AvoidArea, Proceed };
const char* conditionActionName(ConditionAction a);  // "decline", "defer", "modify", "avoid_area", "proceed"
std::optional<ConditionAction> conditionActionFromName(const std::string& name);

struct ConditionInfo {
    std::string id;                 // e.g. "active_herpes_simplex"
    std::string name;               // for people
    ConditionAction action = ConditionAction::Decline;
    std::string modification;       // for Modify: e.g. "physician_clearance", "antiviral_prophylaxis", "conservative_depth"
    std::vector<ConditionAction> policyOptions;  // actions a scenario may switch this condition to (isotretinoin)
    std::optional<int> windowDays;  // a medication implies the condition until this many days after its last dose
    int fitzpatrickFrom = 0;        // a patient of this Fitzpatrick type or darker has the condition (0: no such rule)
    // Courses over visits: the condition applies when the last earlier visit lies fewer days before
    // today than this (too soon for the next session) ...
    std::optional<int> minIntervalDays;
    // ... or when today's skin is in one of these states (e.g. "still_red", "infected").
    std::vector<std::string> skinToday;
    std::string source;
    // Decisions one of ../shared/sources supports for this condition, where it is stricter than the
    // catalogue's action (seed 004: avoid needling altogether with an immune disorder; seed 003: no
    // needling with open lesions, so defer until healed). A scenario must accept them, and they score
    // as fully right; `sourcesSupportSource` cites the source.
    std::vector<Decision> sourcesSupport;
    std::string sourcesSupportSource;
};

// What a proceed_modified plan adds for a condition ([[modification]] in assets/conditions.toml): an
// action the trainee records at the decision (ticked under its label; a scenario lists it in [plan]
// actions), or a cap on the needle depth ([plan] depth_cap_mm).
enum class ModificationKind { Action, DepthCap };
struct PlanModification {
    std::string id;     // e.g. "physician_clearance"
    std::string label;  // what the trainee reads at the decision
    ModificationKind kind = ModificationKind::Action;
};

struct ConditionCatalogue {
    std::string file;
    std::vector<ConditionInfo> conditions;
    std::vector<PlanModification> modifications;  // in the file's order
    const ConditionInfo* find(const std::string& id) const;
    const PlanModification* modification(const std::string& id) const;
    // The actions a trainee may record with a proceed_modified decision (the decision screen's list), in
    // the file's order; a depth cap is set on its own.
    std::vector<const PlanModification*> planActions() const;
    std::string planActionList() const;  // "physician_clearance, antiviral_prophylaxis", for messages
};

struct Medication {
    std::string name;
    std::string condition;     // catalogue id it implies, if any (e.g. "isotretinoin_recent")
    int daysSinceLastDose = 0; // 0: still taking it
};

// Whether the medication implies the condition: it names it, and its last dose lies within the
// condition's window (isotretinoin: 183 days), when the condition has one.
bool impliesCondition(const Medication& medication, const ConditionInfo& condition);

struct PatientCondition {
    std::string id;                // catalogue id
    std::string note;              // what the file says about it
    bool disclosed = true;         // false: only revealed by asking the question that reveals it
    // Added by the reader from the [course] (the interval, today's skin): intake shows the visits and
    // the skin, and leaves the judgement to the trainee instead of naming the condition.
    bool fromCourse = false;
};

struct Patient {
    std::string name;
    int age = 0;
    std::string sex;
    int fitzpatrick = 0;           // 1-6
    Indication indication = Indication::Rejuvenation;
    std::vector<PatientCondition> conditions;
    std::vector<Medication> medications;
    std::string history;           // free text
};

struct Lesion {
    std::string kind;              // e.g. "raised_mole"
    glm::vec3 position{0.0f};      // on the skin, mm, model space
    float radiusMm = 0.0f;         // needles must stay outside this radius
};

struct IntakeQuestion {
    std::string id;
    std::string text;              // what the trainee asks
    std::string answer;            // what the patient says
    std::vector<std::string> reveals;  // condition ids the answer reveals
    bool optional = false;             // not part of the screen: not asking it costs nothing
};

// The states of today's skin a scenario may name ([course] skin), from healed to infected.
inline constexpr std::string_view kSkinStates[] = {"healed", "still_red", "peeling", "hyperpigmented", "allergic_reaction", "infected"};
bool isSkinState(std::string_view state);

// An earlier session of the patient's course ([[course.visit]]).
struct EarlierVisit {
    std::string date;                                     // yyyy-mm-dd
    int daysBeforeToday = -1;                             // from the course's today; -1: not known (a bad date)
    std::string device;                                   // "pen" or "roller"
    std::vector<std::pair<std::string, double>> depthMm;  // per treated zone, in kTreatmentZones order
    std::string seenAfter;                                // what was seen after it (healing, reactions)
};

// A patient's course over several visits ([course]): today's visit, the earlier ones, today's skin.
struct Course {
    std::string id;               // shared by every scenario (and session) of the course
    int visit = 1;                // today's visit number: the earlier visits plus one
    std::string today;            // today's date, yyyy-mm-dd
    std::string skin = "healed";  // one of kSkinStates
    std::string skinNote;         // what today's skin looks like, in words
    std::vector<EarlierVisit> visits;  // oldest first

    // Days between the last earlier visit and today; none on a first visit.
    std::optional<int> daysSinceLastVisit() const;
};

// Days from 1970-01-01 for a date written yyyy-mm-dd; none when it is not a real date.
std::optional<int> daysFromIsoDate(const std::string& date);

// What a correct plan must include when the right decision is to treat with modifications.
struct RequiredPlan {
    std::vector<std::string> avoidZones;      // zones not to needle at all
    std::optional<double> depthCapMm;         // no needle deeper than this anywhere
    std::vector<std::string> actions;         // e.g. "physician_clearance", "antiviral_prophylaxis"
    bool avoidLesions = true;                 // lesions are always to be avoided
};

// Scenario-specific rules for one zone; unset fields come from the rubric.
struct ZoneScenarioRules {
    std::string zone;
    bool treat = true;                        // part of the treatment plan
    DepthRange depth;                         // for the scenario's indication
    DensityTargets density;                   // for the allowed device
    int requiredDirections = 0;               // the rubric's [technique] required_directions unless set
};

// A decision a source supports for one of the patient's conditions (ConditionInfo::sourcesSupport).
struct SourceSupport {
    Decision decision = Decision::Decline;
    std::string condition;  // catalogue id
    std::string source;     // the catalogue's citation
};

struct Scenario {
    std::string file;
    std::string sha256;            // of the file's bytes
    int schemaVersion = 1;
    std::string id;
    std::string title;
    std::string teaches;           // one line: what this case teaches

    Patient patient;
    std::vector<Lesion> lesions;
    std::vector<IntakeQuestion> questions;
    std::optional<Course> course;              // a follow-up in a course of visits

    Decision expectedDecision = Decision::Proceed;
    std::vector<Decision> acceptableDecisions;  // besides the expected one
    // [[counsel]]: what the trainee may tell the patient with the decision (right and plausible wrong
    // statements of this case, e.g. when a reaction after the last visit should have been reported),
    // shown unmarked at the decision and scored under contraindications. Empty: none asked.
    std::vector<AftercareAdvice> counsel;
    std::vector<SourceSupport> sourceSupported; // filled from the catalogue: each is expected or acceptable
    RequiredPlan plan;
    std::map<std::string, ConditionAction> policies;  // condition id -> action this scenario applies

    // The rules below are filled by the reader: what the scenario says, else the rubric's (its
    // [protocol], [plan], [technique] and [scoring]); none has a default in the code.
    std::vector<std::string> allowedTools;     // "pen", "roller"
    int rollerNeedles = 0;                     // the one roller the case gives, by needle count (assets/tools.toml); 0: any
    std::vector<ZoneScenarioRules> zones;      // all 13 treatment zones, rubric defaults filled in
    std::vector<std::string> requiredSteps;    // protocol steps, e.g. "cleanse", "disinfect"
    std::vector<std::string> safetySteps;      // needling before one is done: critical
    std::vector<std::string> afterTreatmentSteps;  // steps done after the last needle (the rubric's)
    double timeLimitSeconds = 0.0;             // 0: none
    double maxTravelSpeedMmPerS = 0.0;         // technique: faster is sloppy
    double maxNeedleAngleDeg = 0.0;            // technique: more off-perpendicular is sloppy
    ComponentWeights weights;
    double passMark = 0.0;                     // 0-100
    double minCoverage = 0.0;                  // 0-100: a plan treated below this is not finished, and fails
    double depthMarginMm = 0.0;                // beyond a zone's maximum by more than this: critical

    std::string rubricId;
    std::string rubricVersion;

    const ZoneScenarioRules* zone(const std::string& name) const;
    bool treats() const { return treatsPatient(expectedDecision); }
};

Result<ConditionCatalogue> readConditionCatalogue(const std::string& path);
Result<ConditionCatalogue> parseConditionCatalogue(const std::string& text, const std::string& sourceName);

// Every problem found, each located (file:line:col); empty when the scenario is valid. The rubric
// supplies defaults and is checked against the scenario's rubric id and version; the catalogue
// resolves condition names; with `skin`, lesion positions must lie on the skin (within 2 mm).
struct ScenarioReadResult {
    std::optional<Scenario> scenario;
    std::vector<Error> errors;
    std::vector<Error> notes;  // with a valid scenario: what is accepted but worth saying (an older minor rubric)
};
ScenarioReadResult readScenario(const std::string& path, const Rubric& rubric, const ConditionCatalogue& conditions,
                                const Bvh* skin = nullptr);
ScenarioReadResult parseScenario(const std::string& text, const std::string& sourceName, const Rubric& rubric,
                                 const ConditionCatalogue& conditions, const Bvh* skin = nullptr);

}  // namespace pinpoint::core
