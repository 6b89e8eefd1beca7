#pragma once
// The classic location models of optimization.md "B" (presets), for one
// service at a time: p-median, MCLP, LSCP, p-center, with their textbook
// meaning. Exact: every result carries a true lower bound (upper for MCLP's
// maximisation, reported as such) and `optimal` only when the bound proves it.
#include <nlohmann/json_fwd.hpp>

#include <cstddef>
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
    double distance_m = 0.0;
};

// Builds the instance: origins and sites in order of first appearance (or
// as given in `weights`), weight 1 for origins without a weight. Repeated
// pairs: the last one wins. A weight for an id that is no origin of the
// pairs is bad input naming `weights_file`.
LocationInstance make_instance(const std::vector<OdEntry>& pairs,
                               const std::vector<std::pair<std::string, double>>* weights = nullptr,
                               const std::string& weights_file = "");

// optimization.md: OD.csv `origin_id,destination_id,distance_m`, W.csv
// `origin_id,weight`; throws InputError with file:row:column.
std::vector<OdEntry> read_od_csv(const std::string& path);
std::vector<std::pair<std::string, double>> read_weights_csv(const std::string& path);
std::vector<std::string> read_id_list(const std::string& path);

// Writes an instance back in those two forms (every usable pair with its
// distance at full precision; every origin with its weight), so that
// `locate --od OD.csv --demand W.csv` — or any other solver — rebuilds it.
void write_od_csv(const LocationInstance& instance, const std::string& path);
void write_weights_csv(const LocationInstance& instance, const std::string& path);

enum class LocationModel { p_median, mclp, lscp, p_center };
LocationModel parse_location_model(const std::string& name);  // throws UsageError
const char* model_name(LocationModel model) noexcept;

struct LocationRequest {
    LocationModel model = LocationModel::p_median;
    int p = 0;                             // p-median, MCLP, p-center
    double catchment_m = 0.0;              // MCLP, LSCP
    std::vector<std::string> required;     // sites that must be open
    std::vector<double> capacity;          // p-median: per site (people), empty = uncapacitated
    double time_limit_s = 0.0;             // 0 = none
    bool textbook = false;                 // solve the plain textbook MILP with CBC only (for comparison)
    std::string progress_label;            // stderr while solving; empty = silent
};

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
// p-center: largest nearest-open distance over origins with weight > 0.
double location_objective(const LocationInstance& instance, const LocationRequest& request,
                          const std::vector<int>& open);

// optimization.md JSON ("model", "p", "objective", "bound", "gap", "status",
// "open", "time_s", "assignment") plus "method" details.
nlohmann::json to_json(const LocationInstance& instance, const LocationResult& result);

} // namespace shisetsu::optimize
