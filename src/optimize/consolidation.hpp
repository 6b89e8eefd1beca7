#pragma once
// Consolidation and co-location, optimization.md "B": which sites stay in
// use, which services each hosts, who is served where — the cheapest plan
// that meets every coverage, capacity and floor-area constraint (plus λ ×
// travel). The instance mirrors the spec's `--instance-out` JSON.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace shisetsu::optimize {

struct ConsolidationService {
    std::string key;
    double catchment_m = 1000.0;        // D_s
    double coverage_target = 0.0;       // α_s
    std::optional<double> capacity;     // Q_s (people per site)
};

struct HostOption {
    int service = 0;                    // index into services
    double area_m2 = 0.0;               // a_js
    double cost_yen = 0.0;              // c_js
    bool existing = false;              // s ∈ E_j
    double vacate_cost_yen = 0.0;       // v_js: demolishing the space when an existing service leaves (s ∈ E_j only)
    bool pinned = false;                // z_js = 1 (plan `pin`: "this service stays here")
};

struct ConsolidationSite {
    std::string id;
    bool keep = false;
    std::optional<double> max_floor_area_m2;  // F_j (nullopt = ∞)
    double closing_cost_yen = 0.0;            // e_j = fixed − V_j (land value): what closing the site adds
    std::vector<HostOption> hosts;            // every service the site may host
};

struct ConsolidationInstance {
    double sigma = 0.10;
    double lambda = 0.0;                      // yen per person-metre
    double assignment_cutoff_m = 0.0;         // L
    std::optional<double> floor_area_target;  // ρ
    double current_floor_area_m2 = 0.0;
    // Beyond the spec (plan option, default off): a site in use hosts at least
    // one service of the model, y_j ≤ Σ_s z_js, so that giving up every
    // service closes the site (pays e_j) instead of keeping it empty for free.
    bool close_empty_sites = false;
    std::vector<ConsolidationService> services;
    std::vector<std::pair<int, int>> incompatible;
    std::vector<ConsolidationSite> sites;
    std::vector<std::string> demand_ids;
    std::vector<std::vector<double>> weights;  // [demand][service] w_is
    // Beyond the spec (plan `demand_years`, network.md "Demand by year and by
    // age"): the population year of each demand point — the same place in
    // 2020 and in 2040 is two points — and every coverage target (and
    // capacity) holds in each year on its own. The travel term λ sums over
    // every point of every year. Empty: one year.
    std::vector<int> demand_years;
    struct Distance {
        int demand = 0, site = 0;
        double distance_m = 0.0;
    };
    std::vector<Distance> distances;           // every pair within L
};

// A plan: open sites, the services each hosts, and (when λ > 0 or with
// capacities) the assignment shares x_ijs.
struct ConsolidationPlan {
    std::vector<char> open;                      // y_j
    std::vector<std::vector<char>> hosts;        // z_js [site][service]
    struct Share {
        int demand = 0, site = 0, service = 0;
        double share = 0.0;
    };
    std::vector<Share> assignment;               // empty: nearest hosting site (λ term only)
};

struct ConsolidationOptions {
    double time_limit_s = 60.0;
    double relative_gap = 0.0;
    std::string progress_label;
    // Diagnosis: coverage targets and the floor-area target become soft, and
    // the objective adds their shortfall (coverage points, share of today's
    // floor area). Used to say which targets cannot be met together.
    bool elastic = false;
};

struct ConsolidationResult {
    ConsolidationPlan plan;
    double objective_yen = 0.0, bound_yen = 0.0, gap = 0.0;
    std::string status;
    double time_s = 0.0;
    long rows = 0, cols = 0;
    std::vector<double> coverage;                // per service, as the plan serves it (within D_s); the lowest year's
    std::vector<std::vector<double>> coverage_by_year;  // [service][year], the instance's years ascending
};

// Solves model B exactly as written. Throws SolverError(infeasible) naming
// the target that cannot be met and by how much.
ConsolidationResult solve_consolidation(const ConsolidationInstance& instance, const ConsolidationOptions& options);

// What hosting a set of services costs at one site (`hosted` by service
// index): Σ c_js, less the co-location saving σ·c_js on every positive c_js
// when the site hosts two or more (u_js = z_js·m_j, as the model would set it).
double hosting_cost_yen(const ConsolidationSite& site, const std::vector<char>& hosted, double sigma);

// The vacate cost of a plan at one site: v_js for every existing service it
// gives up (whether or not the site stays open).
double vacate_cost_yen(const ConsolidationSite& site, const std::vector<char>& hosted);

// A site's whole part of the objective: hosting_cost_yen + vacate_cost_yen,
// plus e_j when it closes.
double site_cost_yen(const ConsolidationSite& site, const std::vector<char>& hosted, bool open, double sigma);

// Whether one site may host that set: within F_j and no incompatible pair.
bool hosting_allowed(const ConsolidationInstance& instance, const ConsolidationSite& site, const std::vector<char>& hosted);

// The objective of optimization.md "B" recomputed from a plan: each site's
// site_cost_yen; travel with the plan's assignment, or
// each demand to its nearest open hosting site within L when it has none.
double consolidation_objective(const ConsolidationInstance& instance, const ConsolidationPlan& plan);

// Each service's coverage today: every existing host in place, every site
// open (the model's own count: demand within D_s of a site hosting s); with
// several population years the lowest year's, so that today's plan meets it
// in every year.
std::vector<double> current_coverage(const ConsolidationInstance& instance);

// Every constraint of model B checked on a plan; empty when it meets them all.
std::vector<std::string> check_plan(const ConsolidationInstance& instance, const ConsolidationPlan& plan);

// The spec's instance JSON and back.
nlohmann::json to_json(const ConsolidationInstance& instance);
ConsolidationInstance instance_from_json(const nlohmann::json& j);

// Each site's hosts in the order of their service keys: the order the
// instance JSON has them (an object by key), so a model built from a
// project and from its written instance is the same column for column, and
// CBC takes the same path to the same plan (on the sample ward the project's
// own order took it 3.0 s instead of 1.3 s, to the same optimum).
void order_as_written(ConsolidationInstance& instance);

} // namespace shisetsu::optimize
