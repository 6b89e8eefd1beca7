#pragma once
// Comparing strategies (lifecycle.md "Output"): the totals of each over the
// same years, their residual values and net costs, the difference per year
// and over the horizon, and the equivalent annual cost of each strategy's
// cycle, because a horizon total flatters any strategy that pushes rebuilds
// past the horizon. The three built-in strategies answer three questions
// (単純更新 / 従来型 / 長寿命化型); a comparison names them by label.
#include "lifecycle/projection.hpp"

#include <string>
#include <vector>

namespace shisetsu::lifecycle {

// Cycle cost ÷ cycle length per m² (lifecycle.md "Output"):
// Σ factor × (R_c or M_c) over the cycle's events ÷ the rebuild's age.
double equivalent_annual_cost_yen_per_m2(const Strategy& strategy, const CategoryCost& category);

// Σ floor area × EAC of the strategy each building follows. Closed,
// demolished and uncategorized buildings follow none and add nothing;
// infrastructure is not included.
double stock_equivalent_annual_cost_yen(const Projection& projection);

struct StrategyEac {
    std::string strategy;
    std::string category;
    double yen_per_m2 = 0.0;
};

// One strategy of a comparison: what is kept of its projection (the
// projection itself can then be dropped: a large stock is projected once per
// strategy).
struct ComparedProjection {
    std::string strategy;
    std::string label_ja, label_en;
    int start_year = 0;
    double total_yen = 0.0;
    double annual_average_yen = 0.0;
    double backlog_yen = 0.0;                 // horizon total of the backlog part
    double residual_value_yen = 0.0;          // at Y0 + H (residual.hpp)
    double net_yen = 0.0;                     // total − residual value
    double equivalent_annual_cost_yen = 0.0;  // stock-wide
    std::vector<double> year_yen;             // total per projected year
    std::vector<std::string> kinds;           // event kinds in use
    std::vector<double> kind_yen;             // [year index × kinds.size() + kind]
    std::vector<StrategyEac> eac;             // every strategy it used × every category in use
};

ComparedProjection summarize(const Projection& projection);

// strategy − against: negative = the strategy costs less.
struct StrategyDifference {
    std::string strategy, against;
    double total_yen = 0.0;                   // horizon totals
    double net_yen = 0.0;                     // net costs
    double net_share = 0.0;                   // net difference ÷ the net cost of `against`
    double eac_yen = 0.0;                     // stock-wide equivalent annual costs
};

struct Comparison {
    int start_year = 0;
    int horizon = 0;
    // [0] is the projection the command made; the others are compared with it.
    std::vector<ComparedProjection> strategies;
    // strategies[0] against each other strategy, in order.
    std::vector<StrategyDifference> differences;
};

// All strategies must cover the same years (InputError otherwise); at least two.
Comparison compare(std::vector<ComparedProjection> strategies);
// `alternative` against `base` (strategies[0] = alternative).
Comparison compare(const Projection& base, const Projection& alternative);

} // namespace shisetsu::lifecycle
