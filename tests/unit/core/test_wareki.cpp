// 和暦 of a fiscal year for report labels: the era that began in or before
// the year, 元 for its first year (e.g. 令和元年度 = FY2019 as the national
// budget names it).
#include "core/years.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;

TEST_CASE("wareki_year names the era and its year, 元 for the first") {
    CHECK(wareki_year(2026) == "令和8");
    CHECK(wareki_year(2019) == "令和元");
    CHECK(wareki_year(2018) == "平成30");
    CHECK(wareki_year(1989) == "平成元");
    CHECK(wareki_year(1988) == "昭和63");
    CHECK(wareki_year(1970) == "昭和45");
    CHECK(wareki_year(1926) == "昭和元");
    CHECK(wareki_year(1925) == "大正14");
    CHECK(wareki_year(1868) == "明治元");
    CHECK(wareki_year(1867).empty());
}

TEST_CASE("wareki_year short form is the era's initial and the year") {
    CHECK(wareki_year(1970, true) == "S45");
    CHECK(wareki_year(2000, true) == "H12");
    CHECK(wareki_year(2026, true) == "R8");
    CHECK(wareki_year(2019, true) == "R1");
}
