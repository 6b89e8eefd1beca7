// 全国地方公共団体コード check digits and the kind of municipality, worked out
// by hand: digits × 6, 5, 4, 3, 2, summed, mod 11; the check digit is the
// last digit of 11 minus the remainder.
#include "core/municipality.hpp"

#include "core/lang.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;

TEST_CASE("check digits of real codes", "[core][municipality]") {
    // 大田区 13111: 6 + 15 + 4 + 3 + 2 = 30, 30 mod 11 = 8, 11 − 8 = 3 → 131113.
    CHECK(municipality_check_digit("13111") == 3);
    // 立川市 13202: 6 + 15 + 8 + 0 + 4 = 33, remainder 0, 11 → last digit 1 → 132021.
    CHECK(municipality_check_digit("13202") == 1);
    // 千代田区 13101: 6 + 15 + 4 + 0 + 2 = 27, remainder 5, 11 − 5 = 6 → 131016.
    CHECK(municipality_check_digit("13101") == 6);
    // 札幌市 01100: 0 + 5 + 4 + 0 + 0 = 9, 11 − 9 = 2 → 011002.
    CHECK(municipality_check_digit("01100") == 2);
    // Remainder 1 → 10 → 0: 13211 小平市 6 + 15 + 8 + 3 + 2 = 34, 34 mod 11 = 1 → 132110.
    CHECK(municipality_check_digit("13211") == 0);
}

TEST_CASE("a code is six digits with the right check digit", "[core][municipality]") {
    set_language(Lang::en);
    CHECK_FALSE(municipality_code_problem("131113"));
    CHECK_FALSE(municipality_code_problem("132021"));
    auto wrong = municipality_code_problem("132029");
    REQUIRE(wrong);
    CHECK(wrong->find("132021") != std::string::npos);  // says what it should be
    auto five = municipality_code_problem("13202");
    REQUIRE(five);
    CHECK(five->find("132021") != std::string::npos);
    CHECK(municipality_code_problem("abcdef"));
    CHECK(municipality_code_problem("1311130"));
    CHECK(municipality_code_problem("990001"));  // no prefecture 99, though the check digit fits
    CHECK(municipality_check_digit("99000") == 1);
    set_language(Lang::ja);
}

TEST_CASE("the kind comes from the name, the words follow the kind", "[core][municipality]") {
    CHECK(kind_from_name("大田区") == MunicipalityKind::ward);
    CHECK(kind_from_name("立川市") == MunicipalityKind::city);
    CHECK(kind_from_name("瑞穂町") == MunicipalityKind::town);
    CHECK(kind_from_name("檜原村") == MunicipalityKind::village);
    CHECK_FALSE(kind_from_name("東京都"));
    CHECK_FALSE(kind_from_name(""));
    CHECK(parse_kind("市") == MunicipalityKind::city);
    CHECK(parse_kind("village") == MunicipalityKind::village);
    CHECK_FALSE(parse_kind("県"));
    set_language(Lang::ja);
    CHECK(municipality_words(MunicipalityKind::city).residents == "市民");
    CHECK(municipality_words(MunicipalityKind::ward).self == "区");
    set_language(Lang::en);
    CHECK(municipality_words(MunicipalityKind::city).self == "the city");
    CHECK(municipality_words(std::nullopt).self == "the municipality");
    set_language(Lang::ja);
}
