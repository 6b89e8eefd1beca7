#include "core/errors.hpp"
#include "gisio/geometry.hpp"
#include "storage/store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace shisetsu;

namespace {

std::string fresh_db(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / "shisetsu-unit-storage";
    std::filesystem::create_directories(dir);
    auto path = dir / (name + ".sqlite");
    std::filesystem::remove(path);
    return path.string();
}

Facility facility(const std::string& id) {
    Facility f;
    f.facility_id = id;
    f.name = "区民センター";
    f.category = "civic_culture";
    f.location = gis::point_wkb(139.716, 35.5613);
    return f;
}

Building building(const std::string& id, const std::string& fid) {
    Building b;
    b.building_id = id;
    b.facility_id = fid;
    b.floor_area_m2 = 1200;
    b.year_built = 1975;
    b.structure = "RC";
    return b;
}

} // namespace

TEST_CASE("init creates the schema with SpatiaLite and a schema version") {
    auto path = fresh_db("init");
    auto store = open_store(path, OpenMode::create);
    CHECK(store->schema_version() == 1);
    CHECK(store->project_srid() == 6668);
    CHECK(store->counts().facilities == 0);
    CHECK_THROWS_AS(open_store(path, OpenMode::create), InputError);
    CHECK_NOTHROW(open_store(path, OpenMode::existing));
    CHECK_THROWS_AS(open_store(path + ".missing", OpenMode::existing), InputError);
}

TEST_CASE("upserts say added, changed, unchanged and keep geometry exact") {
    auto store = open_store(fresh_db("upsert"), OpenMode::create);
    store->begin();
    CHECK(store->upsert_facility(facility("F1")) == Upsert::added);
    CHECK(store->upsert_facility(facility("F1")) == Upsert::unchanged);
    auto changed = facility("F1");
    changed.name = "区民センター (改)";
    CHECK(store->upsert_facility(changed) == Upsert::changed);
    CHECK(store->upsert_building(building("B1", "F1")) == Upsert::added);
    store->commit();

    auto fs = store->facilities();
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].name == "区民センター (改)");
    auto xy = gis::point_xy(fs[0].location);
    REQUIRE(xy);
    CHECK(xy->first == 139.716);
    CHECK(xy->second == 35.5613);
    auto bs = store->buildings();
    REQUIRE(bs.size() == 1);
    CHECK(bs[0].category == "civic_culture");  // joined from the facility
    CHECK(bs[0].floor_area_m2 == 1200);
}

TEST_CASE("a rolled-back transaction leaves nothing behind") {
    auto store = open_store(fresh_db("rollback"), OpenMode::create);
    store->begin();
    store->upsert_facility(facility("F1"));
    store->rollback();
    CHECK(store->counts().facilities == 0);
}

TEST_CASE("a building must point to a facility (foreign key)") {
    auto store = open_store(fresh_db("fk"), OpenMode::create);
    store->begin();
    CHECK_THROWS_AS(store->upsert_building(building("B1", "nowhere")), StoreError);
    store->rollback();
}

TEST_CASE("demand is weighted by centroid in boundary or by area share") {
    auto store = open_store(fresh_db("weight"), OpenMode::create);
    store->begin();
    // Boundary: the square 0–1 × 0–1 (degrees; the ratio is what matters).
    store->replace_boundaries({Boundary{"b", "", gis::rectangle_wkb(0, 0, 1, 1)}});
    Demand inside{"in", "mesh", 0, 100.0, {}, {}, {}, 1.0, gis::rectangle_wkb(0.2, 0.2, 0.4, 0.4), "{}"};
    // Straddles the edge x = 1: a quarter of it inside, centroid outside.
    Demand edge{"edge", "mesh", 0, 100.0, {}, {}, {}, 1.0, gis::rectangle_wkb(0.9, 0.5, 1.3, 0.6), "{}"};
    store->upsert_demand(inside);
    store->upsert_demand(edge);
    CHECK(store->weight_demand(false) == 1);
    for (const auto& d : store->demand()) CHECK(d.weight == (d.demand_id == "in" ? 1.0 : 0.0));
    CHECK(store->weight_demand(true) == 2);
    for (const auto& d : store->demand()) CHECK(d.weight == Approx(d.demand_id == "in" ? 1.0 : 0.25));
    store->commit();
}

TEST_CASE("the run log records time, checksum, parameters and version") {
    auto store = open_store(fresh_db("runs"), OpenMode::create);
    RunRecord r;
    r.command = "import";
    r.kind = "facilities";
    r.input_path = "/tmp/x.csv";
    r.input_sha256 = "abc";
    r.parameters_json = R"({"kind":"facilities"})";
    r.program_version = "0.1.0";
    auto id = store->begin_run(r);
    store->finish_run(id, R"({"rows":3})");
    auto runs = store->runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].run_id == id);
    CHECK(runs[0].input_sha256 == "abc");
    CHECK(runs[0].summary_json == R"({"rows":3})");
    CHECK(runs[0].started_at.size() == 20);  // 2026-11-24T10:00:00Z
    CHECK(!runs[0].finished_at.empty());
}
