// SQLite + SpatiaLite backend of the Store interface.
#include "storage/store.hpp"

#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "storage/entities.hpp"
#include "storage/pg_handle.hpp"
#include "storage/pg_store.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_handle.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <type_traits>

namespace shisetsu {

namespace {

using sqlite::Database;
using sqlite::Statement;
using json = nlohmann::json;

using schema::kProjectSrid;
using schema::TableLayout;
constexpr int kSchemaVersion = schema::kVersion;

std::string sqlite_wkb(const std::string& column) { return "AsBinary(" + column + ")"; }
const entities::Dialect kDialect{sqlite_wkb, ""};

using entities::json_list;

// Who runs the command on a file: the login of the process's user.
std::string login_name() {
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
    const char* user = std::getenv("USER");
    return user ? user : "";
}

} // namespace

void save_lifecycle_json(Store& store, long long run_id, const json& p) {
    StoredLifecycleTotals t;
    t.run_id = run_id;
    t.strategy = p.at("strategy").get<std::string>();
    t.start_year = p.at("start_year").get<int>();
    t.horizon = p.at("horizon").get<int>();
    t.total_yen = p.at("total_yen").get<double>();
    t.annual_average_yen = p.at("annual_average_yen").get<double>();
    if (p.contains("budget_yen") && !p["budget_yen"].is_null()) t.budget_yen = p["budget_yen"].get<double>();
    for (const auto& y : p.at("years"))
        t.years.push_back({y.at("year").get<int>(), y.at("total_yen").get<double>(), y.at("backlog_yen").get<double>(),
                           y.at("by_kind").dump(), y.at("by_category").dump()});
    const json& buildings = p.at("buildings");
    std::size_t b = 0, k = 0;
    store.save_lifecycle(t, [&](StoredLifecycleEvent& out) {
        while (b < buildings.size() && k >= buildings[b].at("events").size()) { ++b; k = 0; }
        if (b >= buildings.size()) return false;
        const json& building = buildings[b];
        const json& e = building.at("events")[k++];
        out.building_id = building.at("building_id").get<std::string>();
        out.strategy = building.value("strategy", std::string());
        out.kind = e.at("kind").get<std::string>();
        out.year = e.contains("year") && !e["year"].is_null() ? std::optional<int>(e["year"].get<int>()) : std::nullopt;
        out.cost_yen = e.at("cost_yen").get<double>();
        out.spread = e.contains("spread") && !e["spread"].is_null() ? std::optional<int>(e["spread"].get<int>()) : std::nullopt;
        out.status = e.at("status").get<std::string>();
        return true;
    });
}

std::string utc_now() {
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

class SqliteStore final : public Store {
public:
    SqliteStore(const std::string& path, OpenMode mode)
        : db_(path, mode == OpenMode::create) {
        db_.load_spatialite();
        db_.exec("PRAGMA foreign_keys = ON");
        // An import is one transaction; with SQLite's default 2 MB page cache
        // a large one spills to disk over and over. Pages are allocated only
        // as needed, so the cap costs nothing on small projects.
        db_.exec("PRAGMA cache_size = -262144");  // KiB: up to 256 MiB
        db_.exec("PRAGMA temp_store = MEMORY");
        if (mode == OpenMode::create) create_schema();
        else check_schema(path);
    }

    int schema_version() override {
        auto v = meta("schema_version");
        return v ? std::stoi(*v) : 0;
    }

    std::optional<std::string> meta(const std::string& key) override {
        Statement st(db_, "SELECT value FROM meta WHERE key = ?");
        st.bind_all(key);
        if (st.step()) return st.text(0);
        return std::nullopt;
    }

    void set_meta(const std::string& key, const std::string& value) override {
        Statement st(db_, "INSERT INTO meta(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind_all(key, value).run();
    }

    std::vector<Setting> settings() override {
        Statement st(db_, "SELECT key, value, source, set_at FROM setting ORDER BY key");
        std::vector<Setting> out;
        while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
        return out;
    }

    void set_setting(const std::string& key, const std::optional<std::string>& value, const std::string& source) override {
        if (!value) {
            Statement st(db_, "DELETE FROM setting WHERE key = ?");
            st.bind_all(key);
            st.run();
            return;
        }
        Statement st(db_, "INSERT INTO setting(key, value, source, set_at) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value, source = excluded.source, "
                          "set_at = excluded.set_at");
        st.bind_all(key, *value, source, utc_now());
        st.run();
    }

    int project_srid() override { return kProjectSrid; }

    void begin() override { db_.exec("BEGIN IMMEDIATE"); }
    void commit() override { db_.exec("COMMIT"); }
    void rollback() noexcept override {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }

    Upsert upsert_facility(const Facility& f) override {
        const std::string hash = entities::content_hash(f);
        return upsert("facility", "facility_id", f.facility_id, hash, [&](Statement& st) {
            st.bind_all(f.facility_id, f.name, f.category, json_list(f.services), f.address, f.site_area_m2,
                        f.land_owned, f.annual_users, f.operating_cost_yen, f.revenue_yen, f.management,
                        f.district, f.extra_json);
            st.bind(14, f.location);
            st.bind(15, f.site);
        }, {"name", "category", "services", "address", "site_area_m2", "land_owned", "annual_users",
            "operating_cost_yen", "revenue_yen", "management", "district", "extra"},
           {{"geom", "GeomFromWKB(?, 6668)"}, {"site_geom", "CastToMultiPolygon(GeomFromWKB(?, 6668))"}});
    }

    Upsert upsert_building(const Building& b) override {
        const std::string hash = entities::content_hash(b);
        std::optional<std::string> ratings;
        if (!b.part_ratings.empty()) ratings = b.part_ratings;
        return upsert("building", "building_id", b.building_id, hash, [&](Statement& st) {
            st.bind_all(b.building_id, b.facility_id, b.name, b.floor_area_m2, b.year_built, b.structure,
                        b.floors, b.seismic, b.last_renovation_year, b.concrete_strength, b.condition,
                        b.life_extension, b.status, b.demolish_year, b.extra_json, ratings);
        }, {"facility_id", "name", "floor_area_m2", "year_built", "structure", "floors", "seismic",
            "last_renovation_year", "concrete_strength", "condition", "life_extension", "status",
            "demolish_year", "extra", "part_ratings"}, {});
    }

    Upsert upsert_service(const Service& s) override {
        const std::string hash = entities::content_hash(s);
        return upsert("service", "service_key", s.key, hash, [&](Statement& st) {
            st.bind_all(s.key, s.name, s.catchment_m, s.coverage_target, s.standard_floor_area_m2, s.capacity,
                        s.demand_cohort, json_list(s.compatible), s.extra_json);
        }, {"name", "catchment_m", "coverage_target", "standard_floor_area_m2", "capacity", "demand_cohort",
            "compatible", "extra"}, {});
    }

    Upsert upsert_demand(const Demand& d) override {
        const std::string hash = entities::content_hash(d);
        const auto bands = entities::age_bands_column(d);
        // Demand is keyed by (id, year): classify by hand, then one upsert.
        Statement find(db_, "SELECT content_hash FROM demand WHERE demand_id = ? AND year = ?");
        find.bind_all(d.demand_id, d.year);
        Upsert result = Upsert::added;
        if (find.step()) {
            if (find.text(0) == hash) return Upsert::unchanged;
            result = Upsert::changed;
        }
        if (!demand_upsert_)
            demand_upsert_.emplace(db_,
                "INSERT INTO demand(demand_id, year, kind, total, age_0_14, age_15_64, age_65_over, age_bands, weight, "
                "extra, content_hash, run_id, geom, centroid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?, GeomFromWKB(?, 6668), "
                "ST_Centroid(GeomFromWKB(?, 6668))) ON CONFLICT(demand_id, year) DO UPDATE SET "
                "kind=excluded.kind, total=excluded.total, age_0_14=excluded.age_0_14, "
                "age_15_64=excluded.age_15_64, age_65_over=excluded.age_65_over, age_bands=excluded.age_bands, "
                "weight=excluded.weight, extra=excluded.extra, content_hash=excluded.content_hash, "
                "run_id=excluded.run_id, geom=excluded.geom, centroid=excluded.centroid");
        auto& st = *demand_upsert_;
        st.bind_all(d.demand_id, d.year, d.kind, d.total, d.age_0_14, d.age_15_64, d.age_65_over, bands, d.weight,
                    d.extra_json, hash, current_run_id(), d.geometry, d.geometry);
        st.run();
        return result;
    }

    Upsert upsert_site(const Site& s) override {
        const std::string hash = entities::content_hash(s);
        return upsert("site", "site_id", s.site_id, hash, [&](Statement& st) {
            st.bind_all(s.site_id, s.name, s.area_m2, s.max_floor_area_ratio, s.land_value_yen, s.extra_json);
            st.bind(7, s.geometry);
        }, {"name", "area_m2", "max_floor_area_ratio", "land_value_yen", "extra"},
           {{"geom", "GeomFromWKB(?, 6668)"}});
    }

    Upsert upsert_infrastructure(const InfraAsset& a) override {
        const std::string hash = entities::content_hash(a);
        return upsert("infrastructure", "asset_id", a.asset_id, hash, [&](Statement& st) {
            st.bind_all(a.asset_id, a.asset_type, a.name, a.quantity, a.year_built, a.unit_cost_yen, a.method,
                        a.extra_json);
        }, {"asset_type", "name", "quantity", "year_built", "unit_cost_yen", "method", "extra"}, {});
    }

    void replace_boundaries(const std::vector<Boundary>& boundaries) override {
        db_.exec("DELETE FROM boundary");
        Statement st(db_, "INSERT INTO boundary(name, code, run_id, geom) "
                          "VALUES (?, ?, ?, CastToMultiPolygon(GeomFromWKB(?, 6668)))");
        for (const auto& b : boundaries) {
            st.bind_all(b.name, b.code, current_run_id(), b.geometry);
            st.run();
        }
    }

    bool facility_exists(const std::string& id) override {
        Statement st(db_, "SELECT 1 FROM facility WHERE facility_id = ?");
        st.bind_all(id);
        return st.step();
    }

    std::vector<Facility> facilities() override {
        Statement st(db_, entities::select_facilities(kDialect));
        std::vector<Facility> out;
        while (st.step()) out.push_back(entities::facility_from(st));
        return out;
    }

    std::vector<Building> buildings() override {
        Statement st(db_, entities::select_buildings(kDialect));
        std::vector<Building> out;
        while (st.step()) out.push_back(entities::building_from(st));
        return out;
    }

    std::vector<Service> services() override {
        Statement st(db_, entities::select_services(kDialect));
        std::vector<Service> out;
        while (st.step()) out.push_back(entities::service_from(st));
        return out;
    }

    std::vector<Demand> demand() override {
        Statement st(db_, entities::select_demand(kDialect));
        std::vector<Demand> out;
        while (st.step()) out.push_back(entities::demand_from(st));
        return out;
    }

    std::vector<Boundary> boundaries() override {
        Statement st(db_, "SELECT name, code, AsBinary(geom) FROM boundary ORDER BY boundary_id");
        std::vector<Boundary> out;
        while (st.step()) out.push_back(Boundary{st.text(0), st.text(1), st.blob(2)});
        return out;
    }

    std::vector<Site> sites() override {
        Statement st(db_, entities::select_sites(kDialect));
        std::vector<Site> out;
        while (st.step()) out.push_back(entities::site_from(st));
        return out;
    }

    std::vector<InfraAsset> infrastructure() override {
        Statement st(db_, entities::select_infrastructure(kDialect));
        std::vector<InfraAsset> out;
        while (st.step()) out.push_back(entities::infrastructure_from(st));
        return out;
    }

    std::optional<std::array<double, 4>> extent() override {
        Statement st(db_, "SELECT MIN(x0), MIN(y0), MAX(x1), MAX(y1) FROM ("
                          " SELECT MbrMinX(geom) x0, MbrMinY(geom) y0, MbrMaxX(geom) x1, MbrMaxY(geom) y1 FROM facility"
                          " UNION ALL SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM boundary"
                          " UNION ALL SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM site"
                          " UNION ALL SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM demand"
                          " UNION ALL SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM road)");
        if (!st.step() || st.is_null(0)) return std::nullopt;
        return std::array<double, 4>{st.real(0), st.real(1), st.real(2), st.real(3)};
    }

    long long weight_demand(bool by_area_share) override {
        Statement has(db_, "SELECT COUNT(*) FROM boundary");
        has.step();
        if (has.integer(0) == 0) {
            db_.exec("UPDATE demand SET weight = 1");
        } else if (by_area_share) {
            // Share of the cell's area inside the boundary. Areas in degrees²:
            // within one cell the ratio equals the ratio of true areas.
            db_.exec("UPDATE demand SET weight = CASE WHEN GeometryType(geom) LIKE '%POLYGON%' THEN "
                     "MIN(1.0, COALESCE((SELECT SUM(ST_Area(ST_Intersection(demand.geom, b.geom))) "
                     "FROM boundary b WHERE ST_Intersects(demand.geom, b.geom)), 0) / ST_Area(geom)) "
                     "ELSE (EXISTS (SELECT 1 FROM boundary b WHERE ST_Within(demand.centroid, b.geom))) END");
        } else {
            db_.exec("UPDATE demand SET weight = EXISTS (SELECT 1 FROM boundary b "
                     "WHERE ST_Within(demand.centroid, b.geom))");
        }
        Statement n(db_, "SELECT COUNT(*) FROM demand WHERE weight > 0");
        n.step();
        return n.integer(0);
    }

    StoreCounts counts() override {
        auto count = [&](const char* sql) {
            Statement st(db_, sql);
            st.step();
            return st.integer(0);
        };
        StoreCounts c;
        c.facilities = count("SELECT COUNT(*) FROM facility");
        c.buildings = count("SELECT COUNT(*) FROM building");
        c.services = count("SELECT COUNT(*) FROM service");
        c.demand = count("SELECT COUNT(*) FROM demand");
        c.boundaries = count("SELECT COUNT(*) FROM boundary");
        c.sites = count("SELECT COUNT(*) FROM site");
        c.infrastructure = count("SELECT COUNT(*) FROM infrastructure");
        c.roads = count("SELECT COUNT(*) FROM road");
        c.runs = count("SELECT COUNT(*) FROM run_log");
        return c;
    }

    long long begin_run(const RunRecord& run) override {
        Statement st(db_, "INSERT INTO run_log(started_at, command, kind, input_path, input_sha256, parameters, "
                          "program_version, db_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind_all(run.started_at.empty() ? utc_now() : run.started_at, run.command, run.kind, run.input_path,
                    run.input_sha256, run.parameters_json, run.program_version, login_name());
        st.run();
        run_id_ = db_.last_insert_rowid();
        return run_id_;
    }

    void finish_run(long long run_id, const std::string& summary_json) override {
        Statement st(db_, "UPDATE run_log SET finished_at = ?, summary = ? WHERE run_id = ?");
        st.bind_all(utc_now(), summary_json, run_id).run();
    }

    std::vector<RunRecord> runs() override {
        Statement st(db_, entities::select_runs());
        std::vector<RunRecord> out;
        while (st.step()) out.push_back(entities::run_from(st));
        return out;
    }

    void save_lifecycle(const StoredLifecycleTotals& t,
                        const std::function<bool(StoredLifecycleEvent&)>& next_event) override {
        Statement run(db_, "INSERT INTO lifecycle_run(run_id, strategy, start_year, horizon, total_yen, "
                           "annual_average_yen, budget_yen) VALUES (?, ?, ?, ?, ?, ?, ?)");
        run.bind_all(t.run_id, t.strategy, t.start_year, t.horizon, t.total_yen, t.annual_average_yen, t.budget_yen);
        run.run();
        Statement year(db_, "INSERT INTO lifecycle_year(run_id, year, total_yen, backlog_yen, by_kind, by_category) "
                            "VALUES (?, ?, ?, ?, ?, ?)");
        for (const auto& y : t.years) {
            year.bind_all(t.run_id, y.year, y.total_yen, y.backlog_yen, y.by_kind_json, y.by_category_json);
            year.run();
        }
        Statement ev(db_, "INSERT INTO lifecycle_event(run_id, building_id, seq, strategy, kind, year, cost_yen, "
                          "spread, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        StoredLifecycleEvent e;
        std::string building;
        long long seq = 0;
        while (next_event(e)) {
            if (e.building_id != building) {  // events come building by building
                building = e.building_id;
                seq = 0;
            }
            ev.bind_all(t.run_id, e.building_id, ++seq, e.strategy, e.kind, e.year, e.cost_yen, e.spread, e.status);
            ev.run();
        }
    }

    std::vector<StoredLifecycleTotals> lifecycle_totals() override {
        std::vector<StoredLifecycleTotals> out;
        Statement run(db_, entities::select_lifecycle_runs());
        while (run.step()) out.push_back(entities::lifecycle_totals_from(run));
        Statement year(db_, entities::select_lifecycle_years("?"));
        for (auto& t : out) {
            year.bind_all(t.run_id);
            while (year.step()) t.years.push_back(entities::lifecycle_year_from(year));
            year.reset();
        }
        return out;
    }

    void replace_roads(const std::vector<Road>& roads) override {
        db_.exec("DELETE FROM road");
        Statement st(db_, "INSERT INTO road(road_id, highway, name, osm_id, oneway, access, foot, length_m, run_id, "
                          "geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 6668))");
        for (const auto& r : roads) {
            st.bind_all(r.road_id, r.highway, r.name, r.osm_id, r.oneway, r.access, r.foot, r.length_m,
                        current_run_id());
            st.bind(10, r.geometry);
            st.run();
        }
    }

    std::vector<Road> roads() override {
        Statement st(db_, entities::select_roads(kDialect));
        std::vector<Road> out;
        while (st.step()) out.push_back(entities::road_from(st));
        return out;
    }

    void replace_service_areas(const std::vector<ServiceArea>& areas) override {
        db_.exec("DELETE FROM service_area");
        Statement st(db_, "INSERT INTO service_area(site_id, service_key, distance_m, mode, run_id, geom) "
                          "VALUES (?, ?, ?, ?, ?, CastToMultiPolygon(GeomFromWKB(?, 6668)))");
        for (const auto& a : areas) {
            st.bind_all(a.site_id, a.service_key, a.distance_m, a.mode, current_run_id());
            st.bind(6, a.geometry);
            st.run();
        }
    }

    std::vector<ServiceArea> service_areas() override {
        Statement st(db_, "SELECT site_id, service_key, distance_m, mode, AsBinary(geom) FROM service_area "
                          "ORDER BY service_key, site_id");
        std::vector<ServiceArea> out;
        while (st.step())
            out.push_back({st.text(0), st.text(1), st.real(2), st.text(3), st.blob(4)});
        return out;
    }

    std::optional<StoredLifecycle> lifecycle_run(std::optional<long long> run_id) override {
        Statement run(db_, run_id ? "SELECT run_id, strategy, start_year, horizon FROM lifecycle_run WHERE run_id = ?"
                                  : "SELECT run_id, strategy, start_year, horizon FROM lifecycle_run "
                                    "ORDER BY run_id DESC LIMIT 1");
        if (run_id) run.bind_all(*run_id);
        if (!run.step()) return std::nullopt;
        StoredLifecycle out{run.integer(0), run.text(1), static_cast<int>(run.integer(2)),
                            static_cast<int>(run.integer(3)), {}};
        Statement ev(db_, "SELECT building_id, strategy, kind, year, cost_yen, spread, status FROM lifecycle_event "
                          "WHERE run_id = ? ORDER BY building_id, seq");
        ev.bind_all(out.run_id);
        while (ev.step()) {
            StoredLifecycleEvent e{ev.text(0), ev.text(1), ev.text(2), std::nullopt, ev.real(4), std::nullopt, ev.text(6)};
            if (!ev.is_null(3)) e.year = static_cast<int>(ev.integer(3));
            if (!ev.is_null(5)) e.spread = static_cast<int>(ev.integer(5));
            out.events.push_back(std::move(e));
        }
        return out;
    }

    void save_result(long long run_id, const std::string& kind, const std::string& document_json) override {
        Statement st(db_, "INSERT INTO result(run_id, kind, document) VALUES (?, ?, ?) "
                          "ON CONFLICT(run_id) DO UPDATE SET kind = excluded.kind, document = excluded.document");
        st.bind_all(run_id, kind, document_json).run();
    }

    std::optional<StoredResult> latest_result(const std::string& kind) override {
        Statement st(db_, "SELECT run_id, kind, document FROM result WHERE kind = ? ORDER BY run_id DESC LIMIT 1");
        st.bind_all(kind);
        if (!st.step()) return std::nullopt;
        return StoredResult{st.integer(0), st.text(1), st.text(2)};
    }

    std::optional<StoredResult> result(long long run_id) override {
        Statement st(db_, "SELECT run_id, kind, document FROM result WHERE run_id = ?");
        st.bind_all(run_id);
        if (!st.step()) return std::nullopt;
        return StoredResult{st.integer(0), st.text(1), st.text(2)};
    }

    void replace_od(const OdTable& od) override {
        db_.exec("DELETE FROM od_distance");
        db_.exec("DELETE FROM od_run");
        Statement run(db_, "INSERT INTO od_run(run_id, mode, profile, detour_factor, cutoff_m) VALUES (?, ?, ?, ?, ?)");
        run.bind_all(od.run_id, od.mode, od.profile, od.detour_factor, od.cutoff_m).run();
        Statement pair(db_, "INSERT INTO od_distance(origin_id, destination_id, distance_m) VALUES (?, ?, ?) "
                            "ON CONFLICT DO UPDATE SET distance_m = MIN(distance_m, excluded.distance_m)");
        for (const auto& p : od.pairs) {
            pair.bind_all(p.origin_id, p.destination_id, p.distance_m);
            pair.run();
        }
    }

    std::optional<OdTable> od() override {
        Statement run(db_, "SELECT run_id, mode, profile, detour_factor, cutoff_m FROM od_run LIMIT 1");
        if (!run.step()) return std::nullopt;
        OdTable od;
        od.run_id = run.integer(0);
        od.mode = run.text(1);
        od.profile = run.text(2);
        od.detour_factor = run.real(3);
        od.cutoff_m = run.real(4);
        Statement pairs(db_, "SELECT origin_id, destination_id, distance_m FROM od_distance");
        while (pairs.step()) od.pairs.push_back({pairs.text(0), pairs.text(1), pairs.real(2)});
        return od;
    }

    TableRows read_table(const std::string& table) override {
        const auto layout = table_layout(table);
        Statement st(db_, layout.select_in_key_order(sqlite_wkb, [](const std::string& k) { return k; }));
        TableRows out{layout.columns, {}};
        while (st.step()) {
            std::vector<Cell> row;
            row.reserve(layout.columns.size());
            for (int i = 0; i < st.columns(); ++i) {
                switch (st.type(i)) {
                case Statement::Type::null: row.emplace_back(std::monostate{}); break;
                case Statement::Type::integer: row.emplace_back(st.integer(i)); break;
                case Statement::Type::real: row.emplace_back(st.real(i)); break;
                case Statement::Type::text: row.emplace_back(st.text(i)); break;
                case Statement::Type::blob: row.emplace_back(st.blob(i)); break;
                }
            }
            out.rows.push_back(std::move(row));
        }
        return out;
    }

    void write_table(const std::string& table, const TableRows& rows) override {
        const auto layout = table_layout(table);
        db_.exec("DELETE FROM " + table);
        std::string names, values;
        for (const auto& c : rows.columns) {
            names += (names.empty() ? "" : ", ") + c;
            values += std::string(values.empty() ? "" : ", ") +
                      (layout.is_geometry(c) ? "GeomFromWKB(?, " + std::to_string(kProjectSrid) + ")" : "?");
        }
        Statement st(db_, "INSERT INTO " + table + "(" + names + ") VALUES (" + values + ")");
        for (const auto& row : rows.rows) {
            for (std::size_t i = 0; i < row.size(); ++i) {
                const int at = static_cast<int>(i) + 1;
                std::visit([&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::monostate>) st.bind(at, std::nullopt);
                    else st.bind(at, v);
                }, row[i]);
            }
            st.run();
        }
    }

private:
    std::optional<long long> current_run_id() const {
        return run_id_ ? std::optional<long long>(run_id_) : std::nullopt;
    }

    // A table's columns in stored order and its primary key, for copy.
    TableLayout table_layout(const std::string& table) {
        TableLayout layout{table, {}, {}};
        Statement info(db_, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
        info.bind_all(table);
        std::vector<std::pair<long long, std::string>> key;
        while (info.step()) {
            layout.columns.push_back(info.text(0));
            if (info.integer(1) > 0) key.emplace_back(info.integer(1), info.text(0));
        }
        if (layout.columns.empty()) throw StoreError("no such table: " + table);
        std::sort(key.begin(), key.end());
        for (auto& k : key) layout.key.push_back(k.second);
        return layout;
    }

    void create_schema() {
        {
            // The argument 1 makes it run in one transaction of its own (fast).
            Statement init(db_, "SELECT InitSpatialMetadata(1)");
            if (!init.step() || init.integer(0) != 1) throw StoreError("SpatiaLite: InitSpatialMetadata failed");
        }
        begin();
        try {
            upgrade_from(0);
            set_meta("project_srid", std::to_string(kProjectSrid));
            set_meta("created_at", utc_now());
            commit();
        } catch (...) {
            rollback();
            throw;
        }
    }

    // Runs the schema steps after `version` (inside the caller's transaction).
    void upgrade_from(int version) {
        for (int step = version; step < kSchemaVersion; ++step) {
            db_.exec(schema::steps()[step].sql);
            for (const auto& g : schema::steps()[step].geometry) {
                Statement add(db_, "SELECT AddGeometryColumn(?, ?, ?, ?, 'XY')");
                add.bind_all(g.table, g.column, kProjectSrid, g.type);
                if (!add.step() || add.integer(0) != 1)
                    throw StoreError(std::string("cannot add geometry column ") + g.table + "." + g.column);
                Statement index(db_, "SELECT CreateSpatialIndex(?, ?)");
                index.bind_all(g.table, g.column);
                index.step();
            }
        }
        set_meta("schema_version", std::to_string(kSchemaVersion));
    }

    void check_schema(const std::string& path) {
        Statement st(db_, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
        st.step();
        if (st.integer(0) == 0)
            throw StoreError(path + ": not a shisetsu project database (run `shisetsu init` first)");
        int version = schema_version();
        if (version > kSchemaVersion)
            throw StoreError(path + ": schema version " + std::to_string(version) + " is newer than this program (" +
                             std::to_string(kSchemaVersion) + "); update shisetsu");
        if (version < kSchemaVersion) {
            // Older projects gain the new tables; nothing existing changes.
            begin();
            try {
                upgrade_from(version);
                commit();
            } catch (...) {
                rollback();
                throw;
            }
        }
    }

    // INSERT … ON CONFLICT DO UPDATE for one entity table, classified by the
    // stored content hash first. `bind` binds the key and the plain columns in
    // order; geometry expressions follow them.
    template <typename Bind>
    Upsert upsert(const char* table, const char* key, const std::string& id, const std::string& hash, Bind bind,
                  std::vector<const char*> columns,
                  std::vector<std::pair<const char*, const char*>> geometry_columns) {
        // Prepared once per table: this runs for every row of an import.
        auto found = finds_.find(table);
        if (found == finds_.end())
            found = finds_.emplace(table, Statement(db_, std::string("SELECT content_hash FROM ") + table +
                                                             " WHERE " + key + " = ?")).first;
        Statement& find = found->second;
        find.bind_all(id);
        Upsert result = Upsert::added;
        if (find.step()) result = find.text(0) == hash ? Upsert::unchanged : Upsert::changed;
        find.reset();
        if (result == Upsert::unchanged) return result;
        auto it = upserts_.find(table);
        if (it == upserts_.end()) {
            std::string names = key, values = "?", updates;
            for (const char* c : columns) {
                names += std::string(", ") + c;
                values += ", ?";
            }
            for (const auto& [c, expr] : geometry_columns) {
                names += std::string(", ") + c;
                values += std::string(", ") + expr;
            }
            for (const char* c : columns) updates += std::string(c) + " = excluded." + c + ", ";
            for (const auto& g : geometry_columns) updates += std::string(g.first) + " = excluded." + g.first + ", ";
            updates += "content_hash = excluded.content_hash, run_id = excluded.run_id";
            std::string sql = std::string("INSERT INTO ") + table + "(" + names + ", content_hash, run_id) VALUES (" +
                              values + ", ?, ?) ON CONFLICT(" + key + ") DO UPDATE SET " + updates;
            it = upserts_.emplace(table, Statement(db_, sql)).first;
        }
        auto& st = it->second;
        bind(st);
        int next = 2 + static_cast<int>(columns.size() + geometry_columns.size());
        st.bind(next, hash);
        st.bind(next + 1, current_run_id());
        st.run();
        return result;
    }

    Database db_;
    long long run_id_ = 0;
    std::map<std::string, Statement> upserts_;
    std::map<std::string, Statement> finds_;
    std::optional<Statement> demand_upsert_;
};

std::unique_ptr<Store> open_store(const std::string& path, OpenMode mode) {
    namespace fs = std::filesystem;
    if (is_postgres(path)) return open_pg_store(path, mode);
    if (mode == OpenMode::create && fs::exists(path))
        throw InputError(path + ": " + "already exists; choose a new file name or remove it first");
    if (mode == OpenMode::existing && !fs::exists(path))
        throw InputError(path + ": no such project database (create it with `shisetsu init " + path + "`)");
    return std::make_unique<SqliteStore>(path, mode);
}

std::string database_label(const std::string& db) { return is_postgres(db) ? pg::redact(db) : db; }

bool project_exists(const std::string& db) {
    return is_postgres(db) ? pg_project_exists(db) : std::filesystem::exists(db);
}

} // namespace shisetsu
