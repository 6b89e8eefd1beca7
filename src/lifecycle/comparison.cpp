#include "lifecycle/comparison.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <algorithm>

namespace shisetsu::lifecycle {

double equivalent_annual_cost_yen_per_m2(const Strategy& strategy, const CategoryCost& category) {
    if (strategy.cycle_years() <= 0) return 0.0;
    double cycle_cost = 0.0;
    for (const auto& e : strategy.events) cycle_cost += e.unit_cost_yen_per_m2(category);
    return cycle_cost / strategy.cycle_years();
}

double stock_equivalent_annual_cost_yen(const Projection& p) {
    double total = 0.0;
    for (const auto& b : p.buildings) {
        const Strategy* strategy = p.strategy_of(b);
        if (!strategy || b.category < 0) continue;
        const CategoryCost* category = p.scenario.find_category(p.categories[static_cast<std::size_t>(b.category)]);
        if (category) total += b.floor_area_m2 * equivalent_annual_cost_yen_per_m2(*strategy, *category);
    }
    return total;
}

namespace {

ComparedProjection summarize(const Projection& p) {
    ComparedProjection out;
    out.strategy = p.scenario.strategy;
    out.total_yen = p.horizon_total_yen;
    out.annual_average_yen = p.annual_average_yen;
    for (double v : p.backlog_yen) out.backlog_yen += v;
    out.equivalent_annual_cost_yen = stock_equivalent_annual_cost_yen(p);
    // The chosen strategy and its fallback, then any other strategy followed.
    std::vector<const Strategy*> used;
    auto add = [&](const Strategy* s) {
        if (s && std::find(used.begin(), used.end(), s) == used.end()) used.push_back(s);
    };
    const Strategy* chosen = p.scenario.find_strategy(p.scenario.strategy);
    add(chosen);
    if (chosen && chosen->requires_eligibility) add(p.scenario.find_strategy(chosen->fallback));
    for (const auto& b : p.buildings) add(p.strategy_of(b));
    for (const Strategy* s : used)
        for (std::size_t c = 0; c < p.first_infrastructure_category && c < p.categories.size(); ++c)
            if (const CategoryCost* category = p.scenario.find_category(p.categories[c]))
                out.eac.push_back({s->key, category->key, equivalent_annual_cost_yen_per_m2(*s, *category)});
    return out;
}

} // namespace

Comparison compare(const Projection& base, const Projection& alternative) {
    if (base.start_year() != alternative.start_year() || base.horizon() != alternative.horizon())
        throw InputError(std::string(tr("比較する二つの推計は開始年度と期間が同じでなければなりません",
                                        "the two projections compared must have the same start year and horizon")));
    Comparison c;
    c.start_year = base.start_year();
    c.horizon = base.horizon();
    c.base = summarize(base);
    c.alternative = summarize(alternative);
    c.years.reserve(base.total_yen.size());
    for (std::size_t i = 0; i < base.total_yen.size(); ++i)
        c.years.push_back({base.year(i), base.total_yen[i], alternative.total_yen[i],
                           alternative.total_yen[i] - base.total_yen[i]});
    c.difference_yen = alternative.horizon_total_yen - base.horizon_total_yen;
    c.eac_difference_yen = c.alternative.equivalent_annual_cost_yen - c.base.equivalent_annual_cost_yen;
    return c;
}

} // namespace shisetsu::lifecycle
