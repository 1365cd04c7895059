#include "cli/centre_scoring.h"

#include "cli/score_batch.h"
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "core/scoring/scoring_engine.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace pinpoint::cli {

namespace {

centre::ScoreOutcome failed(const std::string& why, const std::string& scenarioVersion = "") {
    return {nlohmann::json{{"error", why}}.dump(), "", scenarioVersion, std::string("pinpoint ") + PINPOINT_VERSION};
}

}  // namespace

centre::SessionScorer centreSessionScorer(const TreatmentContext& context, const core::TrustedRecorders& trusted) {
    // One chooser for the centre's life: each scenario file is read once.
    auto chooser = std::make_shared<ScenarioChooser>(context, ScoringChoice{});
    return [&context, &trusted, chooser](const centre::SessionRecord& record, const std::string& text) {
        try {
            core::Result<LoadedSession> loaded = loadSessionText(text, "session " + record.key, &context.tools);
            if (!loaded) return failed(loaded.error().describe());
            const ChosenScenario chosen = chooser->choose(loaded->session);
            if (!chosen.scenario) {
                std::string why;
                for (const core::Error& e : chosen.errors) why += (why.empty() ? "" : "; ") + e.describe();
                return failed(why.empty() ? "no scenario to score it against" : why);
            }
            const core::Scenario& scenario = *chosen.scenario;
            const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, loaded->session);
            const core::ScoreResult result =
                core::scoreSession(scenario, context.rubric, context.head, context.density, loaded->session, sim);
            const core::Evidence evidence = sessionEvidence(context, *loaded, chosen, trusted);
            const nlohmann::json report = scoreReportWithEvidence(result, scenario, context, *loaded, sim, evidence);
            return centre::ScoreOutcome{report.dump(), context.hashes.rubric, scenario.sha256,
                                        std::string("pinpoint ") + PINPOINT_VERSION};
        } catch (const std::exception& e) {  // a defect; the centre keeps serving and keeps the reason
            return failed(std::string("internal error while scoring: ") + e.what());
        }
    };
}

}  // namespace pinpoint::cli
