// `pinpoint score [--scenario FILE] SESSION [--json]`: re-derive the punctures from a recorded session
// and grade it against a scenario (the default scenario when none is named). Exit 0 when scored,
// whether it passed or not; 2 for bad input.
#include "cli/commands.h"
#include "cli/treatment_context.h"
#include "core/scoring/score_report.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/session_file.h"

#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {
struct ScoreOptions {
    HeadOptions head;
    std::string session;
    std::string scenario;
    bool json = false;
};
}  // namespace

Runner addScoreCommand(CLI::App& app) {
    auto o = std::make_shared<ScoreOptions>();
    CLI::App* cmd = app.add_subcommand("score", "Re-derive a recorded session and grade it against a scenario");
    cmd->add_option("session", o->session, "Session file (*.pps)")->required();
    cmd->add_option("--scenario", o->scenario, "Scenario file (default: scenarios/default.toml)");
    cmd->add_flag("--json", o->json, "Print the score report as JSON");
    addHeadOptions(*cmd, o->head);
    return [o]() {
        const auto context = loadTreatmentContext(o->head);
        if (!context) return kExitBadInput;
        const std::optional<core::Scenario> scenario = loadScenarioOrReport(*context, o->scenario);
        if (!scenario) return kExitBadInput;
        core::Result<core::Session> session = core::readSessionFile(o->session, &context->tools);
        if (!session) {
            std::cerr << "pinpoint: " << session.error().describe() << "\n";
            return kExitBadInput;
        }
        for (const core::SessionWarning& w : session->warnings)
            std::cerr << "pinpoint: warning: " << o->session << ":" << w.line << ": " << w.message << "\n";
        if (!session->header.scenarioSha256.empty() && session->header.scenarioSha256 != scenario->sha256)
            std::cerr << "pinpoint: warning: " << o->session << ": recorded with a different version of scenario '"
                      << scenario->id << "' (SHA-256 differs); scoring against the one given\n";

        const core::SimulationOutput sim = core::simulateSession(*context->surface, context->tools, *session);
        const core::ScoreResult result =
            core::scoreSession(*scenario, context->rubric, context->head, context->density, *session, sim);
        if (o->json)
            std::cout << core::scoreReportJson(result, *scenario, context->rubric, *session, sim).dump(2) << "\n";
        else
            std::cout << core::scoreReportText(result, *scenario, *session);
        return kExitOk;
    };
}

}  // namespace pinpoint::cli
