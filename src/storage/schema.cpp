// The project schema's steps (see schema.hpp).
#include "storage/schema.hpp"

#include <regex>

namespace shisetsu::schema {

namespace {

// Tables without geometry columns; geometry columns are added by each
// backend (SpatiaLite's AddGeometryColumn, PostGIS typed columns) so they are
// registered and indexed there.
const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE run_log(
  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL, finished_at TEXT,
  command TEXT NOT NULL, kind TEXT, input_path TEXT, input_sha256 TEXT,
  parameters TEXT NOT NULL DEFAULT '{}', program_version TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}');
CREATE TABLE facility(
  facility_id TEXT PRIMARY KEY, name TEXT, category TEXT,
  services TEXT NOT NULL DEFAULT '[]', address TEXT, site_area_m2 REAL,
  land_owned INTEGER, annual_users REAL, operating_cost_yen REAL,
  revenue_yen REAL, management TEXT, district TEXT,
  extra TEXT NOT NULL DEFAULT '{}', content_hash TEXT NOT NULL,
  run_id INTEGER REFERENCES run_log(run_id));
CREATE TABLE building(
  building_id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL REFERENCES facility(facility_id),
  name TEXT, floor_area_m2 REAL NOT NULL CHECK (floor_area_m2 > 0),
  year_built INTEGER NOT NULL, structure TEXT, floors INTEGER, seismic TEXT,
  last_renovation_year INTEGER, concrete_strength REAL, condition REAL,
  life_extension INTEGER, status TEXT NOT NULL DEFAULT 'in_use'
    CHECK (status IN ('in_use','closed','demolish')),
  demolish_year INTEGER, extra TEXT NOT NULL DEFAULT '{}',
  content_hash TEXT NOT NULL, run_id INTEGER REFERENCES run_log(run_id));
CREATE INDEX building_facility ON building(facility_id);
CREATE TABLE service(
  service_key TEXT PRIMARY KEY, name TEXT, catchment_m REAL,
  coverage_target REAL, standard_floor_area_m2 REAL, capacity REAL,
  demand_cohort TEXT, compatible TEXT NOT NULL DEFAULT '[]',
  extra TEXT NOT NULL DEFAULT '{}', content_hash TEXT NOT NULL,
  run_id INTEGER REFERENCES run_log(run_id));
CREATE TABLE demand(
  demand_id TEXT NOT NULL, year INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL,
  total REAL, age_0_14 REAL, age_15_64 REAL, age_65_over REAL,
  weight REAL NOT NULL DEFAULT 1, extra TEXT NOT NULL DEFAULT '{}',
  content_hash TEXT NOT NULL, run_id INTEGER REFERENCES run_log(run_id),
  PRIMARY KEY (demand_id, year));
CREATE TABLE boundary(
  boundary_id INTEGER PRIMARY KEY, name TEXT, code TEXT,
  run_id INTEGER REFERENCES run_log(run_id));
CREATE TABLE site(
  site_id TEXT PRIMARY KEY, name TEXT, area_m2 REAL,
  max_floor_area_ratio REAL, land_value_yen REAL,
  extra TEXT NOT NULL DEFAULT '{}', content_hash TEXT NOT NULL,
  run_id INTEGER REFERENCES run_log(run_id));
CREATE TABLE infrastructure(
  asset_id TEXT PRIMARY KEY, asset_type TEXT NOT NULL, name TEXT,
  quantity REAL NOT NULL, year_built INTEGER, unit_cost_yen REAL, method TEXT,
  extra TEXT NOT NULL DEFAULT '{}', content_hash TEXT NOT NULL,
  run_id INTEGER REFERENCES run_log(run_id));
CREATE TABLE lifecycle_run(
  run_id INTEGER PRIMARY KEY REFERENCES run_log(run_id), strategy TEXT,
  start_year INTEGER, horizon INTEGER, total_yen REAL,
  annual_average_yen REAL, budget_yen REAL);
CREATE TABLE lifecycle_year(
  run_id INTEGER NOT NULL REFERENCES run_log(run_id), year INTEGER NOT NULL,
  total_yen REAL NOT NULL, backlog_yen REAL NOT NULL,
  by_kind TEXT NOT NULL, by_category TEXT NOT NULL,
  PRIMARY KEY (run_id, year));
CREATE TABLE lifecycle_event(
  run_id INTEGER NOT NULL REFERENCES run_log(run_id),
  building_id TEXT NOT NULL, seq INTEGER NOT NULL, strategy TEXT,
  kind TEXT NOT NULL, year INTEGER, cost_yen REAL NOT NULL, spread INTEGER,
  status TEXT NOT NULL, PRIMARY KEY (run_id, building_id, seq));
)sql";

// Version 2: analysis results. `result` keeps each analysis run's JSON
// document (levelling, consolidation, PPP, accessibility) for the report and
// the export; the network step's distances and layers have tables of their
// own because the optimizer and QGIS read them row by row.
const char* kSchemaV2 = R"sql(
CREATE TABLE result(
  run_id INTEGER PRIMARY KEY REFERENCES run_log(run_id),
  kind TEXT NOT NULL, document TEXT NOT NULL);
CREATE INDEX result_kind ON result(kind, run_id);
CREATE TABLE od_run(
  run_id INTEGER PRIMARY KEY REFERENCES run_log(run_id),
  mode TEXT NOT NULL, profile TEXT, detour_factor REAL, cutoff_m REAL NOT NULL);
CREATE TABLE od_distance(
  origin_id TEXT NOT NULL, destination_id TEXT NOT NULL,
  distance_m REAL NOT NULL, PRIMARY KEY (origin_id, destination_id)) WITHOUT ROWID;
CREATE TABLE road(
  road_id INTEGER PRIMARY KEY, highway TEXT, name TEXT, osm_id TEXT,
  oneway TEXT, access TEXT, foot TEXT, length_m REAL NOT NULL,
  run_id INTEGER REFERENCES run_log(run_id));
CREATE TABLE service_area(
  site_id TEXT NOT NULL, service_key TEXT NOT NULL, distance_m REAL NOT NULL,
  mode TEXT NOT NULL, run_id INTEGER REFERENCES run_log(run_id),
  PRIMARY KEY (site_id, service_key));
)sql";

// Version 3: a building keeps the part ratings A–D of its 劣化状況調査
// (roof, exterior, interior, electrical, mechanical as five letters, e.g.
// "ABBCD"), not only the 健全度 computed from them: a D part makes a work
// urgent on its own (lifecycle.md "Condition").
const char* kSchemaV3 = R"sql(
ALTER TABLE building ADD COLUMN part_ratings TEXT;
)sql";

// Version 4: project settings (overview.md "The municipality, once"): whose
// project it is — name, 団体コード, kind, population, budget reference — and
// where each value came from (the user, `init`, or an imported boundary's
// N03 attributes), so a boundary import fills only what is unset.
const char* kSchemaV4 = R"sql(
CREATE TABLE setting(
  key TEXT PRIMARY KEY, value TEXT NOT NULL, source TEXT NOT NULL, set_at TEXT NOT NULL);
)sql";

// Version 5: population by age. Age bands finer than the three broad groups
// (5-year bands of the census, 社人研 projections) are kept per demand unit
// as JSON [[from, to or null, people], …], so that a service's cohort (ages
// 6–11, 12–14, 65+) can be cut from them (network.md "Demand by year and by
// age"). Years were already part of the demand key.
const char* kSchemaV5 = R"sql(
ALTER TABLE demand ADD COLUMN age_bands TEXT;
)sql";

// Version 6: the run log says who ran each command (overview.md "The
// multi-user backend"): the PostgreSQL role of the session, or the login of
// the user on a SQLite file.
const char* kSchemaV6 = R"sql(
ALTER TABLE run_log ADD COLUMN db_user TEXT;
)sql";

} // namespace

const std::vector<Step>& steps() {
    static const std::vector<Step> all = {
        {kSchemaV1,
         {{"facility", "geom", "POINT"}, {"facility", "site_geom", "MULTIPOLYGON"}, {"demand", "geom", "GEOMETRY"},
          {"demand", "centroid", "POINT"}, {"boundary", "geom", "MULTIPOLYGON"}, {"site", "geom", "GEOMETRY"}}},
        {kSchemaV2, {{"road", "geom", "LINESTRING"}, {"service_area", "geom", "MULTIPOLYGON"}}},
        {kSchemaV3, {}},
        {kSchemaV4, {}},
        {kSchemaV5, {}},
        {kSchemaV6, {}},
    };
    return all;
}

std::vector<std::string> tables() {
    static const std::regex create(R"(CREATE\s+TABLE\s+(\w+))", std::regex::icase);
    std::vector<std::string> out;
    for (const auto& step : steps()) {
        std::string sql = step.sql;
        for (std::sregex_iterator it(sql.begin(), sql.end(), create), end; it != end; ++it) out.push_back((*it)[1]);
    }
    return out;
}

std::vector<GeometryColumn> geometry_columns() {
    std::vector<GeometryColumn> out;
    for (const auto& step : steps()) out.insert(out.end(), step.geometry.begin(), step.geometry.end());
    return out;
}

bool TableLayout::is_geometry(const std::string& column) const {
    for (const auto& g : geometry_columns())
        if (table == g.table && column == g.column) return true;
    return false;
}

std::string TableLayout::select_in_key_order(const std::function<std::string(const std::string&)>& wkb,
                                             const std::function<std::string(const std::string&)>& key_term) const {
    std::string select, order;
    for (const auto& c : columns) select += (select.empty() ? "" : ", ") + (is_geometry(c) ? wkb(c) : c);
    for (const auto& k : key) order += (order.empty() ? "" : ", ") + key_term(k);
    return "SELECT " + select + " FROM " + table + (order.empty() ? "" : " ORDER BY " + order);
}

std::string postgres_sql(const std::string& sql) {
    // Order matters: the key forms before the plain type names.
    static const std::pair<std::regex, const char*> rules[] = {
        {std::regex(R"(\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b)", std::regex::icase),
         "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {std::regex(R"(\bINTEGER\b)", std::regex::icase), "BIGINT"},
        {std::regex(R"(\bREAL\b)", std::regex::icase), "DOUBLE PRECISION"},
        {std::regex(R"(\bBLOB\b)", std::regex::icase), "BYTEA"},
        {std::regex(R"(\)\s*WITHOUT\s+ROWID)", std::regex::icase), ")"},
    };
    std::string out = sql;
    for (const auto& [pattern, replacement] : rules) out = std::regex_replace(out, pattern, replacement);
    return out;
}

} // namespace shisetsu::schema
