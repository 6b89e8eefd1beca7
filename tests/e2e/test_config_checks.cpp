// Configuration files checked like data (overview.md): a run config, a plan
// and locate's tables with a misspelt key, a wrong type or an unknown id are
// bad input (exit 1) naming the file, the JSON path and the accepted key,
// and no step has run: the project database is as it was.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace e2e;
using json = nlohmann::json;

namespace {

// A small project: the optimize fixtures' facilities, nothing run yet.
std::string project(const std::string& dir) {
    const std::string db = dir + "/p.sqlite";
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("--quiet import " + db + " facilities " + fixture("optimize/pv/facilities.csv")).exit_code == 0);
    return db;
}

// The database file's bytes: untouched means the same digest.
std::string digest(const std::string& db) { return run_command("sha256sum " + db).out.substr(0, 64); }

std::string write(const std::string& path, const json& doc) {
    std::ofstream(path) << doc.dump(2);
    return path;
}

} // namespace

TEST_CASE("a run config with a misspelt key: exit 1 before any step, the key and the accepted one named", "[e2e][config]") {
    auto dir = temp_dir("config-typo");
    const std::string db = project(dir);
    const std::string before = digest(db);
    json config = {{"database", "p.sqlite"},
                   {"output_dir", dir},
                   {"steps", {{{"step", "import"}, {"kind", "facilities"}, {"file", fixture("optimize/pv/facilities.csv")}},
                              {{"step", "lifecycle"}, {"stratgy", "life_extension"}, {"start_year", 2026}},
                              {{"step", "access"}, {"cutoff_m", "5 km"}},
                              {{"step", "levle"}}}}};
    auto r = shisetsu("--lang en run " + write(dir + "/config.json", config));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("config.json:/steps/1/stratgy: unknown key; accepted keys: ") != std::string::npos);
    CHECK(r.err.find("(did you mean strategy?)") != std::string::npos);
    CHECK(r.err.find("config.json:/steps/2/cutoff_m: expected a number, got \"5 km\"") != std::string::npos);
    CHECK(r.err.find("config.json:/steps/3/step: unknown value \"levle\"") != std::string::npos);
    CHECK(r.err.find("(did you mean level?)") != std::string::npos);
    CHECK(r.err.find("internal error") == std::string::npos);
    // Not even the import of step 0 ran: the database is byte for byte as it was.
    CHECK(digest(db) == before);
}

TEST_CASE("a plan with a wrong type and an unknown site: exit 1, each named by file and JSON path, nothing run", "[e2e][config]") {
    auto dir = temp_dir("config-plan");
    const std::string db = project(dir);
    const std::string before = digest(db);
    json plan = json::parse(read_file(fixture("optimize/plan_small.json")));
    plan["keep"] = {"NO-SUCH-SITE"};
    plan["sigma"] = "ten percent";
    auto r = shisetsu("--lang en consolidate " + db + " --config " + write(dir + "/plan.json", plan));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("plan.json:/keep/0: unknown facility or site id: \"NO-SUCH-SITE\"; known: ") != std::string::npos);
    CHECK(r.err.find("plan.json:/sigma: expected a number, got \"ten percent\"") != std::string::npos);
    CHECK(digest(db) == before);

    // The same plan through a run config: named in the plan file, before any step.
    json config = {{"database", "p.sqlite"}, {"output_dir", dir},
                   {"steps", {{{"step", "consolidate"}, {"config", dir + "/plan.json"}}}}};
    r = shisetsu("--lang en run " + write(dir + "/run.json", config));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("plan.json:/keep/0: unknown facility or site id") != std::string::npos);
    CHECK(digest(db) == before);
}

TEST_CASE("a service written by its Japanese name is its key, an unknown one lists the known", "[e2e][config]") {
    auto dir = temp_dir("config-service");
    const std::string db = project(dir);
    // 図書館 is accepted (only σ is wrong); "libary" is not, with the known listed.
    json plan = {{"services", {"図書館", "libary"}}, {"sigma", 2}};
    auto r = shisetsu("--lang en consolidate " + db + " --config " + write(dir + "/plan.json", plan));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("plan.json:/services/0") == std::string::npos);
    CHECK(r.err.find("plan.json:/services/1: unknown service: \"libary\"; known: ") != std::string::npos);
    CHECK(r.err.find("library (図書館)") != std::string::npos);
    CHECK(r.err.find("did you mean library?") != std::string::npos);
    CHECK(r.err.find("plan.json:/sigma: out of range 2, expected [0, 1)") != std::string::npos);
}

TEST_CASE("locate --demand with an id the OD table does not have is bad input (exit 1), not infeasible", "[e2e][config]") {
    auto dir = temp_dir("config-locate");
    std::ofstream(dir + "/w.csv") << "origin_id,weight\no0,1\nZZ,2\n";
    auto r = shisetsu("--lang en locate --model p-median --p 1 --od " + fixture("optimize/line_od.csv") + " --demand " + dir + "/w.csv");
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("w.csv:3:origin_id: not an origin of the OD table: ZZ") != std::string::npos);
}
