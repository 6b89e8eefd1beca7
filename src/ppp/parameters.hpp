#pragma once
// The parameters of the PPP/PFI reference model (ppp.md "Parameters"). The
// values live in data/ppp/parameters.json, never in code (STYLE.md 10): the
// struct is zero until load_defaults() fills it.
#include "core/errors.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shisetsu::ppp {

struct Parameters {
    double discount_rate = 0.0;           // r
    int construction_years = 0;           // Tc
    int operation_years = 0;              // T
    double subsidy_share = 0.0;           // g, share of C
    double bond_share = 0.0;              // β, share of (1 − g)·C
    double bond_rate = 0.0;               // i_b
    int bond_years = 0;                   // n_b
    double construction_saving = 0.0;     // e_c
    double om_saving = 0.0;               // e_o
    double private_rate = 0.0;            // i_p
    double spc_setup_yen = 0.0;           // S0
    double spc_annual_yen = 0.0;          // S1
    double private_return = 0.0;          // π
    double advisory_yen = 0.0;            // A0
    double monitoring_annual_yen = 0.0;   // Mon
    std::optional<double> population;     // not set: taken to be above the threshold
    double population_threshold = 0.0;
    double total_cost_threshold_yen = 0.0;
    double annual_cost_threshold_yen = 0.0;
};

// How a parameter is described and checked (data/ppp/parameters.json).
struct ParameterSpec {
    std::string name;      // JSON name (ppp.md "Command and JSON")
    std::string symbol;    // r, Tc, … (ppp.md)
    std::string unit;      // rate, share, years, yen, yen/year, people
    std::string label_ja, label_en;
    std::optional<double> min, max;  // inclusive; nullopt = unbounded
    bool integer = false;

    std::string label() const;  // in the current language
};

struct Defaults {
    Parameters parameters;
    std::vector<ParameterSpec> specs;                   // one per parameter, in ppp.md order
    std::vector<double> sensitivity_construction_saving; // e_c values of the sensitivity table
    std::vector<double> sensitivity_discount_rate;       // r values
    std::string source;                                  // the file's "source" text
    std::string path;                                    // the file read

    const ParameterSpec* spec(std::string_view name) const noexcept;
};

// Every parameter name, in the order of ppp.md.
const std::vector<std::string>& parameter_names();
bool is_parameter(std::string_view name);

// data/ppp/parameters.json (or `path`): every parameter must be there with a
// value inside its own range. Throws InputError naming the file and key.
Defaults load_defaults();
Defaults load_defaults(const std::string& path);

// The schema of a {"name": value, …} object of parameters (core/schema.hpp),
// from each parameter's type and range in the defaults file.
nlohmann::json parameters_schema(const Defaults& defaults);

// Applies {"name": value, …} on top of `p`. Every problem — a name that is
// not a parameter (with the nearest one), a value of the wrong type, outside
// its range or not a whole number — is appended to `problems` at its JSON
// pointer below `where` ("/parameters"); nothing is applied then.
void apply_overrides(Parameters& p, const nlohmann::json& values, const Defaults& defaults,
                     const std::string& file, const std::string& where, std::vector<InputProblem>& problems);

// A parameter's value by name (population: nullopt when not set).
std::optional<double> value_of(const Parameters& p, std::string_view name);

// Every parameter by name, as the report writes it (population null when not set).
nlohmann::json to_json(const Parameters& p);

} // namespace shisetsu::ppp
