// `pinpoint review SESSION [--scenario FILE | --rescore-against FILE] [--trusted-keys FILE] [--review FILE]`:
// the assessor's review window (see src/app/review_app.h). Without a display it says so in one line
// and exits 2.
#include "app/review_app.h"
#include "cli/commands.h"
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "cli/treatment_context.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace pinpoint::cli {

namespace {
struct ReviewCommandOptions {
    HeadOptions head;
    app::ReviewOptions app;
    ScoringChoice choice;
    std::string size = "1280x720";
};

// Kept alive for the window's lifetime.
struct ReviewData {
    std::unique_ptr<TreatmentContext> context;
    std::unique_ptr<ScenarioChooser> chooser;  // owns the scenario
    std::optional<LoadedSession> loaded;
};
}  // namespace

Runner addReviewCommand(CLI::App& app) {
    auto o = std::make_shared<ReviewCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "review", "Assessor's review of a session: replay with a timeline, the re-derived score, ratings, "
                  "pinned comments and sign-off, saved to NAME.review.json beside the session");
    cmd->add_option("session", o->app.sessionPath, "Session file (*.pps)")->required();
    addScoringChoiceOptions(*cmd, o->choice);
    cmd->add_option("--review", o->app.reviewPath, "Review file (default: NAME.review.json next to the session)");
    cmd->add_option("--assessor", o->app.assessor, "Assessor name for the sign-off (default: $USER)");
    cmd->add_option("--size", o->size, "Window size, WIDTHxHEIGHT")->capture_default_str();
    cmd->add_option("--gpu", o->app.gpu,
                    "Draw with the Vulkan device whose name contains NAME (any case), if it can draw into the "
                    "window; else the best one that can (lavapipe at worst)")
        ->option_text("NAME");
    cmd->add_flag("--test-hooks", o->app.testHooks, "Print control positions and actions (for the app tests)");
    addHeadOptions(*cmd, o->head);
    return [o]() {
        if (!parseWindowSize("pinpoint review", o->size, 640, 400, o->app.width, o->app.height)) return kExitBadInput;
        if (o->app.assessor.empty())
            if (const char* user = std::getenv("USER")) o->app.assessor = user;
        auto data = std::make_shared<ReviewData>();
        const app::ReviewLoader load = [&]() -> std::optional<app::ReviewInputs> {
            const std::optional<core::TrustedRecorders> trusted = loadTrustedRecordersOrReport(o->choice.trustedKeys);
            if (!trusted) return std::nullopt;
            data->context = loadTreatmentContext(o->head);
            if (!data->context) return std::nullopt;
            data->loaded = loadSessionOrReport(o->app.sessionPath, &data->context->tools);
            if (!data->loaded) return std::nullopt;
            data->chooser = std::make_unique<ScenarioChooser>(*data->context, o->choice);
            const ChosenScenario chosen = data->chooser->choose(data->loaded->session);
            reportErrors(chosen.errors);
            if (!chosen.scenario) return std::nullopt;
            const core::Evidence evidence = sessionEvidence(*data->context, *data->loaded, chosen, *trusted);
            app::ReviewInputs in;
            in.head = &data->context->head;
            in.tools = &data->context->tools;
            in.rubric = &data->context->rubric;
            in.surface = data->context->surface.get();
            in.density = &data->context->density;
            in.skinTones = &data->context->skinTones;
            in.scenario = chosen.scenario;
            in.session = &data->loaded->session;
            in.ratings = &data->context->ratings;
            in.signatureStatus = core::signatureSummary(data->loaded->signature);
            in.signatureIntact = data->loaded->signature.status == core::SignatureStatus::Intact;
            in.certifiable = evidence.certifiable;
            in.evidenceReasons = evidence.reasons;
            return in;
        };
        return app::runReview(o->app, load);
    };
}

}  // namespace pinpoint::cli
