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

ComparedProjection summarize(const Projection& p) {
    ComparedProjection out;
    out.strategy = p.scenario.strategy;
    if (const Strategy* s = p.scenario.find_strategy(p.scenario.strategy)) {
        out.label_ja = s->label_ja;
        out.label_en = s->label_en;
    }
    out.start_year = p.start_year();
    out.total_yen = p.horizon_total_yen;
    out.annual_average_yen = p.annual_average_yen;
    for (double v : p.backlog_yen) out.backlog_yen += v;
    out.residual_value_yen = p.residual_value_yen;
    out.net_yen = p.net_yen();
    out.equivalent_annual_cost_yen = stock_equivalent_annual_cost_yen(p);
    out.year_yen = p.total_yen;
    out.kinds = p.kinds;
    out.kind_yen = p.kind_yen;
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

Comparison compare(std::vector<ComparedProjection> strategies) {
    if (strategies.size() < 2)
        throw InputError(std::string(tr("比較には二つ以上の戦略が必要です", "a comparison needs at least two strategies")));
    for (const auto& s : strategies)
        if (s.year_yen.size() != strategies[0].year_yen.size() || s.start_year != strategies[0].start_year)
            throw InputError(std::string(tr("比較する推計は開始年度と期間が同じでなければなりません",
                                            "the projections compared must have the same start year and horizon")));
    Comparison c;
    c.start_year = strategies[0].start_year;
    c.horizon = static_cast<int>(strategies[0].year_yen.size());
    c.strategies = std::move(strategies);
    const ComparedProjection& first = c.strategies[0];
    for (std::size_t i = 1; i < c.strategies.size(); ++i) {
        const ComparedProjection& other = c.strategies[i];
        StrategyDifference d;
        d.strategy = first.strategy;
        d.against = other.strategy;
        d.total_yen = first.total_yen - other.total_yen;
        d.net_yen = first.net_yen - other.net_yen;
        d.net_share = other.net_yen != 0.0 ? d.net_yen / other.net_yen : 0.0;
        d.eac_yen = first.equivalent_annual_cost_yen - other.equivalent_annual_cost_yen;
        c.differences.push_back(d);
    }
    return c;
}

Comparison compare(const Projection& base, const Projection& alternative) {
    return compare({summarize(alternative), summarize(base)});
}

} // namespace shisetsu::lifecycle
