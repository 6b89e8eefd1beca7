#pragma once
// Small builders for the lifecycle tests. Y0 = 2026 and H = 40 unless a test
// says otherwise, so projected years are 2026 … 2065.
#include "lifecycle/projection.hpp"
#include "lifecycle/scenario.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace lc_test {

using namespace shisetsu;
using namespace shisetsu::lifecycle;

inline Scenario scenario(const std::string& strategy = "standard", int start_year = 2026) {
    Scenario s = load_defaults();
    s.strategy = strategy;
    s.start_year = start_year;
    return s;
}

inline Building building(const std::string& id, int year_built, double area_m2 = 1000.0,
                         const std::string& category = "school", const std::string& structure = "RC") {
    Building b;
    b.building_id = id;
    b.facility_id = id;
    b.year_built = year_built;
    b.floor_area_m2 = area_m2;
    b.category = category;
    b.structure = structure;
    return b;
}

inline Projection run(const std::vector<Building>& buildings, const Scenario& s) { return project(buildings, {}, s); }

inline std::size_t kind_of(const Projection& p, const std::string& kind) {
    for (std::size_t k = 0; k < p.kinds.size(); ++k)
        if (p.kinds[k] == kind) return k;
    FAIL("kind not in projection: " << kind);
    return 0;
}

inline std::size_t category_of(const Projection& p, const std::string& category) {
    for (std::size_t c = 0; c < p.categories.size(); ++c)
        if (p.categories[c] == category) return c;
    FAIL("category not in projection: " << category);
    return 0;
}

// Total of the projected year `year` (calendar value, e.g. 2030).
inline double year_total(const Projection& p, int year) {
    return p.total_yen.at(static_cast<std::size_t>(year - p.start_year()));
}
inline double year_backlog(const Projection& p, int year) {
    return p.backlog_yen.at(static_cast<std::size_t>(year - p.start_year()));
}

// "kind@year:status" for each event of the first building, for compact checks.
inline std::vector<std::string> describe(const Projection& p, std::size_t building = 0) {
    std::vector<std::string> out;
    for (const auto& e : p.events_of(p.buildings.at(building)))
        out.push_back(p.kinds[e.kind] + "@" + std::to_string(e.year) + ":" + status_name(e.status));
    return out;
}

inline std::string temp_file(const std::string& name, const std::string& content) {
    const auto dir = std::filesystem::temp_directory_path() / "shisetsu_lifecycle_tests";
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

inline std::string fixture(const std::string& name) {
    return std::string(SHISETSU_SOURCE_DIR) + "/tests/data/lifecycle/" + name;
}

} // namespace lc_test
