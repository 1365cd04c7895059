#pragma once
// The ImGui screens. Each draws itself for one frame and acts on the buttons pressed.
#include "app/app_state.h"

namespace pinpoint::app {

inline constexpr float kSidePanelWidth = 430.0f;
inline constexpr float kTreatmentPanelWidth = 360.0f;

// A button whose centre the test hooks report as `button ID X Y`.
bool hookedButton(AppState& state, const char* label, const std::string& id, float width = 0.0f);
// A short label for a name like "cheek_left": "Cheek left".
std::string displayName(const std::string& name);
// `value` on the nearest multiple of `step`, to the micrometre (so 0.55 + 0.05 is written 0.6).
double roundToStep(double value, double step);

void drawStartScreen(AppState& state);       // pick a scenario
void drawIntakeScreen(AppState& state);      // patient card, history, questions
void drawDecisionScreen(AppState& state);    // proceed / modified / defer / decline
void drawProtocolScreen(AppState& state);    // checklist before treatment
void drawToolSetupScreen(AppState& state);   // pen or roller settings
void drawDebriefScreen(AppState& state);     // the score report
class TreatmentHand;
void drawTreatmentPanel(AppState& state, TreatmentHand& hand);
// Inside the treatment panel after the last needle: the advice to give the patient (the rubric's
// [aftercare] list, right and wrong mixed); giving it records the post-care step and the advice.
void drawAftercareSection(AppState& state);

// Starts the session for the chosen scenario (creates the file); false with state.error on failure.
bool startSession(AppState& state);
// The tool event for the current set-up.
core::ToolEvent toolEvent(const AppState& state, double t);
// Ends the session and scores the file as written.
void finishSession(AppState& state);

}  // namespace pinpoint::app
