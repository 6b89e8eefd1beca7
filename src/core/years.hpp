#pragma once
// Years, dates and 和暦 (inventory.md "Years", lifecycle.md "Terms").
#include <optional>
#include <string>
#include <string_view>

namespace shisetsu {

// Fiscal year (年度, April–March) of a calendar date: month >= 4 → year,
// else year − 1.
int fiscal_year(int year, int month) noexcept;

// Fiscal year of today's date (local time).
int current_fiscal_year();

struct ParsedYear {
    int fiscal_year = 0;
    bool from_date = false;   // a full or partial date was given (month known)
};

// Accepts: 1975, 1975年, 1975年度, dates 1975/6/1, 1975-06-01, 1975.6.1,
// 1975年6月1日, 1975/6; 和暦 with era names 明治/大正/昭和/平成/令和 or initials
// M/T/S/H/R (either case, full- or half-width), 元年, with or without 年/年度,
// and dates in 和暦 (S50.6.1, 昭和50年6月1日, H元.4.1). A year alone (no
// month) is taken as the fiscal year as written. A date converts by the April
// rule. Era ranges are checked: an era year past the era's end (昭和65年) or a
// date outside the era (平成31年5月1日) is an error. Returns nullopt and a
// reason in *why when the cell is not a year; blank → nullopt, why = "".
std::optional<ParsedYear> parse_year(std::string_view cell, std::string* why = nullptr);

// 和暦 of a fiscal year as planners write it: the era that began in or
// before that year (令和元年度 = FY2019, 平成元年度 = FY1989). Long form
// "令和8", short form "R8"; 元 for the first year. Empty before 1868.
std::string wareki_year(int fiscal_year, bool short_form = false);

} // namespace shisetsu
