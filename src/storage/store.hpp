#pragma once
// The project database behind one interface (overview.md: SQLite + SpatiaLite
// now, PostgreSQL + PostGIS later behind the same calls). Geometry crosses
// this interface as WKB in the project CRS; SQL stays inside the backends.
#include "core/model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace shisetsu {

enum class Upsert { added, changed, unchanged };

// One analysis run's JSON document (levelling, consolidation, PPP, access…).
struct StoredResult {
    long long run_id = 0;
    std::string kind;
    std::string document;  // JSON text
};

// A pair of the origin–destination table (network.md).
struct OdPair {
    std::string origin_id;       // demand unit
    std::string destination_id;  // facility or site
    double distance_m = 0;
};

// The distances the optimizer uses: the latest accessibility run's table.
struct OdTable {
    long long run_id = 0;
    std::string mode;            // "network" or "straight_line"
    std::string profile;         // walk / drive (network mode)
    double detour_factor = 1.3;  // straight-line mode
    double cutoff_m = 5000;
    std::vector<OdPair> pairs;
};

// One entry of the run log: every import and every analysis run.
struct RunRecord {
    long long run_id = 0;
    std::string started_at;      // ISO 8601, UTC
    std::string finished_at;
    std::string command;         // import / lifecycle / …
    std::string kind;            // import kind, strategy, …
    std::string input_path;
    std::string input_sha256;
    std::string parameters_json = "{}";
    std::string program_version;
    std::string summary_json = "{}";
    std::string db_user;         // who ran it: the PostgreSQL role, the login on SQLite
};

// A saved lifecycle run's totals per year (lifecycle.md "Output"), read back
// for the report's renewal charts.
struct StoredLifecycleYear {
    int year = 0;
    double total_yen = 0.0, backlog_yen = 0.0;
    std::string by_kind_json = "{}", by_category_json = "{}";
};

struct StoredLifecycleTotals {
    long long run_id = 0;
    std::string strategy;
    int start_year = 0, horizon = 0;
    double total_yen = 0.0, annual_average_yen = 0.0;
    std::optional<double> budget_yen;
    std::vector<StoredLifecycleYear> years;
};

// A lifecycle run as saved by save_lifecycle, read back (lifecycle.md
// "Output"): the run's years and every building's events.
struct StoredLifecycleEvent {
    std::string building_id;
    std::string strategy;
    std::string kind;                  // renovation, rebuild, …
    std::optional<int> year;
    double cost_yen = 0.0;
    std::optional<int> spread;
    std::string status;                // scheduled, backlog, done, skipped
};

struct StoredLifecycle {
    long long run_id = 0;
    std::string strategy;
    int start_year = 0;
    int horizon = 0;
    std::vector<StoredLifecycleEvent> events;  // by building, in due order
};

// One project setting (overview.md "The municipality, once"): the value as
// text, and who set it ("user", "init", "boundary" for N03 attributes).
struct Setting {
    std::string key;
    std::string value;
    std::string source;
    std::string set_at;  // ISO 8601, UTC
};

// One stored value, as `copy` moves tables whole: NULL, an integer, a real,
// text, or geometry as WKB.
using Cell = std::variant<std::monostate, long long, double, std::string, Wkb>;

struct TableRows {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

struct StoreCounts {
    long long facilities = 0, buildings = 0, services = 0, demand = 0,
              boundaries = 0, sites = 0, infrastructure = 0, runs = 0, roads = 0;
};

class Store {
public:
    virtual ~Store() = default;

    virtual int schema_version() = 0;
    virtual std::optional<std::string> meta(const std::string& key) = 0;
    virtual void set_meta(const std::string& key, const std::string& value) = 0;
    virtual int project_srid() = 0;

    // Project settings, by key; a null value removes the setting. Which keys
    // exist and what they mean is settings.hpp's business, not the store's.
    virtual std::vector<Setting> settings() = 0;
    virtual void set_setting(const std::string& key, const std::optional<std::string>& value,
                             const std::string& source) = 0;

    // Transactions: every import is one (inventory.md).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;

    // Inventory. Upserts update by id and say what happened.
    virtual Upsert upsert_facility(const Facility& f) = 0;
    virtual Upsert upsert_building(const Building& b) = 0;
    virtual Upsert upsert_service(const Service& s) = 0;
    virtual Upsert upsert_demand(const Demand& d) = 0;
    virtual Upsert upsert_site(const Site& s) = 0;
    virtual Upsert upsert_infrastructure(const InfraAsset& a) = 0;
    virtual void replace_boundaries(const std::vector<Boundary>& boundaries) = 0;

    virtual bool facility_exists(const std::string& facility_id) = 0;
    virtual std::vector<Facility> facilities() = 0;
    // Every building, with `category` joined from its facility.
    virtual std::vector<Building> buildings() = 0;
    virtual std::vector<Service> services() = 0;
    virtual std::vector<Demand> demand() = 0;
    virtual std::vector<Boundary> boundaries() = 0;
    virtual std::vector<Site> sites() = 0;
    virtual std::vector<InfraAsset> infrastructure() = 0;
    // Bounding box of everything located (min lon, min lat, max lon, max lat).
    virtual std::optional<std::array<double, 4>> extent() = 0;
    // Weights of demand units inside the study boundary: 1/0 by centroid in
    // boundary, or the cell's area share (inventory.md "Population by mesh").
    // Returns the number of units with weight > 0. No boundary → all weight 1.
    virtual long long weight_demand(bool by_area_share) = 0;

    virtual StoreCounts counts() = 0;

    // Run log.
    virtual long long begin_run(const RunRecord& run) = 0;
    virtual void finish_run(long long run_id, const std::string& summary_json) = 0;
    virtual std::vector<RunRecord> runs() = 0;

    // Lifecycle results, kept for the report, PPP and the levelling step:
    // the run's totals and years, then the event rows `next_event` yields
    // (building by building, in due order) until it returns false, so a
    // large projection is written without being held as one document.
    virtual void save_lifecycle(const StoredLifecycleTotals& run,
                                const std::function<bool(StoredLifecycleEvent&)>& next_event) = 0;
    // Every saved lifecycle run with its yearly totals, oldest first.
    virtual std::vector<StoredLifecycleTotals> lifecycle_totals() = 0;
    // A saved lifecycle run; without run_id the latest. nullopt when none.
    virtual std::optional<StoredLifecycle> lifecycle_run(std::optional<long long> run_id) = 0;

    // The road network as imported (an import replaces it) and the service
    // areas of the latest accessibility run.
    virtual void replace_roads(const std::vector<Road>& roads) = 0;
    virtual std::vector<Road> roads() = 0;
    virtual void replace_service_areas(const std::vector<ServiceArea>& areas) = 0;
    virtual std::vector<ServiceArea> service_areas() = 0;

    // Analysis results as JSON documents, one per run, found by kind.
    virtual void save_result(long long run_id, const std::string& kind, const std::string& document_json) = 0;
    virtual std::optional<StoredResult> latest_result(const std::string& kind) = 0;
    virtual std::optional<StoredResult> result(long long run_id) = 0;

    // The origin–destination table; a new one replaces the previous one.
    virtual void replace_od(const OdTable& od) = 0;
    virtual std::optional<OdTable> od() = 0;

    // Every row of one table of schema::tables() as stored, in key order,
    // columns in the schema's order, geometry as WKB (for `copy`).
    virtual TableRows read_table(const std::string& table) = 0;
    // Replaces every row of the table (inside the caller's transaction);
    // identity counters continue after the highest id.
    virtual void write_table(const std::string& table, const TableRows& rows) = 0;
};

// save_lifecycle from a projection in lifecycle.md's JSON shape.
void save_lifecycle_json(Store& store, long long run_id, const nlohmann::json& projection);

enum class OpenMode { create, existing };

// Opens (or creates, with the schema) a project database: a SQLite file, or
// a PostgreSQL database named by a URL (postgresql://user@host/dbname) or
// a libpq string after PG: (PG:dbname=… host=…). `create` on an existing
// project is an error, as is `existing` on a missing one.
std::unique_ptr<Store> open_store(const std::string& path, OpenMode mode);

// True when DB names a PostgreSQL database rather than a SQLite file.
bool is_postgres(const std::string& db);

// DB as messages show it: a PostgreSQL password is left out.
std::string database_label(const std::string& db);

// Whether DB already holds a project (the file exists; the PostgreSQL
// database has the schema).
bool project_exists(const std::string& db);

// The current time as ISO 8601 UTC, as the run log records it.
std::string utc_now();

} // namespace shisetsu
