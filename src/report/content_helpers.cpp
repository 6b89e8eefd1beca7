#include "report/content_helpers.hpp"

#include "core/lang.hpp"
#include "core/years.hpp"

#include <map>

namespace shisetsu::report::sections {

using nlohmann::json;

bool ja() { return language() == Lang::ja; }

const json& empty_array() {
    static const json empty = json::array();
    return empty;
}

double money_unit() { return ja() ? 1e8 : 1e9; }
double area_unit() { return ja() ? 1e4 : 1.0; }

std::string percent(double share, int decimals) { return grouped(share * 100, decimals) + " %"; }
std::string metres(double m) { return grouped(m) + " m"; }
std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

Units::Units(const Strings& t)
    : money_word(t["unit.money"]), area_word(t["unit.area"]), thousand_m2(t["unit.thousand_m2"]), header(t["header.unit"]),
      fiscal_year(t["fiscal_year"]), fiscal_year_short(t["fiscal_year.short"]) {}
std::string Units::money(double yen, int decimals) const { return grouped(yen / money_unit(), decimals) + " " + money_word; }
std::string Units::area(double m2) const { return grouped(m2 / area_unit(), ja() ? 1 : 0) + " " + area_word; }
std::string Units::with_unit(const std::string& title, const std::string& unit) const {
    return fill(header, {{"title", title}, {"unit", unit}});
}
std::string Units::year(int y) const { return fill(fiscal_year, {{"year", std::to_string(y)}, {"wareki", wareki_year(y)}}); }
std::string Units::year_short(int y) const {
    return fill(fiscal_year_short, {{"year", std::to_string(y)}, {"wareki", wareki_year(y, true)}});
}

Cell text_cell(std::string s) { return Cell{std::move(s), std::nullopt, {}}; }
Cell number_cell(double v, int decimals) { return Cell{grouped(v, decimals), v, {}}; }
Cell money_cell(double yen) { return Cell{grouped(yen / money_unit(), 1), yen / money_unit(), {}}; }
Cell area_cell(double m2) { return Cell{grouped(m2 / area_unit(), ja() ? 2 : 0), m2 / area_unit(), {}}; }
Cell percent_cell(double share) { return Cell{grouped(share * 100, 1), share * 100, {}}; }
Cell optional_number_cell(const json& j, const char* key, int decimals) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return text_cell("—");
    return number_cell(j[key].get<double>(), decimals);
}

double number(const json& j, const char* key, double fallback) {
    return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}
bool has_number(const json& j, const char* key) { return j.is_object() && j.contains(key) && j[key].is_number(); }
std::string string_of(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

const std::vector<AgeClass>& age_classes() {
    static const std::vector<AgeClass> classes = {
        {0, 29, hex_colour("#1A9850")}, {30, 39, hex_colour("#A6D96A")}, {40, 49, hex_colour("#FDAE61")},
        {50, 59, hex_colour("#F46D43")}, {60, -1, hex_colour("#A50026")}};
    return classes;
}
std::size_t age_class_of(int age) {
    const auto& c = age_classes();
    for (std::size_t i = 0; i < c.size(); ++i)
        if (age >= c[i].from && (c[i].to < 0 || age <= c[i].to)) return i;
    return 0;
}
std::string age_class_label(const Strings& t, std::size_t i) {
    const auto& c = age_classes()[i];
    if (c.to < 0) return t.format("age.over", {{"from", std::to_string(c.from)}});
    return t.format("age.range", {{"from", std::to_string(c.from)}, {"to", std::to_string(c.to)}});
}

Rgb kind_colour(const std::string& kind) {
    static const std::map<std::string, Rgb> colours = {
        {"renovation", hex_colour("#0072B2")}, {"life_extension", hex_colour("#009E73")},
        {"repair", hex_colour("#56B4E9")},     {"rebuild", hex_colour("#D55E00")},
        {"demolition", hex_colour("#7F7F7F")}, {"renewal", hex_colour("#E69F00")}};
    auto it = colours.find(kind);
    return it == colours.end() ? hex_colour("#CC79A7") : it->second;
}
const std::vector<std::string>& kind_order() {
    static const std::vector<std::string> order = {"renovation", "life_extension", "repair", "rebuild", "renewal", "demolition"};
    return order;
}

ActionStyle action_style(const std::string& action) {
    if (action == "close") return {hex_colour("#D55E00"), LegendEntry::Mark::cross, 5.5};
    if (action == "convert") return {hex_colour("#E69F00"), LegendEntry::Mark::square, 5.5};
    if (action == "new_complex") return {hex_colour("#0072B2"), LegendEntry::Mark::square, 7.5};
    if (action == "new") return {hex_colour("#009E73"), LegendEntry::Mark::circle, 7};
    return {hex_colour("#9A9A9A"), LegendEntry::Mark::circle, 3.5};  // keep
}

std::string parameters_text(const std::string& parameters_json) {
    json p = json::parse(parameters_json, nullptr, false);
    if (!p.is_object()) return parameters_json;
    std::string out;
    for (const auto& [key, value] : p.items()) {
        std::string v = value.is_string() ? value.get<std::string>() : value.dump();
        if (v.empty() || v == "\"\"" || key == "sources" || key == "source") continue;
        if (v.size() > 48) {
            std::size_t cut = 45;
            while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
            v = v.substr(0, cut) + "…";
        }
        out += (out.empty() ? "" : "; ") + key + ": " + v;
    }
    return out.empty() ? "—" : out;
}

} // namespace shisetsu::report::sections
