#include "cli/centre_scoring.h"

#include "cli/score_batch.h"
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "core/scoring/scoring_engine.h"
#include "io/paths.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

namespace pinpoint::cli {

namespace {

centre::ScoreOutcome failed(const std::string& why, const std::string& scenarioVersion = "") {
    return {nlohmann::json{{"error", why}}.dump(), "", scenarioVersion, std::string("pinpoint ") + PINPOINT_VERSION};
}

// The scenario versions of the centre's library, each read once (by the same reader as a file).
class LibraryScenarios {
public:
    LibraryScenarios(const TreatmentContext& context, centre::Store& library) : context_(context), library_(library) {}

    // The scenario the header names, exactly its version; or nullptr with `why` set.
    const core::Scenario* find(const core::SessionHeader& h, std::string& why) {
        std::optional<centre::ScenarioVersion> version;
        if (!h.scenarioSha256.empty()) {
            centre::Result<std::optional<centre::ScenarioVersion>> found = library_.scenarioVersion(h.scenarioSha256);
            if (!found) return why = found.error().describe(), nullptr;
            if (!*found || (*found)->scenario != h.scenarioId)
                return why = "the centre's scenario library does not have the version of scenario '" + h.scenarioId +
                             "' this session was recorded with (SHA-256 " + h.scenarioSha256 +
                             "); it is not scored against another version: add that version with "
                             "`pinpoint centre add-scenario FILE`",
                       nullptr;
            version = **found;
        } else {
            centre::Result<std::vector<centre::ScenarioVersion>> current = library_.currentScenarios();
            if (!current) return why = current.error().describe(), nullptr;
            for (const centre::ScenarioVersion& v : *current)
                if (v.scenario == h.scenarioId) version = v;
            if (!version)
                return why = "the centre's scenario library has no scenario '" + h.scenarioId + "'", nullptr;
        }
        auto it = read_.find(version->sha256);
        if (it == read_.end()) {
            core::ScenarioReadResult r = core::parseScenario(version->text, "library:" + version->source, context_.rubric,
                                                             context_.conditions, &context_.surface->bvh);
            it = read_.emplace(version->sha256, std::move(r)).first;
        }
        if (!it->second.errors.empty() || !it->second.scenario)
            return why = "scenario version " + version->sha256 + " in the library does not read: " +
                         (it->second.errors.empty() ? std::string("no scenario") : it->second.errors.front().describe()),
                   nullptr;
        return &*it->second.scenario;
    }

private:
    const TreatmentContext& context_;
    centre::Store& library_;
    std::map<std::string, core::ScenarioReadResult> read_;  // by SHA-256
};

}  // namespace

centre::SessionScorer centreSessionScorer(const TreatmentContext& context, const core::TrustedRecorders& trusted,
                                          centre::Store& library) {
    // One chooser for the centre's life: each scenario file is read once. It only serves sessions whose
    // header names no scenario (the default scenario).
    auto chooser = std::make_shared<ScenarioChooser>(context, ScoringChoice{});
    auto scenarios = std::make_shared<LibraryScenarios>(context, library);
    return [&context, &trusted, chooser, scenarios](const centre::SessionRecord& record, const std::string& text) {
        try {
            core::Result<LoadedSession> loaded = loadSessionText(text, "session " + record.key, &context.tools);
            if (!loaded) return failed(loaded.error().describe());
            ChosenScenario chosen;
            if (loaded->session.header.scenarioId.empty()) {
                chosen = chooser->choose(loaded->session);
            } else {
                std::string why;
                chosen.scenario = scenarios->find(loaded->session.header, why);
                if (!chosen.scenario) return failed(why);
            }
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
