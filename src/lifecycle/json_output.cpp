#include "lifecycle/labels.hpp"
#include "lifecycle/output.hpp"
#include "lifecycle/priority.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace shisetsu::lifecycle {

using nlohmann::json;

namespace {

// lifecycle.md "JSON shape": kind, year, cost_yen, spread, status; added:
// overdue (flag of lifecycle.md "Output"), backlog_years (for backlog
// events: the years the cost is spread over from Y0), in_horizon_yen, and
// condition on a work brought forward for the building's condition.
json event_json(const Projection& p, const Event& e) {
    json out = {{"kind", p.kinds[e.kind]},
                {"year", e.year},
                {"cost_yen", e.cost_yen},
                {"spread", e.spread_years},
                {"status", status_name(e.status)},
                {"overdue", e.overdue(p.start_year())},
                {"in_horizon_yen", e.in_horizon_yen}};
    if (e.status == EventStatus::backlog) out["backlog_years"] = e.backlog_years;
    if (e.condition) out["condition"] = true;
    return out;
}

json events_json(const Projection& p, std::span<const Event> events) {
    json out = json::array();
    for (const auto& e : events) out.push_back(event_json(p, e));
    return out;
}

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json eac_json(const std::vector<StrategyEac>& eac) {
    json out = json::object();
    for (const auto& e : eac) out[e.strategy][e.category] = e.yen_per_m2;
    return out;
}

json strategy_json(const Comparison& c, const ComparedProjection& s) {
    json by_kind = json::array();
    for (std::size_t i = 0; i < s.year_yen.size(); ++i) {
        json kinds = json::object();
        for (std::size_t k = 0; k < s.kinds.size(); ++k) kinds[s.kinds[k]] = s.kind_yen[i * s.kinds.size() + k];
        by_kind.push_back(std::move(kinds));
    }
    json years = json::array();
    for (std::size_t i = 0; i < s.year_yen.size(); ++i)
        years.push_back({{"year", c.start_year + static_cast<int>(i)}, {"total_yen", s.year_yen[i]}, {"by_kind", by_kind[i]}});
    return {{"strategy", s.strategy},
            {"label_ja", s.label_ja},
            {"label_en", s.label_en},
            {"total_yen", s.total_yen},
            {"annual_average_yen", s.annual_average_yen},
            {"backlog_yen", s.backlog_yen},
            {"residual_value_yen", s.residual_value_yen},
            {"net_yen", s.net_yen},
            {"equivalent_annual_cost_yen", s.equivalent_annual_cost_yen},
            {"eac_yen_per_m2", eac_json(s.eac)},
            {"years", std::move(years)}};
}

// The parts of the projection's document, shared by to_json (one value)
// and write_json (streamed).
json years_json(const Projection& p) {
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
    return years;
}

json building_json(const Projection& p, const BuildingResult& b) {
    json building = {{"building_id", b.building_id},
                     {"strategy", detail::strategy_key(p, b)},
                     {"events", events_json(p, p.events_of(b))}};
    building["category"] = b.category >= 0 ? json(p.categories[static_cast<std::size_t>(b.category)]) : json(nullptr);
    building["floor_area_m2"] = b.floor_area_m2;
    building["building_status"] = b.status;
    building["year_built"] = b.year_built;
    building["condition"] = optional_number(b.condition);
    if (!b.part_ratings.empty()) building["part_ratings"] = b.part_ratings;
    if (b.urgent) building["urgent"] = true;
    building["residual_value_yen"] = b.residual_value_yen;
    return building;
}

json asset_json(const Projection& p, const AssetResult& a) {
    return {{"asset_id", a.asset_id},
            {"asset_type", a.category >= 0 ? p.categories[static_cast<std::size_t>(a.category)] : ""},
            {"quantity", a.quantity},
            {"events", events_json(p, p.events_of(a))}};
}

// Streams a JSON value piece by piece: `{"key": value, …}`.
class ObjectWriter {
public:
    explicit ObjectWriter(std::ostream& out) : out_(out) { out_ << '{'; }
    void field(const std::string& key, const json& value) {
        open(key);
        out_ << value.dump();
    }
    // `"key": [` … `]`, the elements given one at a time.
    template <typename Range, typename ToJson>
    void array(const std::string& key, const Range& range, ToJson to_json) {
        open(key);
        out_ << '[';
        bool first = true;
        for (const auto& item : range) {
            if (!first) out_ << ',';
            first = false;
            out_ << to_json(item).dump();
        }
        out_ << ']';
    }
    void close() { out_ << "}\n"; }

private:
    void open(const std::string& key) {
        if (!first_) out_ << ',';
        first_ = false;
        out_ << json(key).dump() << ':';
    }
    std::ostream& out_;
    bool first_ = true;
};

} // namespace

json summary_json(const Projection& p) {
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
    long urgent = 0;
    for (const auto& b : p.buildings) urgent += b.urgent;
    out["urgent"] = urgent;
    out["parameters"] = {{"backlog_years", s.backlog_years},
                         {"done_window_years", s.done_window_years},
                         {"demolition_yen_per_m2", s.demolition_yen_per_m2},
                         {"eligible_structures", s.eligible_structures},
                         {"min_concrete_strength", s.min_concrete_strength},
                         {"urgent_condition", s.urgent_condition},
                         {"priority_years", s.priority_years},
                         {"min_condition_for_life_extension", optional_number(s.min_condition_for_life_extension)},
                         {"scenario_file", s.scenario_file},
                         {"sources", s.sources}};
    return out;
}

json priority_entry_json(const Projection& p, const PriorityEntry& entry) {
    const BuildingResult& b = p.buildings[entry.building];
    json events = json::array();
    for (std::uint32_t i : entry.events) {
        const Event& e = p.events[i];
        json ev = {{"kind", p.kinds[e.kind]},
                   {"year", e.year},
                   {"start_year", e.status == EventStatus::backlog ? p.start_year() : e.year},
                   {"cost_yen", e.cost_yen},
                   {"status", status_name(e.status)},
                   {"overdue", e.overdue(p.start_year())}};
        if (e.condition) ev["condition"] = true;
        events.push_back(std::move(ev));
    }
    return {{"rank", entry.rank},
            {"building_id", b.building_id},
            {"condition", optional_number(entry.condition)},
            {"part_ratings", b.part_ratings.empty() ? json(nullptr) : json(b.part_ratings)},
            {"urgent", b.urgent},
            {"overdue", entry.overdue},
            {"age_years", entry.age_years},
            {"events", std::move(events)}};
}

json to_json(const Projection& p) {
    json out = summary_json(p);
    out["years"] = years_json(p);
    json buildings = json::array();
    for (const auto& b : p.buildings) buildings.push_back(building_json(p, b));
    out["buildings"] = std::move(buildings);
    // Added: infrastructure assets, with events of the same shape.
    json assets = json::array();
    for (const auto& a : p.assets) assets.push_back(asset_json(p, a));
    out["infrastructure"] = std::move(assets);
    out["uncategorized"] = p.uncategorized;
    json priority = json::array();
    for (const auto& e : priority_ranking(p)) priority.push_back(priority_entry_json(p, e));
    out["priority"] = std::move(priority);
    return out;
}

void write_json(std::ostream& out, const Projection& p, const std::vector<PriorityEntry>& priority, const json& extra) {
    ObjectWriter w(out);
    const json head = summary_json(p);
    for (const auto& [key, value] : head.items()) w.field(key, value);
    w.field("years", years_json(p));
    w.array("buildings", p.buildings, [&](const BuildingResult& b) { return building_json(p, b); });
    w.array("infrastructure", p.assets, [&](const AssetResult& a) { return asset_json(p, a); });
    w.field("uncategorized", p.uncategorized);
    w.array("priority", priority, [&](const PriorityEntry& e) { return priority_entry_json(p, e); });
    if (extra.is_object())
        for (const auto& [key, value] : extra.items()) w.field(key, value);
    w.close();
}

bool eac_points_other_way(const json& d) {
    const double net = d.at("net_difference_yen").get<double>(), eac = d.at("eac_difference_yen").get<double>();
    return (net < 0 && eac > 0) || (net > 0 && eac < 0);
}

json to_json(const Comparison& c) {
    json strategies = json::array();
    for (const auto& s : c.strategies) strategies.push_back(strategy_json(c, s));
    json differences = json::array();
    for (const auto& d : c.differences)
        differences.push_back({{"strategy", d.strategy},
                               {"against", d.against},
                               {"total_difference_yen", d.total_yen},
                               {"net_difference_yen", d.net_yen},
                               {"net_difference_share", d.net_share},
                               {"eac_difference_yen", d.eac_yen},
                               {"direction", d.net_yen < 0 ? "less" : d.net_yen > 0 ? "more" : "equal"}});
    return {{"start_year", c.start_year},
            {"horizon", c.horizon},
            {"strategies", std::move(strategies)},
            {"differences", std::move(differences)}};
}

} // namespace shisetsu::lifecycle
