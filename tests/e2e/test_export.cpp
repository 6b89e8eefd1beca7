// `shisetsu export`: the GeoPackage and QGIS project opened by real QGIS.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>


using namespace e2e;

namespace {

// Output of a shell command (ogrinfo, python3) and its exit status.
std::pair<int, std::string> run(const std::string& command) {
    auto r = run_command(command);
    return {r.exit_code, r.out};
}

} // namespace

TEST_CASE("the demo's GeoPackage and QGIS project open in QGIS, styled, valid and drawn") {
    auto dir = temp_dir("export-demo");
    auto demo = shisetsu("demo --out " + dir);
    INFO(demo.err);
    REQUIRE(demo.exit_code == 0);
    const std::string gpkg = dir + "/shisetsu-demo.gpkg", qgs = dir + "/shisetsu-demo.qgs";

    // ogrinfo: the layers, fields and CRS a GIS officer expects.
    auto [code, info] = run("ogrinfo -so " + gpkg + " facilities");
    REQUIRE(code == 0);
    CHECK(info.find("Feature Count: 573") != std::string::npos);
    for (const char* field : {"age_years: Integer", "age_class: String", "condition: Real", "floor_area_m2: Real",
                              "plan_action: String", "seismic: String"})
        CHECK(info.find(field) != std::string::npos);
    CHECK(info.find("JGD2011") != std::string::npos);
    auto [code2, valid] = run("ogrinfo -q -dialect SQLite -sql \"SELECT COUNT(*) AS invalid FROM demand WHERE "
                              "NOT ST_IsValid(geom)\" " + gpkg);
    CHECK(code2 == 0);
    CHECK(valid.find("invalid (Integer) = 0") != std::string::npos);
    auto [code3, styles] = run("ogrinfo -q -sql \"SELECT f_table_name FROM layer_styles WHERE useAsDefault = 1\" " + gpkg);
    CHECK(code3 == 0);
    for (const char* layer : {"facilities", "buildings", "demand", "service_areas", "boundary"})
        CHECK(styles.find(std::string("f_table_name (String) = ") + layer) != std::string::npos);

    // Real QGIS: every layer valid and non-empty, styled from the file, and
    // the map rendered (tests/e2e/qgis_check.py says what it checks).
    auto [qgis, report] = run("/usr/bin/python3 " + source("tests/e2e/qgis_check.py") + " " + qgs + " " + gpkg + " " +
                              dir + "/map.png");
    INFO(report);
    CHECK(qgis == 0);

    // The open-data list: UTF-8 with BOM, the standard's first columns.
    auto csv = read_file(dir + "/shisetsu-demo_公共施設一覧.csv");
    CHECK(csv.rfind("\xEF\xBB\xBF全国地方公共団体コード,ID,地方公共団体名,名称,", 0) == 0);
    CHECK(csv.find("131113,F0001,東京都大田区,") != std::string::npos);
}

TEST_CASE("export with roads and service areas on a network, English aliases on request") {
    auto dir = temp_dir("export-roads");
    auto db = dir + "/p.sqlite";
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " roads " + fixture("osm/shibuya_station_2025.osm")).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + fixture("access/facilities.csv")).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " population " + fixture("access/population.csv")).exit_code == 0);
    REQUIRE(shisetsu("access " + db).exit_code == 0);
    auto r = shisetsu("--lang en export " + db + " --gpkg " + dir + "/out/p.gpkg --qgs " + dir + "/out/p.qgs --csv -");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("roads") != std::string::npos);
    // An output folder that cannot be made: exit 1 naming it.
    auto bad = shisetsu("export " + db + " --gpkg /proc/no-such-folder/p.gpkg");
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("/proc/no-such-folder/p.gpkg") != std::string::npos);
    auto [code, info] = run("ogrinfo -so " + dir + "/out/p.gpkg roads");
    REQUIRE(code == 0);
    CHECK(info.find("Line String") != std::string::npos);
    auto qgs = read_file(dir + "/out/p.qgs");
    CHECK(qgs.find("./p.gpkg|layername=roads") != std::string::npos);
    CHECK(qgs.find("name=\"facility ID\"") != std::string::npos);  // English alias
    auto [qgis, report] = run("/usr/bin/python3 " + source("tests/e2e/qgis_check.py") + " " + dir + "/out/p.qgs " +
                              dir + "/out/p.gpkg " + dir + "/map.png en");
    INFO(report);
    CHECK(qgis == 0);
}
