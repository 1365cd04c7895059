#pragma once
// The scoring engine: grades a recorded session against a scenario. Safety gates are
// non-compensatory: any critical error fails the session whatever the points. Every point taken away
// is listed with its reason. Deterministic: no clock, no unordered iteration.
#include "core/coverage/density_field.h"
#include "core/coverage/treatment_measurement.h"
#include "core/face/head.h"
#include "core/scoring/scenario.h"
#include "core/scoring/session_facts.h"
#include "core/sim/treatment_simulation.h"

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::core {

inline constexpr std::array<const char*, 6> kComponents = {"coverage", "overlap", "depth", "contraindications",
                                                            "technique", "protocol"};

struct CriticalError {
    std::string code;   // treated_contraindicated, needled_forbidden_area, needled_lesion,
                        // needled_avoided_zone, depth_beyond_margin, forbidden_tool, depth_beyond_cap,
                        // treated_after_own_refusal, treated_without_screening, needled_before_safety_step,
                        // harmful_aftercare_advice, harmful_counsel
    double t = 0.0;
    std::string message;
};

struct Deduction {
    std::string component;  // one of kComponents
    double points = 0.0;    // taken from that component (0-100 scale)
    std::string reason;
};

struct DecisionOutcome {
    std::optional<DecisionMade> made;  // the decision in force when the first needle went in (or the last one)
    Decision expected = Decision::Proceed;
    bool correct = false;
    bool acceptable = false;           // an accepted alternative, not the best answer
    std::string supportedBy;           // an alternative a source supports (scored as right): its citation
    std::vector<std::string> questionsAskedBefore;
};

// The aftercare counselling judged against the rubric's advice list.
struct AftercareOutcome {
    bool recorded = false;             // the session holds an aftercare event (sessions before rubric 2.1.0 do not)
    double t = 0.0;
    std::vector<std::string> given;    // advice ids as recorded
    std::vector<std::string> missed;   // right advice not given, in the rubric's order
    std::vector<std::string> wrong;    // wrong advice given, in the rubric's order
    std::vector<std::string> unknown;  // ids the rubric does not know (not scored)
};

struct ScoreResult {
    bool passed = false;
    double score = 0.0;                                // 0-100
    std::array<std::optional<double>, 6> components;  // by kComponents; nullopt: not applicable
    bool decisionOnly = false;                         // a right refusal (or a patient not to treat), nothing needled
    DecisionOutcome decision;
    AftercareOutcome aftercare;
    AftercareOutcome counsel;                          // the scenario's [[counsel]]; recorded: a counsel event
    std::vector<CriticalError> criticalErrors;
    std::vector<std::string> unmetRequirements;        // besides the pass mark: the plan left unfinished
    std::vector<Deduction> deductions;
    TreatmentMeasurement measurement;
    std::vector<std::string> planZones;                // zones the scenario's plan treats
    std::size_t lesionPunctures = 0;
};

// A zone's density targets are the scenario's for the device it allows; for another device (used
// anyway, which is a critical error of its own) they come from the rubric, so the measurement stays
// meaningful.
MeasurementRules measurementRules(const Scenario& scenario, const Rubric& rubric);

// The density heatmap's scale, the same on every screen (live, review, report pictures), made of the
// numbers the score measures by: skin below a zone's target is not yet covered, at or above it covered,
// above its maximum over-treated. Each zone has the targets of its device (the one that made most of its
// punctures, as the score decides: `rollerByZone`, from the measurement; a zone not in it takes the
// device in hand). The legend's numbers are the plan's first zone's (the rubric's without a scenario).
struct HeatmapScale {
    double targetPerCm2 = 0.0;
    double maxPerCm2 = 0.0;
    // Without the heatmap the skin's redness (erythema) reaches its full strength at this density.
    double fullScale = 0.0;
    std::map<std::string, DensityTargets> zones;  // every zone the score measures (empty without a scenario)
    // A zone's landmarks (the legend's for an area the score does not measure, such as a forbidden one).
    DensityTargets of(const std::string& zone) const;
};
HeatmapScale heatmapScale(const Scenario* scenario, const Rubric& rubric, bool roller,
                          const std::map<std::string, bool>& rollerByZone = {});
// The device each needled zone of a measurement was measured as (for `heatmapScale`).
std::map<std::string, bool> rollerByZone(const TreatmentMeasurement& measurement);
// The same from the punctures made up to `until` seconds (a moment of a replay), by the score's rule.
std::map<std::string, bool> rollerByZone(const Head& head, const std::vector<Puncture>& punctures,
                                         double until = std::numeric_limits<double>::infinity());

ScoreResult scoreSession(const Scenario& scenario, const Rubric& rubric, const Head& head, const DensityField& field,
                         const Session& session, const SimulationOutput& simulation);

}  // namespace pinpoint::core
