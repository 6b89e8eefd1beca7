#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "gisio/geometry.hpp"
#include "pg_server.hpp"
#include "storage/pg_handle.hpp"
#include "storage/sqlite_handle.hpp"
#include "storage/store.hpp"
#include "storage/transaction.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace shisetsu;

namespace {

// A new project's DB: a SQLite file, or an empty database on the test
// server (tools/test.sh starts one).
std::string fresh_db(const std::string& name, bool postgres = false) {
    if (postgres) return test_pg::fresh_database("store_" + name);
    auto dir = std::filesystem::temp_directory_path() / "shisetsu-unit-storage";
    std::filesystem::create_directories(dir);
    auto path = dir / (name + ".sqlite");
    std::filesystem::remove(path);
    return path.string();
}

// SQL on the project behind the store's back (to take it to an older
// version), and one text value read the same way.
void execute(const std::string& db, const std::string& sql) {
    if (is_postgres(db)) {
        pg::Connection(db).exec(sql);
        return;
    }
    sqlite::Database h(db, false);
    h.load_spatialite();
    h.exec(sql);
}

std::string query_text(const std::string& db, const std::string& sql) {
    if (is_postgres(db)) return pg::Connection(db).exec(sql).text(0, 0);
    sqlite::Database h(db, false);
    sqlite::Statement st(h, sql);
    REQUIRE(st.step());
    return st.text(0);
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

#define STORE_CONCAT_(a, b) a##b
#define STORE_CONCAT(a, b) STORE_CONCAT_(a, b)
// A test of the Store contract on a SQLite file and, with a test server, on
// PostgreSQL; the body sees `postgres`.
#define BOTH_STORES_TEST_CASE(name) BOTH_STORES_TEST_CASE_(STORE_CONCAT(store_both_, __LINE__), name)
#define BOTH_STORES_TEST_CASE_(fn, name)                                   \
    static void fn(bool postgres);                                         \
    TEST_CASE(name) { fn(false); }                                         \
    TEST_CASE(name " (PostgreSQL)", "[postgres]") {                        \
        if (test_pg::server()) fn(true);                                   \
    }                                                                      \
    static void fn([[maybe_unused]] bool postgres)

TEST_CASE("init creates the schema with SpatiaLite and a schema version") {
    auto path = fresh_db("init");
    auto store = open_store(path, OpenMode::create);
    CHECK(store->schema_version() == 6);
    CHECK(store->project_srid() == 6668);
    CHECK(store->counts().facilities == 0);
    CHECK_THROWS_AS(open_store(path, OpenMode::create), InputError);
    CHECK_NOTHROW(open_store(path, OpenMode::existing));
    CHECK_THROWS_AS(open_store(path + ".missing", OpenMode::existing), InputError);
}

BOTH_STORES_TEST_CASE("upserts say added, changed, unchanged and keep geometry exact") {
    auto store = open_store(fresh_db("upsert", postgres), OpenMode::create);
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

BOTH_STORES_TEST_CASE("a building keeps its part ratings, one without keeps the hash it had before version 3") {
    const auto path = fresh_db("ratings", postgres);
    auto store = open_store(path, OpenMode::create);
    store->begin();
    store->upsert_facility(facility("F1"));
    auto b = building("B1", "F1");
    CHECK(store->upsert_building(b) == Upsert::added);
    CHECK(store->upsert_building(b) == Upsert::unchanged);
    b.part_ratings = "ABCDA";
    CHECK(store->upsert_building(b) == Upsert::changed);
    CHECK(store->upsert_building(b) == Upsert::unchanged);
    store->upsert_building(building("C1", "F1"));
    store->commit();
    auto bs = store->buildings();
    REQUIRE(bs.size() == 2);
    CHECK(bs[0].part_ratings == "ABCDA");
    CHECK(bs[1].part_ratings.empty());

    // Re-importing a version-2 project's unsurveyed buildings must say
    // "unchanged": their hash is still that of the version-2 fields alone.
    const nlohmann::json v2 = {{"facility_id", "F1"}, {"name", ""}, {"floor_area_m2", 1200.0}, {"year_built", 1975},
                               {"structure", "RC"}, {"floors", nullptr}, {"seismic", ""},
                               {"last_renovation_year", nullptr}, {"concrete_strength", nullptr}, {"condition", nullptr},
                               {"life_extension", nullptr}, {"status", "in_use"}, {"demolish_year", nullptr},
                               {"extra", "{}"}};
    CHECK(query_text(path, "SELECT content_hash FROM building WHERE building_id = 'C1'") == sha256_text(v2.dump()));
    CHECK(query_text(path, "SELECT CASE WHEN part_ratings IS NULL THEN 'null' END FROM building WHERE building_id = 'C1'") ==
          "null");
}

TEST_CASE("a version-2 project gains the buildings' part ratings when opened") {
    auto path = fresh_db("upgrade2");
    {
        auto store = open_store(path, OpenMode::create);
        store->upsert_facility(facility("F1"));
        store->upsert_building(building("B1", "F1"));
    }
    {
        sqlite::Database db(path, false);
        db.exec("ALTER TABLE building DROP COLUMN part_ratings; DROP TABLE setting; ALTER TABLE demand DROP COLUMN age_bands;"
                "ALTER TABLE run_log DROP COLUMN db_user; UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    }
    auto store = open_store(path, OpenMode::existing);
    CHECK(store->schema_version() == 6);
    auto b = building("B1", "F1");
    store->begin();
    CHECK(store->upsert_building(b) == Upsert::unchanged);
    b.part_ratings = "DDDDD";
    CHECK(store->upsert_building(b) == Upsert::changed);
    store->commit();
    CHECK(store->buildings().at(0).part_ratings == "DDDDD");
}

BOTH_STORES_TEST_CASE("a rolled-back transaction leaves nothing behind") {
    auto store = open_store(fresh_db("rollback", postgres), OpenMode::create);
    store->begin();
    store->upsert_facility(facility("F1"));
    store->rollback();
    CHECK(store->counts().facilities == 0);
}

BOTH_STORES_TEST_CASE("a Transaction left by an exception rolls back, a committed one stays") {
    auto store = open_store(fresh_db("scoped", postgres), OpenMode::create);
    try {
        Transaction transaction(*store);
        store->upsert_facility(facility("F1"));
        throw std::runtime_error("failed half-way");
    } catch (const std::runtime_error&) {
    }
    CHECK(store->counts().facilities == 0);
    {
        Transaction transaction(*store);
        store->upsert_facility(facility("F2"));
        transaction.commit();
    }
    CHECK(store->counts().facilities == 1);
}

BOTH_STORES_TEST_CASE("a building must point to a facility (foreign key)") {
    auto store = open_store(fresh_db("fk", postgres), OpenMode::create);
    store->begin();
    // SQLite refuses the row at once; PostgreSQL, writing rows in bulk, at
    // the latest when the transaction commits.
    CHECK_THROWS_AS((store->upsert_building(building("B1", "nowhere")), store->commit()), StoreError);
    store->rollback();
    CHECK(store->counts().buildings == 0);
}

BOTH_STORES_TEST_CASE("demand is weighted by centroid in boundary or by area share") {
    auto store = open_store(fresh_db("weight", postgres), OpenMode::create);
    store->begin();
    // Boundary: the square 0–1 × 0–1 (degrees; the ratio is what matters).
    store->replace_boundaries({Boundary{"b", "", gis::rectangle_wkb(0, 0, 1, 1)}});
    Demand inside{"in", "mesh", 0, 100.0, {}, {}, {}, 1.0, gis::rectangle_wkb(0.2, 0.2, 0.4, 0.4), "{}", {}};
    // Straddles the edge x = 1: a quarter of it inside, centroid outside.
    Demand edge{"edge", "mesh", 0, 100.0, {}, {}, {}, 1.0, gis::rectangle_wkb(0.9, 0.5, 1.3, 0.6), "{}", {}};
    store->upsert_demand(inside);
    store->upsert_demand(edge);
    CHECK(store->weight_demand(false) == 1);
    for (const auto& d : store->demand()) CHECK(d.weight == (d.demand_id == "in" ? 1.0 : 0.0));
    CHECK(store->weight_demand(true) == 2);
    for (const auto& d : store->demand()) CHECK(d.weight == Approx(d.demand_id == "in" ? 1.0 : 0.25));
    store->commit();
}

BOTH_STORES_TEST_CASE("the run log records time, checksum, parameters and version") {
    auto store = open_store(fresh_db("runs", postgres), OpenMode::create);
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

BOTH_STORES_TEST_CASE("analysis results are kept per run and found by kind") {
    auto path = fresh_db("results", postgres);
    auto store = open_store(path, OpenMode::create);
    RunRecord run;
    run.command = "level";
    run.program_version = "test";
    auto first = store->begin_run(run);
    auto second = store->begin_run(run);
    store->save_result(first, "level", R"({"peak_after_yen": 1})");
    store->save_result(second, "level", R"({"peak_after_yen": 2})");
    CHECK_FALSE(store->latest_result("ppp"));
    auto latest = store->latest_result("level");
    REQUIRE(latest);
    CHECK(latest->run_id == second);
    CHECK(nlohmann::json::parse(latest->document)["peak_after_yen"] == 2);
    CHECK(store->result(first)->document == R"({"peak_after_yen": 1})");
}

BOTH_STORES_TEST_CASE("the OD table is replaced whole and keeps its mode") {
    auto path = fresh_db("od", postgres);
    auto store = open_store(path, OpenMode::create);
    CHECK_FALSE(store->od());
    RunRecord run;
    run.command = "access";
    run.program_version = "test";
    OdTable od;
    od.run_id = store->begin_run(run);
    od.mode = "straight_line";
    od.detour_factor = 1.3;
    od.cutoff_m = 2000;
    od.pairs = {{"533925354", "F001", 120.5}, {"533925354", "F002", 1999}};
    store->replace_od(od);
    od.pairs = {{"533925361", "F001", 10}};
    store->replace_od(od);
    auto back = store->od();
    REQUIRE(back);
    CHECK(back->mode == "straight_line");
    CHECK(back->cutoff_m == 2000);
    REQUIRE(back->pairs.size() == 1);
    CHECK(back->pairs[0].origin_id == "533925361");
    CHECK(back->pairs[0].distance_m == 10);
}

TEST_CASE("a version-1 project gains the result tables when opened") {
    auto path = fresh_db("upgrade");
    {
        auto store = open_store(path, OpenMode::create);
        store->upsert_facility(facility("F001"));
    }
    {
        // Take the database back to what version 1 wrote.
        sqlite::Database db(path, false);
        db.load_spatialite();
        db.exec("SELECT DiscardGeometryColumn('road', 'geom'); SELECT DiscardGeometryColumn('service_area', 'geom');"
                "SELECT DisableSpatialIndex('road', 'geom'); SELECT DisableSpatialIndex('service_area', 'geom');"
                "DROP TABLE idx_road_geom; DROP TABLE idx_service_area_geom;"
                "DROP TABLE result; DROP TABLE od_distance; DROP TABLE od_run; DROP TABLE road;"
                "DROP TABLE service_area; DROP TABLE setting; ALTER TABLE building DROP COLUMN part_ratings;"
                "ALTER TABLE demand DROP COLUMN age_bands; ALTER TABLE run_log DROP COLUMN db_user;"
                "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    }
    auto store = open_store(path, OpenMode::existing);
    CHECK(store->schema_version() == 6);
    CHECK(store->settings().empty());
    CHECK(store->counts().facilities == 1);
    CHECK_FALSE(store->od());
    CHECK_FALSE(store->latest_result("level"));
}

BOTH_STORES_TEST_CASE("a version-4 project gains age bands, demand keeps its rows and hashes") {
    auto path = fresh_db("upgrade-v4", postgres);
    Demand d;
    d.demand_id = "533935011";
    d.kind = "mesh";
    d.year = 2015;
    d.total = 1000;
    d.age_0_14 = 120;
    d.geometry = gis::point_wkb(139.716, 35.5613);
    {
        auto store = open_store(path, OpenMode::create);
        CHECK(store->upsert_demand(d) == Upsert::added);
    }
    execute(path, "ALTER TABLE demand DROP COLUMN age_bands; ALTER TABLE run_log DROP COLUMN db_user;"
                  "UPDATE meta SET value = '4' WHERE key = 'schema_version'");
    auto store = open_store(path, OpenMode::existing);
    CHECK(store->schema_version() == 6);
    // The same row again is unchanged: a row without bands hashes as before.
    CHECK(store->upsert_demand(d) == Upsert::unchanged);
    d.age_bands = {{0, 4, 40}, {5, 9, 42}, {10, 14, 38}, {85, -1, 17.5}};
    CHECK(store->upsert_demand(d) == Upsert::changed);
    auto back = store->demand();
    REQUIRE(back.size() == 1);
    CHECK(back[0].year == 2015);
    REQUIRE(back[0].age_bands.size() == 4);
    CHECK(back[0].age_bands[1].from_age == 5);
    CHECK(back[0].age_bands[1].to_age == 9);
    CHECK(back[0].age_bands[1].people == 42);
    CHECK(back[0].age_bands[3].to_age == -1);
    CHECK(back[0].age_bands[3].people == 17.5);
    CHECK(store->upsert_demand(d) == Upsert::unchanged);
}

BOTH_STORES_TEST_CASE("a version-5 project's run log gains who ran each command, old runs keep theirs empty") {
    auto path = fresh_db("upgrade-v5", postgres);
    {
        auto store = open_store(path, OpenMode::create);
        RunRecord r;
        r.command = "import";
        r.program_version = "test";
        store->finish_run(store->begin_run(r), "{}");
    }
    execute(path, "ALTER TABLE run_log DROP COLUMN db_user; UPDATE meta SET value = '5' WHERE key = 'schema_version'");
    auto store = open_store(path, OpenMode::existing);
    CHECK(store->schema_version() == 6);
    RunRecord r;
    r.command = "lifecycle";
    r.program_version = "test";
    store->finish_run(store->begin_run(r), "{}");
    auto runs = store->runs();
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].db_user.empty());
    CHECK_FALSE(runs[1].db_user.empty());
}

TEST_CASE("PostgreSQL: a command's reads share one snapshot until it writes", "[postgres]") {
    if (!test_pg::server()) return;
    const auto db = fresh_db("snapshot", true);
    auto store = open_store(db, OpenMode::create);
    store->upsert_facility(facility("F1"));
    CHECK(store->counts().facilities == 1);
    // Another planner's import commits while this command reads.
    {
        auto other = open_store(db, OpenMode::existing);
        Transaction transaction(*other);
        other->upsert_facility(facility("F2"));
        transaction.commit();
    }
    CHECK(store->counts().facilities == 1);
    CHECK(store->facilities().size() == 1);
    // Its own write transaction sees the project as it is now.
    {
        Transaction transaction(*store);
        CHECK(store->facilities().size() == 2);
        store->upsert_facility(facility("F3"));
        transaction.commit();
    }
    CHECK(store->counts().facilities == 3);
}
