#include "core/review/f_distribution.h"

#include <cassert>
#include <cmath>

namespace pinpoint::core {

namespace {

// The continued fraction for I_x(a, b) / (x^a (1-x)^b / (a B(a, b))), which converges quickly for
// x < (a + 1) / (a + b + 2); the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) covers the rest.
// Its terms: d_{2m+1} = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)), d_{2m} = m(b-m) x / ((a+2m-1)(a+2m)).
double betaContinuedFraction(double x, double a, double b) {
    constexpr double kTiny = 1e-300;
    constexpr double kEpsilon = 1e-15;
    constexpr int kMaxTerms = 10000;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kMaxTerms; ++m) {
        const double m2 = 2.0 * m;
        // The even step.
        double term = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + term * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + term / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        // The odd step.
        term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + term * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + term / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double step = d * c;
        h *= step;
        if (std::fabs(step - 1.0) < kEpsilon) break;
    }
    return h;
}

}  // namespace

double regularizedIncompleteBeta(double x, double a, double b) {
    assert(a > 0.0 && b > 0.0);
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    // x^a (1-x)^b / B(a, b), in logarithms so large degrees of freedom do not overflow.
    const double logFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(x, a, b) / a;
    return 1.0 - front * betaContinuedFraction(1.0 - x, b, a) / b;
}

double fCumulative(double f, double d1, double d2) {
    if (f <= 0.0) return 0.0;
    return regularizedIncompleteBeta(d1 * f / (d1 * f + d2), d1 / 2.0, d2 / 2.0);
}

double fQuantile(double p, double d1, double d2) {
    assert(p > 0.0 && p < 1.0 && d1 > 0.0 && d2 > 0.0);
    // I_y(d1/2, d2/2) rises from 0 to 1 as y goes from 0 to 1: bisect for y, then f = d2 y / (d1 (1 - y)).
    double low = 0.0, high = 1.0;
    for (int i = 0; i < 200 && high - low > 1e-15; ++i) {
        const double mid = 0.5 * (low + high);
        if (regularizedIncompleteBeta(mid, d1 / 2.0, d2 / 2.0) < p) low = mid;
        else high = mid;
    }
    const double y = 0.5 * (low + high);
    return d2 * y / (d1 * (1.0 - y));
}

}  // namespace pinpoint::core
