#pragma once
// Numbers as planners type them (inventory.md "Numbers"): full-width digits,
// thousands separators (1,234.5 / １，２３４．５), and units in the cell
// (㎡, m2, m², 平米, 平方メートル, m, 円, 千円, 万円, 百万円, 億円, %).
#include <optional>
#include <string>
#include <string_view>

namespace shisetsu {

enum class Unit { none, area_m2, yen, length_m, percent };

struct ParsedNumber {
    double value = 0.0;
    Unit unit = Unit::none;   // unit found in the cell (none if only a number)
};

// Parses one cell. Returns nullopt (and a reason in *why, when given) when the
// cell is not a number. Money multipliers apply: 千円 ×1,000, 万円 ×10,000,
// 百万円 ×1,000,000, 億円 ×100,000,000. A leading '-' / '－' / '−' / '▲' / '△'
// is a minus sign. Empty / blank cells are nullopt with why = "".
std::optional<ParsedNumber> parse_number(std::string_view cell, std::string* why = nullptr);

} // namespace shisetsu
