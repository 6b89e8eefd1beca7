#pragma once
// The steps of the pipeline as library calls shared by the CLI commands,
// `shisetsu run CONFIG.json` and `shisetsu demo` (overview.md "The pipeline").
#include "inventory/importer.hpp"
#include "optimize/location.hpp"
#include "storage/store.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::pipeline {

// Categories of data/lifecycle/unit_costs.json, for the importer.
inventory::CategoryVocabulary category_vocabulary();

// One file into the project database: roads through the network module,
// everything else through the inventory importer.
inventory::ImportReport import_file(Store& store, const inventory::ImportRequest& request);

struct LifecycleRequest {
    std::string strategy = "standard";   // standard | conventional | life_extension | FILE.json
    std::optional<int> start_year;
    std::optional<int> horizon;
    std::optional<double> budget_yen;
    std::string compare_with;            // strategies to compare with, comma-separated
    std::string json_path, csv_path, events_csv_path, xlsx_path;
    std::string command_line;
};

struct LifecycleOutcome {
    nlohmann::json projection;            // lifecycle::summary_json: the document's fields without its lists
    nlohmann::json comparison;            // lifecycle::to_json(Comparison); null unless compare_with was given
    long long run_id = 0;
    long buildings = 0;                   // buildings projected
    long without_category = 0;            // left out: no category
    double floor_area_m2 = 0.0;           // of the buildings projected
    long prioritized = 0;                 // buildings in the priority ranking
    std::string summary() const;          // a few lines for the terminal
};

// A strategy of a comparison (lifecycle::to_json) by its name in the current
// language (単純更新 / simple renewal), else its key.
std::string strategy_label(const nlohmann::json& side);

// One sentence per difference of a comparison (lifecycle::to_json), its
// direction in words on the net cost (…の方が X 億円 (Y %) 少ない / 多い)
// with the horizon totals and equivalent annual costs beside it.
std::vector<std::string> comparison_sentences(const nlohmann::json& comparison);

// Projects the buildings and infrastructure of the database, records the run
// and its results, and writes the requested files.
LifecycleOutcome run_lifecycle(Store& store, const LifecycleRequest& request);

// Renewal levelling (optimization.md "A") over the events of a lifecycle
// projection of the project's buildings.
struct LevelStepRequest {
    std::string strategy = "standard";
    std::optional<int> start_year;
    std::optional<int> horizon;
    std::optional<double> budget_yen;
    bool peak = false;
    std::optional<int> max_advance, max_deferral;
    std::optional<double> deferral_penalty, advance_penalty, overrun_penalty;
    double time_limit_s = 60.0;
    std::optional<double> relative_gap;   // a stage is proven within this gap (default: data/optimize/levelling.json)
    std::string json_path, instance_path;
    std::string command_line;
};
struct LevelStepOutcome {
    nlohmann::json result;   // optimization.md "A" JSON
    long long run_id = 0;
    std::string summary() const;
};
LevelStepOutcome run_level(Store& store, const LevelStepRequest& request);

// Model A solved from an instance file (`level --instance-out`) without a
// project database; the time limit and gap come from the request.
LevelStepOutcome solve_level_instance(const std::string& instance_path, const LevelStepRequest& request);

// Consolidation and co-location (optimization.md "B") from a plan file
// (PLAN.json: services and their targets, parameters; see
// data/optimize/README.md), over the project's facilities, candidate sites,
// demand and distances.
struct ConsolidateRequest {
    std::string config_path;
    std::string name;                  // the plan's name, stored with the run (consolidate --name)
    std::optional<int> year;     // one population layer, instead of the plan's demand_years
    std::optional<double> time_limit_s;
    std::string json_path, instance_path;
    std::string command_line;
};
struct ConsolidateOutcome {
    nlohmann::json result;    // the result document (also saved in the store)
    long long run_id = 0;
    std::string summary() const;
};
ConsolidateOutcome run_consolidate(Store& store, const ConsolidateRequest& request);

// Model B solved from an instance file (the `--instance-out` JSON), without a
// project database: objective, bound, gap, status, each site's services and
// each service's coverage. Written to request.json_path when given.
nlohmann::json solve_consolidation_instance(const std::string& instance_path, const ConsolidateRequest& request);

// Distances from the demand units (the given rows, weight > 0) to destinations,
// within the cut-off: the access step's OD table (network.md) where it has
// the destination, else straight line × detour factor between the demand
// unit's centroid and the destination point in the plane-rectangular zone.
struct DistanceTable {
    std::string mode;                     // network / straight_line / mixed
    double detour_factor = 1.3;
    std::vector<optimize::OdEntry> pairs;
    std::vector<std::string> straight_line_destinations;  // measured straight in "mixed"
};
struct Destination {
    std::string id;
    Wkb point;  // EPSG:6668
};
DistanceTable demand_distances(Store& store, const std::vector<Demand>& demand, const std::vector<Destination>& destinations,
                               double cutoff_m, double detour_factor);

// `locate DB --service S`: origins = demand units weighted for S, sites =
// facilities providing S and the candidate sites; distances as above; the
// population layer of `year` (default: the latest not after this fiscal year).
// Demand units with no site within the OD table's cut-off cannot be served
// by any plan; they are left out and listed in `unreachable`.
struct LocationDemand {
    std::string distance_mode;
    std::vector<std::string> unreachable;
    int population_year = 0;              // 0: undated
    std::string cohort, cohort_source;    // network/demand.hpp
    bool cohort_fallback = false;
    std::optional<double> capacity;       // the service's capacity per site (people), if it has one
    std::vector<std::string> sites;       // every facility of the service and candidate site, reachable or not
};
optimize::LocationInstance location_instance(Store& store, const std::string& service, std::optional<int> year,
                                             LocationDemand& used);

// `locate DB --service S --model cflp --sites SITES.csv` (optimization.md,
// "Capacitated location with fixed costs"): the cost of serving all of an
// origin's demand at a site is its people × the distance (person-metres),
// so SITES.csv gives the fixed costs in person-metres too; an empty capacity
// is the service's. A row for a site of the project that no demand reaches
// is accepted and left out.
void attach_project_sites(optimize::LocationInstance& instance, const LocationDemand& used, const std::string& sites_path,
                          optimize::LocationRequest& request);

struct PppRequest {
    std::string projects_path;             // --projects FILE.json (ppp.md); without it, a plan of the database
    std::optional<long long> plan_run_id;  // --plan: a consolidation or lifecycle run; default the latest
    std::string parameters_path;           // --parameters FILE.json: {"parameters": {…}}
    nlohmann::json parameters = nlohmann::json::object();  // overrides from a run config
    bool all = false;                      // --all: screen projects below every threshold too
    std::string json_path, csv_path;
    std::string command_line;
};

struct PppOutcome {
    nlohmann::json document;               // ppp.md output, as stored
    long long run_id = 0;                  // 0 when screened without a database
    std::string summary(bool detail) const;  // the report for the terminal
};

// PPP/PFI screening (ppp.md) of a projects file or of a plan in `store`;
// with a store the run and its document are recorded. Writes the files.
PppOutcome run_ppp(Store* store, const PppRequest& request);

// `shisetsu run CONFIG.json`: a list of steps on one database. Paths in the
// config are relative to `base_dir` (inputs) and the config's "output_dir"
// (outputs). The whole config, and every file it names, is checked before
// the first step runs (bad input names `config_file` and the JSON path).
// Returns one JSON record per step, with the seconds it took.
nlohmann::json run_config(const nlohmann::json& config, const std::string& base_dir, std::ostream& log,
                          const std::string& config_file = "");

// `shisetsu demo`: the pipeline of data/demo.json on the sample ward, written
// to out_dir, with a short summary for the planner on `out`. The project is
// out_dir's shisetsu-demo.sqlite (replaced), or `database` when given (a
// PostgreSQL database must not hold a project yet). Returns run_config's
// records.
nlohmann::json run_demo(const std::string& out_dir, std::ostream& out, const std::string& database = "");

} // namespace shisetsu::pipeline
