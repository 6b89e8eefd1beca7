// Numbers as planners type them (inventory.md "Reading rules", Numbers).
#include "core/numbers.hpp"

#include "core/lang.hpp"
#include "core/text.hpp"

#include <array>
#include <charconv>
#include <system_error>

namespace shisetsu {

namespace {

struct UnitWord {
    std::string_view text;  // after to_half_width (ｍ２ is already m2)
    Unit unit;
    int exponent;           // money multiplier as a power of ten
};

// Longest words first is not needed: the whole rest of the cell must match.
constexpr std::array<UnitWord, 13> unit_words{{
    {"\xE3\x8E\xA1", Unit::area_m2, 0},  // ㎡ U+33A1
    {"m2", Unit::area_m2, 0},
    {"m\xC2\xB2", Unit::area_m2, 0},      // m²
    {"平米", Unit::area_m2, 0},
    {"平方メートル", Unit::area_m2, 0},
    {"m", Unit::length_m, 0},
    {"メートル", Unit::length_m, 0},
    {"円", Unit::yen, 0},
    {"千円", Unit::yen, 3},
    {"万円", Unit::yen, 4},
    {"百万円", Unit::yen, 6},
    {"億円", Unit::yen, 8},
    {"%", Unit::percent, 0},
}};

// Minus signs seen in Japanese sheets; ▲/△ are the accounting negative.
// '－' (U+FF0D) is already '-' after to_half_width.
constexpr std::array<std::string_view, 6> minus_signs{{
    "-",
    "\xE2\x88\x92",  // − U+2212 minus sign
    "\xE2\x80\x90",  // ‐ U+2010 hyphen
    "\xE2\x80\x93",  // – U+2013 en dash
    "\xE2\x96\xB2",  // ▲ U+25B2
    "\xE2\x96\xB3",  // △ U+25B3
}};

// ¥ (U+00A5) and ￥ (U+FFE5) written before an amount.
constexpr std::array<std::string_view, 2> yen_signs{{"\xC2\xA5", "\xEF\xBF\xA5"}};

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

void skip_spaces(std::string_view s, std::size_t& pos) noexcept {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
}

bool eat(std::string_view s, std::size_t& pos, std::string_view word) noexcept {
    if (s.substr(pos).starts_with(word)) {
        pos += word.size();
        return true;
    }
    return false;
}

std::optional<ParsedNumber> fail(std::string* why, std::string reason) {
    if (why) *why = std::move(reason);
    return std::nullopt;
}

// Thousands separators must sit every three digits: 1,234,567.
bool valid_grouping(std::string_view int_part) noexcept {
    std::size_t group = 0;
    bool first = true;
    for (char c : int_part) {
        if (c == ',') {
            if (group == 0 || group > 3 || (!first && group != 3)) return false;
            first = false;
            group = 0;
        } else {
            ++group;
        }
    }
    return group == 3 || (first && group > 0);
}

} // namespace

std::optional<ParsedNumber> parse_number(std::string_view cell, std::string* why) {
    const std::string s = text::trim(text::to_half_width(cell));
    if (s.empty()) return fail(why, "");

    std::size_t pos = 0;
    bool negative = false;
    for (std::string_view minus : minus_signs) {
        if (eat(s, pos, minus)) {
            negative = true;
            break;
        }
    }
    if (!negative) eat(s, pos, "+");
    skip_spaces(s, pos);
    bool yen_prefix = false;
    for (std::string_view yen : yen_signs) {
        if (eat(s, pos, yen)) {
            yen_prefix = true;
            skip_spaces(s, pos);
            break;
        }
    }

    // The numeric body: digits, thousands separators, one decimal point.
    const std::size_t body_start = pos;
    while (pos < s.size() && (is_digit(s[pos]) || s[pos] == ',' || s[pos] == '.')) ++pos;
    const std::string_view body = std::string_view(s).substr(body_start, pos - body_start);

    bool has_digit = false;
    for (char c : body) has_digit = has_digit || is_digit(c);
    if (!has_digit) {
        for (char c : s) {
            if (is_digit(c))
                return fail(why, tr("数字の前に余計な文字があります（「約」などは外して数字だけに）",
                                    "has text before the number (remove words such as 約)"));
        }
        return fail(why, tr("数字がありません", "has no digits"));
    }

    const std::size_t dot = body.find('.');
    if (dot != std::string_view::npos && body.find('.', dot + 1) != std::string_view::npos)
        return fail(why, tr("小数点が2つ以上あります", "has more than one decimal point"));
    const std::string_view int_part = body.substr(0, dot);
    const std::string_view frac_part =
        dot == std::string_view::npos ? std::string_view{} : body.substr(dot + 1);
    if (frac_part.find(',') != std::string_view::npos ||
        (int_part.find(',') != std::string_view::npos && !valid_grouping(int_part)))
        return fail(why, tr("桁区切りのカンマの位置が違います（1,234.5 の形で）",
                            "has misplaced thousands separators (expected e.g. 1,234.5)"));
    if (dot != std::string_view::npos && frac_part.empty())
        return fail(why, tr("小数点の後に数字がありません", "has no digits after the decimal point"));

    std::string mantissa;
    for (char c : body)
        if (c != ',') mantissa += c;

    // Exponent as Excel writes large numbers in CSV (1.23E+11).
    long exponent = 0;
    if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
        std::size_t p = pos + 1;
        bool exp_negative = false;
        if (p < s.size() && (s[p] == '+' || s[p] == '-')) exp_negative = s[p++] == '-';
        const std::size_t exp_start = p;
        while (p < s.size() && is_digit(s[p])) ++p;
        if (p > exp_start && p - exp_start <= 4) {
            for (std::size_t k = exp_start; k < p; ++k) exponent = exponent * 10 + (s[k] - '0');
            if (exp_negative) exponent = -exponent;
            pos = p;
        }
    }

    skip_spaces(s, pos);
    const std::string_view rest = std::string_view(s).substr(pos);
    ParsedNumber out;
    if (!rest.empty()) {
        if (is_digit(rest.front()))
            return fail(why, tr("数字の間に空白などがあります", "has a gap inside the number"));
        const UnitWord* found = nullptr;
        for (const UnitWord& w : unit_words)
            if (w.text == rest) found = &w;
        if (!found)
            return fail(why, std::string(tr("単位「", "has an unknown unit \"")) + std::string(rest) +
                                 tr("」は使えません（㎡・m2・平米・m・円・千円・万円・百万円・億円・% が使えます）",
                                    "\" (expected ㎡, m2, 平米, m, 円, 千円, 万円, 百万円, 億円 or %)"));
        out.unit = found->unit;
        exponent += found->exponent;
    }
    if (yen_prefix) {
        if (out.unit != Unit::none && out.unit != Unit::yen)
            return fail(why, tr("￥ と円以外の単位が一緒に書かれています", "has ¥ together with a unit other than yen"));
        out.unit = Unit::yen;
    }

    // The multiplier goes into the decimal exponent so that 0.1億円 is exactly
    // 10,000,000 rather than 0.1 × 1e8 rounded twice.
    if (exponent != 0) mantissa += "e" + std::to_string(exponent);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(mantissa.data(), mantissa.data() + mantissa.size(), value);
    if (ec == std::errc::result_out_of_range)
        return fail(why, tr("数値が大きすぎるか小さすぎます", "is out of range"));
    if (ec != std::errc{} || end != mantissa.data() + mantissa.size())
        return fail(why, tr("数値として読めません", "is not a number"));
    if (value == 0.0) negative = false;  // no "-0" in reports
    out.value = negative ? -value : value;
    if (why) why->clear();
    return out;
}

} // namespace shisetsu
