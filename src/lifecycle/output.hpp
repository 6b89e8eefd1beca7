#pragma once
// Writing projections and comparisons: JSON in the shape of lifecycle.md
// "JSON shape" (names kept, fields only added), CSV for Excel (UTF-8 with
// BOM) and XLSX (libxlsxwriter, kept out of this header). Column headers
// and labels follow the current language (Japanese by default).
#include "lifecycle/comparison.hpp"
#include "lifecycle/priority.hpp"
#include "lifecycle/projection.hpp"

#include <nlohmann/json_fwd.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace shisetsu::lifecycle {

// The spec's fields, plus: budget_ratio (annual average ÷ budget, or null),
// backlog_yen (horizon total of the backlog part), years[].budget_gap_yen
// (year total − budget, when a budget is given), residual_value_yen and
// net_yen (lifecycle.md "Output"), without_condition (buildings projected
// with no 健全度), buildings[].category, floor_area_m2, building_status
// (strategy "none" when a building follows none: closed, demolish, no
// category), year_built, condition (健全度 or null), part_ratings (when
// surveyed), urgent (when true), residual_value_yen, events[].overdue,
// in_horizon_yen, backlog_years (backlog events), condition (true on a work
// brought forward), infrastructure[{asset_id, asset_type, quantity,
// events}], uncategorized (building ids), parameters.
// …and priority: the ranking of lifecycle.md "Condition" (priority.hpp),
// one entry per building with works in the first priority_years: rank,
// building_id, condition, part_ratings, urgent, overdue, age_years, events
// [{kind, year, start_year, cost_yen, status, overdue, condition}].
nlohmann::json to_json(const Projection& projection);
// The same document written to `out` piece by piece (one building at a
// time), with the ranking given and the fields of `extra` (an object)
// appended: what the lifecycle command writes, whatever the stock's size.
void write_json(std::ostream& out, const Projection& projection, const std::vector<PriorityEntry>& priority,
                const nlohmann::json& extra);
// The document's scalar fields and parameters, without the per-year,
// per-building and priority lists.
nlohmann::json summary_json(const Projection& projection);
nlohmann::json priority_entry_json(const Projection& projection, const PriorityEntry& entry);

// {start_year, horizon, strategies: [{strategy, label_ja, label_en,
// total_yen, annual_average_yen, backlog_yen, residual_value_yen, net_yen,
// equivalent_annual_cost_yen, eac_yen_per_m2, years: [{year, total_yen,
// by_kind}]}], differences: [{strategy, against, total_difference_yen,
// net_difference_yen, net_difference_share, eac_difference_yen, direction
// (less / more / equal, on the net cost)}]}.
nlohmann::json to_json(const Comparison& comparison);
// Whether a difference of to_json's `differences` has its equivalent annual
// cost pointing the other way than its net cost (one less, the other more):
// the summary and the report then say what each measures.
bool eac_points_other_way(const nlohmann::json& difference);

// Years table (one row per projected year: total, backlog, by kind, by
// category, budget gap) and events table (one row per event of every
// building and asset), each only where the user named it. Written through
// OutputFile: OutputError when a file cannot be written, the previous file
// whole.
void write_years_csv(const Projection& projection, const std::string& path);
void write_events_csv(const Projection& projection, const std::string& path);
void write_csv(const Comparison& comparison, const std::string& path);

// Sheets: years (with the residual value and net cost), by category,
// events, priority, parameters; with a comparison also the strategies side
// by side per year and the equivalent annual costs.
void write_xlsx(const Projection& projection, const std::string& path);
void write_xlsx(const Projection& projection, const Comparison& comparison, const std::string& path);

} // namespace shisetsu::lifecycle
