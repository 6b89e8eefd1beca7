#pragma once
// Writing projections and comparisons: JSON in the shape of lifecycle.md
// "JSON shape" (names kept, fields only added), CSV for Excel (UTF-8 with
// BOM) and XLSX (libxlsxwriter, kept out of this header). Column headers
// and labels follow the current language (Japanese by default).
#include "lifecycle/comparison.hpp"
#include "lifecycle/projection.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

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
nlohmann::json to_json(const Projection& projection);
nlohmann::json to_json(const Comparison& comparison);

// Years table (one row per projected year: total, backlog, by kind, by
// category, budget gap) and events table (one row per event of every
// building and asset). Throws InputError when a file cannot be written.
void write_csv(const Projection& projection, const std::string& years_path, const std::string& events_path);
void write_csv(const Comparison& comparison, const std::string& path);

// Sheets: years, by category, events, parameters; with a comparison also
// the comparison per year and the equivalent annual costs.
void write_xlsx(const Projection& projection, const std::string& path);
void write_xlsx(const Projection& projection, const Comparison& comparison, const std::string& path);

} // namespace shisetsu::lifecycle
