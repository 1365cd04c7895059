#pragma once
// The F distribution's quantiles, for the confidence interval of an intraclass correlation
// (core/review/agreement.h). Degrees of freedom may be fractional: the McGraw & Wong interval uses a
// Satterthwaite-style denominator that is rarely a whole number.
namespace pinpoint::core {

// The regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1, by its continued
// fraction (evaluated with the modified Lentz method). Accurate to about 1e-12 relative.
double regularizedIncompleteBeta(double x, double a, double b);

// P(F <= f) for F with (d1, d2) degrees of freedom: I_{d1 f / (d1 f + d2)}(d1 / 2, d2 / 2).
double fCumulative(double f, double d1, double d2);

// The f with P(F <= f) = p, for 0 < p < 1 and d1, d2 > 0; found by bisection on the beta variable,
// so it always converges (to about 1e-12 in that variable).
double fQuantile(double p, double d1, double d2);

}  // namespace pinpoint::core
