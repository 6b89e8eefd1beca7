#pragma once
// The project's settings as typed values (overview.md "The municipality,
// once"): whose project it is and the figures every command reads from it —
// the open-data CSV's code and name, the PPP population threshold, report
// titles and wording, service names per kind of municipality.
#include "core/municipality.hpp"
#include "storage/store.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu {

struct ProjectSettings {
    std::optional<std::string> name;        // 立川市 (as the municipality writes it)
    std::optional<std::string> name_en;     // Tachikawa City (English documents)
    std::optional<std::string> prefecture;  // 東京都
    std::optional<std::string> code;        // 132021: 全国地方公共団体コード, check digit verified
    std::optional<MunicipalityKind> kind;   // set, or read from the name
    std::optional<double> population;       // people (PPP threshold)
    std::optional<double> budget_yen;       // annual budget reference (the renewal charts' budget line)
    std::map<std::string, std::string> source;  // key → who set it (user, init, boundary)

    // The name in the current language (name_en in English when set), or
    // the empty string when no name is known.
    std::string display_name() const;
    // 東京都立川市: what the open data's 地方公共団体名 holds.
    std::string full_name() const;
    MunicipalityWords words() const { return municipality_words(kind); }
};

// One accepted key, for `shisetsu settings DB` and its messages.
struct SettingSpec {
    std::string key;
    std::string label_ja, label_en;
    std::string label() const;
};
const std::vector<SettingSpec>& setting_specs();

ProjectSettings load_settings(Store& store);

// Checks and stores one setting given as text (`settings DB KEY VALUE`); an
// empty value removes it. InputError naming the key, and the accepted keys
// (with the nearest) for an unknown one.
void set_setting(Store& store, const std::string& key, const std::string& value, const std::string& source = "user");

// What an imported boundary's N03 attributes say (name 立川市, five-digit
// code 13202 or six digits, prefecture 東京都): fills the settings that are
// unset. Returns the keys it filled, and warns (in `warnings`) when a set
// code disagrees with the boundary's.
std::vector<std::string> fill_from_boundary(Store& store, const std::string& name, const std::string& code,
                                            const std::string& prefecture, std::vector<std::string>& warnings);

} // namespace shisetsu
