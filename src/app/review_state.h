#pragma once
// Inside the assessor's review window (not a public header): what it holds while open, and its panels
// (review_panels.cpp), which runReview (review_app.cpp) lays out each frame.
#include "app/review_app.h"
#include "app/review_close.h"
#include "app/test_hooks.h"
#include "core/review/review_file.h"
#include "core/review/session_timeline.h"
#include "core/scoring/scoring_engine.h"
#include "render/scene.h"

#include <imgui.h>

#include <array>
#include <future>
#include <string>

namespace pinpoint::app::review {

constexpr float kScorePanelWidth = 360.0f;
constexpr float kAssessorPanelWidth = 440.0f;
constexpr float kTimelineHeight = 142.0f;
constexpr std::array<double, 7> kSpeeds{0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0};
constexpr std::array<const char*, 7> kSpeedLabels{"0.25x", "0.5x", "1x", "2x", "4x", "8x", "16x"};
constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings;

struct ReviewState {
    const ReviewOptions* options = nullptr;
    ReviewInputs in;
    TestHooks hooks{false};
    std::string reviewPath;
    core::Review review;
    core::ScoreResult score;
    core::SessionTimeline timeline;
    double duration = 0.0;
    double t = 0.0;
    bool playing = false;
    int speed = 2;  // index into kSpeeds
    std::string assessor;
    char commentText[512] = {};
    char assessorName[128] = {};
    SignOffChoice signOff = SignOffChoice::None;
    int commentItem = 0;  // 0: no rating item, else 1 + index into the rating items
    std::string message;
    render::Overlay overlay = render::Overlay::Density;
    bool quit = false;
    ReviewCloseGuard closeGuard;  // asks before unsaved ratings, comments or sign-off are lost
    std::future<ReviewSent> sending;  // the review on its way to the centre
    std::string centreStatus;         // what the last send said
};

// Takes the answer of a send that has finished: shown in the window and told to the test hooks.
void collectSend(ReviewState& s, bool wait);
// What the assessor has entered, for the close guard.
AssessorEntries entries(const ReviewState& s);
// The window's close button or Close: closes at once when everything is saved, else asks.
void requestClose(ReviewState& s);
// Moves the replay to `t` seconds (clamped to the session).
void seek(ReviewState& s, double t);
// The timeline along the bottom: play, speed, the markers, the slider.
void drawTimeline(ReviewState& s);
// The score report on the left, as `pinpoint score` gives it.
void drawScorePanel(ReviewState& s);
// The assessor's ratings, comments and sign-off on the right, with Save and Send.
void drawAssessorPanel(ReviewState& s);
// The question asked before unsaved work is lost (close_question.h).
void drawCloseQuestion(ReviewState& s);

}  // namespace pinpoint::app::review
