#pragma once
// The rules a treatment is measured against, per zone (assets/rubric.toml). A rubric has an id, a
// version and the SHA-256 of its file, so every score can be traced to the rules that made it.
#include "core/common/error.h"
#include "core/common/micrometres.h"
#include "core/coverage/skin_samples.h"
#include "core/scoring/rubric_version.h"

#include <array>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core {

// A protocol step a session's `step` events may record ([[protocol.step]] in the rubric, after
// clinical.md, "Protocol steps"), with what the trainee reads on the protocol screen.
struct ProtocolStep {
    std::string id;     // in sessions and scenario files, e.g. "disinfect"
    std::string label;  // what the trainee reads, e.g. "Disinfect the skin"
};

// What the patient comes for: each indication has its own depth chart per zone in the rubric
// (`<id>_depth_mm`). Sources: seed 002 lists fine lines, acne scars, enlarged pores, sun spots and
// hyperpigmentation and lost elasticity; seeds 001 and 003 name surgical scars.
enum class Indication { Rejuvenation, Scars, Pigmentation, Pores, LooseSkin, SurgicalScars };

struct IndicationInfo {
    Indication value;
    std::string_view id;     // in scenario and rubric files
    std::string_view label;  // what a trainee reads
};
inline constexpr IndicationInfo kIndications[] = {
    {Indication::Rejuvenation, "rejuvenation", "skin rejuvenation"},
    {Indication::Scars, "scars", "acne scars"},
    {Indication::Pigmentation, "pigmentation", "sun spots and pigmentation"},
    {Indication::Pores, "pores", "enlarged pores"},
    {Indication::LooseSkin, "loose_skin", "loose skin"},
    {Indication::SurgicalScars, "surgical_scars", "surgical scars"},
};
inline constexpr std::size_t kIndicationCount = std::size(kIndications);
const IndicationInfo& indicationInfo(Indication i);
const IndicationInfo* indicationNamed(std::string_view id);
std::string indicationList();  // "rejuvenation, scars, ...", for messages

struct DepthRange {
    double minMm = 0.0;
    double maxMm = 0.0;
    // Both edges belong to the range. The one depth comparison of Pinpoint: live warnings, the
    // demo and the score all ask this.
    bool contains(Micrometres depth) const { return depth >= minUm() && depth <= maxUm(); }
    bool contains(double depthMm) const = delete;  // millimetres must be converted: toMicrometres
    Micrometres minUm() const { return toMicrometres(minMm); }
    Micrometres maxUm() const { return toMicrometres(maxMm); }
};

struct DensityTargets {
    double targetPerCm2 = 0.0;  // a patch of skin is covered at this density
    double maxPerCm2 = 0.0;     // above this it is over-treated
};

struct ZoneTargets {
    std::string zone;
    std::array<DepthRange, kIndicationCount> depth;  // by indication, in kIndications order

    const DepthRange& depthFor(Indication i) const { return depth[static_cast<std::size_t>(i)]; }
};

// What each part of a component is worth ([points] in assets/rubric.toml: our weighting, not a
// published one). Every value comes from the rubric file; none has a default here.
struct RubricPoints {
    // contraindications
    double decision = 0.0;                  // the right decision (or an acceptable one)
    double acceptableAlternativeLoss = 0.0; // an acceptable decision that is not the best one
    double screening = 0.0;                 // the screening questions, shared
    double revealingQuestions = 0.0;        // questions that reveal an undisclosed condition, shared
    double plan = 0.0;                      // the required plan of a proceed_modified decision, shared
    double lateDecision = 0.0;              // deciding after needling began
    double counsel = 0.0;                   // a case's right [[counsel]] statements, shared
    double wrongCounsel = 0.0;              // each wrong [[counsel]] statement told
    // overlap: punctures in treatment zones outside the plan
    double offPlanFreeShare = 0.0;          // a cartridge at a zone's edge spills a little
    double offPlanPerPercent = 0.0;         // points per percent of punctures beyond the free share
    double offPlanMax = 0.0;
    // depth: a zone needled deeper than the plan's cap counts at least this share of its punctures wrong
    double depthOverCapShare = 0.0;
    // protocol
    double overTimeLimit = 0.0;
    double stepOutOfOrderShare = 0.0;       // a step done at the wrong time loses this share of its points
};

// How much each component counts towards the score, each 0-1, adding up to 1 ([scoring.weights] in the
// rubric; a scenario's [scoring] weights override single ones).
struct ComponentWeights {
    double coverage = 0.0, overlap = 0.0, depth = 0.0, contraindications = 0.0, technique = 0.0, protocol = 0.0;
};

// The overall verdict's rules a scenario starts from ([scoring] in the rubric); a scenario's [scoring]
// (weights, pass_mark, min_coverage) and [treatment] depth_margin_mm override them.
struct ScoringDefaults {
    ComponentWeights weights;
    double passMark = 0.0;       // 0-100
    double minCoverage = 0.0;    // 0-100: a plan treated below this is not finished, and fails
    double depthMarginMm = 0.0;  // beyond a zone's maximum (or the cap) by more than this: critical
};

// One piece of advice the trainee may give after the treatment ([[aftercare.advice]]): the right advice
// and plausible wrong advice, mixed, each with its source. Harmful advice given is a critical error.
struct AftercareAdvice {
    std::string id;
    std::string text;         // what the trainee tells the patient
    bool right = false;       // part of correct aftercare counselling
    bool harmful = false;     // wrong advice that would harm freshly needled skin (only when not right)
    std::string why;          // for wrong advice: why it is wrong (shown in the report)
    std::string source;
};

// [aftercare]: the counselling after treatment, scored under protocol.
struct AftercareRules {
    std::string step;                 // the protocol step that records the counselling (post_care_given)
    double points = 0.0;              // protocol points for the right advice, shared among the right items
    double wrongAdvicePoints = 0.0;   // protocol points each piece of wrong advice costs
    std::vector<AftercareAdvice> advice;  // in the order the trainee sees them

    const AftercareAdvice* find(const std::string& id) const;
    std::vector<std::string> rightAdvice() const;  // ids of the right advice, in order
};

// Every number and list below comes from the rubric file (assets/rubric.toml), which names them all:
// the reader refuses a file that leaves one out, so no default is hidden in the code.
struct Rubric {
    std::string file;
    std::string id;
    std::string version;
    std::string sha256;  // of the rubric file's bytes
    // How finely each device's punctures are measured ([coverage.pen], [coverage.roller]).
    SampleScale penScale{};
    SampleScale rollerScale{};
    DensityTargets pen{};
    DensityTargets roller{};
    // Bare skin inside a zone (below half the target, beyond the edge margin) costs this many times its
    // share of the zone again, on top of not being covered: a band the needles skipped is worse than
    // skin a little short of its target, or a margin the footprint could not reach.
    double bareSkinWeight = 0.0;
    double injuryDensityFactor = 0.0;  // skin needled beyond this many times the maximum: tissue injury
    int requiredDirections = 0;
    double directionMinShare = 0.0;
    double strokeMinLengthMm = 0.0;    // a pass is a stroke this long with a steady heading
    double strokeMaxTurnDeg = 0.0;     // how far a stroke's heading may wander
    // The technique component's 100 points: needles within the angle limit, travel within the speed
    // limit, crossing passes.
    double anglePoints = 0.0, speedPoints = 0.0, directionPoints = 0.0;
    double maxTravelSpeedMmPerS = 0.0;  // a scenario's default speed limit
    double maxNeedleAngleDeg = 0.0;     // a scenario's default angle limit
    std::vector<std::string> unplannedByDefault;  // [plan]: zones a scenario's plan leaves out unless it names them
    std::vector<std::string> tools;               // [plan]: the devices a scenario allows unless it names its own
    ScoringDefaults scoring;                      // [scoring]: weights, pass mark, minimum coverage, depth margin
    RubricPoints points;
    std::vector<ProtocolStep> steps;                // [[protocol.step]]: every step a session may record, in screen order
    std::vector<std::string> requiredSteps;         // [protocol]: a scenario's required steps unless it names its own
    std::vector<std::string> safetySteps;           // [protocol]: needling before one is done is critical
    std::vector<std::string> afterTreatmentSteps;   // [protocol]: done after the last needle
    std::vector<ZoneTargets> zones;  // one per treatment zone, in kTreatmentZones order
    AftercareRules aftercare;        // empty advice list: no counselling is scored
    std::vector<RubricChange> changes;  // [[change]]: the rubric's releases, oldest first; the last is `version`

    const ZoneTargets* find(const std::string& zone) const;
    const DensityTargets& density(bool roller) const { return roller ? this->roller : pen; }
    const SampleScale& scale(bool roller) const { return roller ? rollerScale : penScale; }
    const ProtocolStep* step(std::string_view id) const;  // null: not a protocol step of this rubric
    std::string stepList() const;                         // "photographs, cleanse, ...", for messages
    bool afterTreatment(std::string_view step) const;     // one of afterTreatmentSteps
    // The steps the trainee ticks before the needles go in (the protocol screen), in the rubric's order.
    std::vector<const ProtocolStep*> stepsBeforeTreatment() const;
    // The steps done after the last needle, in the rubric's order.
    std::vector<const ProtocolStep*> stepsAfterTreatment() const;
};

Result<Rubric> readRubric(const std::string& path);
Result<Rubric> parseRubric(const std::string& text, const std::string& sourceName);

}  // namespace pinpoint::core
