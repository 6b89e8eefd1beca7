#pragma once
// The lifecycle cost projection of lifecycle.md "Scheduling rules" and
// "Infrastructure": every building and asset walked through its strategy's
// cycles, costs accumulated per year, event kind and category.
#include "core/model.hpp"
#include "lifecycle/scenario.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace shisetsu::lifecycle {

enum class EventStatus : std::uint8_t { scheduled, backlog, done, skipped };

const char* status_name(EventStatus status) noexcept;   // "scheduled", … (JSON)
const char* status_label(EventStatus status) noexcept;  // 予定, 積み残し, 実施済み, 省略 (current language)

// One event of a building or asset (lifecycle.md "Output").
//
// What the fields mean for each status (lifecycle.md "Scheduling rules"):
// - `year` is always the year the event fell due (cycle base + age), also
//   for backlog (then < Y0), done and skipped events;
// - `cost_yen` is the full event cost (unit cost × quantity) for scheduled
//   and backlog events, even when part of it falls after the horizon, and 0
//   for done (rule 1) and skipped (rule 3) events;
// - `spread_years` is the strategy's spread n; a backlog event is paid
//   instead over `backlog_years` years from Y0 (rule 3), 0 otherwise;
// - `in_horizon_yen` is the part of cost_yen counted in Y0 … Y0+H−1, so the
//   events' in_horizon_yen add up to the projection total;
// - `condition` marks a work brought forward because of the building's
//   condition (lifecycle.md "Condition", urgency): it is backlog, paid over
//   the backlog period from Y0, and `year` stays the year it was due.
struct Event {
    std::uint32_t owner = 0;       // index into Projection::buildings, or ::assets when is_asset
    std::uint16_t kind = 0;        // index into Projection::kinds
    EventStatus status = EventStatus::scheduled;
    bool is_asset = false;
    bool condition = false;
    int year = 0;
    int spread_years = 1;
    int backlog_years = 0;
    double cost_yen = 0.0;
    double in_horizon_yen = 0.0;

    bool overdue(int start_year) const noexcept { return year < start_year; }
};

struct BuildingResult {
    std::string building_id;
    int category = -1;             // index into Projection::categories; -1 = no category (left out)
    int strategy = -1;             // index into scenario.strategies; -1 = none (closed, demolish, no category)
    double floor_area_m2 = 0.0;
    int year_built = 0;
    std::string status;            // in_use, closed, demolish
    std::optional<double> condition;  // 健全度, as imported (given or computed from the part ratings)
    std::string part_ratings;      // Building::part_ratings
    bool urgent = false;           // a D part or 健全度 < urgent_condition (lifecycle.md "Condition")
    double residual_value_yen = 0.0;  // at Y0 + H (residual.hpp)
    std::uint32_t first_event = 0; // events [first_event, first_event + event_count)
    std::uint32_t event_count = 0;
};

struct AssetResult {
    std::string asset_id;
    int category = -1;             // index into Projection::categories (the asset type)
    double quantity = 0.0;         // m² or m
    std::uint32_t first_event = 0;
    std::uint32_t event_count = 0;
};

struct Projection {
    Scenario scenario;                    // the parameters used
    std::vector<std::string> kinds;       // event kind keys in use; index = Event::kind
    std::vector<std::string> categories;  // category keys, then infrastructure asset types, in use
    std::vector<double> total_yen;        // per projected year [H]
    std::vector<double> backlog_yen;      // part of total_yen that is backlog [H]
    std::vector<double> kind_yen;         // [year index × kinds.size() + kind]
    std::vector<double> category_yen;     // [year index × categories.size() + category]
    std::vector<BuildingResult> buildings;  // in input order
    std::vector<AssetResult> assets;        // in input order
    std::vector<Event> events;            // each owner's events contiguous, in due order
    std::vector<std::string> uncategorized;  // building ids left out for want of a category
    double horizon_total_yen = 0.0;
    double annual_average_yen = 0.0;
    double residual_value_yen = 0.0;      // Σ buildings' residual value at Y0 + H (residual.hpp)
    long without_condition = 0;           // projected buildings with no 健全度: they follow the age rules alone

    // Net cost = total − residual value (lifecycle.md "Output"; ISO 15686-5).
    double net_yen() const noexcept { return horizon_total_yen - residual_value_yen; }
    int start_year() const noexcept { return scenario.start_year; }
    int horizon() const noexcept { return scenario.horizon_years; }
    int year(std::size_t index) const noexcept { return scenario.start_year + static_cast<int>(index); }
    double by_kind(std::size_t year_index, std::size_t kind) const noexcept {
        return kind_yen[year_index * kinds.size() + kind];
    }
    double by_category(std::size_t year_index, std::size_t category) const noexcept {
        return category_yen[year_index * categories.size() + category];
    }
    std::span<const Event> events_of(const BuildingResult& b) const noexcept {
        return {events.data() + b.first_event, b.event_count};
    }
    std::span<const Event> events_of(const AssetResult& a) const noexcept {
        return {events.data() + a.first_event, a.event_count};
    }
    bool category_is_infrastructure(std::size_t category) const noexcept {
        return category >= first_infrastructure_category;
    }
    // The strategy a building followed; nullptr for none.
    const Strategy* strategy_of(const BuildingResult& b) const noexcept {
        return b.strategy < 0 ? nullptr : &scenario.strategies[static_cast<std::size_t>(b.strategy)];
    }
    // Budget comparison (lifecycle.md "Output"); nullopt without a budget.
    // ratio = annual average ÷ annual budget = total ÷ (budget × H);
    // gap = year total − budget (positive: the budget falls short).
    std::optional<double> budget_ratio() const noexcept;
    std::optional<double> budget_gap_yen(std::size_t year_index) const noexcept;

    std::size_t first_infrastructure_category = 0;  // categories from here on are asset types
};

// Projects the buildings and infrastructure assets under the scenario.
// Throws InputError listing every building or asset that cannot be projected
// (unknown category or status, floor area ≤ 0, water pipe without a unit
// cost, …). Buildings with an empty category are left out and listed in
// Projection::uncategorized (inventory.md: reported, not guessed).
Projection project(const std::vector<Building>& buildings, const std::vector<InfraAsset>& assets,
                   const Scenario& scenario);

// The present value at Y0 of the part of an event paid inside the horizon:
// each year's part (cost ÷ n, paid in years e … e+n−1 for a scheduled event,
// Y0 … Y0+backlog_years−1 for a backlog one) times 1 / (1 + rate)^(y − Y0).
// With rate 0 it equals the event's in_horizon_yen.
double discounted_in_horizon_yen(const Event& event, int start_year, int horizon, double rate);

// Σ_{t=0}^{n−1} 1 / (1 + rate)^t: the present value of 1 yen paid in each of
// the first n years (Y0 counts as t = 0). n with rate 0.
double annuity_factor(int years, double rate);

// Whether a building may follow a strategy that requires eligibility
// (lifecycle.md "Strategies": structure in the list, strength unknown or
// ≥ the minimum, override not false; "Condition": 健全度 unknown or ≥
// min_condition_for_life_extension when the scenario sets one).
bool eligible_for_life_extension(const Building& building, const Scenario& scenario);

} // namespace shisetsu::lifecycle
