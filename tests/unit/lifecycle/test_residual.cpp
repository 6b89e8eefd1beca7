// Residual value and net cost (lifecycle.md "Output"), worked by hand.
// Y0 = 2026, H = 40, so Y_e = 2066. School R = 330,000 yen/m², A = 1,000 m²
// → R·A = 330 M yen.
#include "helpers.hpp"

#include "lifecycle/residual.hpp"

using namespace lc_test;

TEST_CASE("the residual-value rule on its numbers", "[lifecycle][residual]") {
    // Rebuilt 2056, T = 60: 330 M × (1 − 10/60) = 275 M.
    CHECK(residual_value_yen(2056, 330e6, 1996, 60, 2066) == Approx(275e6));
    // No rebuild: from the year built, 330 M × (1 − 56/60) = 22 M.
    CHECK(residual_value_yen(std::nullopt, 330e6, 2010, 60, 2066) == Approx(22e6));
    // Older than T at Y_e: 0, never negative.
    CHECK(residual_value_yen(std::nullopt, 330e6, 1990, 60, 2066) == 0.0);
    // A rebuild starting at Y_e does not count (start ≤ Y_e − 1).
    CHECK(residual_value_yen(2066, 330e6, 2006, 60, 2066) == 0.0);
    CHECK(residual_value_yen(2065, 330e6, 2005, 60, 2066) == Approx(330e6 * 59.0 / 60.0));
}

TEST_CASE("standard: a rebuild in the horizon", "[lifecycle][residual]") {
    // b = 1996: rebuild 2056 (cost 330 M) → 330 M × (1 − (2066 − 2056)/60) = 275 M.
    const auto p = run({building("B", 1996)}, scenario());
    CHECK(p.buildings[0].residual_value_yen == Approx(275e6));
    CHECK(p.residual_value_yen == Approx(275e6));
    CHECK(p.horizon_total_yen == Approx(500e6));
    CHECK(p.net_yen() == Approx(225e6));
}

TEST_CASE("standard: an overdue rebuild counts from Y0", "[lifecycle][residual]") {
    // b = 1965 (age 61): rebuild 2025 is backlog and counts from 2026; the
    // next rebuild 2086 is past the horizon → 330 M × (1 − 40/60) = 110 M.
    const auto p = run({building("B", 1965)}, scenario());
    REQUIRE(describe(p).at(1) == "rebuild@2025:backlog");
    CHECK(p.residual_value_yen == Approx(110e6));
}

TEST_CASE("standard: no rebuild by the end of the horizon", "[lifecycle][residual]") {
    // b = 2010: rebuild 2070 is past 2065 → 330 M × (1 − 56/60) = 22 M.
    const auto p = run({building("B", 2010)}, scenario());
    CHECK(p.residual_value_yen == Approx(22e6));
    // b = 2006: rebuild 2066 = Y_e is not counted; 1 − 60/60 = 0.
    CHECK(run({building("B", 2006)}, scenario()).residual_value_yen == 0.0);
}

TEST_CASE("life extension: no rebuild in 40 years", "[lifecycle][residual]") {
    // b = 1996 (RC, eligible): rebuild at 2076 → 330 M × (1 − 70/80) = 41.25 M.
    const auto p = run({building("B", 1996)}, scenario("life_extension"));
    CHECK(p.residual_value_yen == Approx(41.25e6));
}

TEST_CASE("closed and demolished buildings are worth nothing, the sum is per building", "[lifecycle][residual]") {
    auto closed = building("C", 2010);
    closed.status = "closed";
    auto demolish = building("D", 2010);
    demolish.status = "demolish";
    demolish.demolish_year = 2027;
    const auto p = run({building("A", 1996), closed, demolish, building("E", 2010)}, scenario());
    CHECK(p.buildings[1].residual_value_yen == 0.0);
    CHECK(p.buildings[2].residual_value_yen == 0.0);
    CHECK(p.residual_value_yen == Approx(275e6 + 22e6));
}

TEST_CASE("new floor space built in Y0", "[lifecycle][residual]") {
    const Scenario s = scenario();
    const CategoryCost& school = *s.find_category("school");
    // Standard T = 60 ≥ H: 330 M × (1 − 40/60) = 110 M.
    CHECK(new_space_residual_value_yen(*s.find_strategy("standard"), school, 1000, 2026, 40) == Approx(110e6));
    // Conventional T = 40: rebuilt at Y0 + 40 = Y_e, not counted → 1 − 40/40 = 0.
    CHECK(new_space_residual_value_yen(*s.find_strategy("conventional"), school, 1000, 2026, 40) == 0.0);
    // Life extension T = 80: 1 − 40/80 = 0.5 → 165 M.
    CHECK(new_space_residual_value_yen(*s.find_strategy("life_extension"), school, 1000, 2026, 40) == Approx(165e6));
    // Conventional over 50 years: rebuilt 2066 ≤ 2075 → 330 M × (1 − 10/40) = 247.5 M.
    CHECK(new_space_residual_value_yen(*s.find_strategy("conventional"), school, 1000, 2026, 50) == Approx(247.5e6));
    // The same as a projected building built in Y0.
    for (const char* key : {"standard", "conventional", "life_extension"}) {
        INFO(key);
        const auto p = run({building("N", 2026)}, scenario(key));
        CHECK(new_space_residual_value_yen(*s.find_strategy(key), school, 1000, 2026, 40) ==
              Approx(p.residual_value_yen).margin(1e-6));
    }
}
