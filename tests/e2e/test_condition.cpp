// End to end: part ratings of a 劣化状況調査 in a CP932 file with Japanese
// headers, imported and projected under the three strategies (lifecycle.md
// "Strategies", "Condition", "Output"), every figure worked out by hand; and
// a bad rating reported by file, row and column with nothing written.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

using e2e::shisetsu;

namespace {

const nlohmann::json& side(const nlohmann::json& comparison, const std::string& strategy) {
    for (const auto& s : comparison.at("strategies"))
        if (s.at("strategy") == strategy) return s;
    FAIL("no strategy " << strategy);
    static const nlohmann::json none;
    return none;
}

double year_total(const nlohmann::json& s, int year) {
    for (const auto& y : s.at("years"))
        if (y.at("year") == year) return y.at("total_yen").get<double>();
    FAIL("no year " << year);
    return 0;
}

} // namespace

BOTH_BACKENDS_TEST_CASE("CP932 part ratings: imported, 健全度 computed, three strategies projected by hand", "") {
    const std::string dir = e2e::temp_dir("ratings");
    const std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    auto imp = shisetsu("import " + db + " facilities " + e2e::fixture("e2e/inventory_ratings_cp932.csv") + " --json " + dir + "/imp.json");
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    CHECK(e2e::read_json(dir + "/imp.json").at("encoding") == "CP932");

    auto run = shisetsu("lifecycle " + db + " --strategy life_extension --compare standard,conventional --start-year 2026"
                        " --horizon 40 --json " + dir + "/le.json");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto p = e2e::read_json(dir + "/le.json");

    // 健全度 from the ratings (points A 100, B 75, C 40, D 10 × shares roof
    // 5.1, exterior 17.2, interior 22.4, electrical 8.0, mechanical 7.3, ÷ 60):
    // R1 A A D A A → (510 + 1,720 + 224 + 800 + 730) / 60 = 66.4 (urgent: a D part);
    // R2 ｂ Ｂ b B b (full-width and lower case) → 75; R3 has no survey.
    std::map<std::string, nlohmann::json> building;
    for (const auto& b : p.at("buildings")) building[b.at("building_id").get<std::string>()] = b;
    CHECK(building.at("R1").at("condition").get<double>() == Approx(66.4));
    CHECK(building.at("R1").at("part_ratings") == "AADAA");
    CHECK(building.at("R1").at("urgent") == true);
    CHECK(building.at("R2").at("condition").get<double>() == Approx(75.0));
    CHECK(building.at("R2").at("part_ratings") == "BBBBB");
    CHECK(building.at("R3").at("condition").is_null());
    CHECK(p.at("without_condition") == 1);
    CHECK(p.at("urgent") == 1);

    // Y0 = 2026, H = 40, Y_e = 2066. R1 school 1,000 m² FY2010 RC (R 330,000,
    // M 170,000); R2 social education 2,000 m² FY1986 SRC (R 400,000, M
    // 250,000); R3 civic culture 500 m² FY2000 wood (not eligible for life
    // extension: it follows standard).
    //
    // standard (T 60):
    //   R1 renovation 2040, brought forward for its D part: backlog 170 M;
    //      rebuild 2070 past the horizon; residual 330 M × (1 − 56/60) = 22 M.
    //   R2 renovation 2016 overdue, rebuild 2046 not before 2036 → backlog
    //      500 M; rebuild 2046 800 M; residual 800 M × (1 − 20/60) = 533.33 M.
    //   R3 renovation 2030 125 M; rebuild 2060 200 M; residual 200 M × (1 − 6/60) = 180 M.
    //   total 1,795 M, residual 735.33 M, net 1,059.67 M.
    // conventional (T 40):
    //   R1 repair 2030 82.5 M is due before 2036 (urgency changes nothing);
    //      rebuild 2050 330 M; residual 330 M × (1 − 16/40) = 198 M.
    //   R2 repair 2006 skipped (rebuild 2026 before 2036); rebuild 2026 800 M;
    //      repair 2046 200 M; residual 800 M × (1 − 40/40) = 0.
    //   R3 repair 2020 overdue, rebuild 2040 not before 2036 → backlog 50 M;
    //      rebuild 2040 200 M; repair 2060 50 M; residual 200 M × (1 − 26/40) = 70 M.
    //   total 1,712.5 M, residual 268 M, net 1,444.5 M.
    // life_extension (T 80):
    //   R1 repair 2030 82.5 M; life-extension renovation 2050 198 M; no
    //      rebuild by 2065: residual 330 M × (1 − 56/80) = 99 M.
    //   R2 repair 2006 overdue, skipped (the life-extension renovation 2026,
    //      of higher unit cost, falls before 2036); renovation 2026 480 M;
    //      repair 2046 200 M; residual 800 M × (1 − 80/80) = 0.
    //   R3 follows standard: 325 M, residual 180 M.
    //   total 1,285.5 M, residual 279 M, net 1,006.5 M.
    CHECK(p.at("strategy") == "life_extension");
    CHECK(p.at("total_yen").get<double>() == Approx(1'285.5e6));
    CHECK(p.at("residual_value_yen").get<double>() == Approx(279e6));
    CHECK(p.at("net_yen").get<double>() == Approx(1'006.5e6));
    const auto& c = p.at("comparison");
    const auto& std_side = side(c, "standard");
    const auto& conv_side = side(c, "conventional");
    const auto& le_side = side(c, "life_extension");
    CHECK(std_side.at("total_yen").get<double>() == Approx(1'795e6));
    CHECK(std_side.at("residual_value_yen").get<double>() == Approx(22e6 + 800e6 * 40 / 60 + 180e6));
    CHECK(std_side.at("net_yen").get<double>() == Approx(1'795e6 - 22e6 - 800e6 * 40 / 60 - 180e6));
    CHECK(conv_side.at("total_yen").get<double>() == Approx(1'712.5e6));
    CHECK(conv_side.at("residual_value_yen").get<double>() == Approx(268e6));
    CHECK(conv_side.at("net_yen").get<double>() == Approx(1'444.5e6));
    CHECK(le_side.at("net_yen").get<double>() == Approx(1'006.5e6));
    // Year 2026: standard 17 M (R1) + 50 M (R2) backlog; conventional R2's
    // rebuild 800/3 M + R3's backlog 5 M; life extension R2's renovation 480/2 M.
    CHECK(year_total(std_side, 2026) == Approx(67e6));
    CHECK(year_total(conv_side, 2026) == Approx(800e6 / 3 + 5e6));
    CHECK(year_total(le_side, 2026) == Approx(240e6));
    // Differences on the net cost, life extension first.
    REQUIRE(c.at("differences").size() == 2);
    for (const auto& d : c.at("differences")) {
        CHECK(d.at("strategy") == "life_extension");
        CHECK(d.at("direction") == "less");
    }
    CHECK(c.at("differences")[1].at("against") == "conventional");
    CHECK(c.at("differences")[1].at("net_difference_yen").get<double>() == Approx(-438e6));
    CHECK(c.at("differences")[1].at("net_difference_share").get<double>() == Approx(-438.0 / 1'444.5));
    // The summary says it in words, on the net cost, with the totals beside it.
    CHECK(run.out.find("長寿命化型（80年使用）の方が従来型（40年建替え）より正味 4.4 億円 (30.3 %) 少ない") != std::string::npos);
    CHECK(run.out.find("40 年間の総額 12.9 億円 対 17.1 億円") != std::string::npos);

    // Priority of the works starting 2026 … 2035 (life extension): R1 (健全度
    // 66.4, repair 2030), R2 (75, renovation 2026), R3 (not surveyed, last).
    REQUIRE(p.at("priority").size() == 3);
    CHECK(p.at("priority")[0].at("building_id") == "R1");
    CHECK(p.at("priority")[1].at("building_id") == "R2");
    CHECK(p.at("priority")[2].at("building_id") == "R3");
    CHECK(p.at("priority")[2].at("rank") == 3);

    // Standard alone: R1's renovation is brought forward and ranks first.
    REQUIRE(shisetsu("lifecycle " + db + " --start-year 2026 --json " + dir + "/std.json").exit_code == 0);
    const auto s = e2e::read_json(dir + "/std.json");
    CHECK(s.at("total_yen").get<double>() == Approx(1'795e6));
    for (const auto& b : s.at("buildings"))
        if (b.at("building_id") == "R1") {
            REQUIRE(b.at("events").size() == 1);
            CHECK(b.at("events")[0].at("status") == "backlog");
            CHECK(b.at("events")[0].at("condition") == true);
            CHECK(b.at("events")[0].at("year") == 2040);
        }
}

BOTH_BACKENDS_TEST_CASE("A part rating that is not A–D: file:row:column, every one in one run, nothing written", "") {
    const std::string dir = e2e::temp_dir("bad_ratings");
    const std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + e2e::fixture("e2e/inventory_ratings_cp932.csv")).exit_code == 0);
    const std::string before = e2e::dump_inventory(db);
    const std::string file = e2e::fixture("e2e/inventory_ratings_errors.csv");
    auto r = shisetsu("import " + db + " facilities " + file + " --json " + dir + "/imp.json");
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(file + ":3:外壁:") != std::string::npos);       // E
    CHECK(r.err.find("\"E\"") != std::string::npos);
    CHECK(r.err.find(file + ":4:機械設備:") != std::string::npos);   // AB
    CHECK(r.err.find(file + ":5:") != std::string::npos);            // a blank among the five
    CHECK(r.err.find("電気設備") != std::string::npos);
    CHECK(r.err.find(file + ":2:") == std::string::npos);            // Ａ, a, ｄ are fine
    CHECK(e2e::dump_inventory(db) == before);
    CHECK_FALSE(std::filesystem::exists(dir + "/imp.json"));
}
