#include "core/review/agreement.h"

#include "core/review/f_distribution.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace pinpoint::core {

namespace {

IccResult iccNotComputed(IccResult r, std::string reason) {
    const int subjects = r.subjects, raters = r.raters, dropped = r.incompleteRowsDropped;
    r = IccResult{};
    r.subjects = subjects;
    r.raters = raters;
    r.incompleteRowsDropped = dropped;
    r.reason = std::move(reason);
    return r;
}

// Sums of squares this small next to the ratings' own size are rounding, not spread.
bool negligible(double sumOfSquares, double scale) {
    return sumOfSquares <= 1e-20 * std::max(1.0, scale * scale);
}

// The complete rows of `ratings` (listwise deletion, counted in `r`), or nullopt with `r` saying why
// there are too few to compute an ICC from.
std::optional<std::vector<std::vector<double>>> completeRows(const RatingTable& ratings, IccResult& r) {
    r.raters = ratings.empty() ? 0 : static_cast<int>(ratings.front().size());
    std::vector<std::vector<double>> table;
    for (const auto& row : ratings) {
        if (static_cast<int>(row.size()) != r.raters)
            return r = iccNotComputed(r, "every session needs a column for each assessor (the rows differ in length)"),
                   std::nullopt;
        if (std::any_of(row.begin(), row.end(),
                        [](const std::optional<double>& v) { return !v || !std::isfinite(*v); })) {
            ++r.incompleteRowsDropped;
            continue;
        }
        std::vector<double>& values = table.emplace_back();
        for (const auto& v : row) values.push_back(*v);
    }
    r.subjects = static_cast<int>(table.size());
    if (r.raters < 2) return r = iccNotComputed(r, "agreement needs at least 2 assessors"), std::nullopt;
    if (r.subjects < 2)
        return r = iccNotComputed(r, "agreement needs at least 2 sessions that every assessor rated"), std::nullopt;
    return table;
}

// The grand, session (row) and assessor (column) means of a complete table, and its largest magnitude.
struct Means {
    double grand = 0.0, largest = 0.0;
    std::vector<double> rows, columns;
};
Means meansOf(const std::vector<std::vector<double>>& table, int n, int k) {
    Means m{0.0, 0.0, std::vector<double>(n, 0.0), std::vector<double>(k, 0.0)};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < k; ++j) {
            const double v = table[i][j];
            m.grand += v;
            m.rows[i] += v / k;
            m.columns[j] += v / n;
            m.largest = std::max(m.largest, std::fabs(v));
        }
    m.grand /= n * k;
    return m;
}

}  // namespace

IccResult iccAbsoluteAgreement(const RatingTable& ratings) {
    IccResult r;
    const std::optional<std::vector<std::vector<double>>> complete = completeRows(ratings, r);
    if (!complete) return r;
    const std::vector<std::vector<double>>& table = *complete;
    const int n = r.subjects, k = r.raters;

    const Means m = meansOf(table, n, k);
    const double grand = m.grand, largest = m.largest;
    const std::vector<double>& rowMean = m.rows;
    const std::vector<double>& columnMean = m.columns;
    double ssRows = 0.0, ssColumns = 0.0, ssError = 0.0;
    for (int i = 0; i < n; ++i) ssRows += k * (rowMean[i] - grand) * (rowMean[i] - grand);
    for (int j = 0; j < k; ++j) ssColumns += n * (columnMean[j] - grand) * (columnMean[j] - grand);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < k; ++j) {
            const double e = table[i][j] - rowMean[i] - columnMean[j] + grand;
            ssError += e * e;
        }
    if (negligible(ssRows + ssColumns + ssError, largest))
        return iccNotComputed(r, "every rating is the same, so agreement cannot be told apart from chance");
    if (negligible(ssColumns, largest)) ssColumns = 0.0;
    if (negligible(ssError, largest)) ssError = 0.0;

    const double msr = ssRows / (n - 1), msc = ssColumns / (k - 1), mse = ssError / ((n - 1.0) * (k - 1.0));
    r.msRows = msr;
    r.msColumns = msc;
    r.msError = mse;
    // Shrout & Fleiss (1979), equation for ICC(2,1).
    const double icc = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n);
    r.icc = icc;
    r.computed = true;
    if (mse == 0.0 && msc == 0.0) {  // the assessors agree exactly on every session
        r.lower95 = r.upper95 = 1.0;
        return r;
    }
    // McGraw & Wong (1996), Table 7, case 2A (absolute agreement, single rater): an approximate F
    // interval with Satterthwaite's degrees of freedom v for the mixture of assessor and residual variance.
    const double a = k * icc / (n * (1.0 - icc));
    const double b = 1.0 + k * icc * (n - 1) / (n * (1.0 - icc));
    const double mix = a * msc + b * mse;
    const double spread = (a * msc) * (a * msc) / (k - 1) + (b * mse) * (b * mse) / ((n - 1.0) * (k - 1.0));
    // No mixture to estimate (e.g. ICC 0 with no residual): the bounds below no longer depend on v.
    const double v = spread > 0.0 && mix > 0.0 ? mix * mix / spread : (n - 1.0) * (k - 1.0);
    const double fLower = fQuantile(0.975, n - 1.0, v);
    const double fUpper = fQuantile(0.975, v, n - 1.0);
    const double common = k * msc + (k * n - k - n) * mse;
    r.lower95 = n * (msr - fLower * mse) / (fLower * common + n * msr);
    r.upper95 = n * (fUpper * msr - mse) / (common + n * fUpper * msr);
    return r;
}

IccResult iccOneWay(const RatingTable& ratings) {
    IccResult r;
    const std::optional<std::vector<std::vector<double>>> complete = completeRows(ratings, r);
    if (!complete) return r;
    const std::vector<std::vector<double>>& table = *complete;
    const int n = r.subjects, k = r.raters;
    const Means m = meansOf(table, n, k);
    const double grand = m.grand, largest = m.largest;
    const std::vector<double>& rowMean = m.rows;
    double ssRows = 0.0, ssWithin = 0.0;
    for (int i = 0; i < n; ++i) {
        ssRows += k * (rowMean[i] - grand) * (rowMean[i] - grand);
        for (int j = 0; j < k; ++j) ssWithin += (table[i][j] - rowMean[i]) * (table[i][j] - rowMean[i]);
    }
    if (negligible(ssRows + ssWithin, largest))
        return iccNotComputed(r, "every rating is the same, so agreement cannot be told apart from chance");
    if (negligible(ssWithin, largest)) ssWithin = 0.0;
    const double msr = ssRows / (n - 1), msw = ssWithin / (n * (k - 1.0));
    r.msRows = msr;
    r.msError = msw;
    // Shrout & Fleiss (1979), ICC(1,1).
    r.icc = (msr - msw) / (msr + (k - 1) * msw);
    r.computed = true;
    if (msw == 0.0) {  // every session's assessors gave it the same mark
        r.lower95 = r.upper95 = 1.0;
        return r;
    }
    // Shrout & Fleiss (1979), the interval for ICC(1,1): F = MSR / MSW on (n - 1, n(k - 1)) degrees of freedom.
    const double f = msr / msw;
    const double fLow = f / fQuantile(0.975, n - 1.0, n * (k - 1.0));
    const double fHigh = f * fQuantile(0.975, n * (k - 1.0), n - 1.0);
    r.lower95 = (fLow - 1.0) / (fLow + k - 1.0);
    r.upper95 = (fHigh - 1.0) / (fHigh + k - 1.0);
    return r;
}

// Fleiss, Cohen & Everitt (1969), the large-sample variance of kappa when it is not 0:
// [sum_i p_ii (1 - (p_i. + p_.i)(1 - k))^2 + (1 - k)^2 sum_{i!=j} p_ij (p_.i + p_j.)^2 - (k - p_e (1 - k))^2]
//   / (n (1 - p_e)^2)
static double kappaVariance(const std::vector<std::vector<int>>& counts, const std::vector<double>& rowShare,
                            const std::vector<double>& columnShare, double kappa, double pe, double n) {
    double diagonal = 0.0, offDiagonal = 0.0;
    for (std::size_t i = 0; i < counts.size(); ++i)
        for (std::size_t j = 0; j < counts.size(); ++j) {
            const double p = counts[i][j] / n;
            if (i == j) {
                const double t = 1.0 - (rowShare[i] + columnShare[i]) * (1.0 - kappa);
                diagonal += p * t * t;
            } else {
                const double t = columnShare[i] + rowShare[j];
                offDiagonal += p * t * t;
            }
        }
    const double last = kappa - pe * (1.0 - kappa);
    return (diagonal + (1.0 - kappa) * (1.0 - kappa) * offDiagonal - last * last) / (n * (1.0 - pe) * (1.0 - pe));
}

KappaResult cohensKappa(const std::vector<std::string>& first, const std::vector<std::string>& second) {
    KappaResult r;
    if (first.size() != second.size()) {
        r.reason = "the two assessors' judgements must be of the same sessions (the lists differ in length)";
        return r;
    }
    std::vector<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < first.size(); ++i) {
        if (first[i].empty() || second[i].empty())
            ++r.pairsDropped;
        else
            pairs.emplace_back(first[i], second[i]);
    }
    r.sessions = static_cast<int>(pairs.size());
    if (r.sessions < 2) {
        r.reason = "kappa needs at least 2 sessions judged by both assessors";
        return r;
    }
    for (const auto& [a, b] : pairs) {
        r.categories.push_back(a);
        r.categories.push_back(b);
    }
    std::sort(r.categories.begin(), r.categories.end());
    r.categories.erase(std::unique(r.categories.begin(), r.categories.end()), r.categories.end());
    const std::size_t c = r.categories.size();
    const auto index = [&](const std::string& s) {
        return static_cast<std::size_t>(std::lower_bound(r.categories.begin(), r.categories.end(), s) -
                                        r.categories.begin());
    };
    r.counts.assign(c, std::vector<int>(c, 0));
    for (const auto& [a, b] : pairs) ++r.counts[index(a)][index(b)];

    const double n = r.sessions;
    std::vector<double> rowShare(c, 0.0), columnShare(c, 0.0);
    for (std::size_t i = 0; i < c; ++i)
        for (std::size_t j = 0; j < c; ++j) {
            rowShare[i] += r.counts[i][j] / n;
            columnShare[j] += r.counts[i][j] / n;
        }
    double po = 0.0, pe = 0.0;
    for (std::size_t i = 0; i < c; ++i) {
        po += r.counts[i][i] / n;
        pe += rowShare[i] * columnShare[i];
    }
    r.observedAgreement = po;
    r.expectedAgreement = pe;
    if (pe >= 1.0 - 1e-12) {
        r.reason = "both assessors gave the same single judgement every time, so agreement beyond chance is undefined";
        return r;
    }
    // One assessor who gave one judgement every time makes kappa 0 whatever the other did (p_o = p_e),
    // and its standard error 0: a number that would read as "no better than chance, for certain".
    for (std::size_t i = 0; i < c; ++i)
        if (rowShare[i] >= 1.0 - 1e-12 || columnShare[i] >= 1.0 - 1e-12) {
            r.reason = std::string(rowShare[i] >= 1.0 - 1e-12 ? "the first" : "the second") + " assessor judged \"" +
                       r.categories[i] + "\" every time, so kappa is 0 whatever the other did and says nothing about agreement";
            return r;
        }
    const double kappa = (po - pe) / (1.0 - pe);
    const double variance = kappaVariance(r.counts, rowShare, columnShare, kappa, pe, n);
    r.computed = true;
    r.kappa = kappa;
    r.standardError = std::sqrt(std::max(0.0, variance));
    r.lower95 = std::max(-1.0, kappa - 1.96 * r.standardError);
    r.upper95 = std::min(1.0, kappa + 1.96 * r.standardError);
    return r;
}

}  // namespace pinpoint::core
