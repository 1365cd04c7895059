#pragma once
// What a session says the trainee did besides moving the tool: questions asked at intake, decisions
// with their plan, protocol steps. Read from the session's events (docs/session-format.md).
#include "core/scoring/scenario.h"
#include "core/session/session.h"

#include <optional>
#include <string>
#include <vector>

namespace pinpoint::core {

struct QuestionAsked {
    double t = 0.0;
    std::string id;
};

struct DecisionMade {
    double t = 0.0;
    std::optional<Decision> decision;       // nullopt: a name this reader does not know
    std::string name;
    std::vector<std::string> actions;       // e.g. "physician_clearance"
    std::vector<std::string> avoidZones;
    std::optional<double> depthCapMm;
};

struct StepDone {
    double t = 0.0;
    std::string step;
};

// The aftercare advice the trainee gave (an `aftercare` event): ids of the rubric's [[aftercare.advice]];
// or what the trainee told the patient with the decision (a `counsel` event): ids of the scenario's
// [[counsel]].
struct AftercareGiven {
    double t = 0.0;
    std::vector<std::string> advice;
};

struct SessionFacts {
    std::vector<QuestionAsked> questions;
    std::vector<DecisionMade> decisions;
    std::vector<StepDone> steps;
    std::optional<AftercareGiven> aftercare;  // the last aftercare event; none in sessions from before it
    std::optional<AftercareGiven> counsel;    // the last counsel event
    std::vector<ToolEvent> tools;             // every tool set-up, in time order
    double endTime = 0.0;
};

SessionFacts sessionFacts(const Session& session);

// The event lines for these facts, as a recorder writes them.
SessionEvent questionEvent(double t, const std::string& id);
SessionEvent decisionEvent(double t, Decision decision, const RequiredPlan& plan);
SessionEvent aftercareEvent(double t, const std::vector<std::string>& advice);
SessionEvent counselEvent(double t, const std::vector<std::string>& counsel);

}  // namespace pinpoint::core
