// `pinpoint xapi SESSION... --home-page URL [--out FILE] [--lrs ENDPOINT [--lrs-user USER]]`: the LMS
// export (docs/xapi.md). Each session is scored exactly as `pinpoint score --json` scores it, and becomes
// one xAPI statement; the statements are written as one JSON array to FILE or stdout, or sent to an LRS
// (lrs_send.h). All or nothing: when any session cannot be read, scored or exported, each such
// session's located error goes to stderr, nothing is written or sent, and the exit code is 2.
#include "cli/commands.h"
#include "core/common/safe_file.h"
#include "cli/lrs_send.h"
#include "cli/score_batch.h"
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "cli/treatment_context.h"
#include "core/scoring/scoring_engine.h"
#include "core/scoring/xapi_statement.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

struct XapiOptions {
    HeadOptions head;
    std::vector<std::string> sessions;
    ScoringChoice choice;
    std::string out;
    std::string homePage;
    LrsOptions lrs;
    std::string activityBase;
};

// The statement for one session file, or false after its located error on stderr.
bool exportOne(const std::string& path, const TreatmentContext& context, ScenarioChooser& chooser,
               const core::TrustedRecorders& trusted, const core::XapiSettings& settings, nlohmann::json& statements) {
    std::optional<LoadedSession> loaded = loadSessionOrReport(path, &context.tools);
    if (!loaded) return false;
    const core::Session& session = loaded->session;
    const ChosenScenario chosen = chooser.choose(session);
    reportErrors(chosen.errors);
    if (!chosen.scenario) return false;
    const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, session);
    const core::ScoreResult result =
        core::scoreSession(*chosen.scenario, context.rubric, context.head, context.density, session, sim);
    const core::Evidence evidence = sessionEvidence(context, *loaded, chosen, trusted);
    const nlohmann::json report = scoreReportWithEvidence(result, *chosen.scenario, context, *loaded, sim, evidence);

    core::XapiSession about{session.header, session.events.empty() ? 0.0 : core::eventTime(session.events.back()),
                            loaded->sha256, chosen.scenario->title};
    core::Result<nlohmann::json> statement = core::xapiStatement(about, report, settings);
    if (!statement) {
        core::Error e = statement.error();
        e.file = path;
        e.line = 1;  // what is missing is the header's (trainee, start time) or the options'
        std::cerr << "pinpoint xapi: " << e.describe() << "\n";
        return false;
    }
    statements.push_back(std::move(*statement));
    return true;
}

// Replaced whole (safe_file.h), so a reader never sees half a file.
bool writeFile(const std::string& path, const std::string& text) {
    if (const core::Result<bool> written = core::replaceFile(path, text); !written) {
        std::cerr << "pinpoint xapi: " << written.error().describe() << "\n";
        return false;
    }
    return true;
}

}  // namespace

Runner addXapiCommand(CLI::App& app) {
    auto o = std::make_shared<XapiOptions>();
    CLI::App* cmd = app.add_subcommand(
        "xapi", "Score sessions and write one xAPI statement per session for a learning record store");
    cmd->add_option("sessions", o->sessions, "Session files (*.pps) and folders (every *.pps under a folder)")
        ->required();
    cmd->add_option("--out", o->out, "Write the JSON array of statements to this file (default: stdout)");
    cmd->add_option(
        "--home-page", o->homePage,
        "The centre's URL: trainees' accounts and the extension IRIs live under it (required: statements under a "
        "made-up address would name the trainees wrongly in the LMS)")
        ->required();
    cmd->add_option("--lrs", o->lrs.endpoint,
                    "Also send the statements to this learning record store's xAPI endpoint (ENDPOINT/statements)");
    cmd->add_option("--lrs-user", o->lrs.user, "The LRS's basic-authentication user; the password is read from "
                                               "the environment variable PINPOINT_LRS_PASSWORD");
    cmd->add_option("--retries", o->lrs.retries, "Retries per request while the LRS is out of reach or busy")
        ->capture_default_str()
        ->check(CLI::Range(0, 30));
    cmd->add_option("--activity-base", o->activityBase,
                    "IRI the scenario id is appended to for the activity id (default: HOME_PAGE/xapi/scenarios)");
    addScoringChoiceOptions(*cmd, o->choice);
    addHeadOptions(*cmd, o->head);
    return [o]() {
        const core::XapiSettings settings{o->homePage, o->activityBase};
        if (!core::isHttpUrl(settings.homePage)) {
            std::cerr << "pinpoint xapi: --home-page '" << settings.homePage << "' is not an http or https URL\n";
            return kExitBadInput;
        }
        if (!settings.activityBase.empty() && !core::isIri(settings.activityBase)) {
            std::cerr << "pinpoint xapi: --activity-base '" << settings.activityBase << "' is not an absolute IRI\n";
            return kExitBadInput;
        }
        const std::optional<std::vector<std::string>> files = sessionFiles(o->sessions, "xapi");
        if (!files) return kExitBadInput;
        const std::optional<core::TrustedRecorders> trusted = loadTrustedRecordersOrReport(o->choice.trustedKeys);
        if (!trusted) return kExitBadInput;
        const auto context = loadTreatmentContext(o->head);
        if (!context) return kExitBadInput;
        ScenarioChooser chooser(*context, o->choice);
        nlohmann::json statements = nlohmann::json::array();
        std::size_t failed = 0;
        for (const std::string& file : *files)
            if (!exportOne(file, *context, chooser, *trusted, settings, statements)) ++failed;
        if (failed) {
            std::cerr << "pinpoint xapi: " << failed << " of " << files->size()
                      << " sessions could not be exported (see above); nothing was written\n";
            return kExitBadInput;
        }
        const std::string text = statements.dump(2) + "\n";
        if (!o->lrs.endpoint.empty()) {
            LrsOptions lrs = o->lrs;
            if (const char* password = std::getenv("PINPOINT_LRS_PASSWORD")) lrs.password = password;
            if (!o->out.empty() && !writeFile(o->out, text)) return kExitBadInput;
            return sendToLrs(statements, lrs);
        }
        if (o->out.empty()) {
            std::cout << text;
            return kExitOk;
        }
        return writeFile(o->out, text) ? kExitOk : kExitBadInput;
    };
}

}  // namespace pinpoint::cli
