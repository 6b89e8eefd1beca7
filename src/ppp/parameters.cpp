#include "ppp/parameters.hpp"

#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/schema.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <sstream>
#include <variant>

namespace shisetsu::ppp {

namespace {

using json = nlohmann::json;
using Member = std::variant<double Parameters::*, int Parameters::*, std::optional<double> Parameters::*>;

struct Entry {
    const char* name;
    Member member;
};

// ppp.md "Parameters", in its order; the JSON names of "Command and JSON".
const std::array<Entry, 19> kTable{{
    {"discount_rate", &Parameters::discount_rate},
    {"construction_years", &Parameters::construction_years},
    {"operation_years", &Parameters::operation_years},
    {"subsidy_share", &Parameters::subsidy_share},
    {"bond_share", &Parameters::bond_share},
    {"bond_rate", &Parameters::bond_rate},
    {"bond_years", &Parameters::bond_years},
    {"construction_saving", &Parameters::construction_saving},
    {"om_saving", &Parameters::om_saving},
    {"private_rate", &Parameters::private_rate},
    {"spc_setup_yen", &Parameters::spc_setup_yen},
    {"spc_annual_yen", &Parameters::spc_annual_yen},
    {"private_return", &Parameters::private_return},
    {"advisory_yen", &Parameters::advisory_yen},
    {"monitoring_annual_yen", &Parameters::monitoring_annual_yen},
    {"population", &Parameters::population},
    {"population_threshold", &Parameters::population_threshold},
    {"total_cost_threshold_yen", &Parameters::total_cost_threshold_yen},
    {"annual_cost_threshold_yen", &Parameters::annual_cost_threshold_yen},
}};

const Entry* find_entry(std::string_view name) noexcept {
    for (const auto& e : kTable)
        if (name == e.name) return &e;
    return nullptr;
}

void set(Parameters& p, const Entry& e, std::optional<double> v) {
    std::visit(
        [&](auto member) {
            using T = std::remove_reference_t<decltype(p.*member)>;
            if constexpr (std::is_same_v<T, std::optional<double>>) p.*member = v;
            else if constexpr (std::is_same_v<T, int>) p.*member = static_cast<int>(std::lround(v.value_or(0.0)));
            else p.*member = v.value_or(0.0);
        },
        e.member);
}

bool nullable(const Entry& e) noexcept { return std::holds_alternative<std::optional<double> Parameters::*>(e.member); }

std::string accepted_names() {
    std::string out;
    for (const auto& e : kTable) out += (out.empty() ? "" : ", ") + std::string(e.name);
    return out;
}

std::optional<double> optional_number(const json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<double>();
}

} // namespace

std::string ParameterSpec::label() const { return language() == Lang::ja ? label_ja : label_en; }

const ParameterSpec* Defaults::spec(std::string_view name) const noexcept {
    for (const auto& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

const std::vector<std::string>& parameter_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& e : kTable) out.emplace_back(e.name);
        return out;
    }();
    return names;
}

bool is_parameter(std::string_view name) { return find_entry(name) != nullptr; }

std::optional<double> value_of(const Parameters& p, std::string_view name) {
    const Entry* e = find_entry(name);
    if (!e) return std::nullopt;
    return std::visit(
        [&](auto member) -> std::optional<double> {
            using T = std::remove_cvref_t<decltype(p.*member)>;
            if constexpr (std::is_same_v<T, std::optional<double>>) return p.*member;
            else return static_cast<double>(p.*member);
        },
        e->member);
}

json to_json(const Parameters& p) {
    json out = json::object();
    for (const auto& e : kTable) {
        auto v = value_of(p, e.name);
        if (!v) out[e.name] = nullptr;
        else if (std::holds_alternative<int Parameters::*>(e.member)) out[e.name] = static_cast<int>(*v);
        else out[e.name] = *v;
    }
    return out;
}

json parameters_schema(const Defaults& defaults) {
    json properties = json::object();
    for (const auto& e : kTable) {
        const ParameterSpec* spec = defaults.spec(e.name);
        if (!spec) continue;
        json p = {{"description", spec->label_en}};
        std::string type = spec->integer ? "integer" : "number";
        p["type"] = nullable(e) ? json::array({type, "null"}) : json(type);
        if (spec->min) p["minimum"] = *spec->min;
        if (spec->max) p["maximum"] = *spec->max;
        properties[e.name] = std::move(p);
    }
    return {{"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
}

void apply_overrides(Parameters& p, const json& values, const Defaults& defaults, const std::string& file,
                     const std::string& where, std::vector<InputProblem>& problems) {
    json checked = values;
    const std::size_t before = problems.size();
    schema::Schema(parameters_schema(defaults), "ppp parameters").check(checked, file, {}, problems, where);
    if (problems.size() != before) return;
    for (const auto& [name, v] : checked.items())
        if (const Entry* e = find_entry(name)) set(p, *e, v.is_null() ? std::nullopt : std::optional<double>(v.get<double>()));
}

Defaults load_defaults() { return load_defaults(data_path("ppp/parameters.json")); }

Defaults load_defaults(const std::string& path) {
    const json doc = read_json_file(path);
    Defaults d;
    d.path = path;
    std::vector<InputProblem> problems;
    if (!doc.is_object() || !doc.contains("parameters") || !doc["parameters"].is_object())
        throw InputError(path + ": " + tr("\"parameters\" (オブジェクト) がありません", "\"parameters\" (an object) is missing"));
    d.source = doc.value("source", std::string());
    const json& table = doc["parameters"];
    json values = json::object();
    for (const auto& e : kTable) {
        if (!table.contains(e.name) || !table[e.name].is_object() || !table[e.name].contains("value")) {
            problems.push_back({path, 0, std::string("/parameters/") + e.name,
                                tr("既定値 {\"value\": …} がありません", "the default {\"value\": …} is missing")});
            continue;
        }
        const json& t = table[e.name];
        try {
            ParameterSpec s;
            s.name = e.name;
            s.symbol = t.value("symbol", std::string());
            s.unit = t.value("unit", std::string());
            s.label_ja = t.value("label_ja", s.name);
            s.label_en = t.value("label_en", s.name);
            s.min = optional_number(t, "min");
            s.max = optional_number(t, "max");
            s.integer = t.value("integer", false);
            d.specs.push_back(std::move(s));
            values[e.name] = t["value"];
        } catch (const json::exception&) {
            problems.push_back({path, 0, std::string("/parameters/") + e.name,
                                tr("min / max / integer の型が違います", "min / max / integer have the wrong type")});
        }
    }
    for (const auto& [name, t] : table.items())
        if (!find_entry(name))
            problems.push_back({path, 0, "/parameters/" + name,
                                std::string(tr("不明なパラメータ名です。使える名前: ", "unknown parameter name; accepted: ")) +
                                    accepted_names()});
    if (problems.empty()) apply_overrides(d.parameters, values, d, path, "/parameters", problems);

    auto grid = [&](const char* key, std::vector<double>& out) {
        const json* g = doc.contains("sensitivity") ? &doc["sensitivity"] : nullptr;
        if (!g || !g->contains(key) || !(*g)[key].is_array() || (*g)[key].empty()) {
            problems.push_back({path, 0, std::string("/sensitivity/") + key,
                                tr("感度分析の値 (数値の配列) がありません", "the sensitivity values (an array of numbers) are missing")});
            return;
        }
        for (const auto& v : (*g)[key]) {
            if (!v.is_number()) {
                problems.push_back({path, 0, std::string("/sensitivity/") + key, tr("数値ではありません", "is not a number")});
                return;
            }
            out.push_back(v.get<double>());
        }
    };
    grid("construction_saving", d.sensitivity_construction_saving);
    grid("discount_rate", d.sensitivity_discount_rate);
    if (!problems.empty()) throw InputError(std::move(problems));
    return d;
}

} // namespace shisetsu::ppp
