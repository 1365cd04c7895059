// Agreement between assessors: ICC(2,1) and Cohen's kappa against worked examples with known answers.
#include "core/review/agreement.h"

#include <doctest/doctest.h>

using namespace pinpoint::core;

namespace {

// Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability", Psychological
// Bulletin 86(2):420-428, Table 2: four judges rate six targets.
RatingTable shroutFleissTable2() {
    return {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};
}

}  // namespace

TEST_CASE("ICC(2,1) of Shrout and Fleiss's Table 2 is 0.29") {
    const IccResult r = iccAbsoluteAgreement(shroutFleissTable2());
    REQUIRE(r.computed);
    CHECK(r.subjects == 6);
    CHECK(r.raters == 4);
    CHECK(r.incompleteRowsDropped == 0);
    // Their Table 3: between-targets 11.24, between-judges 32.49, residual 1.02 mean squares.
    CHECK(r.msRows == doctest::Approx(11.24).epsilon(1e-3));
    CHECK(r.msColumns == doctest::Approx(32.49).epsilon(1e-3));
    CHECK(r.msError == doctest::Approx(1.02).epsilon(3e-3));
    CHECK(r.icc == doctest::Approx(0.29).epsilon(0.01));
    // The McGraw & Wong interval for these data, as the psych package for R prints it in its ICC() example
    // on the same table (Revelle, psych manual, "ICC"): 0.019 to 0.76 for ICC2.
    CHECK(r.lower95 == doctest::Approx(0.019).epsilon(0.05));
    CHECK(r.upper95 == doctest::Approx(0.76).epsilon(0.01));
    CHECK(r.lower95 < r.icc);
    CHECK(r.icc < r.upper95);
}

TEST_CASE("ICC(1,1) of Shrout and Fleiss's Table 2 is 0.17, for assessors who change between sessions") {
    const IccResult r = iccOneWay(shroutFleissTable2());
    REQUIRE(r.computed);
    CHECK(r.subjects == 6);
    CHECK(r.raters == 4);
    // Their Table 3: within-target mean square 6.26 (judges and residual pooled).
    CHECK(r.msRows == doctest::Approx(11.24).epsilon(1e-3));
    CHECK(r.msError == doctest::Approx(6.26).epsilon(2e-3));
    CHECK(r.msColumns == 0.0);
    CHECK(r.icc == doctest::Approx(0.17).epsilon(0.02));
    // psych's ICC() example on the same table: ICC1 0.17, F 1.8 on (5, 18), interval -0.133 to 0.72.
    CHECK(r.lower95 == doctest::Approx(-0.133).epsilon(0.02));
    CHECK(r.upper95 == doctest::Approx(0.72).epsilon(0.01));
    // The one-way model counts the judges' systematic differences as disagreement: lower than ICC(2,1).
    CHECK(r.icc < iccAbsoluteAgreement(shroutFleissTable2()).icc);
}

TEST_CASE("ICC(1,1) at the edges: the same mark within every session is 1 - too little to compute says why") {
    const IccResult same = iccOneWay({{1, 1}, {3, 3}, {5, 5}});
    REQUIRE(same.computed);
    CHECK(same.icc == 1.0);
    CHECK(same.lower95 == 1.0);
    CHECK(same.upper95 == 1.0);
    CHECK_FALSE(iccOneWay({{2, 2}, {2, 2}}).computed);
    CHECK_FALSE(iccOneWay({{1, 2}}).computed);
    const IccResult ragged = iccOneWay({{1, 2}, {3}});
    CHECK_FALSE(ragged.computed);
    CHECK(ragged.reason.find("column") != std::string::npos);
}

TEST_CASE("ICC(2,1) uses only the sessions every assessor rated") {
    RatingTable table = shroutFleissTable2();
    table.push_back({4, std::nullopt, 3, 5});
    table.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    const IccResult r = iccAbsoluteAgreement(table);
    REQUIRE(r.computed);
    CHECK(r.subjects == 6);
    CHECK(r.incompleteRowsDropped == 2);
    CHECK(r.icc == doctest::Approx(iccAbsoluteAgreement(shroutFleissTable2()).icc));
}

TEST_CASE("ICC(2,1) says why when it cannot be computed") {
    const IccResult oneAssessor = iccAbsoluteAgreement({{3}, {4}, {5}});
    CHECK_FALSE(oneAssessor.computed);
    CHECK(oneAssessor.reason.find("2 assessors") != std::string::npos);

    const IccResult oneSession = iccAbsoluteAgreement({{3, 4}, {std::nullopt, 2}});
    CHECK_FALSE(oneSession.computed);
    CHECK(oneSession.incompleteRowsDropped == 1);
    CHECK(oneSession.reason.find("2 sessions") != std::string::npos);

    const IccResult allTheSame = iccAbsoluteAgreement({{3, 3}, {3, 3}, {3, 3}});
    CHECK_FALSE(allTheSame.computed);
    CHECK(allTheSame.reason.find("same") != std::string::npos);
    CHECK(allTheSame.icc == 0.0);

    const IccResult ragged = iccAbsoluteAgreement({{3, 3}, {3}});
    CHECK_FALSE(ragged.computed);
    CHECK(ragged.reason.find("differ in length") != std::string::npos);

    CHECK_FALSE(iccAbsoluteAgreement({}).computed);
}

TEST_CASE("ICC(2,1) at the edges: exact agreement is 1, a constant offset with no spread between sessions is 0") {
    const IccResult exact = iccAbsoluteAgreement({{1, 1, 1}, {3, 3, 3}, {5, 5, 5}});
    REQUIRE(exact.computed);
    CHECK(exact.icc == doctest::Approx(1.0));
    CHECK(exact.lower95 == 1.0);
    CHECK(exact.upper95 == 1.0);

    // Every session the same to each assessor, but one assessor always a point higher.
    const IccResult offset = iccAbsoluteAgreement({{3, 4}, {3, 4}, {3, 4}});
    REQUIRE(offset.computed);
    CHECK(offset.icc == doctest::Approx(0.0));
    CHECK(offset.lower95 == doctest::Approx(0.0));
    CHECK(offset.upper95 == doctest::Approx(0.0));

    // A consistent offset on sessions that do differ: absolute agreement is below 1 (consistency would be 1).
    const IccResult shifted = iccAbsoluteAgreement({{1, 2}, {3, 4}, {5, 6}, {2, 3}});
    REQUIRE(shifted.computed);
    CHECK(shifted.icc < 1.0);
    CHECK(shifted.icc > 0.7);
    CHECK(shifted.lower95 < shifted.icc);
    CHECK(shifted.upper95 <= 1.0 + 1e-12);
}

TEST_CASE("Cohen's kappa of the textbook 2x2 example") {
    // Wikipedia, "Cohen's kappa", worked example: 50 applications read by two readers; both yes 20, A yes
    // and B no 5, A no and B yes 10, both no 15. p_o = 0.7, p_e = 0.5, kappa = 0.4.
    std::vector<std::string> a, b;
    const auto add = [&](int count, const char* first, const char* second) {
        for (int i = 0; i < count; ++i) {
            a.emplace_back(first);
            b.emplace_back(second);
        }
    };
    add(20, "yes", "yes");
    add(5, "yes", "no");
    add(10, "no", "yes");
    add(15, "no", "no");
    const KappaResult k = cohensKappa(a, b);
    REQUIRE(k.computed);
    CHECK(k.sessions == 50);
    CHECK(k.observedAgreement == doctest::Approx(0.7));
    CHECK(k.expectedAgreement == doctest::Approx(0.5));
    CHECK(k.kappa == doctest::Approx(0.4));
    REQUIRE(k.categories == std::vector<std::string>{"no", "yes"});
    CHECK(k.counts[1][0] == 5);  // A yes, B no
    CHECK(k.counts[0][1] == 10);
    // Fleiss, Cohen & Everitt (1969) by hand for this table (row shares A: yes .5, no .5; columns B: yes
    // .6, no .4): diagonal .4(1 - 1.1 x .6)^2 + .3(1 - .9 x .6)^2 = .10972; off-diagonal .36 (.1 x 1.1^2 +
    // .2 x .9^2) = .10188; less (.4 - .5 x .6)^2 = .01; over 50 x .25: variance .016128, SE 0.12700.
    CHECK(k.standardError == doctest::Approx(0.12700).epsilon(1e-4));
    CHECK(k.lower95 == doctest::Approx(0.4 - 1.96 * 0.12700).epsilon(1e-3));
    CHECK(k.upper95 == doctest::Approx(0.4 + 1.96 * 0.12700).epsilon(1e-3));
}

TEST_CASE("Cohen's kappa for three categories, missing judgements, and the undefined cases") {
    // 100 patients each put in one of three categories by two raters (counts chosen for the test, worked
    // by hand): p_o = (75 + 4 + 10) / 100 = .89; first rater's shares .80/.10/.10, second's .80/.05/.15,
    // p_e = .64 + .005 + .015 = .66; kappa = .23 / .34.
    std::vector<std::string> a, b;
    const auto add = [&](int count, const char* first, const char* second) {
        for (int i = 0; i < count; ++i) {
            a.emplace_back(first);
            b.emplace_back(second);
        }
    };
    add(75, "psychotic", "psychotic");
    add(1, "psychotic", "neurotic");
    add(4, "psychotic", "organic");
    add(5, "neurotic", "psychotic");
    add(4, "neurotic", "neurotic");
    add(1, "neurotic", "organic");
    add(10, "organic", "organic");
    add(3, "", "organic");  // not yet signed off by the first assessor
    const KappaResult k = cohensKappa(a, b);
    REQUIRE(k.computed);
    CHECK(k.sessions == 100);
    CHECK(k.pairsDropped == 3);
    CHECK(k.observedAgreement == doctest::Approx(0.89));
    CHECK(k.expectedAgreement == doctest::Approx(0.66));
    CHECK(k.kappa == doctest::Approx(0.23 / 0.34));
    CHECK(k.standardError > 0.0);

    const KappaResult perfect = cohensKappa({"pass", "fail", "pass"}, {"pass", "fail", "pass"});
    REQUIRE(perfect.computed);
    CHECK(perfect.kappa == doctest::Approx(1.0));
    CHECK(perfect.standardError == doctest::Approx(0.0));
    CHECK(perfect.upper95 == 1.0);

    const KappaResult allPass = cohensKappa({"pass", "pass", "pass"}, {"pass", "pass", "pass"});
    CHECK_FALSE(allPass.computed);
    CHECK(allPass.observedAgreement == 1.0);
    CHECK(allPass.reason.find("undefined") != std::string::npos);

    CHECK_FALSE(cohensKappa({"pass"}, {"pass"}).computed);
    CHECK_FALSE(cohensKappa({"pass", "fail"}, {"pass"}).computed);

    // One assessor passes everyone: kappa would be exactly 0 with a standard error of 0.
    const KappaResult oneSided = cohensKappa({"pass", "fail", "pass", "fail"}, {"pass", "pass", "pass", "pass"});
    CHECK_FALSE(oneSided.computed);
    CHECK(oneSided.reason.find("second assessor judged \"pass\" every time") != std::string::npos);
    CHECK(oneSided.observedAgreement == 0.5);
}

TEST_CASE("Cohen's kappa and its standard error match SAS PROC FREQ's agreement study") {
    // SAS/STAT User's Guide, "The FREQ Procedure", Getting Started, "Agreement Study": two dermatologists
    // rate 88 patients' skin condition as terrible, poor, marginal or clear (rows the first, columns the
    // second). PROC FREQ prints simple kappa 0.3449, ASE 0.0724, 95% limits 0.2030 to 0.4868; its ASE
    // is the Fleiss, Cohen & Everitt (1969) formula used here.
    const char* names[] = {"terrible", "poor", "marginal", "clear"};
    const int table[4][4] = {{10, 4, 1, 0}, {5, 10, 12, 2}, {2, 4, 12, 5}, {0, 2, 6, 13}};
    std::vector<std::string> first, second;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j)
            for (int n = 0; n < table[i][j]; ++n) {
                first.emplace_back(names[i]);
                second.emplace_back(names[j]);
            }
    const KappaResult k = cohensKappa(first, second);
    REQUIRE(k.computed);
    CHECK(k.sessions == 88);
    CHECK(k.kappa == doctest::Approx(0.3449).epsilon(2e-4));
    CHECK(k.standardError == doctest::Approx(0.0724).epsilon(1e-3));
    CHECK(k.lower95 == doctest::Approx(0.2030).epsilon(5e-4));
    CHECK(k.upper95 == doctest::Approx(0.4868).epsilon(5e-4));
}
