#pragma once
// The pieces of scoreSession (scoring_engine.h): safety gates, the decision, and one function per
// component. Each component returns 0-100 and records a Deduction for every point it takes away.
#include "core/scoring/scoring_engine.h"

namespace pinpoint::core {

struct ScoringContext {
    const Scenario& scenario;
    const Head& head;
    const SimulationOutput& sim;
    const SessionFacts& facts;
    ScoreResult& result;
};

void checkSafetyGates(ScoringContext& c);
DecisionOutcome judgeDecision(ScoringContext& c);
double contraindicationsScore(ScoringContext& c);
double coverageScore(ScoringContext& c);
double overlapScore(ScoringContext& c);
double depthScore(ScoringContext& c);
double techniqueScore(ScoringContext& c);
double protocolScore(ScoringContext& c);

double roundScore(double score);  // to 0.01, clamped to 0-100

}  // namespace pinpoint::core
