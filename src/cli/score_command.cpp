// `pinpoint score [--scenario FILE | --rescore-against FILE] [--trusted-keys FILE] SESSION [--json]`:
// re-derive the punctures from a recorded session and grade it against the scenario it was recorded for
// (docs/scoring.md), with what the recording is worth as evidence. Exit 0 when scored, whether it passed
// or not; 2 for bad input, including a session refused for another scenario.
// `pinpoint score DIR_OR_FILES... --csv`: a cohort, one CSV row per session.
#include "cli/commands.h"
#include "cli/score_batch.h"
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "cli/treatment_context.h"
#include "core/scoring/score_report.h"
#include "core/scoring/scoring_engine.h"

#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {
struct ScoreOptions {
    HeadOptions head;
    std::vector<std::string> sessions;
    ScoringChoice choice;
    bool json = false;
    bool csv = false;
};

int scoreOne(const ScoreOptions& o, const TreatmentContext& context, const core::TrustedRecorders& trusted) {
    const std::string& path = o.sessions.front();
    std::optional<LoadedSession> loaded = loadSessionOrReport(path, &context.tools);
    if (!loaded) return kExitBadInput;
    const core::Session& session = loaded->session;
    ScenarioChooser chooser(context, o.choice);
    const ChosenScenario chosen = chooser.choose(session);
    reportErrors(chosen.errors);
    if (!chosen.scenario) return kExitBadInput;
    const core::Scenario& scenario = *chosen.scenario;
    if (!chosen.rescored && !session.header.scenarioSha256.empty() && session.header.scenarioSha256 != scenario.sha256)
        std::cerr << "pinpoint: warning: " << path << ": recorded with a different version of scenario '"
                  << scenario.id << "' (SHA-256 differs); scored against the one given, not certifiable\n";

    const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, session);
    const core::ScoreResult result =
        core::scoreSession(scenario, context.rubric, context.head, context.density, session, sim);
    const core::Evidence evidence = sessionEvidence(context, *loaded, chosen, trusted);
    if (o.json) {
        std::cout << scoreReportWithEvidence(result, scenario, context, *loaded, sim, evidence).dump(2) << "\n";
    } else {
        // The verdict on the performance, then at once the verdict on the evidence.
        std::string text = core::scoreReportText(result, scenario, session);
        const std::size_t firstLine = text.find('\n') + 1;
        text.insert(firstLine, core::evidenceSummary(evidence) + "\n");
        std::cout << "Session: " << path << ": " << core::signatureSummary(loaded->signature) << "\n" << text;
    }
    return kExitOk;
}

}  // namespace

Runner addScoreCommand(CLI::App& app) {
    auto o = std::make_shared<ScoreOptions>();
    CLI::App* cmd = app.add_subcommand("score", "Re-derive recorded sessions and grade them against their scenario");
    cmd->add_option("sessions", o->sessions,
                    "Session file (*.pps); with --csv any number of files and folders (every *.pps under a folder)")
        ->required();
    addScoringChoiceOptions(*cmd, o->choice);
    cmd->add_flag("--json", o->json, "Print the score report as JSON");
    cmd->add_flag("--csv", o->csv, "Score every session given and print one CSV row per session");
    addHeadOptions(*cmd, o->head);
    return [o]() {
        if (o->json && o->csv) {
            std::cerr << "pinpoint score: --json and --csv cannot be combined\n";
            return kExitBadInput;
        }
        const std::optional<std::vector<std::string>> files = o->csv ? sessionFiles(o->sessions) : o->sessions;
        if (!files) return kExitBadInput;
        if (!o->csv && files->size() != 1) {
            std::cerr << "pinpoint score: several sessions are scored into a table: add --csv\n";
            return kExitBadInput;
        }
        const std::optional<core::TrustedRecorders> trusted = loadTrustedRecordersOrReport(o->choice.trustedKeys);
        if (!trusted) return kExitBadInput;
        const auto context = loadTreatmentContext(o->head);
        if (!context) return kExitBadInput;
        if (o->csv) return scoreBatch(*files, *context, o->choice, *trusted, std::cout);
        return scoreOne(*o, *context, *trusted);
    };
}

}  // namespace pinpoint::cli
