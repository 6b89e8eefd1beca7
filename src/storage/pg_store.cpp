// PostgreSQL + PostGIS backend of the Store interface (overview.md "The
// multi-user backend"): the schema of storage/schema.cpp with PostGIS
// geometry columns and GiST indexes, imports buffered and written with COPY,
// writers one at a time per project (an advisory lock; a writer that must
// wait says so).
#include "storage/pg_store.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/progress.hpp"
#include "storage/entities.hpp"
#include "storage/pg_bulk.hpp"
#include "storage/pg_handle.hpp"
#include "storage/schema.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace shisetsu {

namespace {

using json = nlohmann::json;
using pg::CopyLine;
using pg::Params;
using schema::kProjectSrid;

std::string pg_wkb(const std::string& column) { return "encode(ST_AsBinary(" + column + ", 'NDR'), 'hex')"; }
const entities::Dialect kDialect{pg_wkb, " COLLATE \"C\""};

// One row of a result as the entity mappers read it.
struct Row {
    const pg::Result& r;
    int i;
    std::string text(int c) const { return r.text(i, c); }
    double real(int c) const { return r.real(i, c); }
    long long integer(int c) const { return r.integer(i, c); }
    bool is_null(int c) const { return r.is_null(i, c); }
    std::optional<double> opt_real(int c) const { return r.opt_real(i, c); }
    std::optional<int> opt_int(int c) const { return r.opt_int(i, c); }
    std::optional<bool> opt_bool(int c) const { return r.opt_bool(i, c); }
    Wkb blob(int c) const { return r.hex_bytes(i, c); }
};

template <typename T, typename Map>
std::vector<T> read_all(pg::Connection& db, const std::string& sql, Map map) {
    auto r = db.exec(sql);
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(map(Row{r, i}));
    return out;
}

// The tables an import upserts, in the order their rows are written (a
// building's facility first).
const pg::BulkTable* const kUpserted[] = {&pg::kFacilityTable, &pg::kBuildingTable, &pg::kServiceTable,
                                          &pg::kDemandTable, &pg::kSiteTable, &pg::kInfrastructureTable};

// Rows waiting for COPY, one per key (a later upsert of the same key
// replaces the earlier row, as a second INSERT … ON CONFLICT would).
struct Pending {
    std::vector<std::string> lines;
    std::unordered_map<std::string, std::size_t> at;
};

// All writers of one database take this lock for their transaction, so
// two planners' commands never interleave their writes.
constexpr long long kWriterLock = 0x7368697365747375;  // "shisetsu"

} // namespace

class PgStore final : public Store {
public:
    PgStore(const std::string& url, OpenMode mode) : url_(url), db_(url) {
        db_.exec("SET client_min_messages = warning");
        if (mode == OpenMode::create) create_schema();
        else check_schema();
    }

    int schema_version() override {
        auto v = meta("schema_version");
        return v ? std::stoi(*v) : 0;
    }

    std::optional<std::string> meta(const std::string& key) override {
        auto r = reader().exec("SELECT value FROM meta WHERE key = $1", Params::of(key));
        if (r.rows() == 0) return std::nullopt;
        return r.text(0, 0);
    }

    void set_meta(const std::string& key, const std::string& value) override {
        db().exec("INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                  Params::of(key, value));
    }

    int project_srid() override { return kProjectSrid; }

    std::vector<Setting> settings() override {
        auto r = reader().exec("SELECT key, value, source, set_at FROM setting ORDER BY key COLLATE \"C\"");
        std::vector<Setting> out;
        for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
        return out;
    }

    void set_setting(const std::string& key, const std::optional<std::string>& value, const std::string& source) override {
        if (!value) {
            db().exec("DELETE FROM setting WHERE key = $1", Params::of(key));
            return;
        }
        db().exec("INSERT INTO setting(key, value, source, set_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE "
                  "SET value = EXCLUDED.value, source = EXCLUDED.source, set_at = EXCLUDED.set_at",
                  Params::of(key, *value, source, utc_now()));
    }

    void begin() override {
        end_snapshot();
        db_.exec("BEGIN");
        in_transaction_ = true;
        known_.clear();
        // One writer at a time per database; say so when another holds it.
        auto got = db_.exec("SELECT pg_try_advisory_xact_lock($1)", Params::of(kWriterLock));
        if (got.text(0, 0) != "t") {
            note(tr("他の利用者のコマンドがこのプロジェクトに書き込み中です。終わるまで待ちます…",
                    "another planner's command is writing to this project; waiting for it to finish…"));
            db_.exec("SELECT pg_advisory_xact_lock($1)", Params::of(kWriterLock));
        }
        // A lock another program holds (an open psql transaction, a QGIS
        // edit) is waited for a minute at most, then a clear error, unless
        // the session sets its own lock_timeout (PGOPTIONS, the role).
        db_.exec("SELECT set_config('lock_timeout', '60s', true) WHERE current_setting('lock_timeout') = '0'");
    }

    void commit() override {
        flush();
        db_.exec("COMMIT");
        end_transaction();
    }

    void rollback() noexcept override {
        try {
            pending_.clear();
            db_.exec("ROLLBACK");
        } catch (...) {
        }
        end_transaction();
    }

    Upsert upsert_facility(const Facility& f) override {
        const auto hash = entities::content_hash(f);
        if (facility_ids_) facility_ids_->insert(f.facility_id);
        return queue(pg::kFacilityTable, f.facility_id, hash, [&] {
            return CopyLine()
                .all(f.facility_id, f.name, f.category, entities::json_list(f.services), f.address, f.site_area_m2,
                     f.land_owned, f.annual_users, f.operating_cost_yen, f.revenue_yen, f.management, f.district,
                     f.extra_json, hash, current_run_id(), f.location, f.site)
                .done();
        });
    }

    Upsert upsert_building(const Building& b) override {
        const auto hash = entities::content_hash(b);
        std::optional<std::string> ratings;
        if (!b.part_ratings.empty()) ratings = b.part_ratings;
        return queue(pg::kBuildingTable, b.building_id, hash, [&] {
            return CopyLine()
                .all(b.building_id, b.facility_id, b.name, b.floor_area_m2, b.year_built, b.structure, b.floors,
                     b.seismic, b.last_renovation_year, b.concrete_strength, b.condition, b.life_extension, b.status,
                     b.demolish_year, b.extra_json, ratings, hash, current_run_id())
                .done();
        });
    }

    Upsert upsert_service(const Service& s) override {
        const auto hash = entities::content_hash(s);
        return queue(pg::kServiceTable, s.key, hash, [&] {
            return CopyLine()
                .all(s.key, s.name, s.catchment_m, s.coverage_target, s.standard_floor_area_m2, s.capacity,
                     s.demand_cohort, entities::json_list(s.compatible), s.extra_json, hash, current_run_id())
                .done();
        });
    }

    Upsert upsert_demand(const Demand& d) override {
        const auto hash = entities::content_hash(d);
        return queue(pg::kDemandTable, d.demand_id + '\x1f' + std::to_string(d.year), hash, [&] {
            return CopyLine()
                .all(d.demand_id, d.year, d.kind, d.total, d.age_0_14, d.age_15_64, d.age_65_over,
                     entities::age_bands_column(d), d.weight, d.extra_json, hash, current_run_id(), d.geometry)
                .done();
        });
    }

    Upsert upsert_site(const Site& s) override {
        const auto hash = entities::content_hash(s);
        return queue(pg::kSiteTable, s.site_id, hash, [&] {
            return CopyLine()
                .all(s.site_id, s.name, s.area_m2, s.max_floor_area_ratio, s.land_value_yen, s.extra_json, hash,
                     current_run_id(), s.geometry)
                .done();
        });
    }

    Upsert upsert_infrastructure(const InfraAsset& a) override {
        const auto hash = entities::content_hash(a);
        return queue(pg::kInfrastructureTable, a.asset_id, hash, [&] {
            return CopyLine()
                .all(a.asset_id, a.asset_type, a.name, a.quantity, a.year_built, a.unit_cost_yen, a.method,
                     a.extra_json, hash, current_run_id())
                .done();
        });
    }

    void replace_boundaries(const std::vector<Boundary>& boundaries) override {
        db().exec("DELETE FROM boundary");
        // Numbered from 1 as SQLite numbers the rows of an emptied table.
        std::string data;
        long long id = 0;
        for (const auto& b : boundaries) data += CopyLine().all(++id, b.name, b.code, current_run_id(), b.geometry).done();
        bulk_.write(pg::kBoundaryTable, data);
    }

    bool facility_exists(const std::string& id) override {
        // An import asks for every row; one query answers them all.
        if (!facility_ids_) {
            facility_ids_.emplace();
            auto r = reader().exec("SELECT facility_id FROM facility");
            for (int i = 0; i < r.rows(); ++i) facility_ids_->insert(r.text(i, 0));
        }
        return facility_ids_->count(id) > 0;
    }

    std::vector<Facility> facilities() override {
        return read_all<Facility>(reader(), entities::select_facilities(kDialect),
                                  [](const Row& r) { return entities::facility_from(r); });
    }

    std::vector<Building> buildings() override {
        return read_all<Building>(reader(), entities::select_buildings(kDialect),
                                  [](const Row& r) { return entities::building_from(r); });
    }

    std::vector<Service> services() override {
        return read_all<Service>(reader(), entities::select_services(kDialect),
                                 [](const Row& r) { return entities::service_from(r); });
    }

    std::vector<Demand> demand() override {
        return read_all<Demand>(reader(), entities::select_demand(kDialect),
                                [](const Row& r) { return entities::demand_from(r); });
    }

    std::vector<Boundary> boundaries() override {
        return read_all<Boundary>(reader(), "SELECT name, code, " + pg_wkb("geom") + " FROM boundary ORDER BY boundary_id",
                                  [](const Row& r) { return Boundary{r.text(0), r.text(1), r.blob(2)}; });
    }

    std::vector<Site> sites() override {
        return read_all<Site>(reader(), entities::select_sites(kDialect), [](const Row& r) { return entities::site_from(r); });
    }

    std::vector<InfraAsset> infrastructure() override {
        return read_all<InfraAsset>(reader(), entities::select_infrastructure(kDialect),
                                    [](const Row& r) { return entities::infrastructure_from(r); });
    }

    std::optional<std::array<double, 4>> extent() override {
        auto r = reader().exec("SELECT MIN(ST_XMin(g)), MIN(ST_YMin(g)), MAX(ST_XMax(g)), MAX(ST_YMax(g)) FROM ("
                           " SELECT geom g FROM facility UNION ALL SELECT geom FROM boundary"
                           " UNION ALL SELECT geom FROM site UNION ALL SELECT geom FROM demand"
                           " UNION ALL SELECT geom FROM road) x");
        if (r.rows() == 0 || r.is_null(0, 0)) return std::nullopt;
        return std::array<double, 4>{r.real(0, 0), r.real(0, 1), r.real(0, 2), r.real(0, 3)};
    }

    long long weight_demand(bool by_area_share) override {
        auto& c = db();
        if (c.exec("SELECT COUNT(*) FROM boundary").integer(0, 0) == 0) {
            c.exec("UPDATE demand SET weight = 1");
        } else if (by_area_share) {
            // Share of the cell's area inside the boundary (as the SQLite
            // backend: areas in degrees², a ratio within one cell).
            c.exec("UPDATE demand SET weight = CASE WHEN GeometryType(geom) LIKE '%POLYGON%' THEN "
                   "LEAST(1.0, COALESCE((SELECT SUM(ST_Area(ST_Intersection(demand.geom, b.geom))) "
                   "FROM boundary b WHERE ST_Intersects(demand.geom, b.geom)), 0) / ST_Area(geom)) "
                   "WHEN EXISTS (SELECT 1 FROM boundary b WHERE ST_Within(demand.centroid, b.geom)) THEN 1 ELSE 0 END");
        } else {
            c.exec("UPDATE demand SET weight = CASE WHEN EXISTS (SELECT 1 FROM boundary b "
                   "WHERE ST_Within(demand.centroid, b.geom)) THEN 1 ELSE 0 END");
        }
        return c.exec("SELECT COUNT(*) FROM demand WHERE weight > 0").integer(0, 0);
    }

    StoreCounts counts() override {
        auto r = reader().exec("SELECT (SELECT COUNT(*) FROM facility), (SELECT COUNT(*) FROM building), "
                           "(SELECT COUNT(*) FROM service), (SELECT COUNT(*) FROM demand), "
                           "(SELECT COUNT(*) FROM boundary), (SELECT COUNT(*) FROM site), "
                           "(SELECT COUNT(*) FROM infrastructure), (SELECT COUNT(*) FROM road), "
                           "(SELECT COUNT(*) FROM run_log)");
        StoreCounts c;
        c.facilities = r.integer(0, 0);
        c.buildings = r.integer(0, 1);
        c.services = r.integer(0, 2);
        c.demand = r.integer(0, 3);
        c.boundaries = r.integer(0, 4);
        c.sites = r.integer(0, 5);
        c.infrastructure = r.integer(0, 6);
        c.roads = r.integer(0, 7);
        c.runs = r.integer(0, 8);
        return c;
    }

    long long begin_run(const RunRecord& run) override {
        // session_user: the planner who logged in, also when the role that
        // owns the tables is set for the session (README: a shared project).
        auto r = db().exec("INSERT INTO run_log(started_at, command, kind, input_path, input_sha256, parameters, "
                           "program_version, db_user) VALUES ($1, $2, $3, $4, $5, $6, $7, session_user) "
                           "RETURNING run_id",
                           Params::of(run.started_at.empty() ? utc_now() : run.started_at, run.command, run.kind,
                                      run.input_path, run.input_sha256, run.parameters_json, run.program_version));
        run_id_ = r.integer(0, 0);
        return run_id_;
    }

    void finish_run(long long run_id, const std::string& summary_json) override {
        db().exec("UPDATE run_log SET finished_at = $1, summary = $2 WHERE run_id = $3",
                  Params::of(utc_now(), summary_json, run_id));
    }

    std::vector<RunRecord> runs() override {
        return read_all<RunRecord>(reader(), entities::select_runs(), [](const Row& r) { return entities::run_from(r); });
    }

    void save_lifecycle(const StoredLifecycleTotals& t,
                        const std::function<bool(StoredLifecycleEvent&)>& next_event) override {
        auto& c = db();
        c.exec("INSERT INTO lifecycle_run(run_id, strategy, start_year, horizon, total_yen, annual_average_yen, "
               "budget_yen) VALUES ($1, $2, $3, $4, $5, $6, $7)",
               Params::of(t.run_id, t.strategy, t.start_year, t.horizon, t.total_yen, t.annual_average_yen,
                          t.budget_yen));
        std::string years;
        for (const auto& y : t.years)
            years += CopyLine().all(t.run_id, y.year, y.total_yen, y.backlog_yen, y.by_kind_json, y.by_category_json).done();
        c.copy_in("COPY lifecycle_year(run_id, year, total_yen, backlog_yen, by_kind, by_category) FROM STDIN", years);
        // Events in COPY batches, so a large projection is never one string.
        const std::string copy = "COPY lifecycle_event(run_id, building_id, seq, strategy, kind, year, cost_yen, "
                                 "spread, status) FROM STDIN";
        constexpr std::size_t kBatch = 16 << 20;
        std::string events, building;
        long long seq = 0;
        StoredLifecycleEvent e;
        while (next_event(e)) {
            if (e.building_id != building) {  // events come building by building
                building = e.building_id;
                seq = 0;
            }
            events += CopyLine().all(t.run_id, e.building_id, ++seq, e.strategy, e.kind, e.year, e.cost_yen, e.spread,
                                     e.status).done();
            if (events.size() > kBatch) {
                c.copy_in(copy, events);
                events.clear();
            }
        }
        if (!events.empty()) c.copy_in(copy, events);
    }

    std::vector<StoredLifecycleTotals> lifecycle_totals() override {
        auto out = read_all<StoredLifecycleTotals>(reader(), entities::select_lifecycle_runs(),
                                                   [](const Row& r) { return entities::lifecycle_totals_from(r); });
        for (auto& t : out) {
            auto r = db_.exec(entities::select_lifecycle_years("$1"), Params::of(t.run_id));
            for (int i = 0; i < r.rows(); ++i) t.years.push_back(entities::lifecycle_year_from(Row{r, i}));
        }
        return out;
    }

    std::optional<StoredLifecycle> lifecycle_run(std::optional<long long> run_id) override {
        auto r = run_id ? reader().exec("SELECT run_id, strategy, start_year, horizon FROM lifecycle_run WHERE run_id = $1",
                                    Params::of(*run_id))
                        : reader().exec("SELECT run_id, strategy, start_year, horizon FROM lifecycle_run "
                                    "ORDER BY run_id DESC LIMIT 1");
        if (r.rows() == 0) return std::nullopt;
        StoredLifecycle out{r.integer(0, 0), r.text(0, 1), static_cast<int>(r.integer(0, 2)),
                            static_cast<int>(r.integer(0, 3)), {}};
        out.events = read_all<StoredLifecycleEvent>(db_,
            "SELECT building_id, strategy, kind, year, cost_yen, spread, status FROM lifecycle_event WHERE run_id = " +
                std::to_string(out.run_id) + " ORDER BY building_id COLLATE \"C\", seq",
            [](const Row& e) {
                return StoredLifecycleEvent{e.text(0), e.text(1), e.text(2), e.opt_int(3), e.real(4), e.opt_int(5),
                                            e.text(6)};
            });
        return out;
    }

    void replace_roads(const std::vector<Road>& roads) override {
        db().exec("DELETE FROM road");
        std::string data;
        for (const auto& r : roads)
            data += CopyLine()
                        .all(r.road_id, r.highway, r.name, r.osm_id, r.oneway, r.access, r.foot, r.length_m,
                             current_run_id(), r.geometry)
                        .done();
        bulk_.write(pg::kRoadTable, data);
    }

    std::vector<Road> roads() override {
        return read_all<Road>(reader(), entities::select_roads(kDialect), [](const Row& r) { return entities::road_from(r); });
    }

    void replace_service_areas(const std::vector<ServiceArea>& areas) override {
        db().exec("DELETE FROM service_area");
        std::string data;
        for (const auto& a : areas)
            data += CopyLine().all(a.site_id, a.service_key, a.distance_m, a.mode, current_run_id(), a.geometry).done();
        bulk_.write(pg::kServiceAreaTable, data);
    }

    std::vector<ServiceArea> service_areas() override {
        return read_all<ServiceArea>(reader(),
            "SELECT site_id, service_key, distance_m, mode, " + pg_wkb("geom") +
                " FROM service_area ORDER BY service_key COLLATE \"C\", site_id COLLATE \"C\"",
            [](const Row& r) { return ServiceArea{r.text(0), r.text(1), r.real(2), r.text(3), r.blob(4)}; });
    }

    void save_result(long long run_id, const std::string& kind, const std::string& document_json) override {
        db().exec("INSERT INTO result(run_id, kind, document) VALUES ($1, $2, $3) ON CONFLICT (run_id) DO UPDATE "
                  "SET kind = EXCLUDED.kind, document = EXCLUDED.document",
                  Params::of(run_id, kind, document_json));
    }

    std::optional<StoredResult> latest_result(const std::string& kind) override {
        auto r = reader().exec("SELECT run_id, kind, document FROM result WHERE kind = $1 ORDER BY run_id DESC LIMIT 1",
                           Params::of(kind));
        if (r.rows() == 0) return std::nullopt;
        return StoredResult{r.integer(0, 0), r.text(0, 1), r.text(0, 2)};
    }

    std::optional<StoredResult> result(long long run_id) override {
        auto r = reader().exec("SELECT run_id, kind, document FROM result WHERE run_id = $1", Params::of(run_id));
        if (r.rows() == 0) return std::nullopt;
        return StoredResult{r.integer(0, 0), r.text(0, 1), r.text(0, 2)};
    }

    void replace_od(const OdTable& od) override {
        auto& c = db();
        c.exec("DELETE FROM od_distance");
        c.exec("DELETE FROM od_run");
        c.exec("INSERT INTO od_run(run_id, mode, profile, detour_factor, cutoff_m) VALUES ($1, $2, $3, $4, $5)",
               Params::of(od.run_id, od.mode, od.profile, od.detour_factor, od.cutoff_m));
        std::string data;
        for (const auto& p : od.pairs) data += CopyLine().all(p.origin_id, p.destination_id, p.distance_m).done();
        // A pair given twice keeps its shorter distance, as on SQLite.
        c.exec("CREATE TEMP TABLE IF NOT EXISTS stage_od(origin_id TEXT, destination_id TEXT, distance_m DOUBLE PRECISION)");
        c.copy_in("COPY stage_od(origin_id, destination_id, distance_m) FROM STDIN", data);
        c.exec("INSERT INTO od_distance(origin_id, destination_id, distance_m) SELECT origin_id, destination_id, "
               "MIN(distance_m) FROM stage_od GROUP BY origin_id, destination_id");
        c.exec("TRUNCATE stage_od");
    }

    std::optional<OdTable> od() override {
        auto r = reader().exec("SELECT run_id, mode, profile, detour_factor, cutoff_m FROM od_run LIMIT 1");
        if (r.rows() == 0) return std::nullopt;
        OdTable od;
        od.run_id = r.integer(0, 0);
        od.mode = r.text(0, 1);
        od.profile = r.text(0, 2);
        od.detour_factor = r.real(0, 3);
        od.cutoff_m = r.real(0, 4);
        // SQLite keeps od_distance in key order (WITHOUT ROWID); so do we.
        od.pairs = read_all<OdPair>(db_,
            "SELECT origin_id, destination_id, distance_m FROM od_distance "
            "ORDER BY origin_id COLLATE \"C\", destination_id COLLATE \"C\"",
            [](const Row& p) { return OdPair{p.text(0), p.text(1), p.real(2)}; });
        return od;
    }

    TableRows read_table(const std::string& table) override {
        const auto layout = table_layout(table);
        // Text keys in byte order, as SQLite orders them.
        auto r = reader().exec(layout.select_in_key_order(pg_wkb, [&](const std::string& k) {
            return k + (text_.count(table + "." + k) ? " COLLATE \"C\"" : "");
        }));
        TableRows out{layout.columns, {}};
        out.rows.reserve(static_cast<std::size_t>(r.rows()));
        for (int i = 0; i < r.rows(); ++i) {
            std::vector<Cell> row;
            row.reserve(layout.columns.size());
            for (int c = 0; c < r.columns(); ++c) {
                const std::string& type = types_.at(table + "." + layout.columns[static_cast<std::size_t>(c)]);
                if (r.is_null(i, c)) row.emplace_back(std::monostate{});
                else if (layout.is_geometry(layout.columns[static_cast<std::size_t>(c)])) row.emplace_back(r.hex_bytes(i, c));
                else if (type == "int8" || type == "int4" || type == "int2") row.emplace_back(r.integer(i, c));
                else if (type == "float8" || type == "float4" || type == "numeric") row.emplace_back(r.real(i, c));
                else row.emplace_back(r.text(i, c));
            }
            out.rows.push_back(std::move(row));
        }
        return out;
    }

    void write_table(const std::string& table, const TableRows& rows) override {
        const auto layout = table_layout(table);
        auto& c = db();
        c.exec("DELETE FROM " + table);
        std::string names;
        for (const auto& n : rows.columns) names += (names.empty() ? "" : ", ") + n;
        std::string data;
        for (const auto& row : rows.rows) {
            std::string line;
            for (std::size_t i = 0; i < row.size(); ++i) {
                std::optional<std::string> text;
                if (const auto* v = std::get_if<long long>(&row[i])) text = std::to_string(*v);
                else if (const auto* d = std::get_if<double>(&row[i])) text = pg::number_text(*d);
                else if (const auto* t = std::get_if<std::string>(&row[i])) text = *t;
                else if (const auto* w = std::get_if<Wkb>(&row[i])) text = ewkb_hex(*w);
                pg::copy_field(line, text, i == 0);
            }
            data += line + '\n';
        }
        c.copy_in("COPY " + table + "(" + names + ") FROM STDIN", data);
        // Identity columns continue after the highest id copied.
        auto identity = c.exec("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                               "AND table_name = $1 AND is_identity = 'YES'", Params::of(table));
        for (int i = 0; i < identity.rows(); ++i) {
            const std::string column = identity.text(i, 0);
            c.exec("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), COALESCE(MAX(" + column +
                   "), 1), MAX(" + column + ") IS NOT NULL) FROM " + table);
        }
    }

private:
    // The connection for a statement that writes: rows still waiting for
    // COPY are written first; a read snapshot ends (its transaction is read
    // only).
    pg::Connection& db() {
        end_snapshot();
        flush();
        return db_;
    }

    // The connection for a statement that reads. Outside a write
    // transaction a command's reads share one snapshot (a read-only
    // REPEATABLE READ transaction until the command writes), so a report or
    // a projection never mixes the project before and after another
    // planner's import.
    pg::Connection& reader() {
        flush();
        if (!in_transaction_ && !snapshot_) {
            db_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            snapshot_ = true;
        }
        return db_;
    }

    void end_snapshot() {
        if (!snapshot_) return;
        snapshot_ = false;
        db_.exec("COMMIT");
    }

    std::optional<long long> current_run_id() const {
        return run_id_ ? std::optional<long long>(run_id_) : std::nullopt;
    }

    void end_transaction() {
        in_transaction_ = false;
        known_.clear();
        facility_ids_.reset();
    }

    // Classifies one upsert by the stored content hash (all of a table's
    // hashes are read once per transaction) and queues its row for COPY.
    template <typename MakeLine>
    Upsert queue(const pg::BulkTable& t, const std::string& key, const std::string& hash, MakeLine make_line) {
        auto known = known_.find(t.table);
        if (known == known_.end()) {
            known = known_.emplace(t.table, std::unordered_map<std::string, std::string>()).first;
            const std::string key_sql = pg::key_expression(t);
            flush();
            auto r = db_.exec("SELECT " + key_sql + ", content_hash FROM " + t.table);
            known->second.reserve(static_cast<std::size_t>(r.rows()));
            for (int i = 0; i < r.rows(); ++i) known->second.emplace(r.text(i, 0), r.text(i, 1));
        }
        auto [it, added] = known->second.try_emplace(key, hash);
        Upsert result = Upsert::added;
        if (!added) {
            if (it->second == hash) return Upsert::unchanged;
            it->second = hash;
            result = Upsert::changed;
        }
        auto& pending = pending_[t.table];
        auto [slot, fresh] = pending.at.try_emplace(key, pending.lines.size());
        if (fresh) pending.lines.push_back(make_line());
        else pending.lines[slot->second] = make_line();
        if (!in_transaction_) flush();
        return result;
    }

    void flush() {
        if (pending_.empty()) return;
        end_snapshot();
        for (const pg::BulkTable* t : kUpserted) {
            auto it = pending_.find(t->table);
            if (it == pending_.end()) continue;
            std::string data;
            for (auto& line : it->second.lines) data += line;
            pending_.erase(it);
            bulk_.write(*t, data);
        }
    }

    // A table's columns in stored order, their types and its primary key.
    schema::TableLayout table_layout(const std::string& table) {
        schema::TableLayout layout{table, {}, {}};
        auto cols = db_.exec("SELECT column_name, udt_name FROM information_schema.columns "
                             "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                             Params::of(table));
        for (int i = 0; i < cols.rows(); ++i) {
            layout.columns.push_back(cols.text(i, 0));
            types_[table + "." + cols.text(i, 0)] = cols.text(i, 1);
            if (cols.text(i, 1) == "text") text_.insert(table + "." + cols.text(i, 0));
        }
        if (layout.columns.empty()) throw StoreError("no such table: " + table);
        auto key = db_.exec("SELECT a.attname FROM pg_index i JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, n) "
                            "ON true JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                            "WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY k.n",
                            Params::of(table));
        for (int i = 0; i < key.rows(); ++i) layout.key.push_back(key.text(i, 0));
        return layout;
    }

    // WKB as PostGIS reads it in COPY: hex EWKB, the project SRID set on the
    // outer geometry.
    static std::string ewkb_hex(const Wkb& wkb) {
        if (wkb.size() < 5) throw StoreError("copy: a geometry shorter than its WKB header");
        const bool little = wkb[0] == 1;
        Wkb out(wkb.begin(), wkb.begin() + 5);
        const int flag_byte = little ? 4 : 1;  // the byte of the type word that holds 0x20000000
        out[static_cast<std::size_t>(flag_byte)] |= 0x20;
        const auto srid = static_cast<std::uint32_t>(kProjectSrid);
        for (int i = 0; i < 4; ++i) {
            const int shift = little ? 8 * i : 8 * (3 - i);
            out.push_back(static_cast<unsigned char>((srid >> shift) & 0xff));
        }
        out.insert(out.end(), wkb.begin() + 5, wkb.end());
        return entities::hex(out);
    }

    void create_schema();
    void check_schema();
    void upgrade_from(int version);
    [[noreturn]] void explain_refusal(const pg::ServerError& e);

    std::string url_;
    pg::Connection db_;
    long long run_id_ = 0;
    bool in_transaction_ = false;
    bool snapshot_ = false;  // a read-only transaction of reads is open
    std::map<std::string, Pending> pending_;
    std::unordered_map<std::string, std::unordered_map<std::string, std::string>> known_;
    std::optional<std::unordered_set<std::string>> facility_ids_;
    pg::BulkWriter bulk_{db_};
    std::unordered_map<std::string, std::string> types_;  // table.column → udt name
    std::unordered_set<std::string> text_;                // table.column of text type
};

// Whether this database already holds a shisetsu project (its meta table).
static bool has_project(pg::Connection& db) {
    return !db.exec("SELECT to_regclass('meta')").is_null(0, 0);
}

void PgStore::create_schema() {
    begin();
    try {
        if (has_project(db_))
            throw InputError(pg::redact(url_) + tr(": すでに shisetsu のプロジェクトがあります",
                                                   ": already holds a shisetsu project"));
        try {
            db_.exec("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (const pg::ServerError& e) {
            explain_refusal(e);
        }
        upgrade_from(0);
        set_meta("project_srid", std::to_string(kProjectSrid));
        set_meta("created_at", utc_now());
        commit();
    } catch (const pg::ServerError& e) {
        rollback();
        explain_refusal(e);
    } catch (...) {
        rollback();
        throw;
    }
}

void PgStore::check_schema() {
    if (!has_project(db_))
        throw InputError(pg::redact(url_) + tr(": shisetsu のプロジェクトではありません (先に `shisetsu init` を実行してください)",
                                               ": not a shisetsu project database (run `shisetsu init` first)"));
    int version = schema_version();
    if (version > schema::kVersion)
        throw StoreError(pg::redact(url_) + ": schema version " + std::to_string(version) +
                         " is newer than this program (" + std::to_string(schema::kVersion) + "); update shisetsu");
    if (version < schema::kVersion) {
        begin();
        try {
            // Another planner's command may have upgraded it while we waited.
            if (schema_version() < schema::kVersion) upgrade_from(schema_version());
            commit();
        } catch (const pg::ServerError& e) {
            rollback();
            explain_refusal(e);
        } catch (...) {
            rollback();
            throw;
        }
    }
}

void PgStore::upgrade_from(int version) {
    for (int step = version; step < schema::kVersion; ++step) {
        const auto& s = schema::steps()[static_cast<std::size_t>(step)];
        db_.exec(schema::postgres_sql(s.sql));
        for (const auto& g : s.geometry) {
            db_.exec(std::string("ALTER TABLE ") + g.table + " ADD COLUMN " + g.column + " geometry(" + g.type + ", " +
                     std::to_string(kProjectSrid) + ")");
            db_.exec(std::string("CREATE INDEX ") + g.table + "_" + g.column + "_gist ON " + g.table +
                     " USING GIST (" + g.column + ")");
        }
    }
    set_meta("schema_version", std::to_string(schema::kVersion));
}

// A refusal of init or an upgrade, said as the right that is missing.
void PgStore::explain_refusal(const pg::ServerError& e) {
    const std::string where = "PostgreSQL " + pg::redact(url_) + ": ";
    const std::string user = db_.user(), database = db_.database();
    const std::string what = e.server_message();
    if (e.sqlstate() == "42501" && what.find("extension") != std::string::npos)
        throw StoreError(where + tr("PostGIS がこのデータベースで有効ではなく、ロール ", "PostGIS is not enabled in database ") +
                         (language() == Lang::ja ? user + " には有効にする権限がありません。スーパーユーザーに "
                                                          "`CREATE EXTENSION postgis;` を (データベース " + database +
                                                          " で一度) 実行してもらい、もう一度このコマンドを実行してください"
                                                    : database + " and the role " + user +
                                                          " may not enable it; ask a superuser to run `CREATE EXTENSION "
                                                          "postgis;` in " + database + " once, then run this command again") +
                         " (" + what + ")");
    if (e.sqlstate() == "42501")
        throw StoreError(where + (language() == Lang::ja
                                      ? "ロール " + user + " にはデータベース " + database +
                                            " のスキーマにテーブルを作る権限がありません。管理者に `GRANT CREATE ON SCHEMA "
                                            "public TO " + user + ";` (またはデータベースの所有者にすること) を依頼してください"
                                      : "the role " + user + " may not create tables in database " + database +
                                            "; ask the administrator for `GRANT CREATE ON SCHEMA public TO " + user +
                                            ";` (or to make it the database's owner)") +
                         " (" + what + ")");
    if (e.sqlstate() == "58P01" || what.find("extension \"postgis\" is not available") != std::string::npos ||
        what.find("could not open extension control file") != std::string::npos)
        throw StoreError(where + tr("サーバーに PostGIS が入っていません (Debian なら postgresql-15-postgis-3) (",
                                    "PostGIS is not installed on the server (Debian: postgresql-15-postgis-3) (") +
                         what + ")");
    throw StoreError(where + e.what());
}

bool is_postgres(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0 || db.rfind("PG:", 0) == 0;
}

std::unique_ptr<Store> open_pg_store(const std::string& url, OpenMode mode) {
    return std::make_unique<PgStore>(url, mode);
}

std::string postgres_keywords(const std::string& db) { return pg::keywords_without_password(db); }

bool pg_project_exists(const std::string& url) {
    pg::Connection c(url);
    return has_project(c);
}

} // namespace shisetsu
