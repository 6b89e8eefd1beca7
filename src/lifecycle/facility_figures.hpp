#pragma once
// A projection's figures per facility (outputs.md "GIS layers carry the
// figures planners map themselves"): what its buildings cost in the horizon,
// their residual value at its end, the next work to start and the best
// priority rank among them (lifecycle.md "Output" and "Condition").
#include "core/model.hpp"
#include "lifecycle/priority.hpp"
#include "lifecycle/projection.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace shisetsu::lifecycle {

struct FacilityFigures {
    std::string facility_id;
    double cost_yen = 0.0;                    // Σ in_horizon_yen of its buildings' events
    double residual_value_yen = 0.0;          // Σ of its buildings' residual values
    std::optional<int> rank;                  // the best rank of its buildings; none outside the window
    std::optional<std::uint32_t> next_event;  // index into Projection::events
    int next_start_year = 0;                  // a backlog work starts in Y0
};

// `buildings` are the ones projected, in the projection's order. The next
// work is the scheduled or backlog work with a cost that starts first (the
// earlier building on a tie). Facilities in id order; buildings without a
// category (not projected) count for nothing.
std::vector<FacilityFigures> facility_figures(const Projection& projection, std::span<const Building> buildings,
                                              const std::vector<PriorityEntry>& priority);

} // namespace shisetsu::lifecycle
