#pragma once
// `shisetsu import`: one file of one kind into the project database, in one
// transaction, with every problem of the file reported (inventory.md).
#include "inventory/fields.hpp"
#include "storage/store.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::inventory {

// Category names a file may use, resolved to keys (lifecycle.md categories).
// Supplied by the caller so the importer does not depend on lifecycle data.
struct CategoryVocabulary {
    std::function<std::optional<std::string>(const std::string&)> key_of;
    std::string accepted;  // for messages: "school (学校教育系施設), …"
};

struct ImportReport;

struct ImportRequest {
    Kind kind = Kind::facilities;
    std::string path;
    std::string layer;
    std::string mapping_path;
    std::string encoding;
    std::string crs;                 // source CRS; empty: the file's own or JGD2011
    bool skip_invalid = false;
    std::string rejected_path;       // side file for --skip-invalid; default <name>.rejected.csv
    bool area_share = false;         // population: weight cells by area share
    std::optional<bool> node;        // roads: node crossings and join ends (unset: when the layer needs it)
    std::optional<int> year;         // population: the year of every row (else a year column, else undated)
    std::string command_line;        // recorded in the run log
    // Writes the command's own outputs (the --json report) once the import
    // is recorded but before it is committed, so a failed output leaves the
    // database unchanged.
    std::function<void(const ImportReport&)> before_commit;
};

struct EntityCounts {
    long added = 0, changed = 0, unchanged = 0;
};

struct ImportReport {
    std::string kind, path, encoding, source_crs, work_crs, rejected_path;
    long rows = 0;                   // data rows read
    long rejected = 0;               // rows left out (--skip-invalid)
    long long run_id = 0;
    std::map<std::string, EntityCounts> entities;  // "facility", "building", …
    std::vector<std::string> warnings;
    nlohmann::json details = nlohmann::json::object();  // kind-specific figures

    nlohmann::json to_json() const;
    std::string summary() const;     // a few lines for the terminal, in the current language
};

ImportReport import_file(Store& store, const ImportRequest& request, const CategoryVocabulary& categories);

} // namespace shisetsu::inventory
