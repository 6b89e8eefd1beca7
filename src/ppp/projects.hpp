#pragma once
// Where the projects to screen come from: a projects file (ppp.md "Command
// and JSON"), a consolidation plan (the sites it builds or converts) or a
// lifecycle run (rebuilds and large renovations, grouped per facility).
#include "ppp/parameters.hpp"
#include "ppp/schemes.hpp"
#include "ppp/screening.hpp"
#include "storage/store.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace shisetsu::ppp {

// A project and where it came from (site, buildings, years), for the report.
struct PlannedProject {
    Project project;
    nlohmann::json origin = nlohmann::json::object();
};

struct ProjectSet {
    nlohmann::json plan = nlohmann::json::object();  // {"kind": "file" | "consolidation" | "lifecycle", …}
    Parameters common;                                // the parameters before per-project overrides
    std::vector<PlannedProject> projects;
};

// data/ppp/plan.json: how a plan becomes projects.
struct PlanRules {
    std::map<std::string, std::string> consolidation_actions;  // site action → project type
    std::map<std::string, std::string> lifecycle_kinds;        // event kind → project type
    std::vector<std::string> lifecycle_statuses;               // event statuses that are still to do
    int lifecycle_window_years = 0;   // events due in start_year … start_year + window − 1
    int group_window_years = 0;       // a facility's events within this many years form one project
    double om_yen_per_m2 = 0.0;       // O&M when the plan or the inventory gives none
    std::string source;
};

PlanRules load_plan_rules();                         // data/ppp/plan.json
PlanRules load_plan_rules(const std::string& path);

// Parameters of a {"parameters": {…}} file applied on top of `base`
// (`--parameters F`). Throws InputError naming the file and key.
Parameters read_parameters_file(const std::string& path, const Defaults& defaults, Parameters base);

// A projects file (ppp.md "Command and JSON"): its "parameters" on top of
// `base`, then each project's own. Every problem of the file in one
// InputError, each naming the project and the field.
ProjectSet read_projects_file(const std::string& path, const Defaults& defaults, const SchemeTable& schemes,
                              Parameters base);
ProjectSet parse_projects(const nlohmann::json& doc, const std::string& file, const Defaults& defaults,
                          const SchemeTable& schemes, Parameters base);
// The checks of parse_projects alone (a run config checks its files before
// any step runs): every problem appended, at its JSON pointer.
void check_projects(nlohmann::json& doc, const std::string& file, const Defaults& defaults, const SchemeTable& schemes,
                    std::vector<InputProblem>& problems);

// The new complexes, new sites and conversions with a construction cost > 0 of a
// consolidation result document ("sites": id, name, action, services_after,
// floor_area_after_m2, construction_cost_yen, annual_om_yen).
ProjectSet projects_from_consolidation(const nlohmann::json& document, long long run_id, const PlanRules& rules,
                                       const Parameters& base);

// Rebuilds and large renovations of a lifecycle run, one project per facility
// and kind of work for events due close together; O&M and fee income from the
// facility in proportion to the floor area concerned.
ProjectSet projects_from_lifecycle(const StoredLifecycle& run, const std::vector<Facility>& facilities,
                                   const std::vector<Building>& buildings, const PlanRules& rules,
                                   const SchemeTable& schemes, const Parameters& base);

} // namespace shisetsu::ppp
