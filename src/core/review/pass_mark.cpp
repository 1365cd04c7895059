#include "core/review/pass_mark.h"

#include <algorithm>
#include <cmath>

namespace pinpoint::core {

namespace {

GroupSummary summarise(const std::vector<double>& scores) {
    GroupSummary g;
    g.sessions = static_cast<int>(scores.size());
    if (scores.empty()) return g;
    for (double s : scores) g.mean += s / g.sessions;
    if (g.sessions < 2) return g;
    double squares = 0.0;
    for (double s : scores) squares += (s - g.mean) * (s - g.mean);
    g.standardDeviation = std::sqrt(squares / (g.sessions - 1));
    return g;
}

// log of the normal density, up to the constant both groups share.
double logDensity(double x, const GroupSummary& g) {
    const double z = (x - g.mean) / g.standardDeviation;
    return -std::log(g.standardDeviation) - 0.5 * z * z;
}

}  // namespace

const char* passMarkStatusName(PassMarkStatus status) {
    switch (status) {
    case PassMarkStatus::Set: return "set";
    case PassMarkStatus::TooFewSessions: return "too_few_sessions";
    case PassMarkStatus::NoSpread: return "no_spread";
    case PassMarkStatus::ExpertsNotBetter: return "experts_not_better";
    case PassMarkStatus::NoCrossing: return "no_crossing";
    case PassMarkStatus::InvalidScore: return "invalid_score";
    }
    return "unknown";
}

double falsePassRate(const std::vector<double>& noviceScores, double mark) {
    if (noviceScores.empty()) return 0.0;
    const auto passing = std::count_if(noviceScores.begin(), noviceScores.end(), [&](double s) { return s >= mark; });
    return static_cast<double>(passing) / static_cast<double>(noviceScores.size());
}

double falseFailRate(const std::vector<double>& expertScores, double mark) {
    if (expertScores.empty()) return 0.0;
    const auto failing = std::count_if(expertScores.begin(), expertScores.end(), [&](double s) { return s < mark; });
    return static_cast<double>(failing) / static_cast<double>(expertScores.size());
}

ContrastingGroups contrastingGroupsPassMark(const std::vector<double>& expertScores,
                                            const std::vector<double>& noviceScores) {
    ContrastingGroups r;
    r.experts = summarise(expertScores);
    r.novices = summarise(noviceScores);
    const auto fail = [&](PassMarkStatus status, std::string reason) {
        r.status = status;
        r.reason = std::move(reason);
        return r;
    };
    const auto finite = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [](double s) { return std::isfinite(s); });
    };
    if (!finite(expertScores) || !finite(noviceScores))
        return fail(PassMarkStatus::InvalidScore, "a score is not a finite number");
    if (r.experts.sessions < kMinSessionsPerGroup || r.novices.sessions < kMinSessionsPerGroup)
        return fail(PassMarkStatus::TooFewSessions,
                    "each group needs at least " + std::to_string(kMinSessionsPerGroup) + " sessions (experts " +
                        std::to_string(r.experts.sessions) + ", novices " + std::to_string(r.novices.sessions) + ")");
    constexpr double kNoSpread = 1e-9;  // points: scores are reported to 0.01
    if (r.experts.standardDeviation < kNoSpread || r.novices.standardDeviation < kNoSpread)
        return fail(PassMarkStatus::NoSpread, std::string("every ") +
                                                  (r.experts.standardDeviation < kNoSpread ? "expert" : "novice") +
                                                  " session has the same score, so no distribution can be fitted");
    if (r.experts.mean <= r.novices.mean)
        return fail(PassMarkStatus::ExpertsNotBetter, "the experts' mean score is not above the novices'");

    // Equal log densities: a quadratic A x^2 + B x + C = 0 (linear when the spreads are equal).
    const GroupSummary& e = r.experts;
    const GroupSummary& v = r.novices;
    const double pe = 1.0 / (e.standardDeviation * e.standardDeviation),
                 pv = 1.0 / (v.standardDeviation * v.standardDeviation);
    const double A = 0.5 * (pv - pe);
    const double B = e.mean * pe - v.mean * pv;
    const double C =
        0.5 * (v.mean * v.mean * pv - e.mean * e.mean * pe) + std::log(v.standardDeviation / e.standardDeviation);
    std::vector<double> roots;
    if (std::fabs(A) < 1e-12 * (pe + pv)) {
        roots.push_back(-C / B);
    } else {
        const double discriminant = B * B - 4.0 * A * C;
        if (discriminant >= 0.0) {
            // The stable form of the two roots (no cancellation when B dominates).
            const double q = -0.5 * (B + std::copysign(std::sqrt(discriminant), B));
            roots.push_back(q / A);
            if (q != 0.0) roots.push_back(C / q);
        }
    }
    for (double x : roots) {
        if (x < v.mean || x > e.mean) continue;
        // A root of the quadratic is a crossing only where the densities really are equal (guards rounding).
        if (std::fabs(logDensity(x, e) - logDensity(x, v)) > 1e-6) continue;
        r.status = PassMarkStatus::Set;
        r.passMark = x;
        r.falsePassRate = falsePassRate(noviceScores, x);
        r.falseFailRate = falseFailRate(expertScores, x);
        return r;
    }
    return fail(
        PassMarkStatus::NoCrossing,
        "the fitted score curves do not cross between the two means (one group is far more spread out than the other)");
}

}  // namespace pinpoint::core
