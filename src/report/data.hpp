#pragma once
#include "core/municipality.hpp"
// Everything the report shows, read once from the project database, with
// the labels of data/lifecycle (private to the report module).
#include "storage/store.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::report {

struct ResultDoc {
    long long run_id = 0;
    nlohmann::json json;
};

// One consolidation plan of the comparison (outputs.md "What planners
// compare and present"): its run, the name given by `consolidate --name`,
// its result and the latest PPP/PFI screening of its projects, if any.
struct PlanDoc {
    long long run_id = 0;
    std::string name;                 // as given; empty when the plan has none
    nlohmann::json json;
    std::optional<ResultDoc> ppp;     // a ppp run whose plan.run_id is this run
};

struct ReportData {
    int base_year = 0;               // ages are counted at this fiscal year
    std::string work_crs;            // projected CRS of the maps
    std::string ward_name;           // the project's name (settings), else the boundary's
    MunicipalityWords words;         // 区/市, the ward/the city (settings)
    std::vector<Facility> facilities;
    std::vector<Building> buildings;
    std::vector<Boundary> boundaries;
    std::vector<Road> roads;
    std::vector<ServiceArea> service_areas;
    std::vector<Demand> demand;                      // the cells of the interactive map
    std::optional<OdTable> od;                       // distances before and after the plan, alike
    std::vector<Site> sites;
    std::vector<RunRecord> runs;
    std::vector<StoredLifecycleTotals> lifecycle;   // oldest first
    std::optional<ResultDoc> access, level, consolidate, ppp;
    // The plans compared side by side: those asked for (report --plans) in
    // that order, else every consolidation run, latest first.
    std::vector<PlanDoc> plans;
    // The latest lifecycle run's document: {summary, comparison, priority}
    // (lifecycle.md "Output" and "Condition"), and that run's events.
    std::optional<ResultDoc> lifecycle_result;
    std::vector<StoredLifecycleEvent> lifecycle_events;

    std::vector<std::string> category_keys;         // in unit_costs.json order
    std::map<std::string, std::string> category_names, kind_names, strategy_names;
    std::map<std::string, double> coverage_targets;  // by service key: data/services.json, then the project's
    std::map<std::string, std::string> service_names; // by service key, in the report's language

    std::string category_name(const std::string& key) const;
    std::string kind_name(const std::string& key) const;
    std::string strategy_name(const std::string& key) const;
    std::string service_name(const std::string& key) const;
    // The latest saved run of a strategy, if any.
    const StoredLifecycleTotals* latest_lifecycle(const std::string& strategy) const;
};

// plan_runs: the consolidation runs to compare (empty: all of them); a run
// that is no consolidation run of the project is bad input.
ReportData gather(Store& store, const std::vector<long long>& plan_runs = {});

} // namespace shisetsu::report
