#pragma once
// What happened when in a session, for a timeline: when the needles were on the skin, punctures per
// second, and markers for intake questions, decisions, protocol steps, tool settings, the warnings the
// trainee was shown while needling, and critical errors.
#include "core/scoring/scoring_engine.h"
#include "core/session/session.h"
#include "core/sim/treatment_simulation.h"

#include <string>
#include <vector>

namespace pinpoint::core {

enum class MarkerKind { Question, Decision, Step, Tool, CriticalError, Comment, Warning };

struct TimelineMarker {
    double t = 0.0;
    MarkerKind kind = MarkerKind::Step;
    std::string label;
    double duration = 0.0;  // how long it lasted (a warning that was on a while); 0 for a moment
};

struct ContactSpan {
    double t0 = 0.0, t1 = 0.0;
};

struct SessionTimeline {
    double duration = 0.0;                  // the last event's time
    std::vector<ContactSpan> contact;       // tool on the skin
    double binSeconds = 1.0;
    std::vector<double> puncturesPerSecond; // per bin
    std::vector<TimelineMarker> markers;    // by time
};

// `score` (optional) adds its critical errors. Warnings come from the session's `warning` events. About `bins` bins of whole seconds cover the session.
SessionTimeline sessionTimeline(const Session& session, const SimulationOutput& simulation,
                                const ScoreResult* score = nullptr, int bins = 240);

// "question", "decision", "step", "tool", "critical_error", "comment", "warning"
const char* markerKindName(MarkerKind kind);

}  // namespace pinpoint::core
