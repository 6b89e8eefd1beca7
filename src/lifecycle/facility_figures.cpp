#include "lifecycle/facility_figures.hpp"

#include <map>

namespace shisetsu::lifecycle {

std::vector<FacilityFigures> facility_figures(const Projection& p, std::span<const Building> buildings,
                                              const std::vector<PriorityEntry>& priority) {
    std::vector<int> rank(p.buildings.size(), 0);
    for (const auto& e : priority) rank[e.building] = e.rank;
    std::map<std::string, FacilityFigures> by_facility;
    for (std::size_t i = 0; i < p.buildings.size() && i < buildings.size(); ++i) {
        const BuildingResult& b = p.buildings[i];
        if (b.category < 0) continue;
        FacilityFigures& f = by_facility[buildings[i].facility_id];
        for (const Event& e : p.events_of(b)) {
            f.cost_yen += e.in_horizon_yen;
            if ((e.status != EventStatus::scheduled && e.status != EventStatus::backlog) || e.cost_yen <= 0) continue;
            const int start = e.status == EventStatus::backlog ? p.start_year() : e.year;
            if (!f.next_event || start < f.next_start_year) {
                f.next_event = static_cast<std::uint32_t>(&e - p.events.data());
                f.next_start_year = start;
            }
        }
        f.residual_value_yen += b.residual_value_yen;
        if (rank[i] > 0 && (!f.rank || rank[i] < *f.rank)) f.rank = rank[i];
    }
    std::vector<FacilityFigures> out;
    out.reserve(by_facility.size());
    for (auto& [id, f] : by_facility) {
        f.facility_id = id;
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace shisetsu::lifecycle
