// solve_mip (CBC behind mip.hpp): a starting plan never makes CBC report a
// worse plan as optimal.
#include "optimize/mip.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu::optimize;

TEST_CASE("solve_mip: a starting plan's cut-off does not hide a better plan (CBC 2.10 preprocessing)", "[optimize][mip]") {
    // A one-service consolidation instance with vacate costs, as model B
    // builds it: y0 = z0 (site 0 closes when empty), sites 1 and 3 kept
    // (y = 1), coverage groups v8 ⊆ {z1, z3, z7}, v9 ⊆ {z1, z5}, v10 ⊆ {z1, z7}
    // and 1·v8 + 5·v9 + 3·v10 ≥ 7.44. Site 0 alone (y0 = z1 = 1) covers all:
    // 15.22 + 388.61 = 403.83. The start (sites 0 and 2: 586.11) given to
    // CBC as a cut-off with its preprocessing on gave 526.33 "optimal".
    MipProblem p;
    const double cost[] = {15.224978295, 388.607084536, 0, 902.601375684, 0, 182.278880639, 0, 344.050234285};
    for (double c : cost) p.add_binary(c);
    for (int k = 0; k < 3; ++k) p.add_col(0.0, 1.0, 0.0, false);
    p.col_lower[2] = p.col_lower[6] = 1.0;  // kept sites
    p.add_row({{0, -1.0}, {1, 1.0}}, -kInfinity, 0.0);
    p.add_row({{0, 1.0}, {1, -1.0}}, -kInfinity, 0.0);
    p.add_row({{2, -1.0}, {3, 1.0}}, -kInfinity, 0.0);
    p.add_row({{2, -250.0}, {3, 296.839881721}}, -kInfinity, 0.0);
    p.add_row({{4, -1.0}, {5, 1.0}}, -kInfinity, 0.0);
    p.add_row({{4, 1.0}, {5, -1.0}}, -kInfinity, 0.0);
    p.add_row({{4, -250.0}, {5, 136.914183615}}, -kInfinity, 0.0);
    p.add_row({{6, -1.0}, {7, 1.0}}, -kInfinity, 0.0);
    p.add_row({{6, -250.0}, {7, 123.948681906}}, -kInfinity, 0.0);
    p.add_row({{1, -1.0}, {3, -1.0}, {7, -1.0}, {8, 1.0}}, -kInfinity, 0.0);
    p.add_row({{1, -1.0}, {5, -1.0}, {9, 1.0}}, -kInfinity, 0.0);
    p.add_row({{1, -1.0}, {7, -1.0}, {10, 1.0}}, -kInfinity, 0.0);
    p.add_row({{8, 1.0}, {9, 5.0}, {10, 3.0}}, 7.439683818, kInfinity);
    auto plain = solve_mip(p);
    REQUIRE(plain.status == MipStatus::optimal);
    CHECK(plain.objective == Approx(403.832062831));
    MipOptions o;
    o.start = {1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1};
    REQUIRE(plan_is_feasible(p, o.start));
    auto started = solve_mip(p, o);
    CHECK(started.status == MipStatus::optimal);
    CHECK(started.objective == Approx(403.832062831));
    CHECK(started.bound <= started.objective + 1e-9);
}
