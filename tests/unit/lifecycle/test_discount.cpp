// Present values for model B's costs (optimization.md "B": "nominal yen, or
// present value if a discount rate is set"), worked by hand.
#include "lifecycle/projection.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace shisetsu::lifecycle;

TEST_CASE("present value of an event's in-horizon part", "[lifecycle][discount]") {
    Event e;
    e.status = EventStatus::scheduled;
    e.year = 2030;
    e.spread_years = 2;
    e.cost_yen = 100.0;
    // Horizon 2026–2030: only the 2030 half counts, four years out.
    CHECK(discounted_in_horizon_yen(e, 2026, 5, 0.10) == Approx(50.0 / 1.4641));
    CHECK(discounted_in_horizon_yen(e, 2026, 5, 0.0) == Approx(50.0));
    CHECK(discounted_in_horizon_yen(e, 2026, 40, 0.0) == Approx(100.0));
    CHECK(discounted_in_horizon_yen(e, 2026, 40, 0.10) == Approx(50.0 / 1.4641 + 50.0 / 1.61051));
    // A backlog event is paid from Y0 over backlog_years, whatever its year.
    Event b;
    b.status = EventStatus::backlog;
    b.year = 2001;
    b.spread_years = 3;
    b.backlog_years = 2;
    b.cost_yen = 60.0;
    CHECK(discounted_in_horizon_yen(b, 2026, 40, 0.5) == Approx(30.0 + 20.0));
    // Done or skipped events cost nothing.
    Event d = e;
    d.status = EventStatus::done;
    d.cost_yen = 0.0;
    CHECK(discounted_in_horizon_yen(d, 2026, 40, 0.1) == 0.0);
}

TEST_CASE("annuity factor", "[lifecycle][discount]") {
    CHECK(annuity_factor(40, 0.0) == 40.0);
    CHECK(annuity_factor(1, 0.3) == 1.0);
    CHECK(annuity_factor(3, 0.10) == Approx(1.0 + 1 / 1.1 + 1 / 1.21));
    // Closed form (1 − v^n)/(1 − v)·... = (1 + r)(1 − (1 + r)^−n)/r
    CHECK(annuity_factor(40, 0.02) == Approx(1.02 * (1 - std::pow(1.02, -40)) / 0.02));
}
