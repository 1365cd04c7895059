// `pinpoint review SESSION [--scenario FILE | --rescore-against FILE] [--trusted-keys FILE] [--review FILE]`:
// the assessor's review window (see src/app/review_app.h). Without a display it says so in one line
// and exits 2.
// `pinpoint review pinpoint://review/KEY?centre=URL` or `pinpoint review --centre URL KEY`: the session
// downloaded from the training centre (signed in as --user / PINPOINT_CENTRE_USER with
// PINPOINT_CENTRE_PASSWORD, else asked on the terminal) into the cache folder, checked as a local file
// is; each save also posts the review to the centre. A review the centre did not get is sent the next
// time the session is opened from the centre (or by `pinpoint upload-review`).
#include "app/review_app.h"
#include "cli/centre_client.h"
#include "station/http_retry.h"
#include "cli/commands.h"
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "cli/treatment_context.h"
#include "core/review/review_file.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

using station::httpTarget;

namespace {
struct ReviewCommandOptions {
    HeadOptions head;
    app::ReviewOptions app;
    ScoringChoice choice;
    std::string size = "1280x720";
    std::string centre;  // --centre URL: the session argument is then a session key
    std::string user;    // --user LOGIN at the centre
    int retries = 3;
};

// The centre and session named by a link or by --centre and a key; nullopt after a message.
std::optional<CentreSessionRef> centreSessionRef(const ReviewCommandOptions& o) {
    CentreSessionRef ref;
    if (isReviewLink(o.app.sessionPath)) {
        std::string why;
        const std::optional<CentreSessionRef> parsed = parseReviewLink(o.app.sessionPath, why);
        if (!parsed) {
            std::cerr << "pinpoint review: " << o.app.sessionPath << ": " << why << "\n";
            return std::nullopt;
        }
        ref = *parsed;
        if (!o.centre.empty()) ref.centre = o.centre;  // --centre wins: the same centre behind another address
        return ref;
    }
    ref = CentreSessionRef{o.centre, o.app.sessionPath};
    if (!isSessionKey(ref.key)) {
        std::cerr << "pinpoint review: with --centre, give the session's key (16 hexadecimal digits), not '" << ref.key << "'\n";
        return std::nullopt;
    }
    if (!httpTarget(ref.centre)) {
        std::cerr << "pinpoint review: --centre " << ref.centre << ": give a URL starting http:// or https://\n";
        return std::nullopt;
    }
    return ref;
}

// The session from the centre into the cache folder with the scenario version it names, an earlier
// review that did not reach the centre sent, and the window set to send each save. The exit code.
int fetchFromCentre(ReviewCommandOptions& o, const CentreSessionRef& ref, const CentreLogin& login, bool* unauthorised) {
    const std::string folder = centreSessionFolder(ref.centre);
    const std::string sessionPath = folder + "/" + ref.key + ".pps";
    if (const int code = downloadCentreSession(ref, login, sessionPath, o.retries, unauthorised); code != kExitOk) return code;
    std::cerr << "pinpoint review: session " << ref.key << " from " << ref.centre << " (kept in " << sessionPath << ")\n";
    o.app.sessionPath = sessionPath;
    // Scored as the centre scores it: against the scenario version the header names, from the centre
    // (unless the assessor chose a scenario). `--scenario` still checks that its id is the header's.
    if (o.choice.scenario.empty() && o.choice.rescoreAgainst.empty()) {
        std::ifstream in(sessionPath);
        std::string header;
        std::getline(in, header);
        const nlohmann::json h = nlohmann::json::parse(header, nullptr, false);
        const std::string sha = h.is_object() && h.value("scenario_sha256", nlohmann::json()).is_string()
                                    ? h["scenario_sha256"].get<std::string>() : "";
        const std::string scenarioPath = folder + "/" + ref.key + ".scenario.toml";
        if (h.is_object() && h.contains("scenario") && downloadSessionScenario(ref, login, sha, scenarioPath, o.retries))
            o.choice.scenario = scenarioPath;
    }
    if (o.app.reviewPath.empty()) o.app.reviewPath = core::reviewPathFor(sessionPath);
    std::error_code ec;
    if (std::filesystem::exists(o.app.reviewPath, ec) && !reviewWasSent(o.app.reviewPath)) {
        const ReviewSendResult sent = sendReviewFile(ref.centre, ref.key, login, o.app.reviewPath, o.retries);
        std::cerr << "pinpoint review: the review saved earlier (" << o.app.reviewPath << "): " << sent.message << "\n";
    }
    o.app.source = ref.centre;
    const std::string centre = ref.centre, key = ref.key;
    const int retries = o.retries;
    o.app.sendReview = [centre, key, login, retries](const std::string& path) {
        const ReviewSendResult sent = sendReviewFile(centre, key, login, path, retries);
        return app::ReviewSent{sent.sent, sent.message};
    };
    return kExitOk;
}

// Without a login and password from the options, the environment or a terminal: asked in the window
// (over the head, loaded first) until the centre takes them or the assessor cancels. False when not.
bool signInFromWindow(ReviewCommandOptions& o, const CentreSessionRef& ref, const TreatmentContext& context,
                      const app::SignInAsker& ask) {
    std::string message = "Sign in to " + ref.centre + " to review session " + ref.key + ".";
    std::string user = knownCentreUser(o.user);
    for (;;) {
        const std::optional<app::SignInCredentials> given = ask(context.head, *context.surface, message, user);
        if (!given) {
            std::cerr << "pinpoint review: not signed in to " << ref.centre << "\n";
            return false;
        }
        bool unauthorised = false;
        if (fetchFromCentre(o, ref, CentreLogin{given->login, given->password}, &unauthorised) == kExitOk) return true;
        if (!unauthorised) return false;  // refused for another reason, or away: said on stderr
        message = "Wrong login or password for " + ref.centre + ". Try again.";
        user = given->login;
    }
}

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
    cmd->add_option("session", o->app.sessionPath,
                    "Session file (*.pps), a centre's link pinpoint://review/KEY?centre=URL, or with --centre a session key")
        ->required();
    cmd->add_option("--centre", o->centre, "Open the session KEY from this training centre (its URL)");
    cmd->add_option("--user", o->user, "Your login at the centre (default: $PINPOINT_CENTRE_USER, else asked)");
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
        // From a centre: signed in before the window opens when the login and password are known or a
        // terminal can ask; else in the window, once the head is loaded.
        std::optional<CentreSessionRef> ref;
        bool fetched = false;
        if (!o->centre.empty() || isReviewLink(o->app.sessionPath)) {
            ref = centreSessionRef(*o);
            if (!ref) return kExitBadInput;
            if (const std::optional<CentreLogin> login = centreLogin(o->user, "pinpoint review", true)) {
                if (const int code = fetchFromCentre(*o, *ref, *login, nullptr); code != kExitOk) return code;
                fetched = true;
            }
        }
        auto data = std::make_shared<ReviewData>();
        const app::ReviewLoader load = [&](const app::SignInAsker& ask) -> std::optional<app::ReviewInputs> {
            const std::optional<core::TrustedRecorders> trusted = loadTrustedRecordersOrReport(o->choice.trustedKeys);
            if (!trusted) return std::nullopt;
            data->context = loadTreatmentContext(o->head);
            if (!data->context) return std::nullopt;
            if (ref && !fetched && !signInFromWindow(*o, *ref, *data->context, ask)) return std::nullopt;
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
