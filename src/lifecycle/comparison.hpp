#pragma once
// Comparing two projections (lifecycle.md "Output"): the difference per year
// and over the horizon, and the equivalent annual cost of each strategy's
// cycle, because a horizon total flatters any strategy that pushes rebuilds
// past the horizon.
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

// One side of a comparison.
struct ComparedProjection {
    std::string strategy;
    double total_yen = 0.0;
    double annual_average_yen = 0.0;
    double backlog_yen = 0.0;                 // horizon total of the backlog part
    double equivalent_annual_cost_yen = 0.0;  // stock-wide
    std::vector<StrategyEac> eac;             // every strategy it used × every category in use
};

struct YearDifference {
    int year = 0;
    double base_yen = 0.0;
    double alternative_yen = 0.0;
    double difference_yen = 0.0;              // alternative − base
};

struct Comparison {
    int start_year = 0;
    int horizon = 0;
    ComparedProjection base;
    ComparedProjection alternative;
    std::vector<YearDifference> years;
    double difference_yen = 0.0;              // alternative − base over the horizon
    double eac_difference_yen = 0.0;          // alternative − base, stock-wide EAC
};

// Both projections must cover the same years (InputError otherwise).
Comparison compare(const Projection& base, const Projection& alternative);

} // namespace shisetsu::lifecycle
