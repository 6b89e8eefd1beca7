#include "lifecycle/residual.hpp"

#include <algorithm>

namespace shisetsu::lifecycle {

double residual_value_yen(std::optional<int> last_rebuild_start, double rebuild_cost_yen, int year_built,
                          int cycle_years, int end_year) {
    if (cycle_years <= 0) return 0.0;
    const int from = last_rebuild_start && *last_rebuild_start <= end_year - 1 ? *last_rebuild_start : year_built;
    return rebuild_cost_yen * std::max(0.0, 1.0 - static_cast<double>(end_year - from) / cycle_years);
}

double residual_value_yen(const Projection& p, const BuildingResult& b) {
    const Strategy* strategy = p.strategy_of(b);
    if (!strategy || b.status != "in_use" || b.category < 0 || strategy->events.empty()) return 0.0;
    const CategoryCost* category = p.scenario.find_category(p.categories[static_cast<std::size_t>(b.category)]);
    if (!category) return 0.0;
    const int end_year = p.start_year() + p.horizon();
    std::optional<int> last;
    for (const auto& e : p.events_of(b)) {
        if (p.kinds[e.kind] != "rebuild") continue;
        if (e.status != EventStatus::scheduled && e.status != EventStatus::backlog) continue;
        const int start = e.status == EventStatus::backlog ? p.start_year() : e.year;  // an overdue rebuild counts from Y0
        if (start <= end_year - 1 && (!last || start >= *last)) last = start;
    }
    const double rebuild_cost = strategy->events.back().unit_cost_yen_per_m2(*category) * b.floor_area_m2;
    return residual_value_yen(last, rebuild_cost, b.year_built, strategy->cycle_years(), end_year);
}

double new_space_residual_value_yen(const Strategy& strategy, const CategoryCost& category, double floor_area_m2,
                                    int start_year, int horizon) {
    const int cycle = strategy.cycle_years();
    if (cycle <= 0 || strategy.events.empty()) return 0.0;
    std::optional<int> last;
    if (horizon - 1 >= cycle) last = start_year + (horizon - 1) / cycle * cycle;
    return residual_value_yen(last, strategy.events.back().unit_cost_yen_per_m2(category) * floor_area_m2, start_year,
                              cycle, start_year + horizon);
}

} // namespace shisetsu::lifecycle
