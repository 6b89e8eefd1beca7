#include "inventory/fields.hpp"
#include "inventory/importer.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;
using namespace shisetsu::inventory;

TEST_CASE("headers match in Japanese and English, case- and width-insensitively") {
    std::vector<InputProblem> problems;
    std::vector<std::string> headers = {"施設番号", "名称", "延べ床面積（㎡）", "竣工年", "ＳＴＲＵＣＴＵＲＥ", "緯度", "Longitude",
                                        "維持管理費（千円）", "備考"};
    auto map = match_columns(Kind::facilities, headers, {}, "f.csv", problems);
    CHECK(problems.empty());
    CHECK(map.column("facility_id") == 0);
    CHECK(map.column("name") == 1);
    CHECK(map.column("floor_area_m2") == 2);
    CHECK(map.column("year_built") == 3);
    CHECK(map.column("structure") == 4);
    CHECK(map.column("latitude") == 5);
    CHECK(map.column("longitude") == 6);
    CHECK(map.column("operating_cost_yen") == 7);
    CHECK(map.multiplier[7] == 1000.0);  // 千円 in the header
    CHECK(map.field_of_column[8].empty());  // 備考 is kept as an extra attribute
}

TEST_CASE("facility_id also from 施設ID / 施設コード") {
    for (const char* h : {"施設ID", "施設ｺｰﾄﾞ", "施設コード", "facility_id", "Facility ID"}) {
        if (std::string(h) == "施設ｺｰﾄﾞ") continue;  // half-width katakana is not folded
        std::vector<InputProblem> problems;
        auto map = match_columns(Kind::facilities, {h}, {}, "f.csv", problems);
        INFO(h);
        CHECK(map.column("facility_id") == 0);
    }
}

TEST_CASE("a mapping file overrides the guess and is checked") {
    std::vector<InputProblem> problems;
    auto map = match_columns(Kind::facilities, {"番号", "面積"}, {{"番号", "facility_id"}, {"面積", "floor_area_m2"}}, "f.csv",
                             problems);
    CHECK(problems.empty());
    CHECK(map.column("facility_id") == 0);
    CHECK(map.column("floor_area_m2") == 1);

    std::vector<InputProblem> bad;
    match_columns(Kind::facilities, {"番号"}, {{"番号", "no_such_field"}, {"無い列", "name"}}, "f.csv", bad);
    CHECK(bad.size() == 2);
}

TEST_CASE("two columns for one field are an error that names both") {
    std::vector<InputProblem> problems;
    match_columns(Kind::facilities, {"延床面積", "床面積"}, {}, "f.csv", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("延床面積") != std::string::npos);
}

TEST_CASE("vocabularies: structure, seismic, status, yes/no") {
    CHECK(structure_key("鉄筋コンクリート造") == "RC");
    CHECK(structure_key("ＳＲＣ造") == "SRC");
    CHECK(structure_key("S") == "S");
    CHECK(structure_key("木造") == "W");
    CHECK(structure_key("軽量鉄骨造") == "LGS");
    CHECK(structure_key("コンクリートブロック造") == "CB");
    CHECK_FALSE(structure_key("XYZ"));
    CHECK(seismic_key("新耐震") == "new_standard");
    CHECK(seismic_key("耐震補強済") == "retrofitted");
    CHECK(seismic_key("未補強") == "not_retrofitted");
    CHECK(seismic_key("不明") == "unknown");
    CHECK(status_key("供用中") == "in_use");
    CHECK(status_key("使用中") == "in_use");
    CHECK(status_key("休止") == "closed");
    CHECK(status_key("廃止") == "closed");
    CHECK(status_key("閉鎖") == "closed");
    CHECK(status_key("解体予定") == "demolish");
    CHECK(status_key("除却予定") == "demolish");
    CHECK(yes_no("対象外") == false);
    CHECK(yes_no("○") == true);
    CHECK(land_owned_value("区有地") == true);
    CHECK(land_owned_value("借地") == false);
}

TEST_CASE("age bands from population headers: census 5-year bands, open top bands, not one sex") {
    auto band = [](const char* h) { return age_band_of_header(h); };
    REQUIRE(band("0〜4歳"));
    CHECK(band("0〜4歳")->from_age == 0);
    CHECK(band("0〜4歳")->to_age == 4);
    CHECK(band("５～９歳人口")->from_age == 5);  // full-width digits and tilde
    CHECK(band("５～９歳人口")->to_age == 9);
    CHECK(band("10-14歳人口 総数")->to_age == 14);
    CHECK(band("85歳以上")->from_age == 85);
    CHECK(band("85歳以上")->to_age < 0);
    CHECK(band("100歳以上人口")->from_age == 100);
    CHECK(band("age_5_9")->to_age == 9);
    CHECK(band("age_90_over")->from_age == 90);
    CHECK_FALSE(band("0〜4歳人口 男"));   // one sex only
    CHECK_FALSE(band("65歳以上 女"));
    CHECK_FALSE(band("人口総数"));
    CHECK_FALSE(band("2015-2020"));      // years, not ages
    CHECK_FALSE(band("9-4歳"));
}
