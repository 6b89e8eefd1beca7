// End to end on PostgreSQL + PostGIS (overview.md "The multi-user backend"):
// init's refusals named by the right that is missing, several planners'
// commands at once, `copy` between the backends byte for byte, and the demo
// giving the same results as on SQLite. Skipped without a test server
// (tools/test.sh starts one).
#include "e2e_support.hpp"
#include "pg_server.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <unistd.h>

using e2e::shisetsu;
using json = nlohmann::json;

namespace {

// The test URL (postgresql://shisetsu@%2F…/db) as another role.
std::string as_role(const std::string& url, const std::string& user_and_password) {
    const std::string prefix = "postgresql://shisetsu@";
    REQUIRE(url.rfind(prefix, 0) == 0);
    return "postgresql://" + user_and_password + "@" + url.substr(prefix.size());
}

long long user_tables(const std::string& url) {
    return e2e::query_number(url, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' "
                                  "AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'");
}

// Every row of every project table of a SQLite file, each value with its
// storage class and exact bytes (a real by its bit pattern), in key order.
std::string exact_dump(const std::string& file) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::string out;
    std::vector<std::string> tables;
    {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%' "
                              "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'idx_%' AND name NOT LIKE '%geometry%' "
                              "AND name NOT LIKE 'spatial%' AND name NOT LIKE 'spatialite%' AND name NOT LIKE 'sql_%' "
                              "AND name NOT LIKE 'views_%' AND name NOT LIKE 'virts_%' AND name NOT LIKE 'data_licenses' "
                              "AND name NOT LIKE 'ElementaryGeometries' AND name NOT LIKE 'KNN%' ORDER BY name",
                           -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
    }
    for (const auto& table : tables) {
        out += "[" + table + "]\n";
        sqlite3_stmt* st = nullptr;
        // Primary-key order without naming it: every column in order.
        std::string sql = "SELECT * FROM " + table + " ORDER BY 1, 2";
        if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            sql = "SELECT * FROM " + table + " ORDER BY 1";
            REQUIRE(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        }
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                out += sqlite3_column_name(st, i);
                switch (sqlite3_column_type(st, i)) {
                case SQLITE_NULL: out += "=NULL"; break;
                case SQLITE_INTEGER: out += "=i" + std::to_string(sqlite3_column_int64(st, i)); break;
                case SQLITE_FLOAT: {
                    double d = sqlite3_column_double(st, i);
                    unsigned long long bits = 0;
                    std::memcpy(&bits, &d, sizeof bits);
                    out += "=f" + std::to_string(bits);
                    break;
                }
                default: {
                    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, i));
                    const int n = sqlite3_column_bytes(st, i);
                    out += sqlite3_column_type(st, i) == SQLITE_TEXT ? "=t" : "=b";
                    static const char* hex = "0123456789abcdef";
                    for (int k = 0; k < n; ++k) {
                        out += hex[p[k] >> 4];
                        out += hex[p[k] & 15];
                    }
                }
                }
                out += '|';
            }
            out += '\n';
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return out;
}

// A JSON result without what differs from run to run (timings, paths, the
// database's name).
json comparable(json doc) {
    if (doc.is_object()) {
        json out = json::object();
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            const std::string& k = it.key();
            if (k.find("second") != std::string::npos || k.find("time") != std::string::npos ||
                k.rfind("timing", 0) == 0 || k == "database" ||
                k.find("path") != std::string::npos || k.ends_with("_at") || k == "file" || k == "files")
                continue;
            out[k] = comparable(it.value());
        }
        return out;
    }
    if (doc.is_array()) {
        for (auto& v : doc) v = comparable(v);
    }
    return doc;
}

} // namespace

TEST_CASE("PostgreSQL: init says which right is missing, and creates nothing then", "[postgres]") {
    if (!e2e::postgres_available()) return;
    // Unreachable server.
    auto r = shisetsu("--lang en init postgresql://planner@%2Fnonexistent-shisetsu/none");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("cannot connect to the server"));

    const std::string db = e2e::project_db(e2e::Backend::postgres, e2e::temp_dir("pg_rights"));
    const std::string dbname = db.substr(db.rfind('/') + 1);
    const std::string role = "rights_planner_" + std::to_string(::getpid());
    test_pg::admin_exec("CREATE ROLE " + role + " LOGIN PASSWORD 'right'");
    // Wrong password.
    r = shisetsu("--lang en init " + as_role(db, role + ":wrong"));
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("password authentication failed"));
    CHECK(r.err.find("wrong") == std::string::npos);
    // Without PostGIS and without the right to enable it.
    test_pg::admin_exec("GRANT CREATE ON SCHEMA public TO " + role, db);
    const std::string planner = as_role(db, role + ":right");
    r = shisetsu("--lang en init " + planner);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("CREATE EXTENSION postgis"));
    CHECK_THAT(r.err, Catch::Contains(dbname));
    CHECK(user_tables(db) == 0);
    CHECK(r.err.find("right@") == std::string::npos);
    // PostGIS there, but no right to create tables.
    test_pg::admin_exec("CREATE EXTENSION postgis", db);
    test_pg::admin_exec("REVOKE CREATE ON SCHEMA public FROM " + role, db);
    r = shisetsu("init " + planner);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("GRANT CREATE ON SCHEMA public TO " + role));
    CHECK(user_tables(db) == 0);
    // With the right, the planner's project.
    test_pg::admin_exec("GRANT CREATE ON SCHEMA public TO " + role, db);
    r = shisetsu("init " + planner);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("right@") == std::string::npos);
    CHECK(user_tables(db) > 10);
    // A second init finds the project and leaves it.
    r = shisetsu("--lang en init " + planner);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("already holds a shisetsu project"));
    // And a database without a project is not one.
    const std::string empty = e2e::project_db(e2e::Backend::postgres, e2e::temp_dir("pg_rights"), "empty");
    r = shisetsu("--lang en lifecycle " + empty);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("run `shisetsu init` first"));
    test_pg::admin_exec("DROP OWNED BY " + role, db);
    test_pg::admin_exec("DROP ROLE " + role);
}

TEST_CASE("PostgreSQL: two imports and a lifecycle run at once keep every row and every run", "[postgres]") {
    if (!e2e::postgres_available()) return;
    const std::string dir = e2e::temp_dir("pg_concurrent");
    const std::string db = e2e::project_db(e2e::Backend::postgres, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    const std::string ota = e2e::source("data/ota/");
    REQUIRE(shisetsu("import " + db + " facilities " + ota + "facilities.csv").exit_code == 0);
    REQUIRE(shisetsu("import " + db + " buildings " + ota + "buildings.csv").exit_code == 0);

    auto start = [&](const std::string& args) { return std::async(std::launch::async, [=] { return shisetsu(args); }); };
    auto population = start("import " + db + " population " + ota + "population_mesh500m_2015.csv");
    auto boundary = start("import " + db + " boundary " + ota + "boundary_n03_2021_simplified.geojson");
    auto lifecycle = start("lifecycle " + db + " --start-year 2026 --json " + dir + "/lc.json");
    for (auto* f : {&population, &boundary, &lifecycle}) {
        auto r = f->get();
        INFO(r.out << r.err);
        CHECK(r.exit_code == 0);
    }
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM facility") == 573);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM building") == 791);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM demand") == 280);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM boundary") == 1);
    // Whichever import came last weighted the cells with the other's rows.
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM demand WHERE weight > 0") == 160);
    // Every run logged and finished: init, four imports, the projection.
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM run_log") == 6);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM run_log WHERE finished_at IS NULL") == 0);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM run_log WHERE kind IN ('population', 'boundary')") == 2);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM lifecycle_run") == 1);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM lifecycle_year") == 40);
    CHECK(e2e::read_json(dir + "/lc.json").at("buildings").size() == 791);
}

TEST_CASE("PostgreSQL: a writer that must wait says so, a lock held too long and a write without the right are "
          "clear errors (exit 1) with nothing written", "[postgres]") {
    if (!e2e::postgres_available()) return;
    const std::string dir = e2e::temp_dir("pg_wait");
    const std::string db = e2e::project_db(e2e::Backend::postgres, dir);
    const std::string ota = e2e::source("data/ota/");
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    auto waiting = [&](const char* condition) {
        for (int i = 0; i < 600; ++i) {
            if (e2e::query_number(db, std::string("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND ") + condition) > 0)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    };

    // Another writer holds the project (the writers' lock of pg_store.cpp,
    // "shisetsu" in ASCII): the import waits, says so, then runs.
    {
        test_pg::Session other(db);
        other.exec("BEGIN");
        other.exec("SELECT pg_advisory_xact_lock(8316012656283906933)");
        auto import = std::async(std::launch::async,
                                 [&] { return shisetsu("--lang en import " + db + " facilities " + ota + "facilities.csv"); });
        CHECK(waiting("locktype = 'advisory'"));
        other.exec("COMMIT");
        auto r = import.get();
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.err, Catch::Contains("another planner's command is writing to this project; waiting"));
        CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM facility") == 573);
    }

    // Another program keeps a table locked past the wait the administrator
    // allows: a clear error, and neither the buildings nor the run are kept.
    const long long runs = e2e::query_number(db, "SELECT COUNT(*) FROM run_log");
    e2e::execute_sql(db, "ALTER ROLE shisetsu IN DATABASE " + db.substr(db.rfind('/') + 1) + " SET lock_timeout = '1s'");
    {
        test_pg::Session other(db);
        other.exec("BEGIN");
        other.exec("LOCK TABLE building IN SHARE MODE");  // reads go on, writes wait
        auto r = shisetsu("--lang en import " + db + " buildings " + ota + "buildings.csv");
        other.exec("COMMIT");
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::Contains("held a lock on the project's tables past the wait allowed (lock_timeout)"));
        CHECK_THAT(r.err, Catch::Contains("nothing of this command was written"));
    }
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM building") == 0);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM run_log") == runs);

    // A role that may only read: the projection is refused before anything
    // is written, in words a planner can act on.
    const std::string role = "reader_" + std::to_string(::getpid());
    test_pg::admin_exec("CREATE ROLE " + role + " LOGIN PASSWORD 'r'");
    e2e::execute_sql(db, "GRANT USAGE ON SCHEMA public TO " + role + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
    auto r = shisetsu("--lang en lifecycle " + as_role(db, role + ":r") + " --start-year 2026");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("the role " + role + " may read this project but not change it"));
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM run_log") == runs);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM lifecycle_run") == 0);
    test_pg::admin_exec("DROP OWNED BY " + role, db);
    test_pg::admin_exec("DROP ROLE " + role);
    e2e::execute_sql(db, "ALTER ROLE shisetsu IN DATABASE " + db.substr(db.rfind('/') + 1) + " RESET lock_timeout");
}

TEST_CASE("copy: SQLite → PostgreSQL → SQLite gives every table back byte for byte", "[postgres]") {
    if (!e2e::postgres_available()) return;
    const std::string dir = e2e::temp_dir("pg_copy");
    const std::string a = dir + "/a.sqlite", b = dir + "/b.sqlite";
    const std::string ota = e2e::source("data/ota/");
    REQUIRE(shisetsu("init " + a + " --municipality 131113").exit_code == 0);
    for (const char* step : {"boundary boundary_n03_2021_simplified.geojson", "population population_mesh500m_2015.csv",
                             "facilities facilities.csv", "buildings buildings.csv"}) {
        std::string s = step;
        auto r = shisetsu("import " + a + " " + s.substr(0, s.find(' ')) + " " + ota + s.substr(s.find(' ') + 1));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    REQUIRE(shisetsu("lifecycle " + a + " --start-year 2026").exit_code == 0);
    auto acc = shisetsu("access " + a + " --cutoff 3000");  // straight line: OD table, service areas
    INFO(acc.err);
    REQUIRE(acc.exit_code == 0);
    REQUIRE(shisetsu("import " + a + " roads " + e2e::fixture("osm/shibuya_station_2025.osm")).exit_code == 0);

    const std::string pg = e2e::project_db(e2e::Backend::postgres, dir);
    auto r = shisetsu("copy " + a + " " + pg);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    // Back, naming the database in libpq's keyword form as GDAL spells it.
    r = shisetsu("copy \"" + test_pg::keyword_form(pg) + "\" " + b);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::string before = exact_dump(a), after = exact_dump(b);
    CHECK(before.size() > 100000);
    CHECK(before == after);

    // The copy works like the original: the same projection from both.
    REQUIRE(shisetsu("lifecycle " + a + " --start-year 2026 --json " + dir + "/a.json").exit_code == 0);
    REQUIRE(shisetsu("lifecycle " + pg + " --start-year 2026 --json " + dir + "/pg.json").exit_code == 0);
    CHECK(comparable(e2e::read_json(dir + "/a.json")) == comparable(e2e::read_json(dir + "/pg.json")));

    // A target that already holds a project is left alone.
    r = shisetsu("--lang en copy " + a + " " + pg);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("already holds a shisetsu project"));
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM building") == 791);
    r = shisetsu("copy " + pg + " " + b);
    CHECK(r.exit_code == 1);
}

TEST_CASE("copy into a new PostgreSQL database that fails part way leaves the database as it was, PostGIS not enabled", "[postgres]") {
    if (!e2e::postgres_available()) return;
    const std::string dir = e2e::temp_dir("pg_copy_fails");
    const std::string a = dir + "/a.sqlite";
    REQUIRE(shisetsu("init " + a).exit_code == 0);
    REQUIRE(shisetsu("import " + a + " facilities " + e2e::source("data/ota/facilities.csv")).exit_code == 0);
    // A name that is not UTF-8 (SQLite keeps any bytes; PostgreSQL refuses them).
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(a.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, "UPDATE facility SET name = CAST(X'FF' AS TEXT) WHERE rowid = 2", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);

    const std::string pg = e2e::project_db(e2e::Backend::postgres, dir);
    REQUIRE(e2e::query_number(pg, "SELECT COUNT(*) FROM pg_extension WHERE extname = 'postgis'") == 0);
    auto r = shisetsu("copy " + a + " " + pg);
    INFO(r.out << r.err);
    CHECK(r.exit_code != 0);
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'") == 0);
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM pg_extension WHERE extname = 'postgis'") == 0);
}

TEST_CASE("PostgreSQL: a division's shared project as the README sets it up", "[postgres]") {
    if (!e2e::postgres_available()) return;
    const std::string db = e2e::project_db(e2e::Backend::postgres, e2e::temp_dir("pg_division"));
    const std::string dbname = db.substr(db.rfind('/') + 1);
    // Roles are the cluster's, not the database's: named for this process.
    const std::string n = "_" + std::to_string(::getpid());
    const std::string planners = "div_planners" + n, tanaka_role = "div_tanaka" + n, suzuki_role = "div_suzuki" + n,
                      sato_role = "div_sato" + n;
    test_pg::admin_exec("CREATE ROLE " + planners + " NOLOGIN");
    test_pg::admin_exec("CREATE ROLE " + tanaka_role + " LOGIN PASSWORD 't' IN ROLE " + planners);
    test_pg::admin_exec("CREATE ROLE " + suzuki_role + " LOGIN PASSWORD 's' IN ROLE " + planners);
    test_pg::admin_exec("ALTER DATABASE " + dbname + " OWNER TO " + planners);
    test_pg::admin_exec("CREATE EXTENSION postgis", db);
    test_pg::admin_exec("ALTER ROLE " + tanaka_role + " IN DATABASE " + dbname + " SET role = '" + planners + "'");
    test_pg::admin_exec("ALTER ROLE " + suzuki_role + " IN DATABASE " + dbname + " SET role = '" + planners + "'");
    test_pg::admin_exec("CREATE ROLE " + sato_role + " LOGIN PASSWORD 'r'");
    test_pg::admin_exec("ALTER DEFAULT PRIVILEGES FOR ROLE " + planners + " GRANT SELECT ON TABLES TO " + sato_role, db);
    test_pg::admin_exec("GRANT USAGE ON SCHEMA public TO " + sato_role, db);

    const std::string ota = e2e::source("data/ota/");
    const std::string tanaka = as_role(db, tanaka_role + ":t"), suzuki = as_role(db, suzuki_role + ":s"),
                      sato = as_role(db, sato_role + ":r");
    auto r = shisetsu("init " + tanaka);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(shisetsu("import " + tanaka + " facilities " + ota + "facilities.csv").exit_code == 0);
    r = shisetsu("import " + suzuki + " buildings " + ota + "buildings.csv");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // The finance officer reads; writing is refused and changes nothing.
    const std::string dir = e2e::temp_dir("pg_division");
    r = shisetsu("lifecycle " + sato + " --start-year 2026 --json " + dir + "/lc.json");
    CHECK(r.exit_code == 1);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM lifecycle_run") == 0);
    r = shisetsu("lifecycle " + suzuki + " --start-year 2026 --json " + dir + "/lc.json");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM building") == 791);
    // Who ran what, by the login, not the group the tables belong to.
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM run_log WHERE db_user = '" + tanaka_role + "'") == 2);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM run_log WHERE db_user = '" + suzuki_role + "'") == 2);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' "
                                "AND tablename = 'building' AND tableowner = '" + planners + "'") == 1);
    // The report's run log names them too (its 実行記録 sheet, read by GDAL).
    r = shisetsu("report " + suzuki + " --out " + dir + "/report");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto runs = e2e::run_command("ogrinfo -ro -al -q '" + dir + "/report/report.xlsx' 実行記録");
    INFO(runs.out);
    CHECK(runs.out.find("実行者") != std::string::npos);
    CHECK(runs.out.find("= " + tanaka_role) != std::string::npos);
    CHECK(runs.out.find("= " + suzuki_role) != std::string::npos);
    for (const auto& role : {tanaka_role, suzuki_role, sato_role}) {
        test_pg::admin_exec("DROP OWNED BY " + role + " CASCADE", db);
        test_pg::admin_exec("DROP ROLE " + role);
    }
}

TEST_CASE("export: the same GeoPackage from SQLite and from PostgreSQL, the QGIS project on PostGIS opens in QGIS",
          "[postgres]") {
    if (!e2e::postgres_available()) return;
    const std::string dir = e2e::temp_dir("pg_export");
    const std::string ota = e2e::source("data/ota/");
    std::map<std::string, std::string> dumps;
    std::string pg;
    for (auto backend : {e2e::Backend::sqlite, e2e::Backend::postgres}) {
        const std::string db = e2e::project_db(backend, dir), tag = backend == e2e::Backend::sqlite ? "sqlite" : "pg";
        if (backend == e2e::Backend::postgres) pg = db;
        REQUIRE(shisetsu("init " + db + " --municipality 131113").exit_code == 0);
        for (const char* step : {"boundary boundary_n03_2021_simplified.geojson",
                                 "population population_mesh500m_2015.csv", "facilities facilities.csv",
                                 "buildings buildings.csv"}) {
            std::string s = step;
            REQUIRE(shisetsu("import " + db + " " + s.substr(0, s.find(' ')) + " " + ota + s.substr(s.find(' ') + 1))
                        .exit_code == 0);
        }
        REQUIRE(shisetsu("lifecycle " + db + " --start-year 2026").exit_code == 0);
        REQUIRE(shisetsu("access " + db + " --cutoff 3000").exit_code == 0);
        const std::string gpkg = dir + "/" + tag + ".gpkg";
        auto r = shisetsu("export " + db + " --gpkg " + gpkg + " --year 2026");
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        // Every layer and row as OGR reads them, without the file's name.
        auto ogr = e2e::run_command("(ogrinfo -ro -al -q " + gpkg + " | grep -v '" + gpkg + "')");
        REQUIRE(ogr.exit_code == 0);
        dumps[tag] = ogr.out;
    }
    CHECK(dumps["sqlite"].size() > 100000);
    CHECK(dumps["sqlite"] == dumps["pg"]);

    auto r = shisetsu("export " + dir + "/p.sqlite --gpkg " + dir + "/x.gpkg --qgs-source postgis");
    CHECK(r.exit_code == 2);
    const std::string gpkg = dir + "/server.gpkg", qgs = dir + "/server.qgs";
    r = shisetsu("export " + pg + " --gpkg " + gpkg + " --qgs " + qgs + " --qgs-source postgis --year 2026");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM qgis.facilities") == 573);
    // The project's own tables of the same names are untouched.
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM public.boundary") == 1);
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM public.demand") == 280);
    // Again: the layers are replaced, the project stays.
    r = shisetsu("export " + pg + " --gpkg " + gpkg + " --qgs " + qgs + " --qgs-source postgis --year 2026");
    REQUIRE(r.exit_code == 0);
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM qgis.facilities") == 573);
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM public.demand") == 280);
    // Written aside and swapped in one transaction: no staging schema left.
    CHECK(e2e::query_number(pg, "SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'qgis_new%'") == 0);
    auto qgis = e2e::run_command("/usr/bin/python3 " + e2e::source("tests/e2e/qgis_check.py") + " " + qgs + " " + gpkg +
                                 " " + dir + "/map.png");
    INFO(qgis.out);
    CHECK(qgis.exit_code == 0);
}

TEST_CASE("the demo on PostgreSQL gives the results it gives on SQLite", "[postgres]") {
    if (!e2e::postgres_available()) return;
    const std::string dir = e2e::temp_dir("pg_demo");
    auto lite = shisetsu("--quiet demo --out " + dir + "/sqlite");
    INFO(lite.err);
    REQUIRE(lite.exit_code == 0);
    auto server = shisetsu("--quiet demo --out " + dir + "/pg --db " + e2e::project_db(e2e::Backend::postgres, dir));
    INFO(server.err);
    REQUIRE(server.exit_code == 0);
    // The planner's summary: the stock and both projections' totals.
    auto head = [](const std::string& text) {
        std::size_t at = 0;
        for (int i = 0; i < 5 && at != std::string::npos; ++i) at = text.find('\n', at + 1);
        return text.substr(0, at);
    };
    CHECK(head(server.out) == head(lite.out));
    for (const char* file : {"lifecycle-standard.json", "lifecycle-life_extension.json", "access.json",
                             "consolidation-instance.json"}) {
        INFO(file);
        CHECK(comparable(e2e::read_json(dir + "/sqlite/" + file)) == comparable(e2e::read_json(dir + "/pg/" + file)));
    }
    for (const char* name : {"lifecycle-standard-years.csv", "lifecycle-standard-events.csv",
                             "lifecycle-life_extension-years.csv", "lifecycle-life_extension-events.csv", "od.csv",
                             "shisetsu-demo_公共施設一覧.csv"}) {
        INFO(name);
        CHECK(e2e::read_file(dir + "/sqlite/" + name) == e2e::read_file(dir + "/pg/" + name));
    }
    // The same instances solved: neither plan costs less than the other's
    // proven bound (the solvers stop at a gap or a time limit, so the plans
    // themselves may differ); the same plan gets the same PPP screening.
    for (const char* file : {"levelling.json", "consolidation.json"}) {
        INFO(file);
        const json a = e2e::read_json(dir + "/sqlite/" + file), b = e2e::read_json(dir + "/pg/" + file);
        const double tolerance = 1e-9 * std::abs(a.at("objective_yen").get<double>());
        CHECK(a.at("objective_yen").get<double>() >= b.at("bound_yen").get<double>() - tolerance);
        CHECK(b.at("objective_yen").get<double>() >= a.at("bound_yen").get<double>() - tolerance);
    }
    if (comparable(e2e::read_json(dir + "/sqlite/consolidation.json").at("sites")) ==
        comparable(e2e::read_json(dir + "/pg/consolidation.json").at("sites")))
        CHECK(comparable(e2e::read_json(dir + "/sqlite/ppp.json")) == comparable(e2e::read_json(dir + "/pg/ppp.json")));
}
