#include "lifecycle/labels.hpp"
#include "lifecycle/output.hpp"

#include <nlohmann/json.hpp>

namespace shisetsu::lifecycle {

using nlohmann::json;

namespace {

// lifecycle.md "JSON shape": kind, year, cost_yen, spread, status; added:
// overdue (flag of lifecycle.md "Output"), backlog_years (for backlog
// events: the years the cost is spread over from Y0) and in_horizon_yen.
json event_json(const Projection& p, const Event& e) {
    json out = {{"kind", p.kinds[e.kind]},
                {"year", e.year},
                {"cost_yen", e.cost_yen},
                {"spread", e.spread_years},
                {"status", status_name(e.status)},
                {"overdue", e.overdue(p.start_year())},
                {"in_horizon_yen", e.in_horizon_yen}};
    if (e.status == EventStatus::backlog) out["backlog_years"] = e.backlog_years;
    if (e.condition) out["condition"] = true;  // brought forward for the building's condition
    return out;
}

json events_json(const Projection& p, std::span<const Event> events) {
    json out = json::array();
    for (const auto& e : events) out.push_back(event_json(p, e));
    return out;
}

json eac_json(const std::vector<StrategyEac>& eac) {
    json out = json::object();
    for (const auto& e : eac) out[e.strategy][e.category] = e.yen_per_m2;
    return out;
}

json side_json(const ComparedProjection& side) {
    return {{"strategy", side.strategy},
            {"total_yen", side.total_yen},
            {"annual_average_yen", side.annual_average_yen},
            {"backlog_yen", side.backlog_yen},
            {"equivalent_annual_cost_yen", side.equivalent_annual_cost_yen},
            {"eac_yen_per_m2", eac_json(side.eac)}};
}

} // namespace

json to_json(const Projection& p) {
    const Scenario& s = p.scenario;
    json out;
    out["strategy"] = s.strategy;
    out["start_year"] = s.start_year;
    out["horizon"] = s.horizon_years;
    out["total_yen"] = p.horizon_total_yen;
    out["annual_average_yen"] = p.annual_average_yen;
    out["budget_yen"] = s.budget_yen ? json(*s.budget_yen) : json(nullptr);
    // Added: ratio of the annual average to the annual budget, and the
    // horizon's backlog part.
    out["budget_ratio"] = p.budget_ratio() ? json(*p.budget_ratio()) : json(nullptr);
    double backlog = 0.0;
    for (double v : p.backlog_yen) backlog += v;
    out["backlog_yen"] = backlog;
    // lifecycle.md "Output": residual value at Y0 + H and net cost.
    out["residual_value_yen"] = p.residual_value_yen;
    out["net_yen"] = p.net_yen();
    out["without_condition"] = p.without_condition;

    json years = json::array();
    for (std::size_t i = 0; i < p.total_yen.size(); ++i) {
        json by_kind = json::object(), by_category = json::object();
        for (std::size_t k = 0; k < p.kinds.size(); ++k) by_kind[p.kinds[k]] = p.by_kind(i, k);
        for (std::size_t c = 0; c < p.categories.size(); ++c) by_category[p.categories[c]] = p.by_category(i, c);
        json year = {{"year", p.year(i)},
                     {"total_yen", p.total_yen[i]},
                     {"backlog_yen", p.backlog_yen[i]},
                     {"by_kind", std::move(by_kind)},
                     {"by_category", std::move(by_category)}};
        if (auto gap = p.budget_gap_yen(i)) year["budget_gap_yen"] = *gap;
        years.push_back(std::move(year));
    }
    out["years"] = std::move(years);

    json buildings = json::array();
    for (const auto& b : p.buildings) {
        json building = {{"building_id", b.building_id},
                         {"strategy", detail::strategy_key(p, b)},
                         {"events", events_json(p, p.events_of(b))}};
        building["category"] = b.category >= 0 ? json(p.categories[static_cast<std::size_t>(b.category)]) : json(nullptr);
        building["floor_area_m2"] = b.floor_area_m2;
        building["building_status"] = b.status;
        building["year_built"] = b.year_built;
        building["condition"] = b.condition ? json(*b.condition) : json(nullptr);
        if (!b.part_ratings.empty()) building["part_ratings"] = b.part_ratings;
        if (b.urgent) building["urgent"] = true;
        building["residual_value_yen"] = b.residual_value_yen;
        buildings.push_back(std::move(building));
    }
    out["buildings"] = std::move(buildings);

    // Added: infrastructure assets, with events of the same shape.
    json assets = json::array();
    for (const auto& a : p.assets)
        assets.push_back({{"asset_id", a.asset_id},
                          {"asset_type", a.category >= 0 ? p.categories[static_cast<std::size_t>(a.category)] : ""},
                          {"quantity", a.quantity},
                          {"events", events_json(p, p.events_of(a))}});
    out["infrastructure"] = std::move(assets);
    out["uncategorized"] = p.uncategorized;

    out["parameters"] = {{"backlog_years", s.backlog_years},
                         {"done_window_years", s.done_window_years},
                         {"demolition_yen_per_m2", s.demolition_yen_per_m2},
                         {"eligible_structures", s.eligible_structures},
                         {"min_concrete_strength", s.min_concrete_strength},
                         {"urgent_condition", s.urgent_condition},
                         {"priority_years", s.priority_years},
                         {"min_condition_for_life_extension",
                          s.min_condition_for_life_extension ? json(*s.min_condition_for_life_extension) : json(nullptr)},
                         {"scenario_file", s.scenario_file},
                         {"sources", s.sources}};
    return out;
}

json to_json(const Comparison& c) {
    json years = json::array();
    for (const auto& y : c.years)
        years.push_back({{"year", y.year},
                         {"base_yen", y.base_yen},
                         {"alternative_yen", y.alternative_yen},
                         {"difference_yen", y.difference_yen}});
    return {{"start_year", c.start_year},
            {"horizon", c.horizon},
            {"base", side_json(c.base)},
            {"alternative", side_json(c.alternative)},
            {"difference_yen", c.difference_yen},
            {"eac_difference_yen", c.eac_difference_yen},
            {"years", std::move(years)}};
}

} // namespace shisetsu::lifecycle
