// Per-facility figures for the GIS export, worked by hand. Y0 = 2026, H = 40,
// Y_e = 2066, standard (renovation at 30, spread 2; rebuild at 60, spread 3);
// school R 330,000, M 170,000 yen/m².
#include "helpers.hpp"

#include "lifecycle/facility_figures.hpp"
#include "lifecycle/priority.hpp"

using namespace lc_test;

TEST_CASE("facility figures: horizon cost, residual value, next work and best rank of its buildings",
          "[lifecycle][facility]") {
    // F1: B1 1,000 m² built 1996 → renovation 2026 (170 M), rebuild 2056
    // (330 M), residual 330 M × (1 − 10/60) = 275 M; B2 500 m² built 2010 →
    // renovation 2040 (85 M), rebuild 2070 past the horizon, residual
    // 165 M × (1 − 56/60) = 11 M. F1: 585 M, 286 M, next = B1's renovation
    // from 2026 (170 M), rank 1 (B1 alone has a work in 2026 … 2035).
    // F2: B3 built 1985 (age 41) → renovation 2015 overdue, rebuild 2045 not
    // before 2036 → backlog 170 M from 2026; rebuild 2045 330 M; residual
    // 330 M × (1 − 21/60) = 214.5 M. Ranks: B1 and B3 both have a work in
    // the window and no 健全度; B3's is overdue → B3 first, B1 second, so F1
    // ranks 2 and F2 1. F3: closed, nothing.
    Building b1 = building("B1", 1996), b2 = building("B2", 2010, 500), b3 = building("B3", 1985), b4 = building("B4", 1980);
    b1.facility_id = "F1";
    b2.facility_id = "F1";
    b3.facility_id = "F2";
    b4.facility_id = "F3";
    b4.status = "closed";
    const std::vector<Building> buildings{b1, b2, b3, b4};
    const auto p = run(buildings, scenario());
    const auto priority = priority_ranking(p);
    const auto figures = facility_figures(p, buildings, priority);
    REQUIRE(figures.size() == 3);

    const auto& f1 = figures[0];
    CHECK(f1.facility_id == "F1");
    CHECK(f1.cost_yen == Approx(585e6));
    CHECK(f1.residual_value_yen == Approx(286e6));
    REQUIRE(f1.next_event);
    CHECK(p.kinds[p.events[*f1.next_event].kind] == "renovation");
    CHECK(p.events[*f1.next_event].cost_yen == Approx(170e6));
    CHECK(f1.next_start_year == 2026);
    CHECK(f1.rank == 2);

    const auto& f2 = figures[1];
    CHECK(f2.facility_id == "F2");
    CHECK(f2.cost_yen == Approx(500e6));
    CHECK(f2.residual_value_yen == Approx(214.5e6));
    REQUIRE(f2.next_event);
    CHECK(f2.next_start_year == 2026);  // the backlog renovation of 2015
    CHECK(p.events[*f2.next_event].year == 2015);
    CHECK(f2.rank == 1);

    const auto& f3 = figures[2];
    CHECK(f3.facility_id == "F3");
    CHECK(f3.cost_yen == 0.0);
    CHECK(f3.residual_value_yen == 0.0);
    CHECK_FALSE(f3.next_event);
    CHECK_FALSE(f3.rank);
}
