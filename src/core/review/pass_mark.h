#pragma once
// Setting a scenario's pass mark by contrasting groups (Livingston & Zieky 1982; Downing & Yudkowsky,
// "Assessment in Health Professions Education", 2009, ch. 6): an instructor marks sessions as done by
// experts or by novices; the mark is the score where the two groups' score distributions cross.
//
// Method: each group's scores are fitted with a normal distribution (mean, sample standard deviation,
// each density with area 1, so a group's size does not move the mark); the mark is where the two
// densities are equal, between the two means. The false pass and false fail rates are counted from the
// sessions themselves, not from the fitted curves.
#include <string>
#include <vector>

namespace pinpoint::core {

// Fewer sessions than this in either group and no mark is set: a standard deviation from two or three
// sessions is too unsteady to place a mark on.
inline constexpr int kMinSessionsPerGroup = 5;

enum class PassMarkStatus {
    Set,               // `passMark` holds the crossing
    TooFewSessions,    // a group has fewer than kMinSessionsPerGroup sessions
    NoSpread,          // a group's scores are all the same: no normal curve can be fitted to it
    ExpertsNotBetter,  // the experts' mean is not above the novices': the groups do not contrast
    NoCrossing,        // the fitted curves do not cross between the means (one group far wider than the other)
    InvalidScore,      // a score is not a finite number
};
const char* passMarkStatusName(PassMarkStatus status);  // "set", "too_few_sessions", ...

struct GroupSummary {
    int sessions = 0;
    double mean = 0.0;
    double standardDeviation = 0.0;  // sample (n - 1); 0 with fewer than 2 sessions
};

struct ContrastingGroups {
    PassMarkStatus status = PassMarkStatus::TooFewSessions;
    std::string reason;  // for people; empty when set
    GroupSummary experts;
    GroupSummary novices;
    double passMark = 0.0;       // only when Set
    double falsePassRate = 0.0;  // only when Set: share of novices scoring at or above the mark
    double falseFailRate = 0.0;  // only when Set: share of experts scoring below the mark
};

// The pass mark from the scores (0-100) of sessions marked expert and novice.
ContrastingGroups contrastingGroupsPassMark(const std::vector<double>& expertScores,
                                            const std::vector<double>& noviceScores);

// The false pass and false fail rates of any mark (what a dashboard shows as the mark is moved):
// novices at or above it, experts below it. 0 for an empty group.
double falsePassRate(const std::vector<double>& noviceScores, double mark);
double falseFailRate(const std::vector<double>& expertScores, double mark);

}  // namespace pinpoint::core
