#pragma once
// What both backends share about the entity tables: the content hash that
// tells "changed" from "unchanged" on re-import, the SELECT lists (geometry
// comes back as WKB through the backend's own function) and the mapping of a
// result row to the model type. A Row is any cursor with text / real /
// integer / opt_real / opt_int / opt_bool / blob by column index.
#include "core/model.hpp"
#include "storage/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shisetsu::entities {

// Bytes as lower-case hex (geometry in a content hash, EWKB for COPY).
std::string hex(const Wkb& bytes);

// Hashes cover every stored attribute of the entity and nothing else.
std::string content_hash(const Facility& f);
std::string content_hash(const Building& b);
std::string content_hash(const Service& s);
std::string content_hash(const Demand& d);
std::string content_hash(const Site& s);
std::string content_hash(const InfraAsset& a);

// demand.age_bands: [[from, to or null, people], …]; NULL without bands.
std::optional<std::string> age_bands_column(const Demand& d);
std::vector<AgeBand> age_bands_from_json(const std::string& text);

// JSON list columns (facility.services, service.compatible).
std::string json_list(const std::vector<std::string>& values);
std::vector<std::string> parse_list(const std::string& text);

// How a backend writes what the SELECTs need: a geometry column as WKB
// (SpatiaLite AsBinary; PostGIS as hex, decoded by its Row) and text ordered
// by bytes as SQLite does (PostgreSQL needs COLLATE "C" for that).
struct Dialect {
    std::string (*wkb)(const std::string& column);
    const char* binary_order;  // appended to a text ORDER BY key
};

// SELECT statements in the order the model types are read.
std::string select_facilities(const Dialect& d);
std::string select_buildings(const Dialect& d);
std::string select_services(const Dialect& d);
std::string select_demand(const Dialect& d);
std::string select_sites(const Dialect& d);
std::string select_infrastructure(const Dialect& d);
std::string select_roads(const Dialect& d);
std::string select_runs();
std::string select_lifecycle_runs();
// `parameter` spells the run id's placeholder (? or $1).
std::string select_lifecycle_years(const std::string& parameter);

template <typename Row>
Facility facility_from(const Row& r) {
    Facility f;
    f.facility_id = r.text(0);
    f.name = r.text(1);
    f.category = r.text(2);
    f.services = parse_list(r.text(3));
    f.address = r.text(4);
    f.site_area_m2 = r.opt_real(5);
    f.land_owned = r.opt_bool(6);
    f.annual_users = r.opt_real(7);
    f.operating_cost_yen = r.opt_real(8);
    f.revenue_yen = r.opt_real(9);
    f.management = r.text(10);
    f.district = r.text(11);
    f.extra_json = r.text(12);
    f.location = r.blob(13);
    f.site = r.blob(14);
    return f;
}

template <typename Row>
Building building_from(const Row& r) {
    Building b;
    b.building_id = r.text(0);
    b.facility_id = r.text(1);
    b.name = r.text(2);
    b.floor_area_m2 = r.real(3);
    b.year_built = static_cast<int>(r.integer(4));
    b.structure = r.text(5);
    b.floors = r.opt_int(6);
    b.seismic = r.text(7);
    b.last_renovation_year = r.opt_int(8);
    b.concrete_strength = r.opt_real(9);
    b.condition = r.opt_real(10);
    b.life_extension = r.opt_bool(11);
    b.status = r.text(12);
    b.demolish_year = r.opt_int(13);
    b.extra_json = r.text(14);
    b.category = r.text(15);
    b.part_ratings = r.text(16);
    return b;
}

template <typename Row>
Service service_from(const Row& r) {
    Service s;
    s.key = r.text(0);
    s.name = r.text(1);
    s.catchment_m = r.opt_real(2);
    s.coverage_target = r.opt_real(3);
    s.standard_floor_area_m2 = r.opt_real(4);
    s.capacity = r.opt_real(5);
    s.demand_cohort = r.text(6);
    s.compatible = parse_list(r.text(7));
    s.extra_json = r.text(8);
    return s;
}

template <typename Row>
Demand demand_from(const Row& r) {
    Demand d;
    d.demand_id = r.text(0);
    d.kind = r.text(1);
    d.year = static_cast<int>(r.integer(2));
    d.total = r.opt_real(3);
    d.age_0_14 = r.opt_real(4);
    d.age_15_64 = r.opt_real(5);
    d.age_65_over = r.opt_real(6);
    d.weight = r.real(7);
    d.extra_json = r.text(8);
    d.geometry = r.blob(9);
    if (!r.is_null(10)) d.age_bands = age_bands_from_json(r.text(10));
    return d;
}

template <typename Row>
Site site_from(const Row& r) {
    Site s;
    s.site_id = r.text(0);
    s.name = r.text(1);
    s.area_m2 = r.opt_real(2);
    s.max_floor_area_ratio = r.opt_real(3);
    s.land_value_yen = r.opt_real(4);
    s.extra_json = r.text(5);
    s.geometry = r.blob(6);
    return s;
}

template <typename Row>
InfraAsset infrastructure_from(const Row& r) {
    InfraAsset a;
    a.asset_id = r.text(0);
    a.asset_type = r.text(1);
    a.name = r.text(2);
    a.quantity = r.real(3);
    a.year_built = r.opt_int(4);
    a.unit_cost_yen = r.opt_real(5);
    a.method = r.text(6);
    a.extra_json = r.text(7);
    return a;
}

template <typename Row>
Road road_from(const Row& r) {
    Road road;
    road.road_id = r.integer(0);
    road.highway = r.text(1);
    road.name = r.text(2);
    road.osm_id = r.text(3);
    road.oneway = r.text(4);
    road.access = r.text(5);
    road.foot = r.text(6);
    road.length_m = r.real(7);
    road.geometry = r.blob(8);
    return road;
}

template <typename Row>
RunRecord run_from(const Row& r) {
    RunRecord run;
    run.run_id = r.integer(0);
    run.started_at = r.text(1);
    run.finished_at = r.text(2);
    run.command = r.text(3);
    run.kind = r.text(4);
    run.input_path = r.text(5);
    run.input_sha256 = r.text(6);
    run.parameters_json = r.text(7);
    run.program_version = r.text(8);
    run.summary_json = r.text(9);
    run.db_user = r.text(10);
    return run;
}

// A saved lifecycle run's totals (select_lifecycle_runs), and one of its
// years (select_lifecycle_years: the run's id is the one parameter).
template <typename Row>
StoredLifecycleTotals lifecycle_totals_from(const Row& r) {
    StoredLifecycleTotals t;
    t.run_id = r.integer(0);
    t.strategy = r.text(1);
    t.start_year = static_cast<int>(r.integer(2));
    t.horizon = static_cast<int>(r.integer(3));
    t.total_yen = r.real(4);
    t.annual_average_yen = r.real(5);
    t.budget_yen = r.opt_real(6);
    return t;
}

template <typename Row>
StoredLifecycleYear lifecycle_year_from(const Row& r) {
    return StoredLifecycleYear{static_cast<int>(r.integer(0)), r.real(1), r.real(2), r.text(3), r.text(4)};
}

} // namespace shisetsu::entities
