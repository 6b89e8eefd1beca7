// Years, dates and 和暦 (inventory.md "Reading rules", Years; lifecycle.md
// "Terms": a date converts to its fiscal year by the April rule).
#include "core/years.hpp"

#include "core/lang.hpp"
#include "core/text.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace shisetsu {

int fiscal_year(int year, int month) noexcept { return month >= 4 ? year : year - 1; }

int current_fiscal_year() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return fiscal_year(local.tm_year + 1900, local.tm_mon + 1);
}

namespace {

struct Date {
    int year = 0, month = 0, day = 0;
    friend constexpr auto operator<=>(const Date&, const Date&) = default;
};

struct Era {
    std::string_view name;      // 昭和
    std::string_view kanji;     // 昭 (short form seen in forms: 昭50)
    std::string_view ligature;  // ㍼ (one-character era sign)
    char initial;               // S
    const char* name_en;        // Showa
    Date first;                 // first day of the era (明治: 元年 covers all of 1868)
    Date last;                  // last day of the era; year 0 = not ended
};

constexpr std::array<Era, 5> eras{{
    {"明治", "明", "\xE3\x8D\xBE", 'M', "Meiji", {1868, 1, 1}, {1912, 7, 29}},
    {"大正", "大", "\xE3\x8D\xBD", 'T', "Taisho", {1912, 7, 30}, {1926, 12, 24}},
    {"昭和", "昭", "\xE3\x8D\xBC", 'S', "Showa", {1926, 12, 25}, {1989, 1, 7}},
    {"平成", "平", "\xE3\x8D\xBB", 'H', "Heisei", {1989, 1, 8}, {2019, 4, 30}},
    {"令和", "令", "\xE3\x8B\xBF", 'R', "Reiwa", {2019, 5, 1}, {0, 0, 0}},
}};

bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) noexcept {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::optional<ParsedYear> fail(std::string* why, std::string reason) {
    if (why) *why = std::move(reason);
    return std::nullopt;
}

std::string not_a_year() {
    return tr("年として読めません（1975、1975年度、S50、昭和50年、1975/6/1 などの形で）",
              "is not a valid year (expected e.g. 1975, 1975年度, S50, 昭和50年 or 1975/6/1)");
}

// 元 for year 1, as eras are written (平成元年, not 平成1年).
std::string era_year_text(int y) { return y == 1 ? std::string("元") : std::to_string(y); }

std::string era_date_ja(const Era& era, const Date& d) {
    return std::string(era.name) + era_year_text(d.year - era.first.year + 1) + "年" +
           std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string iso_date(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

// A small cursor over the normalised cell.
struct Cursor {
    std::string_view s;
    std::size_t pos = 0;

    bool done() const noexcept { return pos >= s.size(); }
    bool eat(std::string_view word) noexcept {
        if (s.substr(pos).starts_with(word)) {
            pos += word.size();
            return true;
        }
        return false;
    }
    void skip_spaces() noexcept {
        while (pos < s.size() && s[pos] == ' ') ++pos;
    }
    // Digits at the cursor; the count is returned so callers can insist on
    // four-digit western years. Long runs are not converted (no overflow).
    std::size_t digits(int& value) noexcept {
        const std::size_t start = pos;
        value = 0;
        while (pos < s.size() && is_digit(s[pos])) {
            if (pos - start < 6) value = value * 10 + (s[pos] - '0');
            ++pos;
        }
        return pos - start;
    }
};

const Era* read_era(Cursor& c) noexcept {
    for (const Era& era : eras) {
        if (c.eat(era.name) || c.eat(era.ligature)) return &era;
    }
    if (!c.done()) {
        const char ch = c.s[c.pos];
        for (const Era& era : eras) {
            if (ch == era.initial || ch == era.initial - 'A' + 'a') {
                ++c.pos;
                // "S.50" is also written; the dot only counts before a year.
                if (c.pos + 1 < c.s.size() && c.s[c.pos] == '.' &&
                    (is_digit(c.s[c.pos + 1]) || c.s.substr(c.pos + 1).starts_with("元")))
                    ++c.pos;
                return &era;
            }
        }
    }
    // The one-kanji forms only count before a year (大 or 平 alone is not an era).
    for (const Era& era : eras) {
        const std::size_t save = c.pos;
        if (c.eat(era.kanji)) {
            Cursor peek = c;
            peek.skip_spaces();
            if (!peek.done() && (is_digit(peek.s[peek.pos]) || peek.s.substr(peek.pos).starts_with("元")))
                return &era;
            c.pos = save;
        }
    }
    return nullptr;
}

// Optional time after a full date, as spreadsheets export date cells:
// "1975/06/01 0:00" or "1975-06-01T00:00:00".
bool eat_time(Cursor& c) noexcept {
    if (c.done()) return true;
    if (c.s[c.pos] != ' ' && c.s[c.pos] != 'T') return false;
    ++c.pos;
    c.skip_spaces();
    int v = 0;
    const std::size_t h = c.digits(v);
    if (h < 1 || h > 2 || v > 23 || !c.eat(":")) return false;
    if (c.digits(v) != 2 || v > 59) return false;
    if (c.eat(":")) {
        if (c.digits(v) != 2 || v > 60) return false;
        if (c.eat(".") && c.digits(v) == 0) return false;
    }
    return c.done();
}

} // namespace

std::optional<ParsedYear> parse_year(std::string_view cell, std::string* why) {
    const std::string normalised = text::trim(text::to_half_width(cell));
    if (normalised.empty()) return fail(why, "");
    Cursor c{normalised};

    const Era* era = read_era(c);
    if (era) c.skip_spaces();

    // The year.
    int year = 0;
    if (c.eat("元")) {
        if (!era)
            return fail(why, tr("「元年」は元号と一緒に書きます（例: 平成元年）",
                                "元年 needs an era name (e.g. 平成元年)"));
        year = 1;
    } else {
        const std::size_t n = c.digits(year);
        if (n == 0) return fail(why, not_a_year());
        if (!era && n != 4) return fail(why, tr("西暦は4桁で書いてください", "a western year needs 4 digits"));
        if (era && n > 3) return fail(why, not_a_year());
    }
    c.skip_spaces();

    // What follows: nothing, 年/年度, 年M月[D日], or /M[/D], -M[-D], .M[.D].
    int month = 0, day = 0;
    bool has_month = false, has_day = false;
    if (c.done() || c.eat("年度")) {
        // a year alone
    } else if (c.eat("年")) {
        c.skip_spaces();
        if (!c.done()) {
            if (c.digits(month) == 0 || !c.eat("月")) return fail(why, not_a_year());
            has_month = true;
            c.skip_spaces();
            if (!c.done()) {
                if (c.digits(day) == 0 || !c.eat("日")) return fail(why, not_a_year());
                has_day = true;
            }
        }
    } else if (const char sep = c.s[c.pos]; sep == '/' || sep == '-' || sep == '.') {
        ++c.pos;
        if (c.digits(month) == 0) return fail(why, not_a_year());
        has_month = true;
        if (c.eat(std::string_view(&sep, 1))) {
            if (c.digits(day) == 0) return fail(why, not_a_year());
            has_day = true;
            if (!eat_time(c)) return fail(why, not_a_year());
        } else if (!era && sep == '.' && c.done() && month == 0) {
            // A year stored as a real number ("1975.0") is still the year.
            has_month = false;
        }
    }
    if (!c.done()) return fail(why, not_a_year());

    // Western calendar year; an era year must lie inside the era.
    if (era) {
        if (year == 0) return fail(why, tr("和暦の年は1（元年）からです", "era years start at 1 (元年)"));
        if (era->last.year != 0) {
            const int last_year = era->last.year - era->first.year + 1;
            if (year > last_year)
                return fail(why, language() == Lang::en
                                     ? std::string(era->name_en) + " runs from year 1 to " + std::to_string(last_year)
                                     : std::string(era->name) + "は1〜" + std::to_string(last_year) + "年です");
        }
        year = era->first.year + year - 1;
    }

    if (has_month) {
        if (month < 1 || month > 12) return fail(why, tr("月は1〜12です", "month must be 1 to 12"));
        if (has_day) {
            const int max_day = days_in_month(year, month);
            if (day < 1 || day > max_day)
                return fail(why, tr("日は1〜", "day must be 1 to ") + std::to_string(max_day) +
                                     tr("です", " in that month"));
        }
        if (era) {
            // By day when the day is known, else by month: a month that
            // overlaps the era at all is accepted (大正元年7月).
            const Date d{year, month, has_day ? day : 0};
            const Date first = has_day ? era->first : Date{era->first.year, era->first.month, 0};
            const Date last = has_day ? era->last : Date{era->last.year, era->last.month, 0};
            if (d < first)
                return fail(why, language() == Lang::en
                                     ? std::string(era->name_en) + " began on " + iso_date(era->first) + " (" +
                                           era_date_ja(*era, era->first) + ")"
                                     : era_date_ja(*era, era->first) + "からです");
            if (era->last.year != 0 && d > last)
                return fail(why, language() == Lang::en
                                     ? std::string(era->name_en) + " ended on " + iso_date(era->last) + " (" +
                                           era_date_ja(*era, era->last) + ")"
                                     : era_date_ja(*era, era->last) + "までです");
        }
    }

    if (why) why->clear();
    ParsedYear out;
    out.from_date = has_month;
    out.fiscal_year = has_month ? fiscal_year(year, month) : year;
    return out;
}

std::string wareki_year(int year, bool short_form) {
    const Era* found = nullptr;
    for (const Era& era : eras)
        if (era.first.year <= year) found = &era;
    if (!found) return {};
    const int n = year - found->first.year + 1;
    if (short_form) return std::string(1, found->initial) + std::to_string(n);
    return std::string(found->name) + era_year_text(n);
}

} // namespace shisetsu
