// The simplified VFM of ppp.md "Cash flows", checked against hand
// calculations. The expected present values are written as closed-form
// geometric sums Σ_{t=a}^{b} v^t = v^a (1 − v^(b−a+1)) / (1 − v), an
// independent route from the program's year-by-year loop.
#include "ppp/parameters.hpp"
#include "ppp/screening.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace shisetsu::ppp;

namespace {

// Σ_{t=a}^{b} v^t in closed form.
double geometric(double v, int a, int b) { return std::pow(v, a) * (1.0 - std::pow(v, b - a + 1)) / (1.0 - v); }

Project project(double C, double O, double U, const Parameters& p) {
    Project x;
    x.name = "test";
    x.construction_cost_yen = C;
    x.annual_om_yen = O;
    x.annual_fee_income_yen = U;
    x.parameters = p;
    return x;
}

Screening run(const Project& x) {
    const Defaults d = load_defaults();
    return screen(x, d.sensitivity_construction_saving, d.sensitivity_discount_rate);
}

} // namespace

TEST_CASE("defaults are ppp.md's", "[ppp]") {
    const Parameters p = load_defaults().parameters;
    CHECK(p.discount_rate == 0.01);
    CHECK(p.construction_years == 2);
    CHECK(p.operation_years == 15);
    CHECK(p.subsidy_share == 0.0);
    CHECK(p.bond_share == 0.75);
    CHECK(p.bond_rate == 0.008);
    CHECK(p.bond_years == 20);
    CHECK(p.construction_saving == 0.10);
    CHECK(p.om_saving == 0.10);
    CHECK(p.private_rate == 0.020);
    CHECK(p.spc_setup_yen == 3.0e7);
    CHECK(p.spc_annual_yen == 1.0e7);
    CHECK(p.private_return == 0.05);
    CHECK(p.advisory_yen == 3.0e7);
    CHECK(p.monitoring_annual_yen == 5.0e6);
    CHECK_FALSE(p.population.has_value());
    CHECK(p.population_threshold == 200000);
    CHECK(p.total_cost_threshold_yen == 1.0e9);
    CHECK(p.annual_cost_threshold_yen == 1.0e8);
    const Defaults d = load_defaults();
    CHECK(d.sensitivity_construction_saving == std::vector<double>{0.0, 0.05, 0.10, 0.15});
    CHECK(d.sensitivity_discount_rate == std::vector<double>{0.005, 0.01, 0.02});
    CHECK(d.specs.size() == parameter_names().size());
}

TEST_CASE("annuity: level payments, P/n at rate 0", "[ppp]") {
    CHECK(annuity_payment(1000.0, 0.0, 4) == 250.0);
    // One year: P·i / (1 − 1/(1+i)) = P·(1+i).
    CHECK(annuity_payment(1000.0, 0.05, 1) == Approx(1050.0));
    // Two years at 5 %: 1000·0.05 / (1 − 1/1.1025) = 50 / 0.0929705 = 537.8049.
    CHECK(annuity_payment(1000.0, 0.05, 2) == Approx(537.8048780));
    // The payments repay the principal: PV at the loan rate = P.
    std::vector<double> pay(20, annuity_payment(2.25e9, 0.008, 20));
    CHECK(present_value(pay, 0.008) == Approx(2.25e9));
}

TEST_CASE("zero rates: present values are plain sums", "[ppp]") {
    Parameters p = load_defaults().parameters;
    p.discount_rate = 0.0;
    p.bond_rate = 0.0;
    p.private_rate = 0.0;
    // C = 10億, O = 1億/yr, U = 0, Tc = 2, T = 15, n_b = 20, other defaults.
    // PSC: cash 0.25·1e9 = 2.5e8 (1.25e8 in years 1, 2); bond 0.75e9/20 =
    //   3.75e7 in years 3–22 = 7.5e8; O&M 1e8 × 15 = 1.5e9 → PSC = 2.5e9.
    // PFI: A0 3e7; facility (0.9·1e9 + 3e7)/15 = 6.2e7 × 15 = 9.3e8;
    //   O&M 0.9·1e8·1.05 = 9.45e7 × 15 = 1.4175e9; SPC 1e7·1.05 × 15 =
    //   1.575e8; monitoring 5e6 × 15 = 7.5e7 → PFI-LCC = 2.61e9.
    // VFM = −1.1e8 = −4.4 % of PSC.
    Screening s = run(project(1e9, 1e8, 0.0, p));
    CHECK(s.psc_yen == Approx(2.5e9));
    CHECK(s.pfi_lcc_yen == Approx(2.61e9));
    CHECK(s.vfm_yen == Approx(-1.1e8));
    REQUIRE(s.vfm_percent);
    CHECK(*s.vfm_percent == Approx(-4.4));
    // Year by year: 22 years (Tc + n_b).
    REQUIRE(s.flows.years == 22);
    const auto& psc = s.flows.psc.total_yen;
    const auto& pfi = s.flows.pfi.total_yen;
    REQUIRE(psc.size() == 22);
    REQUIRE(pfi.size() == 22);
    CHECK(psc[0] == Approx(1.25e8));
    CHECK(psc[1] == Approx(1.25e8));
    CHECK(psc[2] == Approx(3.75e7 + 1e8));    // year 3: bond + O&M
    CHECK(psc[16] == Approx(3.75e7 + 1e8));   // year 17: last operation year
    CHECK(psc[17] == Approx(3.75e7));         // year 18: bond only
    CHECK(psc[21] == Approx(3.75e7));         // year 22: last bond payment
    CHECK(pfi[0] == Approx(3e7));
    CHECK(pfi[1] == 0.0);
    CHECK(pfi[2] == Approx(6.2e7 + 9.45e7 + 1.05e7 + 5e6));  // 1.72e8
    CHECK(pfi[16] == Approx(1.72e8));
    CHECK(pfi[17] == 0.0);
    // C + O·T = 1e9 + 1.5e9 = 2.5e9 ≥ 10億; O = 1億 ≥ 1億: both thresholds.
    CHECK(s.total_project_cost_yen == Approx(2.5e9));
    CHECK(s.priority);
    CHECK(s.priority_reasons == std::vector<std::string>{"total_project_cost", "annual_operating_cost"});
}

TEST_CASE("one year of construction, operation and bond, with subsidy and fee income", "[ppp]") {
    Parameters p = load_defaults().parameters;
    p.construction_years = 1;
    p.operation_years = 1;
    p.bond_years = 1;
    p.discount_rate = 0.02;
    p.bond_rate = 0.01;
    p.private_rate = 0.03;
    p.subsidy_share = 0.5;
    p.om_saving = 0.2;
    p.spc_setup_yen = 2e7;
    p.spc_annual_yen = 1e7;
    p.private_return = 0.1;
    p.advisory_yen = 1e7;
    p.monitoring_annual_yen = 2e6;
    // C = 10億, O = 2億, U = 5千万; B = (1 − 0.5)·1e9 = 5e8.
    // PSC year 1: 0.25·5e8 = 1.25e8. Year 2: bond 3.75e8 repaid in one
    //   year at 1 % = 3.75e8·1.01 = 3.7875e8, O − U = 1.5e8 → 5.2875e8.
    //   PV = 1.25e8/1.02 + 5.2875e8/1.02² = 630,767,012.69.
    // PFI year 1: A0 = 1e7. Year 2: (0.9·5e8 + 2e7)·1.03 = 4.841e8,
    //   0.8·2e8·1.1 = 1.76e8, 1e7·1.1 = 1.1e7, 2e6, −5e7 → 6.231e8.
    //   PV = 1e7/1.02 + 6.231e8/1.02² = 608,708,189.16.
    // VFM = 1.15e8/1.02 − 9.435e7/1.0404 = 22,058,823.53 (3.4971 %).
    Screening s = run(project(1e9, 2e8, 5e7, p));
    REQUIRE(s.flows.years == 2);
    CHECK(s.flows.psc.total_yen[0] == Approx(1.25e8));
    CHECK(s.flows.psc.total_yen[1] == Approx(5.2875e8));
    CHECK(s.flows.pfi.total_yen[0] == Approx(1e7));
    CHECK(s.flows.pfi.total_yen[1] == Approx(6.231e8));
    CHECK(s.psc_yen == Approx(1.25e8 / 1.02 + 5.2875e8 / 1.0404));
    CHECK(s.psc_yen == Approx(630767012.69));
    CHECK(s.pfi_lcc_yen == Approx(608708189.16));
    CHECK(s.vfm_yen == Approx(22058823.53));
    CHECK(*s.vfm_percent == Approx(3.4971428571));
    // C + O·T = 1e9 + 2e8 = 1.2e9; O = 2e8: both thresholds.
    CHECK(s.priority_reasons.size() == 2);
}

TEST_CASE("the default case of ppp.md's example project", "[ppp]") {
    const Parameters p = load_defaults().parameters;
    // C = 30億, O = 1.2億, U = 0, every default. v = 1/1.01.
    // PSC: cash 0.25·3e9/2 = 3.75e8 in years 1–2; bond 0.75·3e9 = 2.25e9 at
    //   0.8 % over 20 years: a_b = 2.25e9·0.008/(1 − 1.008^−20) =
    //   122,188,346.36 in years 3–22; O&M 1.2e8 in years 3–17.
    // PFI: A0 3e7 in year 1; facility 0.9·3e9 + 3e7 = 2.73e9 at 2 % over 15:
    //   a_p = 212,463,539.24 in years 3–17; O&M 0.9·1.2e8·1.05 = 1.134e8, SPC
    //   1.05e7, monitoring 5e6 → 1.289e8 in years 3–17.
    // PSC = 4,531,430,818.63; PFI-LCC = 4,669,467,110.14;
    // VFM = −138,036,291.50 = −3.0462 %.
    const double v = 1.0 / 1.01;
    const double a_b = 2.25e9 * 0.008 / (1.0 - std::pow(1.008, -20));
    const double a_p = 2.73e9 * 0.02 / (1.0 - std::pow(1.02, -15));
    const double psc = 3.75e8 * (v + v * v) + a_b * geometric(v, 3, 22) + 1.2e8 * geometric(v, 3, 17);
    const double pfi = 3e7 * v + (a_p + 1.289e8) * geometric(v, 3, 17);
    Screening s = run(project(3e9, 1.2e8, 0.0, p));
    CHECK(a_b == Approx(122188346.36));
    CHECK(a_p == Approx(212463539.24));
    CHECK(s.psc_yen == Approx(psc));
    CHECK(s.psc_yen == Approx(4531430818.63));
    CHECK(s.pfi_lcc_yen == Approx(pfi));
    CHECK(s.pfi_lcc_yen == Approx(4669467110.14));
    CHECK(s.vfm_yen == Approx(-138036291.50));
    CHECK(*s.vfm_percent == Approx(-3.0461966));
    // C + O·T = 3e9 + 1.8e9 = 4.8e9 ≥ 1e9; O = 1.2e8 ≥ 1e8.
    CHECK(s.total_project_cost_yen == Approx(4.8e9));
    CHECK(s.priority);
    CHECK(s.priority_reasons.size() == 2);

    // Sensitivity: rows e_c {0, .05, .10, .15}, columns r {.005, .01, .02}.
    REQUIRE(s.sensitivity.vfm_percent.size() == 12);
    // The default cell (e_c = 0.10, r = 0.01) is the screening itself.
    CHECK(*s.sensitivity.percent(2, 1) == Approx(*s.vfm_percent));
    // e_c = 0, r = 0.02 (w = 1/1.02): facility (3e9 + 3e7) at 2 % over 15,
    //   operating 1.289e8 as above. PSC 4,130,494,253.17; PFI-LCC
    //   4,533,708,251.85; VFM −9.7619 %.
    const double w = 1.0 / 1.02;
    const double a_p0 = 3.03e9 * 0.02 / (1.0 - std::pow(1.02, -15));
    const double psc2 = 3.75e8 * (w + w * w) + a_b * geometric(w, 3, 22) + 1.2e8 * geometric(w, 3, 17);
    const double pfi2 = 3e7 * w + (a_p0 + 1.289e8) * geometric(w, 3, 17);
    CHECK(*s.sensitivity.percent(0, 2) == Approx(100.0 * (psc2 - pfi2) / psc2));
    CHECK(*s.sensitivity.percent(0, 2) == Approx(-9.7618826));
    // More construction saving always helps the PFI side.
    for (std::size_t j = 0; j < 3; ++j)
        for (std::size_t i = 1; i < 4; ++i) CHECK(*s.sensitivity.percent(i, j) > *s.sensitivity.percent(i - 1, j));
}

TEST_CASE("non-default years: Tc 3, T 25 > n_b 10, subsidy and fee income", "[ppp]") {
    Parameters p = load_defaults().parameters;
    p.construction_years = 3;
    p.operation_years = 25;
    p.bond_years = 10;
    p.bond_share = 0.5;
    p.bond_rate = 0.0;
    p.private_rate = 0.0;
    p.discount_rate = 0.03;
    p.subsidy_share = 1.0 / 3.0;
    // C = 9億, O = 5千万, U = 1千万; B = 6e8. u = 1/1.03.
    // PSC: cash 0.5·6e8/3 = 1e8 in years 1–3; bond 3e8/10 = 3e7 in years
    //   4–13; O − U = 4e7 in years 4–28 (28 = Tc + T years in all).
    // PFI: A0 3e7 in year 1; in years 4–28: facility (0.9·6e8 + 3e7)/25 =
    //   2.28e7, O&M 0.9·5e7·1.05 = 4.725e7, SPC 1.05e7, monitoring 5e6, −U
    //   1e7 → 7.555e7.
    // PSC = 1,154,471,329.76; PFI-LCC = 1,233,053,002.33; VFM =
    // −78,581,672.57 (−6.8067 %).
    const double u = 1.0 / 1.03;
    const double psc = 1e8 * geometric(u, 1, 3) + 3e7 * geometric(u, 4, 13) + 4e7 * geometric(u, 4, 28);
    const double pfi = 3e7 * u + 7.555e7 * geometric(u, 4, 28);
    Screening s = run(project(9e8, 5e7, 1e7, p));
    REQUIRE(s.flows.years == 28);
    CHECK(s.flows.psc.total_yen[12] == Approx(7e7));   // year 13: bond + O − U
    CHECK(s.flows.psc.total_yen[13] == Approx(4e7));   // year 14: O − U only
    CHECK(s.flows.pfi.total_yen[27] == Approx(7.555e7));
    CHECK(s.psc_yen == Approx(psc));
    CHECK(s.psc_yen == Approx(1154471329.76));
    CHECK(s.pfi_lcc_yen == Approx(pfi));
    CHECK(s.pfi_lcc_yen == Approx(1233053002.33));
    CHECK(s.vfm_yen == Approx(-78581672.57));
    CHECK(*s.vfm_percent == Approx(-6.8067236));
    // C + O·T = 9e8 + 5e7·25 = 2.15e9 ≥ 1e9; O = 5e7 < 1e8.
    CHECK(s.priority_reasons == std::vector<std::string>{"total_project_cost"});

    SECTION("fee income is in both deliveries: VFM in yen does not change") {
        Screening none = run(project(9e8, 5e7, 0.0, p));
        CHECK(none.vfm_yen == Approx(s.vfm_yen));
        CHECK(none.psc_yen - s.psc_yen == Approx(1e7 * geometric(u, 4, 28)));
    }
}

TEST_CASE("priority consideration: thresholds and population", "[ppp]") {
    Parameters p = load_defaults().parameters;
    // C + O·T = 5e8 + 3e7·15 = 9.5e8 < 10億, O < 1億: not flagged.
    Screening small = run(project(5e8, 3e7, 0.0, p));
    CHECK_FALSE(small.priority);
    CHECK(small.priority_reasons.empty());
    // Exactly 10億 (5.5e8 + 3e7·15) is "10億円以上".
    CHECK(run(project(5.5e8, 3e7, 0.0, p)).priority_reasons == std::vector<std::string>{"total_project_cost"});
    // A municipality below the population threshold is not covered.
    p.population = 150000;
    Screening below = run(project(3e9, 1.2e8, 0.0, p));
    CHECK_FALSE(below.population_covered);
    CHECK_FALSE(below.priority);
    p.population = 200000;
    CHECK(run(project(3e9, 1.2e8, 0.0, p)).priority);
}

TEST_CASE("a PSC of zero or less has no VFM percentage", "[ppp]") {
    Parameters p = load_defaults().parameters;
    // Fee income above the O&M and no construction: PSC < 0.
    Screening s = run(project(0.0, 1e7, 5e7, p));
    CHECK(s.psc_yen < 0.0);
    CHECK_FALSE(s.vfm_percent.has_value());
}

// ppp.md "What a review board reads": break-even savings, by hand. One
// construction year, one operation year, no bond, no private interest, SPC
// or monitoring costs: C = 100, O = 10.
//   PSC     = 100·v + 10·v²
//   PFI-LCC = A0·v + (1 − e_c)·100·v² + (1 − e_o)·10·v²
TEST_CASE("break-even construction and O&M savings, worked by hand", "[ppp][break-even]") {
    Parameters p = load_defaults().parameters;
    p.construction_years = 1;
    p.operation_years = 1;
    p.bond_years = 1;
    p.bond_share = 0.0;
    p.subsidy_share = 0.0;
    p.private_rate = 0.0;
    p.spc_setup_yen = 0.0;
    p.spc_annual_yen = 0.0;
    p.private_return = 0.0;
    p.monitoring_annual_yen = 0.0;
    p.construction_saving = 0.10;
    p.om_saving = 0.10;

    SECTION("r = 0, A0 = 15: PSC 110; e_c* from 15 + 100(1 − e) + 9 = 110 → 0.14; e_o* from 15 + 90 + 10(1 − e) = 110 → 0.5") {
        p.discount_rate = 0.0;
        p.advisory_yen = 15.0;
        Screening s = run(project(100, 10, 0, p));
        CHECK(s.psc_yen == Approx(110.0));
        REQUIRE(s.break_even_construction_saving);
        CHECK(*s.break_even_construction_saving == Approx(0.14));
        REQUIRE(s.break_even_om_saving);
        CHECK(*s.break_even_om_saving == Approx(0.5));
    }
    SECTION("r = 0, A0 = 50: e_c* = 0.49; e_o* would be 4 (> 1): none") {
        p.discount_rate = 0.0;
        p.advisory_yen = 50.0;
        Screening s = run(project(100, 10, 0, p));
        REQUIRE(s.break_even_construction_saving);
        CHECK(*s.break_even_construction_saving == Approx(0.49));
        CHECK_FALSE(s.break_even_om_saving);
    }
    SECTION("r = 0.1, A0 = 15: ×1.21 both sides gives 125.5 − 100e = 120 → e_c* = 0.055; e_o* = −0.35: none") {
        // PSC = (110 + 10)/1.21; PFI-LCC = (16.5 + 100(1 − e_c) + 10(1 − e_o))/1.21.
        p.discount_rate = 0.1;
        p.advisory_yen = 15.0;
        Screening s = run(project(100, 10, 0, p));
        CHECK(s.psc_yen == Approx(120.0 / 1.21));
        REQUIRE(s.break_even_construction_saving);
        CHECK(*s.break_even_construction_saving == Approx(0.055));
        CHECK_FALSE(s.break_even_om_saving);
    }
    SECTION("no O&M: PFI-LCC does not depend on e_o: none") {
        p.discount_rate = 0.0;
        p.advisory_yen = 15.0;
        Screening s = run(project(100, 0, 0, p));
        CHECK_FALSE(s.break_even_om_saving);
        // 15 + 100(1 − e) = 100 → e_c* = 0.15
        REQUIRE(s.break_even_construction_saving);
        CHECK(*s.break_even_construction_saving == Approx(0.15));
    }
}
