#pragma once
// Internals of model B's solver (optimization.md "B"; not part of the public
// API): the pairs within the assignment cut-off, coverage of a plan, the
// local search that finds starting plans, the per-service objective cuts and
// the diagnosis of an infeasible plan.
#include "optimize/consolidation.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shisetsu::optimize::detail {

struct Pairs {
    // by service: per demand, the (site, distance) pairs of sites that may host s within L, nearest first
    std::vector<std::vector<std::vector<std::pair<int, double>>>> of;  // [s][i] → pairs
};
Pairs pairs_by_service(const ConsolidationInstance& in);

// The population layers of the demand points (a plan's demand_years): the
// distinct years and each point's index among them; one layer when the
// instance gives no years.
struct YearGroups {
    std::vector<int> years;
    std::vector<std::size_t> of;  // [demand point] → index into years
    std::size_t size() const noexcept { return years.size(); }
};
YearGroups year_groups(const ConsolidationInstance& in);

// Σ w_is over the demand points of layer g.
double total_weight(const ConsolidationInstance& in, const YearGroups& years, std::size_t s, std::size_t g);
// Whether service s needs the x_ijs (λ > 0 or a capacity) rather than the aggregated coverage.
bool uses_assignment(const ConsolidationInstance& in, std::size_t s);

// Coverage of a plan per service and layer, [s][g]: the share of w_is within
// D_s of an open site hosting s (through the assignment when the plan has one
// for s); 1 for a layer without demand for s.
std::vector<std::vector<double>> plan_coverage(const ConsolidationInstance& in, const ConsolidationPlan& plan,
                                               const Pairs& pairs, const YearGroups& years);

// Why no plan exists: each target that cannot be met, and by how much (throws SolverError).
[[noreturn]] void explain_infeasible(const ConsolidationInstance& in, const Pairs& pairs);

// Local search on a plan (λ = 0, no capacities): drop, add or move a
// service while that lowers the objective and keeps every constraint.
std::vector<std::vector<char>> improve_plan(const ConsolidationInstance& in, const Pairs& pairs, std::vector<std::vector<char>> on, double time_s);

// A per-service objective cut Σ_j φ_js z_js ≥ rhs (consolidation_search.cpp).
struct ServiceCut {
    std::vector<int> site;       // j
    std::vector<double> coef;    // φ_js
    double rhs = 0.0;            // bound_s − K_s
    double bound_yen = 0.0;      // bound_s: the one-service instance's proven bound
    std::vector<int> hosting;    // sites hosting s in the one-service plan
};
std::optional<ServiceCut> service_cut(const ConsolidationInstance& in, std::size_t s, const std::vector<std::vector<char>>& has_saving,
                                      double time_limit_s);

} // namespace shisetsu::optimize::detail
