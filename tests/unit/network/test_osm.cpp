// A real OSM extract (around Shibuya station) against walking distances
// computed independently by tools/verify_osm_distances.py (own XML reading,
// OSM node ids for topology, great-circle lengths, networkx Dijkstra).
#include "network/roads.hpp"

#include "gisio/crs.hpp"
#include "storage/store.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace shisetsu;
using namespace shisetsu::network;

TEST_CASE("walking distances on a real OSM extract match an independent computation") {
    auto dir = std::filesystem::temp_directory_path() / "shisetsu-unit-network";
    std::filesystem::create_directories(dir);
    auto db = (dir / "shibuya.sqlite").string();
    std::filesystem::remove(db);
    auto store = open_store(db, OpenMode::create);
    inventory::ImportRequest req;
    req.kind = inventory::Kind::roads;
    req.path = std::string(SHISETSU_TEST_DATA) + "/osm/shibuya_station_2025.osm";
    auto report = import_roads(*store, req);
    CHECK(report.work_crs == "EPSG:6677");  // zone IX: Tokyo

    const std::string crs = work_crs(*store);
    auto network = RoadNetwork::build(road_lines(store->roads(), load_profile("walk"), crs));
    gis::Transformer to_work("EPSG:6668", crs);

    std::ifstream in(std::string(SHISETSU_TEST_DATA) + "/osm/shibuya_walk_distances.csv");
    std::string line;
    std::getline(in, line);
    int checked = 0;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        double v[5];
        char comma;
        row >> v[0] >> comma >> v[1] >> comma >> v[2] >> comma >> v[3] >> comma >> v[4];
        Point a{v[0], v[1]}, b{v[2], v[3]};
        to_work.transform(a.x, a.y);
        to_work.transform(b.x, b.y);
        auto from = network.snap(a, 1.0), to = network.snap(b, 1.0);
        REQUIRE(from.reachable);
        REQUIRE(to.reachable);
        CHECK(from.access_m < 0.01);  // the points are OSM nodes
        auto d = network.distance(from, to);
        REQUIRE(d);
        INFO(line);
        // Plane-rectangular scale error near zone IX's origin is < 0.02 %.
        CHECK(*d == Approx(v[4]).epsilon(2e-4).margin(0.05));
        ++checked;
    }
    CHECK(checked == 40);
}
