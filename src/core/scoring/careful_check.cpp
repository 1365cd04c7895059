#include "core/scoring/careful_check.h"

#include "core/scoring/scenario_demo.h"
#include "core/scoring/scoring_engine.h"

#include <cstdio>

namespace pinpoint::core {

CarefulCheck checkCarefulPractitioner(const TreatmentSurface& surface, const ToolCatalogue& tools, const Rubric& rubric,
                                      const DensityField& density, const Scenario& scenario) {
    const Session session = makeScenarioDemo(surface, tools, rubric, scenario);
    const SimulationOutput sim = simulateSession(surface, tools, session);
    const ScoreResult score = scoreSession(scenario, rubric, *surface.head, density, session, sim);
    CarefulCheck out;
    out.passed = score.passed;
    out.score = score.score;
    if (score.passed) return out;
    if (!score.decision.correct) out.reasons.push_back("the careful decision is not counted as right");
    for (const CriticalError& e : score.criticalErrors) out.reasons.push_back("critical: " + e.message);
    for (const std::string& unmet : score.unmetRequirements) out.reasons.push_back(unmet);
    if (score.score < scenario.passMark) {
        char line[160];
        std::snprintf(line, sizeof line, "score %.1f is below the pass mark %.1f", score.score, scenario.passMark);
        out.reasons.emplace_back(line);
    }
    if (out.reasons.empty()) out.reasons.emplace_back("the score does not pass (see `pinpoint score`)");
    return out;
}

}  // namespace pinpoint::core
