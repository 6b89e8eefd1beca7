#pragma once
// Priority of works (改修等の優先順位, lifecycle.md "Condition"): the
// buildings with works starting in the first `priority_years` of the
// projection, ranked by 健全度 ascending (unknown last), then overdue first,
// then age descending. Buildings equal on all three share a rank (1, 2, 2,
// 4 …) and are listed by building id.
#include "lifecycle/projection.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace shisetsu::lifecycle {

struct PriorityEntry {
    std::uint32_t building = 0;        // index into Projection::buildings
    int rank = 0;                      // 1 = first
    std::optional<double> condition;   // 健全度
    bool overdue = false;              // a work of the window fell due before Y0
    int age_years = 0;                 // at Y0
    std::vector<std::uint32_t> events; // indices into Projection::events: the works of the window
};

// A work starts in the window when it is backlog (paid from Y0) or is
// scheduled in Y0 … Y0 + priority_years − 1; done and skipped works do not.
bool starts_in_priority_window(const Event& event, const Projection& projection) noexcept;

std::vector<PriorityEntry> priority_ranking(const Projection& projection);

} // namespace shisetsu::lifecycle
