#pragma once
// The session a careful practitioner records for a scenario: every intake question asked, the right
// decision with the plan it requires, the protocol steps, and (when the patient is to be treated) the
// plan's zones treated with an allowed device at the right depth, keeping clear of lesions, avoided
// zones and forbidden areas; after the treatment, the post-care step and the rubric's right aftercare
// advice. Sloppy practice can be asked for, to make novice references.
#include "core/scoring/scenario.h"
#include "core/session/session.h"
#include "core/sim/demo_session.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"

#include <optional>

namespace pinpoint::core {

struct SloppyPractice {
    bool askQuestions = true;           // false: decides without asking anything
    std::optional<Decision> decision;   // a decision other than the expected one
    bool crossingPasses = true;         // false: one direction only
    int lineStride = 1;                 // 2: gaps between lines
    double rowSpacingMm = 0.0;          // rows this far apart, the same needling in all (0: careful spacing)
    int extraPasses = 0;                // stacked passes
    double depthOffsetMm = 0.0;         // deeper (or shallower) than the careful depth
    int speedFactor = 1;                // pen travel this many times faster (as many more passes)
    bool skipPreparation = false;       // no cleanse / numbing / disinfect (needling undisinfected skin: critical)
    std::optional<std::vector<std::string>> aftercare;  // advice given instead of the rubric's right advice
    std::optional<std::vector<std::string>> counsel;    // told with the decision instead of the case's right counsel
    bool ignoreAvoidance = false;       // needles the avoided zones and over the lesions too
};

Session makeScenarioDemo(const TreatmentSurface& surface, const ToolCatalogue& tools, const Rubric& rubric,
                         const Scenario& scenario, const SloppyPractice& sloppy = {});

}  // namespace pinpoint::core
