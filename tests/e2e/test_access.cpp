// `shisetsu import DB roads` and `shisetsu access` on real files.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace e2e;

namespace {

// Ground distance between two nearby points on the GRS80 ellipsoid from the
// local radii of curvature (good to ~1e-7 over a few km); the plane-
// rectangular zone adds its scale factor (0.9999 near the origin).
double ground_m(double lat1, double lon1, double lat2, double lon2) {
    const double a = 6378137.0, e2 = 0.00669438002290, rad = M_PI / 180;
    const double phi = (lat1 + lat2) / 2 * rad;
    const double w = std::sqrt(1 - e2 * std::sin(phi) * std::sin(phi));
    const double m = a * (1 - e2) / (w * w * w), n = a / w;
    return std::hypot(m * (lat2 - lat1) * rad, n * std::cos(phi) * (lon2 - lon1) * rad);
}

std::map<std::pair<std::string, std::string>, double> read_od(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "origin_id,destination_id,distance_m");
    std::map<std::pair<std::string, std::string>, double> od;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::string o, d, v;
        std::getline(row, o, ',');
        std::getline(row, d, ',');
        std::getline(row, v);
        od[{o, d}] = std::stod(v);
    }
    return od;
}

} // namespace

BOTH_BACKENDS_TEST_CASE("access without roads: straight line × 1.3, coverage and quantiles by hand", "") {
    auto dir = temp_dir("access-straight");
    auto db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + fixture("access/facilities.csv")).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " population " + fixture("access/population.csv")).exit_code == 0);
    auto r = shisetsu("access " + db + " --json " + dir + "/a.json --od-out " + dir + "/od.csv");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("直線距離") != std::string::npos);

    // P1 (35.6600, 139.7100) – L1 (35.6600, 139.7000): 0.01° of longitude,
    // 905.5 m on the ground; P2 (35.6650, 139.7000) – L1: 0.005° of latitude,
    // 554.8 m; P2 – L2 (35.6720): 776.7 m; P1 – L2: 1,605 m. Zone IX's scale
    // factor near Shibuya is 0.99990; × 1.3 detour.
    const double k = 0.9999 * 1.3;
    const double p1_l1 = ground_m(35.66, 139.71, 35.66, 139.70) * k;
    const double p2_l1 = ground_m(35.665, 139.70, 35.66, 139.70) * k;
    const double p2_l2 = ground_m(35.665, 139.70, 35.672, 139.70) * k;
    CHECK(p1_l1 == Approx(905.5 * k).epsilon(1e-3));
    auto od = read_od(dir + "/od.csv");
    REQUIRE(od.size() == 4);  // all within the 5 km cut-off
    CHECK(od.at({"P1", "L1"}) == Approx(p1_l1).epsilon(2e-4));
    CHECK(od.at({"P2", "L1"}) == Approx(p2_l1).epsilon(2e-4));
    CHECK(od.at({"P2", "L2"}) == Approx(p2_l2).epsilon(2e-4));

    auto a = read_json(dir + "/a.json");
    CHECK(a["mode"] == "straight_line");
    CHECK(a["detour_factor"] == 1.3);
    REQUIRE(a["services"].size() == 1);
    const auto& lib = a["services"][0];
    CHECK(lib["key"] == "library");
    CHECK(lib["catchment_m"] == 1000);
    // Nearest library: P1 → L1 at 1,177 m (beyond 1,000 m), P2 → L1 at 721 m.
    const auto& b = lib["before"];
    CHECK(b["demand"].get<double>() == 1000);
    CHECK(b["covered"].get<double>() == 700);
    CHECK(b["coverage"].get<double>() == Approx(0.7));
    CHECK(b["mean_m"].get<double>() == Approx((300 * p1_l1 + 700 * p2_l1) / 1000).epsilon(2e-4));
    CHECK(b["median_m"].get<double>() == Approx(p2_l1).epsilon(2e-4));  // 700 of 1,000 people at ≤ 721 m
    CHECK(b["p95_m"].get<double>() == Approx(p1_l1).epsilon(2e-4));
    REQUIRE(b["nearest"].size() == 2);
    CHECK(b["nearest"][0]["facility_id"] == "L1");
    CHECK(lib["after"].is_null());  // no plan yet
    CHECK(a["service_areas"] == 2);

    // A tighter cut-off leaves pairs out.
    REQUIRE(shisetsu("access " + db + " --cutoff 1000 --od-out " + dir + "/od1.csv").exit_code == 0);
    auto od1 = read_od(dir + "/od1.csv");
    CHECK(od1.size() == 1);
    CHECK(od1.contains({"P2", "L1"}));
}

BOTH_BACKENDS_TEST_CASE("access on a real OSM extract: network distances, never shorter than the straight line", "") {
    auto dir = temp_dir("access-osm");
    auto db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    auto imp = shisetsu("import " + db + " roads " + fixture("osm/shibuya_station_2025.osm") + " --json " + dir + "/roads.json");
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    auto roads = read_json(dir + "/roads.json");
    CHECK(roads["kind"] == "roads");
    CHECK(roads["details"]["roads"].get<long>() > 500);
    CHECK(roads["details"]["walk_graph"]["components"].get<long>() >= 1);
    REQUIRE(shisetsu("import " + db + " facilities " + fixture("access/facilities.csv")).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " population " + fixture("access/population.csv")).exit_code == 0);
    auto r = shisetsu("access " + db + " --json " + dir + "/a.json --od-out " + dir + "/od.csv");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto a = read_json(dir + "/a.json");
    CHECK(a["mode"] == "network");
    CHECK(a["profile"] == "walk");
    CHECK(a["network"]["nodes"].get<long>() > 1000);
    auto od = read_od(dir + "/od.csv");
    REQUIRE(od.contains({"P2", "L1"}));
    const std::map<std::string, std::pair<double, double>> where = {
        {"P1", {35.66, 139.71}}, {"P2", {35.665, 139.70}}, {"L1", {35.66, 139.70}}, {"L2", {35.672, 139.70}}};
    for (const auto& [pair, d] : od) {
        const auto& [o, q] = pair;
        CHECK(d >= ground_m(where.at(o).first, where.at(o).second, where.at(q).first, where.at(q).second) * 0.9998);
        CHECK(d <= 5000);
    }
    CHECK(a["service_areas"].get<long>() >= 1);
}

BOTH_BACKENDS_TEST_CASE("bad road files and bad access requests get clear errors and change nothing", "") {
    auto dir = temp_dir("access-errors");
    auto db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    const auto before = dump_inventory(db);
    auto bad = shisetsu("import " + db + " roads " + fixture("access/bad_roads.geojson"));
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("bad_roads.geojson:2:geometry") != std::string::npos);
    CHECK(bad.err.find("bad_roads.geojson:3:geometry") != std::string::npos);
    CHECK(dump_inventory(db) == before);

    // No demand yet: exit 1 with what to do.
    REQUIRE(shisetsu("import " + db + " facilities " + fixture("access/facilities.csv")).exit_code == 0);
    auto none = shisetsu("access " + db);
    CHECK(none.exit_code == 1);
    CHECK(none.err.find("population") != std::string::npos);
    // An unknown service is a usage error.
    REQUIRE(shisetsu("import " + db + " population " + fixture("access/population.csv")).exit_code == 0);
    CHECK(shisetsu("access " + db + " --service no_such_service").exit_code == 2);
    CHECK(shisetsu("access " + db + " --cutoff -5").exit_code == 2);
    CHECK(shisetsu("access --help").exit_code == 0);
}

BOTH_BACKENDS_TEST_CASE("the same roads as OSM, GeoPackage and Shapefile give the same network", "") {
    auto dir = temp_dir("access-formats");
    const std::string osm = fixture("osm/shibuya_station_2025.osm");
    // GDAL's own converter writes the other formats (the OSM lines layer,
    // with its highway and other_tags columns).
    for (const char* fmt : {"GPKG", "ESRI Shapefile"}) {
        std::string out = dir + (std::string(fmt) == "GPKG" ? "/roads.gpkg" : "/roads.shp");
        std::string cmd = "ogr2ogr -f \"" + std::string(fmt) + "\" " + out + " " + osm +
                          " lines -where \"highway IS NOT NULL\" -nln roads >/dev/null 2>&1";
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
    std::map<std::string, nlohmann::json> reports;
    for (const char* file : {"osm", "gpkg", "shp"}) {
        std::string db = e2e::project_db(backend, dir, file);
        std::string path = std::string(file) == "osm" ? osm : dir + "/roads." + file;
        REQUIRE(shisetsu("init " + db).exit_code == 0);
        auto r = shisetsu("import " + db + " roads " + path + " --json " + dir + "/" + file + ".json");
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        reports[file] = read_json(dir + "/" + file + ".json");
    }
    for (const char* file : {"gpkg", "shp"}) {
        INFO(file);
        CHECK(reports[file]["details"]["roads"] == reports["osm"]["details"]["roads"]);
        CHECK(reports[file]["details"]["length_km"].get<double>() ==
              Approx(reports["osm"]["details"]["length_km"].get<double>()).epsilon(1e-6));
        CHECK(reports[file]["details"]["walk_graph"]["nodes"] == reports["osm"]["details"]["walk_graph"]["nodes"]);
    }
}
