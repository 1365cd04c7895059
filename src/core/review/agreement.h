#pragma once
// Agreement between assessors (issue 13, "Assessment quality"): how far two or more assessors who rate
// the same sessions give the same marks. Pure arithmetic on tables the centre collects; no I/O.
//
// - Per rating item: ICC(2,1), the two-way random effects, absolute agreement, single rater intraclass
//   correlation (Shrout & Fleiss 1979, "ICC(2,1)"; McGraw & Wong 1996, "ICC(A,1)"), with the McGraw &
//   Wong 95% confidence interval.
// - Per rating item where the assessors change from session to session: ICC(1,1), the one-way model.
// - For the pass/fail sign-off (or any categories): Cohen's kappa (Cohen 1960) with the large-sample
//   standard error of Fleiss, Cohen & Everitt (1969).
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::core {

// One rating item: a row per session (the subject), a column per assessor (the rater); a missing
// rating is nullopt (a rating that is not a finite number counts as missing). Every row must have the
// same number of columns.
using RatingTable = std::vector<std::vector<std::optional<double>>>;

struct IccResult {
    bool computed = false;  // false: see `reason`, and every number below is 0
    std::string reason;     // why it could not be computed, for people
    int subjects = 0;       // sessions used: those every assessor rated
    int raters = 0;
    int incompleteRowsDropped = 0;  // sessions left out because an assessor had not rated them
    double icc = 0.0;
    double lower95 = 0.0;  // the McGraw & Wong interval (may reach below 0: the ICC's range is (-1, 1])
    double upper95 = 0.0;
    // The two-way ANOVA mean squares it is made from: between sessions, between assessors, residual.
    double msRows = 0.0, msColumns = 0.0, msError = 0.0;
};

// ICC(2,1) of one item. Missing ratings: a session is used only when every assessor rated it (listwise
// deletion; the count left out is reported), since the two-way model needs a complete table. Needs at
// least 2 complete sessions and 2 assessors, and some spread in the ratings; otherwise `computed` is
// false with the reason. When assessors agree exactly on every session (no residual and no assessor
// effect) the ICC is 1 and the interval is [1, 1].
IccResult iccAbsoluteAgreement(const RatingTable& ratings);

// ICC(1,1), the one-way random effects, single rater intraclass correlation (Shrout & Fleiss 1979,
// "ICC(1,1)"), with its F interval: for sessions each rated by k assessors who are not the same k for
// every session (the usual case at a centre, where pairs of assessors change), so that what is
// measured is how far any k assessors of the centre agree. The columns are then only "a first, a
// second ... assessor". Missing ratings, `msRows`, `reason` as for ICC(2,1); `msError` is the mean
// square within sessions and `msColumns` is 0. Never higher than ICC(2,1) of the same table when
// assessors differ systematically.
IccResult iccOneWay(const RatingTable& ratings);

// Two assessors' categorical judgements of the same sessions (e.g. "pass"/"fail"), in the same order.
struct KappaResult {
    bool computed = false;
    std::string reason;
    int sessions = 0;                // pairs used
    int pairsDropped = 0;            // pairs where either judgement was missing (empty string)
    double observedAgreement = 0.0;  // p_o: share of sessions where they agree
    double expectedAgreement = 0.0;  // p_e: agreement expected by chance from each assessor's own rates
    double kappa = 0.0;              // (p_o - p_e) / (1 - p_e)
    double standardError = 0.0;      // Fleiss, Cohen & Everitt (1969), for the interval (not the test of 0)
    double lower95 = 0.0;            // kappa -/+ 1.96 SE, clipped to [-1, 1]
    double upper95 = 0.0;
    std::vector<std::string> categories;   // sorted; rows and columns of `counts`
    std::vector<std::vector<int>> counts;  // counts[i][j]: first assessor said categories[i], second categories[j]
};

// Cohen's kappa. Pairs with a missing judgement (an empty string) on either side are left out. Needs at
// least 2 pairs; when chance agreement is already complete (both assessors gave one and the same
// category every time) kappa is undefined, and when one assessor gave one category every time it is 0
// by construction with no spread: in both cases `computed` is false with the reason.
KappaResult cohensKappa(const std::vector<std::string>& first, const std::vector<std::string>& second);

}  // namespace pinpoint::core
