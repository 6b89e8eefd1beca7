// End to end: a Shift_JIS CSV with Japanese headers, full-width digits, units
// and 和暦, imported and projected; yearly totals worked out by hand.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <map>

using e2e::shisetsu;

namespace {

std::map<int, double> totals_by_year(const nlohmann::json& projection) {
    std::map<int, double> out;
    for (const auto& y : projection.at("years")) out[y.at("year").get<int>()] = y.at("total_yen").get<double>();
    return out;
}

} // namespace

BOTH_BACKENDS_TEST_CASE("CP932 inventory with Japanese headers: import and standard projection by hand", "") {
    std::string dir = e2e::temp_dir("cp932");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    auto imp = shisetsu("import " + db + " facilities " + e2e::fixture("e2e/inventory_cp932.csv") + " --json " + dir + "/imp.json");
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    auto report = e2e::read_json(dir + "/imp.json");
    CHECK(report.at("encoding") == "CP932");
    CHECK(report.at("entities").at("facility").at("added") == 3);
    CHECK(report.at("entities").at("building").at("added") == 3);

    auto run = shisetsu("lifecycle " + db + " --strategy standard --start-year 2026 --horizon 40 --json " + dir + "/std.json");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    auto p = e2e::read_json(dir + "/std.json");
    CHECK(p.at("strategy") == "standard");
    CHECK(p.at("start_year") == 2026);
    CHECK(p.at("horizon") == 40);
    REQUIRE(p.at("years").size() == 40);

    // By hand (lifecycle.md, standard cycle; Y0 = 2026, last year 2065):
    // F1 school, 1,000 m², FY1976 (昭和51年度), age 50: renovation (1976+30 =
    //   2006) overdue, rebuild at 2036 = Y0+10 is not before Y0+10 → backlog
    //   170,000 × 1,000 = 170,000,000 over 2026–2035 (17,000,000 a year);
    //   rebuild 2036: 330,000,000 over 2036–2038 (110,000,000 a year).
    // F2 social education, ２，０００ m², H8 = 1996, age 30: renovation in 2026
    //   250,000 × 2,000 = 500,000,000 over 2026–2027 (250,000,000 a year);
    //   rebuild 2056: 800,000,000 over 2056–2058 (266,666,666.67 a year).
    // F3 civic culture, 500 m², 1960, age 66: rebuild (2020) overdue → backlog
    //   400,000 × 500 = 200,000,000 over 2026–2035 (20,000,000 a year); its
    //   renovation is skipped; next cycle from 2026: renovation 2056,
    //   250,000 × 500 = 125,000,000 over 2056–2057 (62,500,000 a year).
    std::map<int, double> expected;
    for (int y = 2026; y <= 2065; ++y) expected[y] = 0.0;
    for (int y = 2026; y <= 2035; ++y) expected[y] += 17'000'000.0 + 20'000'000.0;
    expected[2026] += 250'000'000.0;
    expected[2027] += 250'000'000.0;
    for (int y = 2036; y <= 2038; ++y) expected[y] += 110'000'000.0;
    for (int y = 2056; y <= 2058; ++y) expected[y] += 800'000'000.0 / 3.0;
    expected[2056] += 62'500'000.0;
    expected[2057] += 62'500'000.0;

    auto actual = totals_by_year(p);
    for (const auto& [year, yen] : expected) {
        INFO("year " << year);
        CHECK(actual.at(year) == Approx(yen).epsilon(1e-12).margin(1e-6));
    }
    CHECK(p.at("total_yen").get<double>() == Approx(2'125'000'000.0).epsilon(1e-12));
    CHECK(p.at("annual_average_yen").get<double>() == Approx(2'125'000'000.0 / 40).epsilon(1e-12));
    // Backlog part: F1 and F3 over 2026–2035.
    for (const auto& y : p.at("years")) {
        int year = y.at("year").get<int>();
        double backlog = (year <= 2035) ? 37'000'000.0 : 0.0;
        CHECK(y.at("backlog_yen").get<double>() == Approx(backlog).margin(1e-6));
    }

    // Re-importing the same file changes nothing and says so.
    auto again = shisetsu("import " + db + " facilities " + e2e::fixture("e2e/inventory_cp932.csv") + " --json " + dir + "/imp2.json");
    REQUIRE(again.exit_code == 0);
    auto r2 = e2e::read_json(dir + "/imp2.json");
    CHECK(r2.at("entities").at("facility").at("unchanged") == 3);
    CHECK(r2.at("entities").at("building").at("unchanged") == 3);
}

BOTH_BACKENDS_TEST_CASE("A file with planted errors: all reported with row and column, exit 1, database unchanged", "") {
    std::string dir = e2e::temp_dir("errors");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + e2e::fixture("e2e/inventory_cp932.csv")).exit_code == 0);
    std::string before = e2e::dump_inventory(db);

    std::string file = e2e::fixture("e2e/inventory_errors.csv");
    auto r = shisetsu("import " + db + " facilities " + file);
    CHECK(r.exit_code == 1);
    INFO(r.err);
    CHECK(r.err.find(file + ":3:建築年度:") != std::string::npos);   // 昭和99年
    CHECK(r.err.find("昭和99年") != std::string::npos);
    CHECK(r.err.find(file + ":4:延床面積:") != std::string::npos);   // -5
    CHECK(r.err.find(file + ":5:大分類:") != std::string::npos);     // 病院系
    CHECK(r.err.find(file + ":6:施設ID:") != std::string::npos);     // duplicate G1
    CHECK(r.err.find(file + ":7:緯度:") != std::string::npos);       // swapped
    CHECK(r.err.find(file + ":8:構造:") != std::string::npos);       // XYZ
    CHECK(r.err.find(file + ":9:建築年度:") != std::string::npos);   // 2999
    CHECK(r.err.find(file + ":2:") == std::string::npos);            // the good row
    CHECK(e2e::dump_inventory(db) == before);

    // --skip-invalid imports the good row and writes the rest with reasons.
    std::string side = dir + "/rejected.csv";
    auto s = shisetsu("import " + db + " facilities " + file + " --skip-invalid --rejected-out " + side + " --json " + dir + "/s.json");
    INFO(s.err);
    REQUIRE(s.exit_code == 0);
    auto report = e2e::read_json(dir + "/s.json");
    CHECK(report.at("rejected") == 7);
    CHECK(report.at("entities").at("facility").at("added") == 1);
    std::string rejected = e2e::read_file(side);
    CHECK(rejected.find("昭和99年") != std::string::npos);
    CHECK(rejected.find("G8") != std::string::npos);
}

TEST_CASE("Exit codes: usage error 2, missing database 1, --help 0") {
    CHECK(shisetsu("").exit_code == 2);
    CHECK(shisetsu("import").exit_code == 2);
    CHECK(shisetsu("import /nonexistent/x.sqlite facilities a.csv").exit_code == 1);
    CHECK(shisetsu("--help").exit_code == 0);
    for (const char* cmd : {"init", "import", "lifecycle", "run", "demo"}) {
        INFO(cmd);
        auto h = shisetsu(std::string(cmd) + " --help");
        CHECK(h.exit_code == 0);
        CHECK(!h.out.empty());
    }
}

BOTH_BACKENDS_TEST_CASE("The same inventory as XLSX and as GeoPackage gives the same hand-computed total", "") {
    // inventory.xlsx / inventory.gpkg: inventory_cp932.csv converted with ogr2ogr
    // (the GeoPackage with point geometry instead of lat/lon columns).
    for (const char* name : {"inventory.xlsx", "inventory.gpkg"}) {
        INFO(name);
        std::string dir = e2e::temp_dir(std::string("fmt-") + name);
        std::string db = e2e::project_db(backend, dir);
        REQUIRE(shisetsu("init " + db).exit_code == 0);
        auto imp = shisetsu("import " + db + " facilities " + e2e::fixture(std::string("e2e/") + name));
        INFO(imp.err);
        REQUIRE(imp.exit_code == 0);
        REQUIRE(shisetsu("lifecycle " + db + " --start-year 2026 --horizon 40 --json " + dir + "/p.json").exit_code == 0);
        CHECK(e2e::read_json(dir + "/p.json").at("total_yen").get<double>() == Approx(2'125'000'000.0).epsilon(1e-12));
    }
}
