// Years, dates and 和暦 (inventory.md "Reading rules", Years; lifecycle.md
// "Terms": a date converts to its fiscal year, month >= 4 → same year).
#include "core/lang.hpp"
#include "core/years.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;

namespace {

// The fiscal year of a cell that must read; from_date as expected.
int year_of(std::string_view cell, bool from_date) {
    std::string why = "not cleared";
    const auto y = parse_year(cell, &why);
    INFO("cell: " << cell << " why: " << why);
    REQUIRE(y);
    CHECK(why.empty());
    CHECK(y->from_date == from_date);
    return y->fiscal_year;
}
int year_alone(std::string_view cell) { return year_of(cell, false); }
int date_year(std::string_view cell) { return year_of(cell, true); }

std::string reject(std::string_view cell) {
    std::string why;
    const auto y = parse_year(cell, &why);
    INFO("cell: " << cell << " fiscal year: " << (y ? y->fiscal_year : 0));
    CHECK_FALSE(y);
    return why;
}

const std::string not_a_year =
    "年として読めません（1975、1975年度、S50、昭和50年、1975/6/1 などの形で）";

} // namespace

TEST_CASE("fiscal year by the April rule", "[years]") {
    CHECK(fiscal_year(1975, 4) == 1975);
    CHECK(fiscal_year(1975, 12) == 1975);
    CHECK(fiscal_year(1976, 1) == 1975);
    CHECK(fiscal_year(1976, 3) == 1975);
    const int now = current_fiscal_year();
    CHECK(now >= 2024);
    CHECK(now < 2200);
}

TEST_CASE("western years", "[years]") {
    set_language(Lang::ja);
    CHECK(year_alone("1975") == 1975);
    CHECK(year_alone("1975年") == 1975);
    CHECK(year_alone("1975年度") == 1975);
    CHECK(year_alone("１９７５年度") == 1975);
    CHECK(year_alone(" 1975 ") == 1975);
    CHECK(year_alone("1975.0") == 1975);     // a year stored as a real number
    CHECK(reject("75") == "西暦は4桁で書いてください");
    CHECK(reject("19750") == "西暦は4桁で書いてください");
    CHECK(reject("19750601") == "西暦は4桁で書いてください");
    // No plausibility range here: the importer checks future / before 1868.
    CHECK(year_alone("1700") == 1700);
    CHECK(year_alone("2999") == 2999);
}

TEST_CASE("western dates convert by the April rule", "[years]") {
    CHECK(date_year("1975/6/1") == 1975);
    CHECK(date_year("1975-06-01") == 1975);
    CHECK(date_year("1975.6.1") == 1975);
    CHECK(date_year("1975年6月1日") == 1975);
    CHECK(date_year("1975年 6月 1日") == 1975);
    CHECK(date_year("1975/6") == 1975);
    CHECK(date_year("1975年6月") == 1975);
    CHECK(date_year("１９７５／６／１") == 1975);
    CHECK(date_year("1976/3/31") == 1975);   // March: previous fiscal year
    CHECK(date_year("1976/4/1") == 1976);
    CHECK(date_year("1976-01-15") == 1975);
    CHECK(date_year("1975年2月") == 1974);
    CHECK(date_year("1975/6/1 0:00") == 1975);          // date cell exported with a time
    CHECK(date_year("1975/06/01 00:00:00") == 1975);
    CHECK(date_year("1975-06-01T00:00:00") == 1975);
}

TEST_CASE("impossible western dates", "[years]") {
    set_language(Lang::ja);
    CHECK(reject("1975/13/1") == "月は1〜12です");
    CHECK(reject("1975/0/1") == "月は1〜12です");
    CHECK(reject("1975年13月") == "月は1〜12です");
    CHECK(reject("1975/6/32") == "日は1〜30です");
    CHECK(reject("1975/6/31") == "日は1〜30です");     // June has 30 days
    CHECK(reject("1975/1/32") == "日は1〜31です");
    CHECK(reject("1975/2/30") == "日は1〜28です");
    CHECK(reject("1975/6/0") == "日は1〜30です");
    // Leap years: 2024 and 2000 are, 2023 and 1900 are not.
    CHECK(date_year("2024/2/29") == 2023);
    CHECK(date_year("2000/2/29") == 1999);
    CHECK(reject("2023/2/29") == "日は1〜28です");
    CHECK(reject("1900/2/29") == "日は1〜28です");
}

TEST_CASE("things that are not years", "[years]") {
    set_language(Lang::ja);
    CHECK(reject("abc") == not_a_year);
    CHECK(reject("1975/6-1") == not_a_year);      // mixed separators
    CHECK(reject("1975年度6月") == not_a_year);
    CHECK(reject("1975年6") == not_a_year);
    CHECK(reject("1975/6/1/2") == not_a_year);
    CHECK(reject("1975/") == not_a_year);
    CHECK(reject("1975/6/1 25:00") == not_a_year);
    CHECK(reject("S") == not_a_year);
    CHECK(reject("昭和") == not_a_year);
    CHECK(reject("S50年6") == not_a_year);
    CHECK(reject("元年") == "「元年」は元号と一緒に書きます（例: 平成元年）");
    for (const char* blank : {"", " ", "　"}) {
        std::string why = "x";
        CHECK_FALSE(parse_year(blank, &why));
        CHECK(why.empty());
    }
}

TEST_CASE("和暦 years by era name", "[years][wareki]") {
    CHECK(year_alone("昭和50年") == 1975);        // 1926 + 50 − 1
    CHECK(year_alone("昭和50") == 1975);
    CHECK(year_alone("昭和50年度") == 1975);
    CHECK(year_alone("昭和 50 年") == 1975);
    CHECK(year_alone("昭和５０年") == 1975);
    CHECK(year_alone("平成元年") == 1989);
    CHECK(year_alone("平成元年度") == 1989);
    CHECK(year_alone("平成元") == 1989);
    CHECK(year_alone("令和元年") == 2019);
    CHECK(year_alone("令和2年度") == 2020);
    CHECK(year_alone("明治1年") == 1868);
    CHECK(year_alone("大正10年") == 1921);        // 1912 + 10 − 1
}

TEST_CASE("和暦 years by initial, either case, either width", "[years][wareki]") {
    CHECK(year_alone("S50") == 1975);
    CHECK(year_alone("s50") == 1975);
    CHECK(year_alone("Ｓ５０") == 1975);
    CHECK(year_alone("ｓ５０年") == 1975);
    CHECK(year_alone("S50年度") == 1975);
    CHECK(year_alone("S.50") == 1975);
    CHECK(year_alone("H元") == 1989);
    CHECK(year_alone("h1") == 1989);
    CHECK(year_alone("Ｈ元年") == 1989);
    CHECK(year_alone("R2") == 2020);
    CHECK(year_alone("r2年度") == 2020);
    CHECK(year_alone("R10") == 2028);             // 令和 has no end yet
    CHECK(year_alone("M1") == 1868);
    CHECK(year_alone("m45") == 1912);
    CHECK(year_alone("T1") == 1912);
    CHECK(year_alone("t15") == 1926);
    // A year alone is the fiscal year as written, even one the era shares.
    CHECK(year_alone("S64") == 1989);
    CHECK(year_alone("H31") == 2019);
    CHECK(year_alone("平成31年度") == 2019);
}

TEST_CASE("和暦 short forms: one kanji and era ligatures", "[years][wareki]") {
    set_language(Lang::ja);
    CHECK(year_alone("昭50") == 1975);
    CHECK(year_alone("平元年") == 1989);
    CHECK(year_alone("㍼50年") == 1975);
    CHECK(year_alone("㍻元年") == 1989);
    CHECK(year_alone("㋿2") == 2020);
    CHECK(year_alone("㍽15") == 1926);
    CHECK(year_alone("㍾45") == 1912);
    CHECK(reject("大") == not_a_year);
}

TEST_CASE("和暦 years outside their era", "[years][wareki]") {
    set_language(Lang::ja);
    CHECK(reject("昭和65年") == "昭和は1〜64年です");
    CHECK(reject("S65") == "昭和は1〜64年です");
    CHECK(reject("大正16年") == "大正は1〜15年です");
    CHECK(reject("平成32年") == "平成は1〜31年です");
    CHECK(reject("H32年度") == "平成は1〜31年です");
    CHECK(reject("明治46年") == "明治は1〜45年です");
    CHECK(reject("昭和99年") == "昭和は1〜64年です");
    CHECK(reject("S100") == "昭和は1〜64年です");
    CHECK(reject("S0") == "和暦の年は1（元年）からです");
    CHECK(reject("昭和0年") == "和暦の年は1（元年）からです");
    CHECK(reject("S1975") == not_a_year);
}

TEST_CASE("和暦 dates convert by the April rule", "[years][wareki]") {
    CHECK(date_year("S50.6.1") == 1975);
    CHECK(date_year("S50.2.1") == 1974);          // February 1975 is fiscal 1974
    CHECK(date_year("s50-6-1") == 1975);
    CHECK(date_year("Ｓ５０．６．１") == 1975);
    CHECK(date_year("H元.4.1") == 1989);
    CHECK(date_year("昭和50年6月1日") == 1975);
    CHECK(date_year("昭和50年6月") == 1975);
    CHECK(date_year("R2/4/1") == 2020);
    CHECK(date_year("R2/3/31") == 2019);
    CHECK(date_year("H4.2.29") == 1991);          // 1992 is a leap year
    CHECK(date_year("S50/6") == 1975);
}

TEST_CASE("和暦 era boundaries", "[years][wareki]") {
    set_language(Lang::ja);
    // Last days of each era, and the first days of the next.
    CHECK(date_year("明治45年7月29日") == 1912);
    CHECK(date_year("大正元年7月30日") == 1912);
    CHECK(date_year("大正15年12月24日") == 1926);
    CHECK(date_year("昭和元年12月25日") == 1926);
    CHECK(date_year("昭和64年1月7日") == 1988);   // January 1989 is fiscal 1988
    CHECK(date_year("S64.1.7") == 1988);
    CHECK(date_year("平成元年1月8日") == 1988);
    CHECK(date_year("平成31年4月30日") == 2019);
    CHECK(date_year("令和元年5月1日") == 2019);

    CHECK(reject("明治45年7月30日") == "明治45年7月29日までです");
    CHECK(reject("大正元年7月29日") == "大正元年7月30日からです");
    CHECK(reject("大正15年12月25日") == "大正15年12月24日までです");
    CHECK(reject("昭和元年12月24日") == "昭和元年12月25日からです");
    CHECK(reject("昭和64年1月8日") == "昭和64年1月7日までです");
    CHECK(reject("S64.1.8") == "昭和64年1月7日までです");
    CHECK(reject("平成元年1月7日") == "平成元年1月8日からです");
    CHECK(reject("平成31年5月1日") == "平成31年4月30日までです");
    CHECK(reject("令和元年4月30日") == "令和元年5月1日からです");

    // Year-month: a month that overlaps the era is accepted.
    CHECK(date_year("S64/1") == 1988);
    CHECK(reject("S64/2") == "昭和64年1月7日までです");
    CHECK(date_year("大正元年7月") == 1912);
    CHECK(date_year("H31/4") == 2019);
    CHECK(reject("H31/5") == "平成31年4月30日までです");
    CHECK(reject("R1/4") == "令和元年5月1日からです");
    CHECK(date_year("R1/5") == 2019);
}

TEST_CASE("impossible 和暦 dates", "[years][wareki]") {
    set_language(Lang::ja);
    CHECK(reject("S50.13.1") == "月は1〜12です");
    CHECK(reject("昭和50年6月31日") == "日は1〜30です");
    CHECK(reject("平成31年4月31日") == "日は1〜30です");
    CHECK(reject("H31.2.29") == "日は1〜28です");   // 2019 is not a leap year
    CHECK(reject("S50.2.30") == "日は1〜28です");
}

TEST_CASE("year reasons follow the chosen language", "[years]") {
    set_language(Lang::en);
    CHECK(reject("昭和65年") == "Showa runs from year 1 to 64");
    CHECK(reject("平成31年5月1日") == "Heisei ended on 2019-04-30 (平成31年4月30日)");
    CHECK(reject("令和元年4月30日") == "Reiwa began on 2019-05-01 (令和元年5月1日)");
    CHECK(reject("75") == "a western year needs 4 digits");
    CHECK(reject("1975/2/30") == "day must be 1 to 28 in that month");
    set_language(Lang::ja);
}
