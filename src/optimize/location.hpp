#pragma once
// The classic location models of optimization.md "B" (presets), for one
// service at a time: p-median, MCLP, LSCP, p-center and the capacitated
// location with fixed costs (CFLP), with their textbook meaning. Exact: every result carries a true lower bound (upper for MCLP's
// maximisation, reported as such) and `optimal` only when the bound proves it.
#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shisetsu::optimize {

// Origins (demand), candidate sites and the usable pairs with their
// distances. A pair not listed cannot be assigned.
struct LocationInstance {
    std::vector<std::string> origins;
    std::vector<std::string> sites;
    std::vector<double> weight;          // per origin
    // Pairs by origin, ascending distance: origin i owns [first[i], first[i+1]).
    std::vector<std::size_t> first{0};
    std::vector<int> site;               // site index of each pair
    std::vector<double> distance_m;

    std::size_t pair_count() const noexcept { return site.size(); }
};

struct OdEntry {
    std::string origin_id, destination_id;
    double distance_m = 0.0;  // CFLP: the cost of serving all of the origin's demand there
    long row = 0;             // row in the file it was read from (0 = not from a file)
};

// Builds the instance: origins and sites in order of first appearance (or
// as given in `weights`), weight 1 for origins without a weight. Repeated
// pairs: the last one wins. A weight for an id that is no origin of the
// pairs is bad input naming `weights_file` and, when `weight_rows` is given
// (read_weights_csv's rows), the weight's row.
LocationInstance make_instance(const std::vector<OdEntry>& pairs,
                               const std::vector<std::pair<std::string, double>>* weights = nullptr,
                               const std::string& weights_file = "", const std::vector<long>* weight_rows = nullptr);

// optimization.md: OD.csv `origin_id,destination_id,distance_m`, W.csv
// `origin_id,weight`; throws InputError with file:row:column.
std::vector<OdEntry> read_od_csv(const std::string& path);
// `rows`, when given, receives each weight's row in the file.
std::vector<std::pair<std::string, double>> read_weights_csv(const std::string& path, std::vector<long>* rows = nullptr);
std::vector<std::string> read_id_list(const std::string& path);

// CFLP: SITES.csv `site_id,fixed_cost,capacity` (optimization.md,
// "Capacitated location with fixed costs"). Every row needs both numbers,
// fixed_cost ≥ 0 and capacity > 0 — an empty capacity takes
// `default_capacity` when one is given (a project's service capacity);
// throws InputError with file:row:column.
struct SiteTerms {
    std::string site_id;
    double fixed_cost = 0.0;
    double capacity = 0.0;
    long row = 0;
};
std::vector<SiteTerms> read_sites_csv(const std::string& path, std::optional<double> default_capacity = std::nullopt);

// Writes an instance back in those two forms (every usable pair with its
// distance at full precision; every origin with its weight), so that
// `locate --od OD.csv --demand W.csv` — or any other solver — rebuilds it.
void write_od_csv(const LocationInstance& instance, const std::string& path);
void write_weights_csv(const LocationInstance& instance, const std::string& path);

enum class LocationModel { p_median, mclp, lscp, p_center, cflp };
LocationModel parse_location_model(const std::string& name);  // throws UsageError
const char* model_name(LocationModel model) noexcept;

struct LocationRequest {
    LocationModel model = LocationModel::p_median;
    int p = 0;                             // p-median, MCLP, p-center; CFLP: 0 = any number of sites
    double catchment_m = 0.0;              // MCLP, LSCP
    std::vector<std::string> required;     // sites that must be open
    std::vector<double> capacity;          // p-median: per site (people), empty = uncapacitated; CFLP: Q_j
    std::vector<double> fixed_cost;        // CFLP: f_j per site
    bool single_source = false;            // CFLP: every origin served by one site
    double time_limit_s = 0.0;             // 0 = none
    bool textbook = false;                 // solve the plain textbook MILP with CBC only (for comparison)
    std::string progress_label;            // stderr while solving; empty = silent
};

// Puts the sites' terms on `request` (fixed_cost and capacity per site of
// the instance) and checks the CFLP instance against its files: every
// destination of the OD table has a row in SITES.csv and every row of
// SITES.csv is a destination, every origin with demand has a usable site
// (with --single-source: one whose capacity holds all of its demand).
// Problems name the file and row; without an OD file (a project's own
// distances) a site without terms is named in SITES.csv.
struct CflpFiles {
    std::string od, demand, sites;
    std::vector<long> demand_rows;  // row of each weight in `demand` (read_weights_csv)
};
void attach_sites(const LocationInstance& instance, const std::vector<OdEntry>& pairs,
                  const std::vector<std::pair<std::string, double>>* weights, const std::vector<SiteTerms>& sites,
                  const CflpFiles& files, LocationRequest& request);

struct LocationResult {
    LocationModel model = LocationModel::p_median;
    int p = 0;
    double catchment_m = 0.0;
    double objective = 0.0;   // the model's own (see optimization.md)
    double bound = 0.0;       // lower bound (minimisation) or upper bound (MCLP)
    double gap = 0.0;
    std::string status;       // optimal / feasible / infeasible / time_limit
    std::vector<int> open;    // site indices, ascending
    std::vector<std::pair<int, int>> assignment;  // (origin, site): nearest open site among listed pairs
    struct Share {
        int origin = 0, site = 0;
        double share = 0.0;                // x_ij
    };
    std::vector<Share> shares;            // CFLP: the assignment with its shares
    double fixed_cost = 0.0, assignment_cost = 0.0;  // CFLP: the objective's two parts
    bool single_source = false;
    double time_s = 0.0;
    // How it was solved (reported, so a reader sees what made it fast).
    std::string method;
    double heuristic_objective = 0.0;
    double lagrangian_bound = 0.0;
    long fixed_open = 0, fixed_closed = 0;
    long milp_rows = 0, milp_cols = 0;
    double heuristic_s = 0.0, lagrangian_s = 0.0, milp_s = 0.0;
    int lagrangian_iterations = 0;
    long bb_nodes = 0;
};

// Solves one preset. Throws SolverError(infeasible) when no plan exists,
// InputError for an unusable instance (unknown required site, p out of range).
LocationResult solve_location(const LocationInstance& instance, const LocationRequest& request);

// The model's objective recomputed from a set of open sites (for checks).
// p-median: Σ w·(nearest open distance), +inf if an origin cannot be served;
// MCLP: covered weight; LSCP: number of sites (+inf if not all covered);
// p-center: largest nearest-open distance over origins with weight > 0;
// CFLP: the fixed costs plus the cheapest split assignment within the
// capacities (a transportation LP), +inf if there is none.
double location_objective(const LocationInstance& instance, const LocationRequest& request,
                          const std::vector<int>& open);

// CFLP: Σ f_j over `open` plus Σ c_ij·x_ij over the shares.
double cflp_plan_cost(const LocationInstance& instance, const LocationRequest& request, const std::vector<int>& open,
                      const std::vector<LocationResult::Share>& shares);

// optimization.md JSON ("model", "p", "objective", "bound", "gap", "status",
// "open", "time_s", "assignment") plus "method" details. CFLP's assignment
// entries carry the share: [origin, site, x_ij].
nlohmann::json to_json(const LocationInstance& instance, const LocationResult& result);

} // namespace shisetsu::optimize
