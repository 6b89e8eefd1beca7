#include "lifecycle/priority.hpp"

#include <algorithm>
#include <tuple>

namespace shisetsu::lifecycle {

bool starts_in_priority_window(const Event& e, const Projection& p) noexcept {
    if (e.status == EventStatus::backlog) return true;
    if (e.status != EventStatus::scheduled) return false;
    return e.year >= p.start_year() && e.year < p.start_year() + p.scenario.priority_years;
}

std::vector<PriorityEntry> priority_ranking(const Projection& p) {
    std::vector<PriorityEntry> out;
    for (std::uint32_t i = 0; i < p.buildings.size(); ++i) {
        const BuildingResult& b = p.buildings[i];
        PriorityEntry entry;
        for (std::uint32_t k = 0; k < b.event_count; ++k) {
            const Event& e = p.events[b.first_event + k];
            if (!starts_in_priority_window(e, p)) continue;
            entry.events.push_back(b.first_event + k);
            entry.overdue = entry.overdue || e.overdue(p.start_year());
        }
        if (entry.events.empty()) continue;
        entry.building = i;
        entry.condition = b.condition;
        entry.age_years = p.start_year() - b.year_built;
        out.push_back(std::move(entry));
    }
    // The ranking key: 健全度 ascending with unknown last, overdue first, older first.
    auto key = [](const PriorityEntry& e) {
        return std::make_tuple(!e.condition.has_value(), e.condition.value_or(0.0), !e.overdue, -e.age_years);
    };
    std::sort(out.begin(), out.end(), [&](const PriorityEntry& a, const PriorityEntry& b) {
        const auto ka = key(a), kb = key(b);
        if (ka != kb) return ka < kb;
        return p.buildings[a.building].building_id < p.buildings[b.building].building_id;
    });
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].rank = i > 0 && key(out[i]) == key(out[i - 1]) ? out[i - 1].rank : static_cast<int>(i) + 1;
    return out;
}

} // namespace shisetsu::lifecycle
