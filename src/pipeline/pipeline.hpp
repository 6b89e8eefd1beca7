#pragma once
// The steps of the pipeline as library calls shared by the CLI commands,
// `shisetsu run CONFIG.json` and `shisetsu demo` (overview.md "The pipeline").
#include "inventory/importer.hpp"
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
    std::string strategy = "standard";   // standard | life_extension | FILE.json
    std::optional<int> start_year;
    std::optional<int> horizon;
    std::optional<double> budget_yen;
    std::string compare_with;            // a second strategy to compare against
    std::string json_path, csv_path, events_csv_path, xlsx_path;
    std::string command_line;
};

struct LifecycleOutcome {
    nlohmann::json projection;            // lifecycle.md JSON shape
    nlohmann::json comparison;            // null unless compare_with was given
    long long run_id = 0;
    long buildings = 0;                   // buildings projected
    long without_category = 0;            // left out: no category
    double floor_area_m2 = 0.0;           // of the buildings projected
    std::string summary() const;          // a few lines for the terminal
};

// Projects the buildings and infrastructure of the database, records the run
// and its results, and writes the requested files.
LifecycleOutcome run_lifecycle(Store& store, const LifecycleRequest& request);

// `shisetsu run CONFIG.json`: a list of steps on one database. Paths in the
// config are relative to `base_dir` (inputs) and the config's "output_dir"
// (outputs). Returns one JSON record per step.
nlohmann::json run_config(const nlohmann::json& config, const std::string& base_dir, std::ostream& log);

// `shisetsu demo`: the pipeline of data/demo.json on the sample ward, written
// to out_dir, with a short summary for the planner on `out`.
void run_demo(const std::string& out_dir, std::ostream& out);

} // namespace shisetsu::pipeline
