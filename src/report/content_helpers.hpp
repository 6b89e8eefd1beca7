#pragma once
// Helpers shared by the report's section builders (private to the module):
// display units, table cells, reading result JSON, and the colours and
// classes that a chart and a map of the same thing must share.
#include "report/charts.hpp"
#include "report/document.hpp"
#include "report/draw.hpp"
#include "report/strings.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace shisetsu::report::sections {

bool ja();
const nlohmann::json& empty_array();

// Display units (outputs.md: 億円, 万㎡ in Japanese).
double money_unit();
double area_unit();

std::string percent(double share, int decimals = 1);
std::string metres(double m);
// "library (coverage …)" → "Library (coverage …)" for a title or a chart label.
std::string capitalised(std::string s);

// Amounts, areas and years as the report's language writes them; the words
// (億円, 万㎡, 年度 and 和暦) are in the string table. Copied into the
// drawing functions of charts, which run after the Builder is gone.
struct Units {
    std::string money_word, area_word, thousand_m2, header, fiscal_year, fiscal_year_short;
    explicit Units(const Strings& t);
    std::string money(double yen, int decimals = 1) const;
    std::string area(double m2) const;
    // "延床面積（万㎡）" / "Floor area (m²)".
    std::string with_unit(const std::string& title, const std::string& unit) const;
    // 2026年度（令和8年度） / FY2026; short: 2026（R8） / 2026.
    std::string year(int y) const;
    std::string year_short(int y) const;
};

Cell text_cell(std::string s);
Cell number_cell(double v, int decimals = 0);
Cell money_cell(double yen);
Cell area_cell(double m2);
Cell percent_cell(double share);
Cell optional_number_cell(const nlohmann::json& j, const char* key, int decimals = 0);

double number(const nlohmann::json& j, const char* key, double fallback = 0);
bool has_number(const nlohmann::json& j, const char* key);
std::string string_of(const nlohmann::json& j, const char* key);

// Age classes shared by the age chart and the age map.
struct AgeClass {
    int from, to;  // years, inclusive; to < 0 = open
    Rgb colour;
};
const std::vector<AgeClass>& age_classes();
std::size_t age_class_of(int age);
std::string age_class_label(const Strings& t, std::size_t i);

// Event kinds: one colour each, and the order of the stacks.
Rgb kind_colour(const std::string& kind);
const std::vector<std::string>& kind_order();

// Plan actions on the maps.
struct ActionStyle {
    Rgb colour;
    LegendEntry::Mark mark;
    double size;
};
ActionStyle action_style(const std::string& action);

// A run's parameters as short "key: value" pairs for the page; the sources
// and other long texts are left to the workbook, which has the JSON whole.
std::string parameters_text(const std::string& parameters_json);

} // namespace shisetsu::report::sections
