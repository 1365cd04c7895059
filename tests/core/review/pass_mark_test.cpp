// Contrasting groups: the pass mark where the expert and novice score curves cross, and the rates of
// wrong verdicts it gives.
#include "core/review/pass_mark.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace pinpoint::core;

TEST_CASE("equal spreads cross half way between the means") {
    // Experts 80 +/- sd, novices 60 +/- the same sd: the normal curves cross at 70.
    const std::vector<double> experts = {75, 78, 80, 82, 85};
    const std::vector<double> novices = {55, 58, 60, 62, 65};
    const ContrastingGroups g = contrastingGroupsPassMark(experts, novices);
    REQUIRE(g.status == PassMarkStatus::Set);
    CHECK(g.reason.empty());
    CHECK(g.experts.mean == doctest::Approx(80.0));
    CHECK(g.novices.mean == doctest::Approx(60.0));
    CHECK(g.experts.standardDeviation == doctest::Approx(std::sqrt(58.0 / 4.0)));
    CHECK(g.passMark == doctest::Approx(70.0));
    CHECK(g.falsePassRate == 0.0);
    CHECK(g.falseFailRate == 0.0);
}

TEST_CASE("unequal spreads: the crossing moves towards the tighter group, and the error rates are counted") {
    // Experts tight around 85 (sd 2.5), novices wide around 60 (sd 10): the densities are equal where
    // (x - 85)^2 / 2.5^2 - (x - 60)^2 / 10^2 = 2 ln(10 / 2.5); times 100: 16 (x - 85)^2 - (x - 60)^2 = 200 ln 4,
    // i.e. 15 x^2 - 2600 x + 112000 - 200 ln 4 = 0, whose root between the means is x = 78.73...
    const double spread = 2.5 * std::sqrt(2.0);
    const std::vector<double> expertsFive = {85 - spread, 85, 85, 85, 85 + spread};  // sd 2.5
    const std::vector<double> novices = {60 - 10 * std::sqrt(2.0), 60, 60, 60, 60 + 10 * std::sqrt(2.0)};  // sd 10
    const ContrastingGroups g = contrastingGroupsPassMark(expertsFive, novices);
    REQUIRE(g.status == PassMarkStatus::Set);
    CHECK(g.experts.standardDeviation == doctest::Approx(2.5));
    CHECK(g.novices.standardDeviation == doctest::Approx(10.0));
    const double a = 15.0, b = -2600.0, c = 112000.0 - 200.0 * std::log(4.0);
    const double expected = (-b - std::sqrt(b * b - 4 * a * c)) / (2 * a);
    CHECK(g.passMark == doctest::Approx(expected).epsilon(1e-9));
    CHECK(g.passMark == doctest::Approx(78.73).epsilon(1e-4));
    CHECK(g.passMark > 72.5);  // nearer the experts than the midpoint
    CHECK(g.passMark < 85.0);
    // Novices: 74.14 is below the mark; experts: 81.46 is above it, so neither rate is hit...
    CHECK(g.falsePassRate == 0.0);
    CHECK(g.falseFailRate == 0.0);
    // ...and a mark moved to 82 fails one expert in five and passes no novice.
    CHECK(falseFailRate(expertsFive, 82.0) == doctest::Approx(0.2));
    CHECK(falsePassRate(novices, 74.0) == doctest::Approx(0.2));
    CHECK(falsePassRate(novices, 74.14213562373095) == doctest::Approx(0.2));  // at the mark counts as passing
}

TEST_CASE("overlapping groups give honest error rates") {
    const std::vector<double> experts = {60, 70, 75, 80, 90, 95};
    const std::vector<double> novices = {40, 50, 55, 65, 72, 78};
    const ContrastingGroups g = contrastingGroupsPassMark(experts, novices);
    REQUIRE(g.status == PassMarkStatus::Set);
    CHECK(g.passMark > g.novices.mean);
    CHECK(g.passMark < g.experts.mean);
    CHECK(g.falsePassRate == doctest::Approx(falsePassRate(novices, g.passMark)));
    CHECK(g.falseFailRate == doctest::Approx(falseFailRate(experts, g.passMark)));
    CHECK(g.falsePassRate > 0.0);
    CHECK(g.falseFailRate > 0.0);
}

TEST_CASE("degenerate groups give a status and a reason, never NaN") {
    const std::vector<double> five = {70, 75, 80, 85, 90};
    const ContrastingGroups few = contrastingGroupsPassMark(five, {50, 60});
    CHECK(few.status == PassMarkStatus::TooFewSessions);
    CHECK(few.reason.find("novices 2") != std::string::npos);
    CHECK(few.novices.mean == doctest::Approx(55.0));

    const ContrastingGroups none = contrastingGroupsPassMark({}, {});
    CHECK(none.status == PassMarkStatus::TooFewSessions);
    CHECK(none.experts.mean == 0.0);
    CHECK(none.experts.standardDeviation == 0.0);

    const ContrastingGroups flat = contrastingGroupsPassMark({90, 90, 90, 90, 90}, {50, 55, 60, 65, 70});
    CHECK(flat.status == PassMarkStatus::NoSpread);
    CHECK(flat.reason.find("expert") != std::string::npos);
    CHECK(flat.passMark == 0.0);

    const ContrastingGroups reversed = contrastingGroupsPassMark({50, 55, 60, 65, 70}, five);
    CHECK(reversed.status == PassMarkStatus::ExpertsNotBetter);

    // Novices spread over the whole range (sd 39.5), experts close together (sd 4) one point above their
    // mean: the expert curve is above the novice curve everywhere between the two means.
    const ContrastingGroups wide = contrastingGroupsPassMark({46, 48.5, 51, 53.5, 56}, {0, 25, 50, 75, 100});
    CHECK(wide.status == PassMarkStatus::NoCrossing);
    CHECK_FALSE(wide.reason.empty());
    CHECK(std::string(passMarkStatusName(wide.status)) == "no_crossing");

    const ContrastingGroups notANumber = contrastingGroupsPassMark({70, 75, 80, 85, NAN}, five);
    CHECK(notANumber.status == PassMarkStatus::InvalidScore);
    CHECK_FALSE(std::isnan(notANumber.passMark));
}
