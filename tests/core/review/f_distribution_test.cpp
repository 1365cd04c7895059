// The incomplete beta function and F quantiles behind the ICC's confidence interval, against closed
// forms and published tables.
#include "core/review/f_distribution.h"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

using namespace pinpoint::core;

TEST_CASE("the incomplete beta function matches its closed forms") {
    // I_x(1, b) = 1 - (1 - x)^b and I_x(a, 1) = x^a.
    CHECK(regularizedIncompleteBeta(0.3, 1.0, 4.5) == doctest::Approx(1.0 - std::pow(0.7, 4.5)).epsilon(1e-12));
    CHECK(regularizedIncompleteBeta(0.8, 3.5, 1.0) == doctest::Approx(std::pow(0.8, 3.5)).epsilon(1e-12));
    // Symmetry: I_{1/2}(a, a) = 1/2, on both sides of the continued fraction's switch-over.
    CHECK(regularizedIncompleteBeta(0.5, 7.25, 7.25) == doctest::Approx(0.5).epsilon(1e-12));
    // Whole a and b: I_x(a, b) = P(Binomial(a + b - 1, x) >= a). For a = 2, b = 3, x = 0.3:
    // 1 - 0.7^4 - 4 (0.3)(0.7^3) = 0.3483.
    CHECK(regularizedIncompleteBeta(0.3, 2.0, 3.0) == doctest::Approx(0.3483).epsilon(1e-12));
    CHECK(regularizedIncompleteBeta(0.0, 2.0, 3.0) == 0.0);
    CHECK(regularizedIncompleteBeta(1.0, 2.0, 3.0) == 1.0);
    // Large parameters do not overflow: I_{1/2}(500, 500) = 1/2.
    CHECK(regularizedIncompleteBeta(0.5, 500.0, 500.0) == doctest::Approx(0.5).epsilon(1e-9));
}

TEST_CASE("F quantiles match the published tables") {
    // NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.2, "Critical Values of the F
    // Distribution" (upper 5% and 1% points, three decimals).
    CHECK(fQuantile(0.95, 5, 10) == doctest::Approx(3.326).epsilon(2e-4));
    CHECK(fQuantile(0.95, 1, 1) == doctest::Approx(161.448).epsilon(1e-5));
    CHECK(fQuantile(0.95, 10, 20) == doctest::Approx(2.348).epsilon(2e-4));
    CHECK(fQuantile(0.95, 1, 10) == doctest::Approx(4.965).epsilon(2e-4));
    CHECK(fQuantile(0.99, 10, 20) == doctest::Approx(3.368).epsilon(2e-4));
    CHECK(fQuantile(0.99, 1, 10) == doctest::Approx(10.044).epsilon(1e-4));
    // Upper 2.5% points, the ones a 95% interval uses, as printed in the usual F tables (e.g. Snedecor &
    // Cochran, Statistical Methods, 8th ed., appendix): F(5, 15) = 3.58, F(4, 10) = 4.47.
    CHECK(fQuantile(0.975, 5, 15) == doctest::Approx(3.576).epsilon(3e-4));
    CHECK(fQuantile(0.975, 4, 10) == doctest::Approx(4.468).epsilon(3e-4));
}

TEST_CASE("F quantiles with fractional degrees of freedom invert the cumulative distribution") {
    // With d1 = 2 the distribution has a closed form, P(F <= f) = 1 - (1 + 2 f / d2)^(-d2 / 2), so its
    // quantile is d2 / 2 ((1 - p)^(-2 / d2) - 1) for any d2, whole or not.
    for (double d2 : {1.0, 3.7, 7.3, 40.5}) {
        for (double p : {0.025, 0.5, 0.975}) {
            const double expected = d2 / 2.0 * (std::pow(1.0 - p, -2.0 / d2) - 1.0);
            CHECK(fQuantile(p, 2.0, d2) == doctest::Approx(expected).epsilon(1e-9));
        }
    }
    // And the round trip for an awkward pair, as the McGraw & Wong interval needs.
    const double f = fQuantile(0.975, 5.0, 6.83);
    CHECK(fCumulative(f, 5.0, 6.83) == doctest::Approx(0.975).epsilon(1e-10));
    CHECK(fCumulative(0.0, 5.0, 6.83) == 0.0);
}
