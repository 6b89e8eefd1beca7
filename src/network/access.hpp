#pragma once
// `shisetsu access`: who reaches which service, how far (network.md "What it
// computes"): the OD table, per-service nearest provider, coverage within
// the catchment, mean / median / 95th-percentile distance before and after
// the latest plan, and service areas. Results go to the project database.
#include "network/demand.hpp"
#include "network/od.hpp"
#include "storage/store.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace shisetsu::network {

// Service parameters: data/services.json, overridden field by field by the
// project's `services` import.
std::vector<Service> service_parameters(Store& store);
// Every name a service goes by, in either language (図書館, library), as the
// project's kind of municipality words it, and the names of a services
// import: name → key. A configuration file may write a service by any of them.
std::map<std::string, std::string> service_aliases(Store& store);
// Display name in the current language.
std::string service_label(const Service& service);

// One demand unit's nearest provider of a service.
struct Nearest {
    std::string origin_id;
    std::string facility_id;   // empty: none within the cut-off
    double distance_m = 0;
};

struct ServiceStats {
    long providers = 0;
    double demand = 0;            // people of the service's cohort
    double covered = 0;           // of them within the catchment of a provider
    double coverage = 0;          // covered / demand (0 when there is no demand)
    double beyond_cutoff = 0;     // share with no provider within the OD cut-off
    // Over the demand that has a provider within the cut-off (mean), and over
    // all demand (quantiles: the smallest distance with at least that share
    // of the people at or below it; null when that share lies beyond the
    // cut-off).
    std::optional<double> mean_m, median_m, p95_m;
    std::vector<Nearest> nearest;
    nlohmann::json to_json(bool with_nearest) const;
};

// Statistics of one service over an OD table. `pairs_of` maps an origin to
// its (destination, distance) pairs; `weights` lists every origin with its
// people; `providers` the destinations that provide the service.
ServiceStats service_stats(const std::vector<std::pair<std::string, double>>& weights,
                           const std::map<std::string, std::vector<std::pair<std::string, double>>>& pairs_of,
                           const std::set<std::string>& providers, double catchment_m);

// Each demand unit's nearest provider of each service of a consolidation
// plan (optimization.md B, its "sites" with services_before/after), before
// and after the plan, both over the same OD table so they are measured
// alike; for the report's interactive map and the GIS export's demand layer.
struct PlanNearest {
    std::string service_key;
    double catchment_m = 0;
    std::vector<Nearest> before, after;   // one per origin of the OD table, in origin order
};
std::vector<PlanNearest> plan_nearest(const OdTable& od, const nlohmann::json& plan);

struct AccessRequest {
    std::string service;          // empty: every service
    std::optional<int> year;      // population layer; default: the latest not after the current fiscal year
    double cutoff_m = 5000;
    std::string profile = "walk"; // walk / drive / FILE.json
    double max_snap_m = 500;
    double detour_factor = 1.3;
    double buffer_m = 50;         // service-area buffer
    bool service_areas = true;
    unsigned threads = 0;
    std::string od_out;           // CSV: origin_id,destination_id,distance_m
    std::string json_path;
    std::string command_line;
};

struct AccessOutcome {
    nlohmann::json result;        // the JSON written by --json
    long long run_id = 0;
    std::string summary() const;  // a few lines for the terminal
};

AccessOutcome run_access(Store& store, const AccessRequest& request);

} // namespace shisetsu::network
