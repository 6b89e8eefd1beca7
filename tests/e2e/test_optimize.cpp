// `shisetsu locate` and `shisetsu level` from the outside: JSON names of
// optimization.md, answers worked by hand, exit codes.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

using e2e::fixture;
using e2e::shisetsu;

TEST_CASE("locate p-median from an OD table, worked by hand", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("locate_pmedian");
    auto r = shisetsu("--quiet locate --model p-median --od " + fixture("optimize/line_od.csv") + " --p 2 --json " + dir + "/r.json");
    REQUIRE(r.exit_code == 0);
    auto j = e2e::read_json(dir + "/r.json");
    // Origins 0, 1, 2, 10, 11; sites s0 = 1, s1 = 5, s2 = 10.5: {s0, s2} → 1+0+1+0.5+0.5 = 3.
    CHECK(j["model"] == "p-median");
    CHECK(j["p"] == 2);
    CHECK(j["objective"].get<double>() == Approx(3.0));
    CHECK(j["bound"].get<double>() == Approx(3.0));
    CHECK(j["gap"].get<double>() == 0.0);
    CHECK(j["status"] == "optimal");
    CHECK(j["open"] == nlohmann::json::array({"s0", "s2"}));
    CHECK(j["assignment"].size() == 5);
    CHECK(j["assignment"][3] == nlohmann::json::array({"o3", "s2"}));
    CHECK(j.contains("time_s"));
}

TEST_CASE("locate MCLP / LSCP / p-center with weights and a required site", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("locate_presets");
    std::string od = " --od " + fixture("optimize/line_od.csv") + " --demand " + fixture("optimize/line_weights.csv");
    // Weights 5, 1, 1, 4, 4; catchment 1: s0 covers 7, s2 covers 8.
    auto r = shisetsu("--quiet locate --model mclp" + od + " --p 1 --catchment 1 --json " + dir + "/m.json");
    REQUIRE(r.exit_code == 0);
    CHECK(e2e::read_json(dir + "/m.json")["objective"].get<double>() == Approx(8.0));
    r = shisetsu("--quiet locate --model lscp" + od + " --catchment 1 --json " + dir + "/l.json");
    REQUIRE(r.exit_code == 0);
    CHECK(e2e::read_json(dir + "/l.json")["objective"].get<double>() == Approx(2.0));
    // p-center with s1 (= 5) required and p = 1: largest distance 6.
    r = shisetsu("--quiet locate --model p-center" + od + " --p 1 --required " + fixture("optimize/line_required.txt") + " --json " + dir + "/c.json");
    REQUIRE(r.exit_code == 0);
    auto c = e2e::read_json(dir + "/c.json");
    CHECK(c["objective"].get<double>() == Approx(6.0));
    CHECK(c["open"] == nlohmann::json::array({"s1"}));
}

TEST_CASE("locate: no feasible plan exits 3 and says why, usage errors exit 2", "[e2e][optimize]") {
    auto r = shisetsu("--lang en locate --model lscp --od " + fixture("optimize/line_od.csv") + " --catchment 0.1");
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("catchment") != std::string::npos);
    r = shisetsu("locate --model p-median --od " + fixture("optimize/line_od.csv"));
    CHECK(r.exit_code == 2);
    for (const char* cmd : {"locate", "level", "consolidate"}) {
        r = shisetsu(std::string(cmd) + " --help");
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("--json") != std::string::npos);
    }
}

BOTH_BACKENDS_TEST_CASE("level: the JSON of optimization.md A, every constraint met, objective recomputed", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("level");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + fixture("e2e/inventory_cp932.csv")).exit_code == 0);
    for (std::string mode : {"--budget 50000000", "--peak"}) {
        auto r = shisetsu("--quiet level " + db + " --start-year 2026 --horizon 40 " + mode + " --json " + dir + "/l.json");
        REQUIRE(r.exit_code == 0);
        auto j = e2e::read_json(dir + "/l.json");
        for (const char* key : {"start_year", "horizon", "budget_yen", "parameters", "max_overrun_yen", "objective_yen", "bound_yen", "gap", "status",
                                "stages", "peak_before_yen", "peak_after_yen", "penalty_yen", "overrun_yen", "years", "events"})
            CHECK(j.contains(key));
        CHECK(j["status"] == "optimal");
        REQUIRE(j["stages"].size() == 2);
        for (const auto& st : j["stages"]) {
            CHECK(st["status"] == "optimal");
            CHECK(st["gap"].get<double>() <= j["relative_gap"].get<double>() + 1e-12);
            CHECK(st["bound_yen"].get<double>() <= st["objective_yen"].get<double>() + 1e-6);
        }
        const auto& p = j["parameters"];
        int a = p["max_advance"], f = p["max_deferral"];
        double alpha0 = p["deferral_penalty"], beta = p["advance_penalty"], M = p["overrun_penalty"];
        // w(H) from the parameters' table: the first row with H < below.
        auto alpha_of = [&](const nlohmann::json& e) {
            double w = 1.0;
            if (!e["condition"].is_null())
                for (const auto& row : p["condition_weights"])
                    if (e["condition"].get<double>() < row["below"].get<double>()) { w = row["weight"]; break; }
            return alpha0 * w;
        };
        std::vector<double> cash(40, 0.0);
        double penalty = 0.0;
        std::string prev_building;
        std::optional<int> prev_end;
        bool prev_later = false;
        REQUIRE(j["events"].size() > 0);
        for (const auto& e : j["events"]) {
            int d = e["due_year"], n = e["spread"];
            double c = e["cost_yen"];
            bool later = e["start_year"].is_null();
            bool same = e["building_id"] == prev_building;
            double alpha = alpha_of(e);
            CHECK(e["deferral_penalty"].get<double>() == Approx(alpha));
            if (later) {
                CHECK(d + f > 2026 + 40 - n);  // later only where allowed
                penalty += c * alpha * f;
            } else {
                int t = e["start_year"];
                CHECK(t >= std::max(2026, d - a));
                CHECK(t <= std::min(2026 + 40 - n, d + f));
                if (same) {
                    CHECK_FALSE(prev_later);
                    if (prev_end) CHECK(t >= *prev_end);
                }
                penalty += c * (alpha * std::max(t - d, 0) + beta * std::max(d - t, 0));
                for (int y = t; y < t + n && y < 2066; ++y) cash[static_cast<std::size_t>(y - 2026)] += c / n;
                prev_end = t + n;
            }
            if (!same) prev_later = false;
            prev_later = prev_later || later;
            if (later) prev_end.reset();
            prev_building = e["building_id"];
        }
        double overrun = 0.0, peak = 0.0, max_overrun = 0.0;
        for (int y = 0; y < 40; ++y) {
            CHECK(j["years"][static_cast<std::size_t>(y)]["after_yen"].get<double>() == Approx(cash[static_cast<std::size_t>(y)]).margin(1e-3));
            peak = std::max(peak, cash[static_cast<std::size_t>(y)]);
            if (mode != "--peak") overrun += std::max(0.0, cash[static_cast<std::size_t>(y)] - 5e7);
            if (mode != "--peak") max_overrun = std::max(max_overrun, cash[static_cast<std::size_t>(y)] - 5e7);
        }
        CHECK(j["penalty_yen"].get<double>() == Approx(penalty));
        CHECK(j["peak_after_yen"].get<double>() == Approx(peak));
        CHECK(j["max_overrun_yen"].get<double>() == Approx(max_overrun).margin(1e-3));
        // Stage 1's value is the largest overrun (or the peak) of the plan.
        CHECK(j["stages"][0]["objective_yen"].get<double>() == Approx(mode == "--peak" ? peak : max_overrun).margin(1e-3));
        CHECK(j["objective_yen"].get<double>() == Approx(mode == "--peak" ? penalty : M * overrun + penalty));
        if (mode == "--peak") CHECK(j["peak_after_yen"].get<double>() <= j["peak_before_yen"].get<double>() + 1e-6);
    }
}

namespace {

// An instance written by `COMMAND --instance-out`: an independent solver
// (HiGHS through SciPy, SCRIPT: its own model from the file) proves the same
// optimum as RESULT and finds the plan meets every constraint; and
// `COMMAND --instance` solves the file alone, without the database, to the
// same optimum.
void check_instance(const std::string& command, const std::string& script, const std::string& instance, const std::string& result,
                    const std::string& again) {
    auto check = e2e::run_command("/usr/bin/python3 " + e2e::source(script) + " " + instance + " " + result);
    INFO(check.out);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("agree: both proven optimal") != std::string::npos);
    auto r = shisetsu("--quiet " + command + " --instance " + instance + " --json " + again);
    REQUIRE(r.exit_code == 0);
    auto first = e2e::read_json(result), second = e2e::read_json(again);
    CHECK(second["status"] == "optimal");
    CHECK(second["objective_yen"].get<double>() == Approx(first["objective_yen"].get<double>()).epsilon(1e-9));
    if (command != "consolidate") return;
    // The same model column for column: the same plan, not only its cost.
    std::map<std::string, std::set<std::string>> after;
    for (const auto& s : first["sites"]) after[s["id"]] = s["services_after"].get<std::set<std::string>>();
    for (const auto& s : second["sites"]) {
        INFO(s["id"]);
        CHECK(s["services"].get<std::set<std::string>>() == after[s["id"]]);
    }
}

} // namespace

BOTH_BACKENDS_TEST_CASE("consolidate on the sample ward: result names, instance, objective recomputed from both files", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("consolidate");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    for (auto [kind, file] : {std::pair{"boundary", "ota/boundary_n03_2021_simplified.geojson"}, {"population", "ota/population_mesh500m_2015.csv"},
                              {"facilities", "ota/facilities.csv"}, {"buildings", "ota/buildings.csv"}})
        REQUIRE(shisetsu(std::string("--quiet import ") + db + " " + kind + " " + e2e::source(std::string("data/") + file)).exit_code == 0);
    auto r = shisetsu("--quiet consolidate " + db + " --config " + fixture("optimize/plan_small.json") + " --json " + dir +
                      "/c.json --instance-out " + dir + "/i.json");
    REQUIRE(r.exit_code == 0);
    auto c = e2e::read_json(dir + "/c.json");
    auto in = e2e::read_json(dir + "/i.json");
    for (const char* key : {"objective_yen", "bound_yen", "gap", "status", "sites", "distance_mode"}) CHECK(c.contains(key));
    CHECK(c["status"] == "optimal");
    CHECK(c["distance_mode"] == "straight_line");
    for (const char* key : {"model", "parameters", "services", "incompatible", "sites", "demand", "distances"}) CHECK(in.contains(key));
    // Objective of optimization.md "B" from the instance and the result's
    // sites alone (λ = 0): Σ c·z·(1 − σ·[≥ 2 services]) + Σ_{s∈E} v·(1 − z) + Σ e·(1 − y).
    double sigma = in["parameters"]["sigma"];
    std::map<std::string, nlohmann::json> result_site;
    for (const auto& s : c["sites"]) {
        result_site[s["id"]] = s;
        for (const char* key : {"name", "action", "services_before", "services_after", "floor_area_before_m2", "floor_area_after_m2",
                                "cost_before_yen", "cost_after_yen", "construction_cost_yen", "annual_om_yen"})
            CHECK(s.contains(key));
        std::string action = s["action"];
        CHECK((action == "keep" || action == "close" || action == "convert" || action == "new_complex" || action == "new"));
    }
    double objective = 0.0;
    for (const auto& site : in["sites"]) {
        auto it = result_site.find(site["id"]);
        bool open = it != result_site.end() && it->second["open"].get<bool>();
        std::vector<std::string> services;
        if (it != result_site.end()) services = it->second["services"].get<std::vector<std::string>>();
        for (const auto& s : services) objective += site["hosts"][s]["cost_yen"].get<double>() * (services.size() >= 2 ? 1 - sigma : 1.0);
        // Each existing service it gives up: its space demolished, v (1 − z).
        for (const auto& [key, h] : site["hosts"].items())
            if (h["existing"].get<bool>() && std::find(services.begin(), services.end(), key) == services.end())
                objective += h["vacate_cost_yen"].get<double>();
        if (!open) {
            // Candidate sites left out of the result were never in use: e = 0.
            if (it != result_site.end()) objective += site["closing_cost_yen"].get<double>();
        }
        if (site["keep"].get<bool>()) CHECK(open);
    }
    CHECK(c["objective_yen"].get<double>() == Approx(objective).epsilon(1e-9));
    // Coverage after meets each target.
    for (const auto& s : c["services"]) CHECK(s["after"]["coverage"].get<double>() >= s["coverage_target"].get<double>() - 1e-9);
    // An independent solver (HiGHS, tools/verify_consolidation.py: its own
    // model from the instance file, without the aggregation) proves the same
    // optimum, and the plan meets every constraint there.
    // The instance alone, solved without the database, gives the same optimum.
    check_instance("consolidate", "tools/verify_consolidation.py", dir + "/i.json", dir + "/c.json", dir + "/ci.json");
    // access after the plan: a planned service's coverage is the plan's; a
    // service outside the plan keeps today's providers, so its coverage is unchanged.
    r = shisetsu("--quiet access " + db + " --no-service-areas --json " + dir + "/a.json");
    REQUIRE(r.exit_code == 0);
    auto a = e2e::read_json(dir + "/a.json");
    std::map<std::string, nlohmann::json> planned;
    for (const auto& s : c["services"]) planned[s["key"]] = s;
    int outside = 0;
    for (const auto& s : a["services"]) {
        INFO(s["key"]);
        REQUIRE(!s["after"].is_null());
        if (planned.count(s["key"]))
            CHECK(s["after"]["coverage"].get<double>() == Approx(planned[s["key"]]["after"]["coverage"].get<double>()).epsilon(1e-9));
        else {
            CHECK(s["after"]["coverage"].get<double>() == Approx(s["before"]["coverage"].get<double>()).epsilon(1e-12));
            ++outside;
        }
    }
    CHECK(outside > 0);
    // locate DB --service: the project's demand and distances, straight line said so.
    r = shisetsu("--quiet locate " + db + " --service library --model p-median --p 5 --json " + dir + "/l.json --od-out " + dir +
                 "/od.csv --demand-out " + dir + "/w.csv");
    REQUIRE(r.exit_code == 0);
    auto l = e2e::read_json(dir + "/l.json");
    CHECK(l["status"] == "optimal");
    CHECK(l["open"].size() == 5);
    CHECK(l["distance_mode"] == "straight_line");
    // The instance it wrote, solved from the files alone, has the same optimum.
    r = shisetsu("--quiet locate --model p-median --p 5 --od " + dir + "/od.csv --demand " + dir + "/w.csv --json " + dir + "/l2.json");
    REQUIRE(r.exit_code == 0);
    auto l2 = e2e::read_json(dir + "/l2.json");
    CHECK(l2["status"] == "optimal");
    CHECK(l2["objective"].get<double>() == Approx(l["objective"].get<double>()).epsilon(1e-12));

    // locate DB --service --model cflp: fixed costs from SITES.csv in
    // person-metres, an empty capacity the service's. With no fixed cost and
    // room for everyone, every origin goes to its nearest library: the optimum
    // is Σ_i w_i · min_j d_ij, worked out here from the files written above.
    std::map<std::string, double> weight, nearest;
    std::set<std::string> libraries;
    {
        std::istringstream w(e2e::read_file(dir + "/w.csv")), od(e2e::read_file(dir + "/od.csv"));
        std::string line;
        std::getline(w, line);
        while (std::getline(w, line)) weight[line.substr(0, line.find(','))] = std::stod(line.substr(line.find(',') + 1));
        std::getline(od, line);
        while (std::getline(od, line)) {
            auto a = line.find(','), b = line.find(',', a + 1);
            std::string origin = line.substr(0, a), site = line.substr(a + 1, b - a - 1);
            double d = std::stod(line.substr(b + 1));
            libraries.insert(site);
            nearest[origin] = nearest.count(origin) ? std::min(nearest[origin], d) : d;
        }
    }
    double total = 0, expected = 0;
    for (const auto& [origin, w] : weight) {
        total += w;
        expected += w * nearest.at(origin);
    }
    std::string sites = "site_id,fixed_cost,capacity\n";
    for (const auto& id : libraries) sites += id + ",0," + std::to_string(static_cast<long long>(total) + 1) + "\n";
    auto write = [](const std::string& path, const std::string& text) { std::ofstream(path) << text; };
    write(dir + "/sites.csv", sites);
    r = shisetsu("--quiet locate " + db + " --service library --model cflp --sites " + dir + "/sites.csv --json " + dir + "/cf.json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto cf = e2e::read_json(dir + "/cf.json");
    CHECK(cf["status"] == "optimal");
    CHECK(cf["assignment_cost_unit"] == "person_m");
    CHECK(cf["objective"].get<double>() == Approx(expected).epsilon(1e-9));
    // Without --sites, and a row for a site the project does not have: bad input.
    r = shisetsu("--quiet locate " + db + " --service library --model cflp");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--sites") != std::string::npos);
    write(dir + "/sites.csv", sites + "NO-SUCH-SITE,0,10\n");
    r = shisetsu("--quiet locate " + db + " --service library --model cflp --sites " + dir + "/sites.csv");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(dir + "/sites.csv:" + std::to_string(libraries.size() + 2) + ":site_id") != std::string::npos);
    CHECK(r.err.find("NO-SUCH-SITE") != std::string::npos);
}

BOTH_BACKENDS_TEST_CASE("consolidate: costs in nominal yen, or present value with a discount rate, worked by hand", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("consolidate-pv");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    for (auto [kind, file] : {std::pair{"boundary", e2e::source("data/ota/boundary_n03_2021_simplified.geojson")},
                              {"population", e2e::source("data/ota/population_mesh500m_2015.csv")},
                              {"facilities", fixture("optimize/pv/facilities.csv")}, {"buildings", fixture("optimize/pv/buildings.csv")}})
        REQUIRE(shisetsu(std::string("--quiet import ") + db + " " + kind + " " + file).exit_code == 0);
    // One community hall, 1,000 m², built 1996 (age 30 in 2026), civic_culture
    // (renovation 250,000 yen/m², rebuild 400,000 yen/m², cycle 60 years), O&M
    // 10,000,000 yen/year. Standard strategy over 2026–2065: renovation 2.5e8
    // paid 2026–2027, rebuild 4.0e8 paid 2056–2058; the next renovation (2086)
    // is past the horizon. Residual value at 2066 (lifecycle.md "Output"): the
    // rebuild started 2056, 4.0e8 × (1 − 10/60). Leaving the site demolishes
    // its 1,000 m² at 30,000 yen/m² (v, paid in 2026); closing gains no land
    // value (e = 0).
    const double renovation = 2.5e8, rebuild = 4.0e8, om = 1.0e7, demolition = 30000.0 * 1000;
    const double residual = rebuild * (1 - 10.0 / 60);
    const double nominal = renovation + rebuild + om * 40 - residual;
    const double r = 0.02;
    auto v = [&](int t) { return 1.0 / std::pow(1.0 + r, t); };
    double om_pv = 0.0;
    for (int t = 0; t < 40; ++t) om_pv += om * v(t);
    const double present = renovation / 2 * (v(0) + v(1)) + rebuild / 3 * (v(30) + v(31) + v(32)) + om_pv - residual * v(40);
    // New space per m² (built 2026 at the rebuild unit cost, its renovation
    // at 30 paid 2056–2057 inside the horizon, the service's O&M per m²,
    // less its residual value at 2066: no rebuild by then, 400,000 × (1 − 40/60)).
    const double new_nominal = 400000 + 250000 + 10000.0 * 40 - 400000.0 / 3;
    const double new_present = 400000 + 125000 * (v(30) + v(31)) + om_pv / 1000 - 400000.0 / 3 * v(40);
    for (auto [plan, expected, expected_new, basis] :
         {std::tuple{"nominal", nominal, new_nominal, "nominal"}, {"pv", present, new_present, "present_value"}}) {
        INFO(plan);
        auto res = shisetsu("--quiet consolidate " + db + " --config " + fixture(std::string("optimize/pv/plan_") + plan + ".json") + " --json " +
                            dir + "/c.json --instance-out " + dir + "/i.json");
        REQUIRE(res.exit_code == 0);
        auto in = e2e::read_json(dir + "/i.json");
        auto c = e2e::read_json(dir + "/c.json");
        REQUIRE(in["sites"].size() == 1);
        const auto& hall = in["sites"][0]["hosts"]["community_hall"];
        CHECK(hall["cost_yen"].get<double>() == Approx(expected).epsilon(1e-12));
        CHECK(hall["vacate_cost_yen"].get<double>() == Approx(demolition));
        CHECK(hall["pinned"] == false);
        CHECK(in["sites"][0]["closing_cost_yen"].get<double>() == 0.0);
        CHECK(in["parameters"]["cost_basis"] == basis);
        CHECK(c["cost_basis"] == basis);
        CHECK(c["services"][0]["new_space_yen_per_m2"]["total"].get<double>() == Approx(expected_new).epsilon(1e-12));
        // No coverage target: vacating (demolition) is cheaper than keeping.
        CHECK(c["objective_yen"].get<double>() == Approx(demolition));
        CHECK(c["sites"][0]["vacate_cost_yen"].get<double>() == Approx(demolition));
        CHECK(c["sites"][0]["cost_before_yen"].get<double>() == Approx(expected).epsilon(1e-12));
    }
    // Pinned, the hall stays at its kept cost.
    auto res = shisetsu("--quiet consolidate " + db + " --config " + fixture("optimize/pv/plan_pinned.json") + " --name pinned --json " + dir + "/c.json");
    REQUIRE(res.exit_code == 0);
    auto c = e2e::read_json(dir + "/c.json");
    CHECK(c["name"] == "pinned");
    CHECK(c["sites"][0]["action"] == "keep");
    CHECK(c["objective_yen"].get<double>() == Approx(nominal).epsilon(1e-12));
}

BOTH_BACKENDS_TEST_CASE("consolidate: two schools that already sit where they are needed stay where they are (like-for-like costs)", "[e2e][optimize]") {
    // An elementary and a junior-high school 1.45 km apart, built 1975
    // (rebuilds due 2035 inside the horizon), each reaching every pupil of
    // the other within its 3 km catchment: a swap, or both schools on one
    // site, keeps coverage at today's ("current"). Kept space is priced with
    // its renewal events less its residual value, new space with its
    // construction, its own renovation within the horizon less its residual
    // value, and the space a school leaves is demolished: keeping both is
    // the cheapest, and the plan says so.
    auto dir = e2e::temp_dir("consolidate-schools");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    for (auto [kind, file] : {std::pair{"boundary", e2e::source("data/ota/boundary_n03_2021_simplified.geojson")},
                              {"population", e2e::source("data/ota/population_mesh500m_2015.csv")},
                              {"facilities", fixture("optimize/schools/facilities.csv")}, {"buildings", fixture("optimize/schools/buildings.csv")}})
        REQUIRE(shisetsu(std::string("--quiet import ") + db + " " + kind + " " + file).exit_code == 0);
    auto r = shisetsu("--quiet consolidate " + db + " --config " + fixture("optimize/schools/plan.json") + " --json " + dir + "/c.json --instance-out " +
                      dir + "/i.json");
    REQUIRE(r.exit_code == 0);
    auto c = e2e::read_json(dir + "/c.json");
    auto in = e2e::read_json(dir + "/i.json");
    CHECK(c["status"] == "optimal");
    REQUIRE(c["sites"].size() == 2);
    for (const auto& site : c["sites"]) {
        INFO(site["id"]);
        CHECK(site["action"] == "keep");
        CHECK(site["services_after"] == site["services_before"]);
    }
    for (const auto& svc : c["services"]) {
        CHECK(svc["coverage_target_current"] == true);
        CHECK(svc["after"]["coverage"].get<double>() >= svc["before"]["coverage"].get<double>() - 1e-12);
    }
    // The alternatives, priced from the instance by the spec's objective (σ on a site hosting two).
    REQUIRE(in["sites"].size() == 2);
    const auto& e = in["sites"][0]["id"] == "E1" ? in["sites"][0]["hosts"] : in["sites"][1]["hosts"];
    const auto& j = in["sites"][0]["id"] == "E1" ? in["sites"][1]["hosts"] : in["sites"][0]["hosts"];
    const double sigma = in["parameters"]["sigma"];
    auto cost = [](const nlohmann::json& h) { return h["cost_yen"].get<double>(); };
    auto vacate = [](const nlohmann::json& h) { return h["vacate_cost_yen"].get<double>(); };
    const double keep = cost(e["elementary_school"]) + cost(j["junior_high_school"]);
    const double both_at_j = (cost(j["elementary_school"]) + cost(j["junior_high_school"])) * (1 - sigma) + vacate(e["elementary_school"]);
    const double both_at_e = (cost(e["elementary_school"]) + cost(e["junior_high_school"])) * (1 - sigma) + vacate(j["junior_high_school"]);
    const double swap = cost(j["elementary_school"]) + cost(e["junior_high_school"]) + vacate(e["elementary_school"]) + vacate(j["junior_high_school"]);
    CHECK(c["objective_yen"].get<double>() == Approx(keep).epsilon(1e-12));
    CHECK(keep < both_at_j);
    CHECK(keep < both_at_e);
    CHECK(keep < swap);
    // Per m², kept school space is cheaper than new school space.
    CHECK(cost(e["elementary_school"]) / e["elementary_school"]["area_m2"].get<double>() <
          cost(j["elementary_school"]) / j["elementary_school"]["area_m2"].get<double>());
    check_instance("consolidate", "tools/verify_consolidation.py", dir + "/i.json", dir + "/c.json", dir + "/ci.json");
}

BOTH_BACKENDS_TEST_CASE("level --instance-out: the instance rebuilt and solved by HiGHS gives the same optimum, and --instance solves it without a database", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("level-instance");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + fixture("e2e/inventory_cp932.csv")).exit_code == 0);
    auto r = shisetsu("--quiet level " + db + " --start-year 2026 --horizon 40 --budget 50000000 --json " + dir + "/l.json --instance-out " +
                      dir + "/i.json");
    REQUIRE(r.exit_code == 0);
    auto in = e2e::read_json(dir + "/i.json");
    auto l = e2e::read_json(dir + "/l.json");
    CHECK(in["model"] == "levelling");
    CHECK(in["mode"] == "budget");
    REQUIRE(in["budget_by_year_yen"].size() == 40);
    CHECK(in["budget_by_year_yen"][0].get<double>() == 5e7);
    CHECK(in["events"].size() == l["events"].size());
    check_instance("level", "tools/verify_levelling.py", dir + "/i.json", dir + "/l.json", dir + "/l2.json");
    // Without a database or an instance: a usage error.
    CHECK(shisetsu("--quiet level").exit_code == 2);
    CHECK(shisetsu("--quiet consolidate --config " + fixture("optimize/plan_small.json")).exit_code == 2);
}

BOTH_BACKENDS_TEST_CASE("consolidate: every problem of a plan file in one run, named by its JSON path, nothing computed", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("consolidate-plan-errors");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("--quiet import " + db + " facilities " + fixture("optimize/pv/facilities.csv")).exit_code == 0);
    auto r = shisetsu("--quiet --lang en consolidate " + db + " --config " + fixture("optimize/plan_errors.json"));
    CHECK(r.exit_code == 1);
    INFO(r.err);
    for (const char* path : {"/horizn", "/services/0/coverage_target", "/services/1", "/sigma", "/close_empty_sites", "/incompatible/0",
                             "/services/2/coverage_target", "/pin/0/0", "/pin/1/1", "/pin/2"})
        CHECK(r.err.find(std::string("plan_errors.json:") + path + ":") != std::string::npos);
    CHECK(r.err.find("11 problems") != std::string::npos);  // and "a" is no service of the project
    CHECK(r.err.find("out of range 1.5") != std::string::npos);
    CHECK(r.err.find("unknown facility or site id: \"F9\"") != std::string::npos);  // a pin names an unknown site
    CHECK(r.err.find("did you mean current?") != std::string::npos);
}

TEST_CASE("solving a broken instance file is bad input naming the file and the entry", "[e2e][optimize]") {
    auto r = shisetsu("--quiet --lang en consolidate --instance " + fixture("optimize/instance_errors_b.json"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("instance_errors_b.json:/distances/1: unknown demand point: D2") != std::string::npos);
    r = shisetsu("--quiet --lang en level --instance " + fixture("optimize/instance_errors_a.json"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("instance_errors_a.json:/events/1:") != std::string::npos);
    CHECK(r.err.find("'kind'") != std::string::npos);
}

TEST_CASE("the demo's consolidation: no service covers fewer residents, and its instance solved again gives the same optimum", "[e2e][optimize]") {
    auto dir = e2e::temp_dir("demo-consolidation");
    auto r = shisetsu("--quiet demo --out " + dir + "/demo");
    REQUIRE(r.exit_code == 0);
    auto c = e2e::read_json(dir + "/demo/consolidation.json");
    CHECK(c["status"] == "optimal");
    REQUIRE(c["services"].size() == 4);
    for (const auto& s : c["services"]) {
        INFO(s["key"]);
        CHECK(s["coverage_target_current"] == true);
        CHECK(s["after"]["coverage"].get<double>() >= s["before"]["coverage"].get<double>() - 1e-12);
    }
    auto l = e2e::read_json(dir + "/demo/levelling.json");
    CHECK(l["stages"].size() == 2);
    CHECK(l["max_overrun_yen"].get<double>() > 0.0);
    // HiGHS on the instance file (its own model, no aggregation) and shisetsu from the file alone.
    check_instance("consolidate", "tools/verify_consolidation.py", dir + "/demo/consolidation-instance.json", dir + "/demo/consolidation.json",
                   dir + "/again.json");
}
