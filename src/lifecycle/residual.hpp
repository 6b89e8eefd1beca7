#pragma once
// Residual value at the end of the horizon (lifecycle.md "Output") — one
// definition, used by the lifecycle projection and by the consolidation
// model (optimization.md), so that a kept building and new floor space are
// valued by the same rule.
//
// A horizon total favours whichever cycle pushes rebuilds just past the
// horizon, so every projection also reports, at Y_e = Y0 + H, per building:
//
//   the cost of its latest rebuild with start year t ≤ Y_e − 1 (an overdue
//   rebuild starts at Y0) × max(0, 1 − (Y_e − t) / T),
//   or, with no rebuild by then, R·A × max(0, 1 − (Y_e − b) / T),
//
// T = the rebuild age of the strategy the building follows (its cycle
// length), b = year built, R·A = the rebuild's cost (the strategy's rebuild
// unit cost × floor area; R_c × A for the built-in strategies). Closed and
// demolished buildings, and those that follow no strategy, are worth 0.
// Infrastructure assets carry no residual value. The net cost is the total
// minus the residual value (life-cycle costing as ISO 15686-5 and NIST
// Handbook 135 define it).
#include "lifecycle/projection.hpp"

#include <optional>

namespace shisetsu::lifecycle {

// The rule on its numbers: `last_rebuild_start` is t (nullopt: no rebuild
// by Y_e − 1), `rebuild_cost_yen` the rebuild's cost (R·A), `cycle_years` T,
// `end_year` Y_e = Y0 + H.
double residual_value_yen(std::optional<int> last_rebuild_start, double rebuild_cost_yen, int year_built,
                          int cycle_years, int end_year);

// A projected building, from its events in the projection. project() keeps
// this in BuildingResult::residual_value_yen and the sum in
// Projection::residual_value_yen.
double residual_value_yen(const Projection& projection, const BuildingResult& building);

// New floor space built in Y0 and then following `strategy` (rebuilt every
// T years from Y0): what a building with year built Y0 would be worth at
// Y0 + H under the rule above. T ≥ H: R·A × max(0, 1 − H/T); otherwise the
// latest rebuild Y0 + k·T ≤ Y0 + H − 1 counts.
double new_space_residual_value_yen(const Strategy& strategy, const CategoryCost& category, double floor_area_m2,
                                    int start_year, int horizon);

} // namespace shisetsu::lifecycle
