#include "storage/entities.hpp"

#include "core/checksum.hpp"

#include <nlohmann/json.hpp>

namespace shisetsu::entities {

namespace {

using json = nlohmann::json;

template <typename T>
json opt(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

std::string hash_of(const json& content) { return sha256_text(content.dump()); }

} // namespace

std::string hex(const Wkb& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string content_hash(const Facility& f) {
    return hash_of({{"name", f.name}, {"category", f.category}, {"services", f.services},
                    {"location", hex(f.location)}, {"site", hex(f.site)}, {"address", f.address},
                    {"site_area_m2", opt(f.site_area_m2)}, {"land_owned", opt(f.land_owned)},
                    {"annual_users", opt(f.annual_users)}, {"operating_cost_yen", opt(f.operating_cost_yen)},
                    {"revenue_yen", opt(f.revenue_yen)}, {"management", f.management},
                    {"district", f.district}, {"extra", f.extra_json}});
}

std::string content_hash(const Building& b) {
    json content = {{"facility_id", b.facility_id}, {"name", b.name}, {"floor_area_m2", b.floor_area_m2},
                    {"year_built", b.year_built}, {"structure", b.structure}, {"floors", opt(b.floors)},
                    {"seismic", b.seismic}, {"last_renovation_year", opt(b.last_renovation_year)},
                    {"concrete_strength", opt(b.concrete_strength)}, {"condition", opt(b.condition)},
                    {"life_extension", opt(b.life_extension)}, {"status", b.status},
                    {"demolish_year", opt(b.demolish_year)}, {"extra", b.extra_json}};
    // Only when surveyed, so rows without ratings keep their version-2 hash.
    if (!b.part_ratings.empty()) content["part_ratings"] = b.part_ratings;
    return hash_of(content);
}

std::string content_hash(const Service& s) {
    return hash_of({{"name", s.name}, {"catchment_m", opt(s.catchment_m)},
                    {"coverage_target", opt(s.coverage_target)},
                    {"standard_floor_area_m2", opt(s.standard_floor_area_m2)}, {"capacity", opt(s.capacity)},
                    {"demand_cohort", s.demand_cohort}, {"compatible", s.compatible}, {"extra", s.extra_json}});
}

std::string content_hash(const Demand& d) {
    json content = {{"kind", d.kind}, {"total", opt(d.total)}, {"age_0_14", opt(d.age_0_14)},
                    {"age_15_64", opt(d.age_15_64)}, {"age_65_over", opt(d.age_65_over)},
                    {"geometry", hex(d.geometry)}, {"extra", d.extra_json}};
    // Only when present, so rows without bands keep their version-2 hash.
    if (auto bands = age_bands_column(d)) content["age_bands"] = *bands;
    return hash_of(content);
}

std::optional<std::string> age_bands_column(const Demand& d) {
    if (d.age_bands.empty()) return std::nullopt;
    json out = json::array();
    for (const auto& b : d.age_bands) out.push_back({b.from_age, b.to_age < 0 ? json(nullptr) : json(b.to_age), b.people});
    return out.dump();
}

std::vector<AgeBand> age_bands_from_json(const std::string& text) {
    std::vector<AgeBand> out;
    for (const auto& b : json::parse(text))
        out.push_back({b.at(0).get<int>(), b.at(1).is_null() ? -1 : b.at(1).get<int>(), b.at(2).get<double>()});
    return out;
}

std::string content_hash(const Site& s) {
    return hash_of({{"name", s.name}, {"area_m2", opt(s.area_m2)},
                    {"max_floor_area_ratio", opt(s.max_floor_area_ratio)},
                    {"land_value_yen", opt(s.land_value_yen)}, {"geometry", hex(s.geometry)},
                    {"extra", s.extra_json}});
}

std::string content_hash(const InfraAsset& a) {
    return hash_of({{"asset_type", a.asset_type}, {"name", a.name}, {"quantity", a.quantity},
                    {"year_built", opt(a.year_built)}, {"unit_cost_yen", opt(a.unit_cost_yen)},
                    {"method", a.method}, {"extra", a.extra_json}});
}

std::string json_list(const std::vector<std::string>& values) { return json(values).dump(); }

std::vector<std::string> parse_list(const std::string& text) {
    if (text.empty()) return {};
    return json::parse(text).get<std::vector<std::string>>();
}

std::string select_facilities(const Dialect& d) {
    return "SELECT facility_id, name, category, services, address, site_area_m2, land_owned, annual_users, "
           "operating_cost_yen, revenue_yen, management, district, extra, " + d.wkb("geom") + ", " +
           d.wkb("site_geom") + " FROM facility ORDER BY facility_id" + d.binary_order;
}

std::string select_buildings(const Dialect& d) {
    return std::string("SELECT b.building_id, b.facility_id, b.name, b.floor_area_m2, b.year_built, b.structure, "
                       "b.floors, b.seismic, b.last_renovation_year, b.concrete_strength, b.condition, "
                       "b.life_extension, b.status, b.demolish_year, b.extra, f.category, b.part_ratings "
                       "FROM building b JOIN facility f USING (facility_id) ORDER BY b.building_id") + d.binary_order;
}

std::string select_services(const Dialect& d) {
    return std::string("SELECT service_key, name, catchment_m, coverage_target, standard_floor_area_m2, capacity, "
                       "demand_cohort, compatible, extra FROM service ORDER BY service_key") + d.binary_order;
}

std::string select_demand(const Dialect& d) {
    return "SELECT demand_id, kind, year, total, age_0_14, age_15_64, age_65_over, weight, extra, " + d.wkb("geom") +
           ", age_bands FROM demand ORDER BY year, demand_id" + d.binary_order;
}

std::string select_sites(const Dialect& d) {
    return "SELECT site_id, name, area_m2, max_floor_area_ratio, land_value_yen, extra, " + d.wkb("geom") +
           " FROM site ORDER BY site_id" + d.binary_order;
}

std::string select_infrastructure(const Dialect& d) {
    return std::string("SELECT asset_id, asset_type, name, quantity, year_built, unit_cost_yen, method, extra "
                       "FROM infrastructure ORDER BY asset_id") + d.binary_order;
}

std::string select_roads(const Dialect& d) {
    return "SELECT road_id, highway, name, osm_id, oneway, access, foot, length_m, " + d.wkb("geom") +
           " FROM road ORDER BY road_id";
}

std::string select_runs() {
    return "SELECT run_id, started_at, finished_at, command, kind, input_path, input_sha256, parameters, "
           "program_version, summary, db_user FROM run_log ORDER BY run_id";
}

std::string select_lifecycle_runs() {
    return "SELECT run_id, strategy, start_year, horizon, total_yen, annual_average_yen, budget_yen "
           "FROM lifecycle_run ORDER BY run_id";
}

std::string select_lifecycle_years(const std::string& parameter) {
    return "SELECT year, total_yen, backlog_yen, by_kind, by_category FROM lifecycle_year WHERE run_id = " + parameter +
           " ORDER BY year";
}

} // namespace shisetsu::entities
