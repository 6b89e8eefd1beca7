#pragma once
// Parameters of a lifecycle projection (lifecycle.md): unit costs per
// category, strategies, eligibility for life extension, infrastructure rules,
// and how a scenario file overrides the defaults shipped in data/lifecycle/.
// The file format is described in data/lifecycle/README.md.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shisetsu::lifecycle {

// One row of lifecycle.md "Default unit costs".
struct CategoryCost {
    std::string key;                     // school
    std::string name_ja;                 // 学校教育系施設
    std::string name_en;
    double rebuild_yen_per_m2 = 0.0;     // R_c
    double renovation_yen_per_m2 = 0.0;  // M_c
};

enum class CostBasis { rebuild, renovation };

// One row of a strategy table (lifecycle.md "Strategies"): at `age_years`
// after the cycle's base year, pay factor × (R_c or M_c) × A over
// `spread_years` years.
struct StrategyEvent {
    std::string kind;
    int age_years = 0;
    CostBasis cost_basis = CostBasis::rebuild;
    double factor = 1.0;
    int spread_years = 1;

    double unit_cost_yen_per_m2(const CategoryCost& category) const noexcept {
        return factor * (cost_basis == CostBasis::rebuild ? category.rebuild_yen_per_m2
                                                          : category.renovation_yen_per_m2);
    }
};

// A cycle of events in ascending age, ending in the rebuild that starts the
// next cycle (lifecycle.md "Strategies").
struct Strategy {
    std::string key;
    std::string label_ja;
    std::string label_en;
    std::vector<StrategyEvent> events;
    bool requires_eligibility = false;  // life_extension: only eligible buildings follow it
    std::string fallback;               // followed by ineligible buildings (when required)

    int cycle_years() const noexcept { return events.empty() ? 0 : events.back().age_years; }
};

// Display names of an event kind (大規模改修, 建替え, …).
struct KindLabel {
    std::string ja;
    std::string en;
};

// One row of lifecycle.md "Infrastructure".
struct InfraType {
    enum class Rule { annual, cycle };
    std::string key;                    // road, cycle_path, bridge, water_pipe, sewer_pipe
    std::string name_ja;
    std::string name_en;
    std::string quantity;               // "area_m2" or "length_m"
    Rule rule = Rule::cycle;
    // annual: quantity/period_years is renewed every year;
    // cycle: renewed period_years after it was built, then again every period_years.
    int period_years = 0;
    int spread_years = 1;
    std::optional<double> unit_cost_yen;               // per m² or m; nullopt = each asset must give one
    std::map<std::string, double> method_unit_cost_yen;  // sewer: rehabilitation (更生管)
    std::string kind;                   // event kind of the renewal
    bool annual_when_year_unknown = false;  // bridge: area/60 every year
};

struct Scenario {
    std::string strategy = "standard";  // the strategy the scenario applies
    int start_year = 0;                 // Y0 (fiscal year)
    int horizon_years = 40;             // H
    int backlog_years = 10;             // overdue costs spread over Y0 … Y0+backlog_years−1
    int done_window_years = 10;         // rule 1: done if e ≤ last_renovation_year + this
    double demolition_yen_per_m2 = 30000.0;
    std::vector<std::string> eligible_structures{"RC", "SRC", "S"};
    double min_concrete_strength = 13.5;  // N/mm²; unknown strength is eligible
    std::optional<double> budget_yen;     // annual budget
    // lifecycle.md "Condition": a D part or a 健全度 below this brings the
    // next work forward; the works of the first priority_years are ranked.
    double urgent_condition = 40.0;
    int priority_years = 10;
    std::optional<double> min_condition_for_life_extension;  // none: eligibility stays structural
    std::vector<CategoryCost> categories;
    std::vector<Strategy> strategies;
    std::map<std::string, KindLabel> kinds;
    std::vector<InfraType> infrastructure;
    std::vector<std::string> sources;   // "source" texts of every file read
    std::string scenario_file;          // the user's file; empty = defaults only

    const Strategy* find_strategy(std::string_view key) const noexcept;
    const CategoryCost* find_category(std::string_view key) const noexcept;
    const InfraType* find_infra(std::string_view key) const noexcept;
    // Label of an event kind in the current language; the key when unknown.
    std::string kind_label(std::string_view kind) const;
    // Label of a strategy in the current language; the key when unknown.
    std::string strategy_label(std::string_view key) const;
};

// The shipped defaults (data/lifecycle/*.json); start_year is left 0.
Scenario load_defaults();

// lifecycle.md scenario: `strategy_arg` is `standard`, `life_extension` (any
// strategy of the defaults) or the path of a JSON strategy or scenario file.
// Arguments given here win over the file; the start year defaults to the
// current fiscal year. Throws InputError naming the file and key.
Scenario load_scenario(const std::string& strategy_arg, std::optional<int> start_year = std::nullopt,
                       std::optional<int> horizon = std::nullopt,
                       std::optional<double> budget_yen = std::nullopt);

// Applies a strategy or scenario file on top of `scenario` (what
// load_scenario does with a path). Throws InputError.
void apply_file(Scenario& scenario, const std::string& path);

// Checks the whole scenario (strategies end in a rebuild, ages ascend,
// spreads positive, fallbacks exist …); throws InputError naming `file`.
void validate(const Scenario& scenario, const std::string& file = "");

// Category given by key or by Japanese 大分類 name, with or without the
// trailing 施設, full- or half-width → its key; nullopt otherwise.
std::optional<std::string> category_key(std::string_view text, const std::vector<CategoryCost>& categories);
// Same against the default categories of data/lifecycle/unit_costs.json.
std::optional<std::string> category_key(std::string_view text);

// Accepted values for messages: "civic_culture (市民文化系施設), …".
std::string accepted_categories(const std::vector<CategoryCost>& categories);
std::string accepted_categories();

// Key used to compare category texts: full-width ASCII and half-width
// katakana folded, ASCII lower case, spaces, '_', '-', '・' removed, a
// trailing 施設 dropped.
std::string category_match_key(std::string_view utf8);

} // namespace shisetsu::lifecycle
