#pragma once
// The pieces of scoreSession (scoring_engine.h): safety gates, the decision, and one function per
// component. Each component returns 0-100 and records a Deduction for every point it takes away.
#include "core/scoring/scoring_engine.h"

#include <algorithm>
#include <string>
#include <vector>

namespace pinpoint::core {

struct ScoringContext {
    const Scenario& scenario;
    const Rubric& rubric;
    const Head& head;
    const SimulationOutput& sim;
    const SessionFacts& facts;
    ScoreResult& result;
};

void checkSafetyGates(ScoringContext& c);      // where the needles went: areas, lesions, depth, tools
DecisionOutcome judgeDecision(ScoringContext& c);
void checkDecisionGates(ScoringContext& c);    // after judgeDecision: own refusal, screening, safety steps
AftercareOutcome judgeAftercare(ScoringContext& c);  // the advice given; harmful advice is a critical error
AftercareOutcome judgeCounsel(ScoringContext& c);    // what was told with the decision ([[counsel]]); the same
double contraindicationsScore(ScoringContext& c);
double coverageScore(ScoringContext& c);
double overlapScore(ScoringContext& c);
double depthScore(ScoringContext& c);
double techniqueScore(ScoringContext& c);
double protocolScore(ScoringContext& c);

double roundScore(double score);  // to 0.01, clamped to 0-100

inline bool contains(const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// Records points taken from a component with their reason (amounts too small to show are dropped).
inline void deduct(ScoringContext& c, const char* component, double points, std::string reason) {
    if (points >= 0.005) c.result.deductions.push_back({component, points, std::move(reason)});
}

}  // namespace pinpoint::core
