// The sample ward's real data against figures published with it
// (../shared/data/README.md), not against the program's own output.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

using e2e::shisetsu;

BOTH_BACKENDS_TEST_CASE("Ota mesh population: 160 cells with centre in the ward, 706,909 people", "") {
    std::string dir = e2e::temp_dir("ota-mesh");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " boundary " + e2e::source("data/ota/boundary_n03_2021_simplified.geojson")).exit_code == 0);
    auto r = shisetsu("import " + db + " population " + e2e::source("data/ota/population_mesh500m_2015.csv") + " --json " +
                      dir + "/pop.json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto j = e2e::read_json(dir + "/pop.json");
    CHECK(j.at("rows") == 280);
    CHECK(j.at("details").at("demand_units_in_area") == 160);
    CHECK(j.at("details").at("population_in_area").get<double>() == 706909.0);
    CHECK(j.at("work_crs") == "EPSG:6677");  // Tokyo: plane-rectangular zone IX

    // Area share counts part of the border cells too: more cells, and the
    // ward's share lies between the centroid count and the whole ring.
    auto a = shisetsu("import " + db + " population " + e2e::source("data/ota/population_mesh500m_2015.csv") +
                      " --area-share --json " + dir + "/pop2.json");
    REQUIRE(a.exit_code == 0);
    auto k = e2e::read_json(dir + "/pop2.json");
    CHECK(k.at("entities").at("demand").at("unchanged") == 280);
    CHECK(k.at("details").at("demand_units_in_area").get<int>() > 160);
}

BOTH_BACKENDS_TEST_CASE("Sample ward inventory imports whole: 573 facilities, 791 buildings", "") {
    std::string dir = e2e::temp_dir("ota-inventory");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    auto f = shisetsu("import " + db + " facilities " + e2e::source("data/ota/facilities.csv") + " --json " + dir + "/f.json");
    INFO(f.err);
    REQUIRE(f.exit_code == 0);
    CHECK(e2e::read_json(dir + "/f.json").at("entities").at("facility").at("added") == 573);
    auto b = shisetsu("import " + db + " buildings " + e2e::source("data/ota/buildings.csv") + " --json " + dir + "/b.json");
    INFO(b.err);
    REQUIRE(b.exit_code == 0);
    CHECK(e2e::read_json(dir + "/b.json").at("entities").at("building").at("added") == 791);
}

BOTH_BACKENDS_TEST_CASE("Tachikawa: nothing is tied to one ward (zone, mesh origins)", "") {
    std::string dir = e2e::temp_dir("tachikawa");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " boundary " + e2e::fixture("tachikawa/boundary.geojson")).exit_code == 0);
    auto r = shisetsu("import " + db + " population " + e2e::fixture("tachikawa/population_mesh500m_2015.csv") + " --json " +
                      dir + "/pop.json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto j = e2e::read_json(dir + "/pop.json");
    CHECK(j.at("work_crs") == "EPSG:6677");
    CHECK(j.at("details").at("demand_units_in_area").get<int>() > 0);
}
