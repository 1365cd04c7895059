#pragma once
// "Check it" in the case editor: the careful practitioner's session for a case (the one `pinpoint
// demo --scenario` records, scenario_demo.h) simulated and scored like any session. A case the
// careful practitioner cannot pass cannot be taught; the reasons say what stops it.
#include "core/coverage/density_field.h"
#include "core/face/head.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"

#include <string>
#include <vector>

namespace pinpoint::core {

struct CarefulCheck {
    bool passed = false;
    double score = 0.0;
    std::vector<std::string> reasons;  // what stops it (empty when it passes)
};

CarefulCheck checkCarefulPractitioner(const TreatmentSurface& surface, const ToolCatalogue& tools, const Rubric& rubric,
                                      const DensityField& density, const Scenario& scenario);

}  // namespace pinpoint::core
