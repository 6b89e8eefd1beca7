#pragma once
// Field names of inventory.md and the headers planners actually write, and
// the matching of a file's headers to them (inventory.md "Reading rules").
#include "core/errors.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::inventory {

enum class Kind { facilities, buildings, services, population, boundary, sites, infrastructure, roads };

Kind parse_kind(const std::string& text);  // throws UsageError listing the kinds
const char* kind_name(Kind kind) noexcept;

struct FieldDef {
    const char* name;                   // field name of the spec
    const char* label_ja;               // how a planner calls it (for messages)
    std::vector<const char*> aliases;   // headers that mean it (besides the name)
};

const std::vector<FieldDef>& fields_for(Kind kind);

// Where each field is in the file. A header's bracketed suffix may carry a
// unit that applies to the whole column, e.g. 維持管理費（千円） → ×1,000.
struct ColumnMap {
    std::map<std::string, int> column_of_field;  // field → column index
    std::vector<std::string> field_of_column;    // "" for extra columns
    std::vector<double> multiplier;              // per column (千円 → 1000)

    std::optional<int> column(const std::string& field) const {
        auto it = column_of_field.find(field);
        return it == column_of_field.end() ? std::nullopt : std::optional<int>(it->second);
    }
};

// Matches headers to fields case- and width-insensitively; a mapping
// (source header → field name) overrides the guess. Problems (unknown field
// in the mapping, a mapped header missing from the file, two columns for one
// field) are appended to `problems` with the file name.
ColumnMap match_columns(Kind kind, const std::vector<std::string>& headers,
                        const std::map<std::string, std::string>& mapping, const std::string& file,
                        std::vector<InputProblem>& problems);

// An age band named by a population header (network.md "Demand by year and
// by age"): 0〜4歳, ５～９歳人口, 0-4歳人口 総数, 85歳以上, age_5_9,
// age_85_over. Headers of one sex (… 男, … 女) are not bands of the total.
// to_age < 0: and over.
struct AgeRange {
    int from_age = 0;
    int to_age = -1;
};
std::optional<AgeRange> age_band_of_header(const std::string& header);

// Reads a mapping file: a JSON object {"source header": "field"}.
std::map<std::string, std::string> read_mapping(const std::string& path);

// Vocabularies of inventory.md: structure, seismic, status, yes/no.
std::optional<std::string> structure_key(const std::string& cell);
std::optional<std::string> seismic_key(const std::string& cell);
std::optional<std::string> status_key(const std::string& cell);
std::optional<bool> yes_no(const std::string& cell);
std::optional<bool> land_owned_value(const std::string& cell);

} // namespace shisetsu::inventory
