// solve_mip (CBC behind mip.hpp) on the shapes model B builds. CBC 2.10.8's
// preprocessing gets some of them wrong when a coverage variable v (v ≤ Σ z,
// Σ w·v ≥ target) is continuous: it fixed the cheaper of two sites that
// reach the same demand to 0 and reported the dearer plan as optimal. Model
// B therefore makes v binary (the same integer plans: with z integral an
// optimal v is 0 or 1); these cases keep that shape honest.
#include "optimize/mip.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu::optimize;

TEST_CASE("solve_mip: two sites reaching the same demand, the cheaper one wins (binary coverage variables)", "[optimize][mip]") {
    // min 120 z1 + 378 z2 + 107 z3, v1 ≤ z1 + z2, v2 ≤ z3, 6 v1 + 11 v2 ≥ 13.5:
    // v2 = 1 (z3) and v1 ≥ 0.42 needs z1 or z2; z1 is cheaper: 227.
    // (With v continuous CBC 2.10.8 answered 485, "optimal".)
    MipProblem p;
    int z1 = p.add_binary(120), z2 = p.add_binary(378), z3 = p.add_binary(107);
    int v1 = p.add_col(0.0, 1.0, 0.0, true), v2 = p.add_col(0.0, 1.0, 0.0, true);
    p.add_row({{v1, 1.0}, {z1, -1.0}, {z2, -1.0}}, -kInfinity, 0.0);
    p.add_row({{v2, 1.0}, {z3, -1.0}}, -kInfinity, 0.0);
    p.add_row({{v1, 6.0}, {v2, 11.0}}, 13.5, kInfinity);
    auto r = solve_mip(p);
    CHECK(r.status == MipStatus::optimal);
    CHECK(r.objective == Approx(227.0));
}

TEST_CASE("solve_mip: a starting plan's cut-off does not hide a better plan", "[optimize][mip]") {
    // A one-service consolidation instance with vacate costs, as model B
    // builds it: y0 = z1 (site 0 closes when empty), sites 1 and 3 kept
    // (y = 1), coverage v8 ≤ z1 + z3 + z7, v9 ≤ z1 + z5, v10 ≤ z1 + z7 and
    // 1·v8 + 5·v9 + 3·v10 ≥ 7.44. Site 0 alone (y0 = z1 = 1) covers all:
    // 15.22 + 388.61 = 403.83. The start (sites 0 and 2: 586.11) is the
    // cut-off; with continuous v CBC 2.10.8 answered 526.33, "optimal".
    MipProblem p;
    const double cost[] = {15.224978295, 388.607084536, 0, 902.601375684, 0, 182.278880639, 0, 344.050234285};
    for (double c : cost) p.add_binary(c);
    for (int k = 0; k < 3; ++k) p.add_col(0.0, 1.0, 0.0, true);
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
