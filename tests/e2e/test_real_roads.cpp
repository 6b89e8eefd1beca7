// Real line layers (network.md "Real line layers", revision 2): the sample
// ward's roads as shipped — a map-made layer — against a reference noding
// made apart from shisetsu (tools/make_noded_reference.py: ogr2ogr and
// SpatiaLite's GEOS functions), and a pre-noded layer with degenerate rows.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace e2e;

namespace {

// A project with the sample ward's boundary, 2015 population, facilities
// and the given roads; returns the access result (no service areas).
nlohmann::json ward_access(Backend backend, const std::string& dir, const std::string& roads, const std::string& import_flags,
                           nlohmann::json& import_report) {
    const std::string db = project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " boundary " + source("data/ota/boundary_n03_2021_simplified.geojson")).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " population " + source("data/ota/population_mesh500m_2015.csv") + " --year 2015").exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + source("data/ota/facilities.csv")).exit_code == 0);
    auto imp = shisetsu("import " + db + " roads " + roads + " " + import_flags + " --json " + dir + "/roads.json");
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    import_report = read_json(dir + "/roads.json");
    auto a = shisetsu("access " + db + " --no-service-areas --json " + dir + "/access.json");
    INFO(a.err);
    REQUIRE(a.exit_code == 0);
    return read_json(dir + "/access.json");
}

} // namespace

BOTH_BACKENDS_TEST_CASE("the sample ward's roads as shipped: noded on import, within 10 % of a careful reference noding", "") {
    const std::string shipped = source("data/ota/roads_osm_2017.gpkg");
    nlohmann::json layer, reference_layer, raw_layer;
    auto a = ward_access(backend, temp_dir("roads-shipped"), shipped, "", layer);
    auto ref = ward_access(backend, temp_dir("roads-reference"), fixture("network/ota_roads_noded_reference.gpkg"), "", reference_layer);

    // The layer is recognised as map-made and noded without being asked.
    const auto& l = layer["details"]["layer"];
    INFO(layer.dump(2));
    CHECK(l["dangling_share"].get<double>() > 0.20);
    CHECK(l["noded"] == true);
    CHECK(l["noding"] == "automatic");
    CHECK(l["crossings_noded"].get<long>() > 1000);
    CHECK(l["ends_joined"].get<long>() > 1000);
    // network.md: once imported, the largest component holds ≥ 95 % of the length.
    CHECK(layer["details"]["walk_graph"]["largest_component_length_share"].get<double>() >= 0.95);
    CHECK(a["mode"] == "network");
    CHECK(a["population_year"] == 2015);
    // The reference is noded already: imported as it is.
    CHECK(reference_layer["details"]["layer"]["noded"] == false);

    // Per service, the median distance to the nearest provider within 10 %
    // of the reference's.
    std::map<std::string, nlohmann::json> reference;
    for (const auto& s : ref["services"]) reference[s["key"]] = s;
    int compared = 0;
    for (const auto& s : a["services"]) {
        const auto& r = reference.at(s["key"]);
        if (s["before"]["median_m"].is_null() || r["before"]["median_m"].is_null()) continue;
        const double m = s["before"]["median_m"].get<double>(), mr = r["before"]["median_m"].get<double>();
        INFO(s["key"].get<std::string>() << ": median " << m << " m, reference " << mr << " m; coverage "
                                         << s["before"]["coverage"] << " vs " << r["before"]["coverage"]);
        CHECK(std::abs(m - mr) <= 0.10 * mr);
        ++compared;
    }
    CHECK(compared >= 8);

    // The same layer imported as it is falls apart (the issue this solves).
    auto raw = ward_access(backend, temp_dir("roads-raw"), shipped, "--no-node", raw_layer);
    CHECK(raw_layer["details"]["layer"]["noded"] == false);
    CHECK(raw_layer["details"]["walk_graph"]["largest_component_length_share"].get<double>() < 0.80);
}

BOTH_BACKENDS_TEST_CASE("a pre-noded layer with point rows and a zero-length line imports, the pieces are dropped and counted", "") {
    auto dir = temp_dir("roads-degenerate");
    auto db = project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    auto imp = shisetsu("import " + db + " roads " + fixture("access/degenerate_roads.geojson") + " --json " + dir + "/r.json");
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    auto r = read_json(dir + "/r.json");
    CHECK(r["details"]["roads"] == 3);
    CHECK(r["details"]["layer"]["degenerate_dropped"] == 3);  // two points, one zero-length line
    // Half the ends are dead ends of this little network: it is noded, and
    // noding finds nothing to change.
    CHECK(r["details"]["layer"]["crossings_noded"] == 0);
    CHECK(r["details"]["layer"]["ends_joined"] == 0);
    CHECK(r["details"]["walk_graph"]["nodes"] == 5);
    CHECK(r["details"]["walk_graph"]["edges"] == 4);
    CHECK(r["details"]["walk_graph"]["components"] == 1);
    CHECK((imp.out.find("3 degenerate") != std::string::npos || imp.out.find("3 本の退化") != std::string::npos));
}
