#pragma once
// The assessor's review window (`pinpoint review SESSION`): the recorded session replayed on the head
// (density and tool at any moment, through core::ReplayIndex), a timeline with play, pause, speeds and
// event markers, the score re-derived from the file with its signature status, and an assessor panel
// (global ratings 1-5, comments pinned to moments, pass/fail sign-off) saved to NAME.review.json next
// to the session. The session file is only ever read.
#include "core/coverage/density_field.h"
#include "core/face/skin_tones.h"
#include "core/face/head.h"
#include "core/review/rating_scale.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/session/session.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::app {

// What sending a saved review on (to the training centre) gave, for the window to show.
struct ReviewSent {
    bool sent = false;
    std::string message;
};

struct ReviewOptions {
    std::string sessionPath;
    std::string reviewPath;  // empty: reviewPathFor(sessionPath)
    std::string assessor;    // default assessor name (a loaded review's name wins)
    int width = 1280, height = 720;
    bool testHooks = false;
    std::string gpu;  // a Vulkan device whose name contains this; empty: the best that can present
    // When set (a session from the centre), called after each save with the review file's path, off the
    // window's thread; what it says is shown under Save.
    std::function<ReviewSent(const std::string& reviewPath)> sendReview;
    std::string source;  // where the session came from, shown in the window ("" for a local file)
};

// What the review needs, loaded after the window opened. Pointers stay valid for the whole run.
struct ReviewInputs {
    const core::Head* head = nullptr;
    const core::ToolCatalogue* tools = nullptr;
    const core::Rubric* rubric = nullptr;
    const core::TreatmentSurface* surface = nullptr;
    const core::DensityField* density = nullptr;
    const core::Scenario* scenario = nullptr;
    const core::Session* session = nullptr;
    const core::SkinTones* skinTones = nullptr;  // the patient's skin by Fitzpatrick type
    const core::RatingScale* ratings = nullptr;  // the assessor's rating items (assets/rating_items.toml)
    std::string signatureStatus;  // e.g. "signed and intact"
    bool signatureIntact = false;
    bool certifiable = false;                  // the verdict on the evidence (core/scoring/evidence.h)
    std::vector<std::string> evidenceReasons;  // why not, when not
};
// Asks for a login and password in the window, over `head` (the dialog of app/review_sign_in.h):
// nullopt when the assessor cancels. `message` says where to and, after a refusal, why.
struct SignInCredentials {
    std::string login;
    std::string password;
};
using SignInAsker = std::function<std::optional<SignInCredentials>(
    const core::Head& head, const core::TreatmentSurface& surface, const std::string& message, const std::string& login)>;
// Loads what the review needs once the window is open; may ask for a sign-in on the way.
using ReviewLoader = std::function<std::optional<ReviewInputs>(const SignInAsker& askSignIn)>;

// Exit codes: 0 closed; 2 no display or bad input (already reported).
int runReview(const ReviewOptions& options, const ReviewLoader& load);

}  // namespace pinpoint::app
