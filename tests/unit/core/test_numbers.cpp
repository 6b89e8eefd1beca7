// Numbers as planners type them (inventory.md "Reading rules", Numbers).
#include "core/lang.hpp"
#include "core/numbers.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace shisetsu;

namespace {

// The parsed value of a cell that must read, with its unit.
ParsedNumber read(std::string_view cell) {
    std::string why = "not cleared";
    const auto n = parse_number(cell, &why);
    INFO("cell: " << cell << " why: " << why);
    REQUIRE(n);
    CHECK(why.empty());
    return *n;
}

// The reason for a cell that must be rejected.
std::string reject(std::string_view cell) {
    std::string why;
    const auto n = parse_number(cell, &why);
    INFO("cell: " << cell);
    CHECK_FALSE(n);
    return why;
}

} // namespace

TEST_CASE("plain numbers, separators and full-width digits", "[numbers]") {
    set_language(Lang::ja);
    CHECK(read("1234").value == 1234.0);
    CHECK(read("1234").unit == Unit::none);
    CHECK(read("1,234.5").value == 1234.5);
    CHECK(read("１，２３４．５").value == 1234.5);
    CHECK(read("1,234,567").value == 1234567.0);
    CHECK(read(" 42 ").value == 42.0);
    CHECK(read("　４２　").value == 42.0);
    CHECK(read("0.5").value == 0.5);
    CHECK(read(".5").value == 0.5);
    CHECK(read("007").value == 7.0);
    CHECK(read("+3").value == 3.0);
    CHECK(read("1.23E+05").value == 123000.0);   // Excel's CSV form of big numbers
}

TEST_CASE("area units", "[numbers]") {
    for (const char* cell : {"120㎡", "120m2", "120 m²", "120平米", "120平方メートル", "１２０ｍ２", "120 ㎡"}) {
        const auto n = read(cell);
        CHECK(n.value == 120.0);
        CHECK(n.unit == Unit::area_m2);
    }
    CHECK(read("1,234.5㎡").value == 1234.5);
}

TEST_CASE("length, percent and yen units", "[numbers]") {
    CHECK(read("350m").unit == Unit::length_m);
    CHECK(read("350m").value == 350.0);
    CHECK(read("350 ｍ").unit == Unit::length_m);
    CHECK(read("350メートル").unit == Unit::length_m);

    // % keeps the value as written.
    CHECK(read("85%").value == 85.0);
    CHECK(read("85%").unit == Unit::percent);
    CHECK(read("８５％").value == 85.0);
    CHECK(read("８５％").unit == Unit::percent);
    CHECK(read("12.5%").value == 12.5);

    CHECK(read("1,000円").value == 1000.0);
    CHECK(read("1,000円").unit == Unit::yen);
    CHECK(read("￥1,000").value == 1000.0);
    CHECK(read("￥1,000").unit == Unit::yen);
    CHECK(read("¥1,000").unit == Unit::yen);
}

TEST_CASE("money multipliers", "[numbers]") {
    // 5 × 1,000; 3 × 10,000; 1.5 × 1,000,000; 2 × 100,000,000.
    CHECK(read("5千円").value == 5000.0);
    CHECK(read("5千円").unit == Unit::yen);
    CHECK(read("3万円").value == 30000.0);
    CHECK(read("1.5百万円").value == 1500000.0);
    CHECK(read("2億円").value == 200000000.0);
    CHECK(read("1,234千円").value == 1234000.0);
    CHECK(read("１２千円").value == 12000.0);
    // 0.1 億円 is exactly ten million, not 0.1 × 1e8 with a rounding error.
    CHECK(read("0.1億円").value == 10000000.0);
    CHECK(read("0.07万円").value == 700.0);
}

TEST_CASE("negative forms", "[numbers]") {
    CHECK(read("-5").value == -5.0);
    CHECK(read("－5").value == -5.0);       // full-width hyphen-minus
    CHECK(read("−5").value == -5.0);        // U+2212
    CHECK(read("▲1,000").value == -1000.0);
    CHECK(read("△1,000").value == -1000.0);
    CHECK(read("▲ 500円").value == -500.0);
    CHECK(read("△1,000千円").value == -1000000.0);
    CHECK(read("△1,000千円").unit == Unit::yen);
    CHECK(read("-12.5%").value == -12.5);
    CHECK(read("-0").value == 0.0);
    CHECK_FALSE(std::signbit(read("-0").value));
}

TEST_CASE("blank cells are not numbers and carry no reason", "[numbers]") {
    for (const char* cell : {"", "   ", "　", "\t"}) {
        std::string why = "x";
        CHECK_FALSE(parse_number(cell, &why));
        CHECK(why.empty());
    }
    CHECK_FALSE(parse_number(""));   // no why pointer is fine
}

TEST_CASE("garbage is rejected with a reason", "[numbers]") {
    set_language(Lang::ja);
    CHECK(reject("12a") == "単位「a」は使えません（㎡・m2・平米・m・円・千円・万円・百万円・億円・% が使えます）");
    CHECK(reject("100kg").find("kg") != std::string::npos);
    CHECK(reject("1,2,3.4.5") == "小数点が2つ以上あります");
    CHECK(reject("12..5") == "小数点が2つ以上あります");
    CHECK(reject("約100") == "数字の前に余計な文字があります（「約」などは外して数字だけに）");
    CHECK(reject("abc") == "数字がありません");
    CHECK(reject("-") == "数字がありません");
    CHECK(reject("▲") == "数字がありません");
    CHECK(reject("1,23") == "桁区切りのカンマの位置が違います（1,234.5 の形で）");
    CHECK(reject("1234,567") == "桁区切りのカンマの位置が違います（1,234.5 の形で）");
    CHECK(reject(",123") == "桁区切りのカンマの位置が違います（1,234.5 の形で）");
    CHECK(reject("1,234,") == "桁区切りのカンマの位置が違います（1,234.5 の形で）");
    CHECK(reject("1.2,3") == "桁区切りのカンマの位置が違います（1,234.5 の形で）");
    CHECK(reject("1.") == "小数点の後に数字がありません");
    CHECK(reject("12 34") == "数字の間に空白などがあります");
    CHECK(reject("¥100㎡") == "￥ と円以外の単位が一緒に書かれています");
    CHECK_FALSE(reject("100万").empty());   // 万 alone is not a unit
    CHECK_FALSE(reject("m2 100").empty());
}

TEST_CASE("reasons follow the chosen language", "[numbers]") {
    set_language(Lang::en);
    CHECK(reject("12a") == "has an unknown unit \"a\" (expected ㎡, m2, 平米, m, 円, 千円, 万円, 百万円, 億円 or %)");
    CHECK(reject("約100") == "has text before the number (remove words such as 約)");
    set_language(Lang::ja);
}
