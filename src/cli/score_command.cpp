// `pinpoint score [--scenario FILE] SESSION [--json]`: re-derive the punctures from a recorded session
// and grade it against a scenario (the default scenario when none is named). Exit 0 when scored,
// whether it passed or not; 2 for bad input.
// `pinpoint score --scenario FILE DIR_OR_FILES... --csv`: a cohort, one CSV row per session.
#include "cli/commands.h"
#include "cli/score_batch.h"
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
    std::string scenario;
    bool json = false;
    bool csv = false;
};

nlohmann::json signatureJson(const core::SignatureCheck& c) {
    return {{"status", core::signatureStatusName(c.status)},
            {"intact", c.status == core::SignatureStatus::Intact},
            {"line", c.line},
            {"message", c.message},
            {"key_id", c.keyId}};
}

int scoreOne(const ScoreOptions& o, const TreatmentContext& context, const core::Scenario& scenario) {
    const std::string& path = o.sessions.front();
    std::optional<LoadedSession> loaded = loadSessionOrReport(path, &context.tools);
    if (!loaded) return kExitBadInput;
    const core::Session& session = loaded->session;
    if (!session.header.scenarioSha256.empty() && session.header.scenarioSha256 != scenario.sha256)
        std::cerr << "pinpoint: warning: " << path << ": recorded with a different version of scenario '"
                  << scenario.id << "' (SHA-256 differs); scoring against the one given\n";

    const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, session);
    const core::ScoreResult result =
        core::scoreSession(scenario, context.rubric, context.head, context.density, session, sim);
    if (o.json) {
        nlohmann::json j = core::scoreReportJson(result, scenario, context.rubric, session, sim);
        j["session"]["signature"] = signatureJson(loaded->signature);
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << "Session: " << path << ": " << core::signatureSummary(loaded->signature) << "\n";
        std::cout << core::scoreReportText(result, scenario, session);
    }
    return kExitOk;
}

}  // namespace

Runner addScoreCommand(CLI::App& app) {
    auto o = std::make_shared<ScoreOptions>();
    CLI::App* cmd = app.add_subcommand("score", "Re-derive recorded sessions and grade them against a scenario");
    cmd->add_option("sessions", o->sessions,
                    "Session file (*.pps); with --csv any number of files and folders (every *.pps under a folder)")
        ->required();
    cmd->add_option("--scenario", o->scenario, "Scenario file (default: scenarios/default.toml)");
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
        const auto context = loadTreatmentContext(o->head);
        if (!context) return kExitBadInput;
        const std::optional<core::Scenario> scenario = loadScenarioOrReport(*context, o->scenario);
        if (!scenario) return kExitBadInput;
        if (o->csv) return scoreBatch(*files, *context, *scenario, std::cout);
        return scoreOne(*o, *context, *scenario);
    };
}

}  // namespace pinpoint::cli
