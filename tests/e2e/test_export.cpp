// `shisetsu export`: the GeoPackage and QGIS project opened by real QGIS.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

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

    // The lifecycle figures of a facility (outputs.md "GIS layers carry the
    // figures planners map themselves"), recomputed from the latest lifecycle
    // run's JSON (life extension) over the facility's buildings: the horizon's
    // cost and residual value summed, the earliest work to start (a backlog
    // work starts in Y0), the best priority rank.
    for (const char* field : {"next_work: String", "next_work_year: Integer", "next_work_cost_yen: Real",
                              "renewal_cost_yen: Real", "residual_value_yen: Real", "priority_rank: Integer"})
        CHECK(info.find(field) != std::string::npos);
    {
        auto [c_ids, ids_text] = run("ogrinfo -q -sql \"SELECT building_id FROM buildings WHERE facility_id = 'F0001'\" " + gpkg);
        REQUIRE(c_ids == 0);
        std::set<std::string> ids;
        for (std::size_t at = ids_text.find("building_id (String) = "); at != std::string::npos;
             at = ids_text.find("building_id (String) = ", at + 1)) {
            const std::size_t from = at + 23;
            ids.insert(ids_text.substr(from, ids_text.find('\n', from) - from));
        }
        REQUIRE(ids.size() >= 2);
        const auto le = read_json(dir + "/lifecycle-life_extension.json");
        const int y0 = le.at("start_year").get<int>();
        double cost = 0, residual = 0;
        int next_year = 1 << 30;
        for (const auto& b : le.at("buildings")) {
            if (!ids.contains(b.at("building_id").get<std::string>())) continue;
            residual += b.at("residual_value_yen").get<double>();
            for (const auto& e : b.at("events")) {
                cost += e.at("in_horizon_yen").get<double>();
                const std::string status = e.at("status").get<std::string>();
                if ((status == "scheduled" || status == "backlog") && e.at("cost_yen").get<double>() > 0)
                    next_year = std::min(next_year, status == "backlog" ? y0 : e.at("year").get<int>());
            }
        }
        int rank = 1 << 30;
        for (const auto& p : le.at("priority"))
            if (ids.contains(p.at("building_id").get<std::string>())) rank = std::min(rank, p.at("rank").get<int>());
        auto [c_f, f] = run("ogrinfo -q -sql \"SELECT next_work_year, renewal_cost_yen, residual_value_yen, priority_rank "
                            "FROM facilities WHERE facility_id = 'F0001'\" " + gpkg);
        REQUIRE(c_f == 0);
        INFO(f);
        auto value = [&](const std::string& field) {
            const std::size_t at = f.find(field + " (");
            REQUIRE(at != std::string::npos);
            return std::stod(f.substr(f.find("= ", at) + 2));
        };
        CHECK(value("next_work_year") == next_year);
        CHECK(value("renewal_cost_yen") == Approx(cost));
        CHECK(value("residual_value_yen") == Approx(residual));
        CHECK(value("priority_rank") == rank);
    }

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

BOTH_BACKENDS_TEST_CASE("export with roads and service areas on a network, English aliases on request", "") {
    auto dir = temp_dir("export-roads");
    auto db = e2e::project_db(backend, dir);
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
