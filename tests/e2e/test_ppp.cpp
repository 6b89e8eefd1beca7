// End to end: `shisetsu ppp --projects FILE` without a database and
// `shisetsu ppp DB` over a lifecycle run and a consolidation plan. Zero rates
// make every present value a plain sum, worked out by hand below.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <stdexcept>

using e2e::shisetsu;
using json = nlohmann::json;

namespace {

const json& by_name(const json& doc, const std::string& name) {
    for (const auto& p : doc.at("projects"))
        if (p.at("name") == name) return p;
    throw std::runtime_error("no project " + name);
}

} // namespace

TEST_CASE("ppp --projects: a file without a database, every number by hand") {
    std::string dir = e2e::temp_dir("ppp_file");
    // --all: the library below every threshold is screened too.
    auto r = shisetsu("ppp --all --projects " + e2e::fixture("ppp/projects.json") + " --json " + dir + "/ppp.json --csv " + dir +
                      "/ppp.csv");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("PPP/PFI") != std::string::npos);
    CHECK(r.out.find("感度分析") != std::string::npos);  // two projects: details shown
    json doc = e2e::read_json(dir + "/ppp.json");
    REQUIRE(doc.at("projects").size() == 2);

    // 市民体育館: C 1e9, O 1e8, defaults with zero rates.
    // PSC = 0.25·1e9 + 0.75·1e9 + 1e8·15 = 2.5e9.
    // PFI = 3e7 + (0.9·1e9 + 3e7) + 15·(0.9·1e8·1.05 + 1e7·1.05 + 5e6) = 2.61e9.
    const json& g = by_name(doc, "市民体育館");
    CHECK(g.at("psc_yen").get<double>() == Approx(2.5e9));
    CHECK(g.at("pfi_lcc_yen").get<double>() == Approx(2.61e9));
    CHECK(g.at("vfm_yen").get<double>() == Approx(-1.1e8));
    CHECK(g.at("vfm_percent").get<double>() == Approx(-4.4));
    CHECK(g.at("priority") == true);
    CHECK(g.at("priority_reasons") == json::array({"total_project_cost", "annual_operating_cost"}));

    // 図書館: C 4e8, O 2e7, U 1e7, g 0.5, T 10 → B = 2e8.
    // PSC = 2e8 + (2e7 − 1e7)·10 = 3e8.
    // PFI = 3e7 + (0.9·2e8 + 3e7) + 10·(0.9·2e7·1.05 + 1e7·1.05 + 5e6 − 1e7)
    //     = 2.4e8 + 10·2.44e7 = 4.84e8; VFM = −1.84e8 = −61.33 %.
    // C + O·T = 6e8 < 10億, O = 2千万 < 1億: not subject.
    const json& l = by_name(doc, "図書館");
    CHECK(l.at("psc_yen").get<double>() == Approx(3e8));
    CHECK(l.at("pfi_lcc_yen").get<double>() == Approx(4.84e8));
    CHECK(l.at("vfm_percent").get<double>() == Approx(-61.333333));
    CHECK(l.at("priority") == false);
    CHECK(l.at("priority_reasons").empty());
    // Yearly payments from year 1: Tc + n_b = 22 years; year 1 cash
    // 0.25·2e8/2 = 2.5e7; year 3 bond 0.75·2e8/20 = 7.5e6 + (O − U) 1e7;
    // year 13 (after the 10 operation years) bond only.
    const json& psc = l.at("cashflows").at("psc");
    REQUIRE(psc.size() == 22);
    CHECK(psc[0].get<double>() == Approx(2.5e7));
    CHECK(psc[2].get<double>() == Approx(1.75e7));
    CHECK(psc[12].get<double>() == Approx(7.5e6));
    CHECK(l.at("cashflows").at("pfi").size() == 22);
    // Every parameter used is written, with the project's own values.
    CHECK(l.at("parameters").at("subsidy_share") == 0.5);
    CHECK(l.at("parameters").at("operation_years") == 10);
    CHECK(l.at("parameters").at("discount_rate") == 0.0);
    CHECK(l.at("parameters").at("bond_share") == 0.75);
    CHECK(l.at("parameters").size() == doc.at("parameter_table").size());
    // Sensitivity: 4 construction savings × 3 discount rates.
    CHECK(l.at("sensitivity").at("vfm_percent").size() == 4);
    CHECK(l.at("sensitivity").at("vfm_percent")[0].size() == 3);
    CHECK_FALSE(l.at("schemes").empty());
    // The CSV has one row per project, delivery, line and year.
    std::string csv = e2e::read_file(dir + "/ppp.csv");
    CHECK(csv.rfind("project_id,name,delivery,line,year,yen\n", 0) == 0);
    CHECK(csv.find("\nL1,図書館,psc,bond_repayment,3,7500000") != std::string::npos);

    SECTION("without --all, a project below every threshold is listed, not screened (ppp.md \"Which projects\")") {
        auto gated = shisetsu("ppp --projects " + e2e::fixture("ppp/projects.json") + " --json " + dir + "/gated.json");
        REQUIRE(gated.exit_code == 0);
        json d = e2e::read_json(dir + "/gated.json");
        const json& lib = by_name(d, "図書館");
        CHECK(lib.at("screened") == false);
        CHECK_FALSE(lib.contains("psc_yen"));
        CHECK_FALSE(lib.contains("vfm_yen"));
        CHECK(lib.at("total_project_cost_yen").get<double>() == Approx(6e8));  // its cost and reason stay
        CHECK(by_name(d, "市民体育館").at("screened") == true);
        CHECK(d.at("summary").at("screened") == 1);
        CHECK_FALSE(d.at("summary").contains("vfm_total_yen"));  // no sums of VFM
        CHECK(gated.out.find("対象外: 基準未満") != std::string::npos);
        CHECK(gated.out.find("図書館  事業費総額 6.0 億円") != std::string::npos);
    }

    SECTION("English") {
        auto en = shisetsu("--lang en ppp --all --projects " + e2e::fixture("ppp/projects.json"));
        CHECK(en.exit_code == 0);
        CHECK(en.out.find("PPP/PFI screening") != std::string::npos);
        CHECK(en.out.find("Sensitivity") != std::string::npos);
    }
}

TEST_CASE("ppp: bad input names the project and the field (exit 1), usage errors exit 2") {
    auto r = shisetsu("ppp --projects " + e2e::fixture("ppp/bad_projects.json"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("/parameters/discount_rate") != std::string::npos);
    CHECK(r.err.find("/parameters/discout") != std::string::npos);
    CHECK(r.err.find("/projects/0/construction_cost_yen") != std::string::npos);
    CHECK(r.err.find("市民体育館") != std::string::npos);  // the project named in its message
    CHECK(r.err.find("/projects/1/annual_om_yen") != std::string::npos);
    CHECK(r.out.empty());
    CHECK(shisetsu("ppp").exit_code == 2);
    auto help = shisetsu("ppp --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--projects") != std::string::npos);
}

BOTH_BACKENDS_TEST_CASE("ppp DB: the lifecycle run's rebuilds and renovations, then a consolidation plan", "") {
    std::string dir = e2e::temp_dir("ppp_db");
    std::string db = e2e::project_db(backend, dir);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    REQUIRE(shisetsu("import " + db + " facilities " + e2e::fixture("e2e/inventory_cp932.csv")).exit_code == 0);
    REQUIRE(shisetsu("lifecycle " + db + " --strategy standard --start-year 2026 --json " + dir + "/lc.json").exit_code == 0);
    long long lifecycle_run = e2e::read_json(dir + "/lc.json").at("run_id").get<long long>();
    std::string zero = " --parameters " + e2e::fixture("ppp/zero_rates.json");

    // No plan yet → a plain error.
    REQUIRE(shisetsu("ppp " + db + " --plan 999").exit_code == 1);

    auto r = shisetsu("ppp " + db + zero + " --all --json " + dir + "/ppp.json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    json doc = e2e::read_json(dir + "/ppp.json");
    CHECK(doc.at("plan").at("kind") == "lifecycle");
    CHECK(doc.at("plan").at("run_id") == lifecycle_run);
    // The lifecycle e2e test works out the standard events from 2026: within
    // the screened 2026–2035, F1's overdue renovation 1.7e8 (backlog), F2's
    // renovation 5e8 (2026) and F3's overdue rebuild 2e8 (backlog). No O&M
    // in the file: 10,000 yen/m²·yr × 1,000 / 2,000 / 500 m².
    REQUIRE(doc.at("projects").size() == 3);
    const auto& p = doc.at("projects");
    CHECK(p[0].at("id") == "F1:renovation:2026");
    CHECK(p[0].at("construction_cost_yen").get<double>() == Approx(1.7e8));
    CHECK(p[0].at("annual_om_yen").get<double>() == Approx(1e7));
    CHECK(p[1].at("id") == "F2:renovation:2026");
    CHECK(p[1].at("construction_cost_yen").get<double>() == Approx(5e8));
    CHECK(p[2].at("id") == "F3:rebuild:2026");
    CHECK(p[2].at("type") == "rebuild");
    // F3 rebuild, zero rates: PSC = 2e8 + 5e6·15 = 2.75e8;
    // PFI = 3e7 + (1.8e8 + 3e7) + 15·(0.9·5e6·1.05 + 1.05e7 + 5e6) = 5.43375e8.
    CHECK(p[2].at("psc_yen").get<double>() == Approx(2.75e8));
    CHECK(p[2].at("pfi_lcc_yen").get<double>() == Approx(5.43375e8));
    long long ppp_run = doc.at("run_id").get<long long>();
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM result WHERE kind = 'ppp' AND run_id = " + std::to_string(ppp_run)) == 1);

    // A plan that builds nothing: the lifecycle run's works instead, and the
    // document says so (ppp.md "Which projects").
    e2e::execute_sql(db, R"(INSERT INTO run_log(started_at, command, kind, program_version) VALUES ('2026-01-01T00:00:00Z', 'consolidate', 'consolidate', 'test');
        INSERT INTO result(run_id, kind, document) SELECT MAX(run_id), 'consolidate', '{"sites": [
          {"id": "F3", "name": "新田集会所", "action": "close", "services_after": [], "floor_area_after_m2": 0,
           "construction_cost_yen": 0, "annual_om_yen": 0}]}' FROM run_log;)");
    r = shisetsu("ppp " + db + zero + " --json " + dir + "/fallback.json");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    json fallback = e2e::read_json(dir + "/fallback.json");
    CHECK(fallback.at("plan").at("kind") == "lifecycle");
    CHECK(fallback.at("plan").at("fallback_from").at("kind") == "consolidation");
    CHECK(fallback.at("plan").at("fallback_from").at("reason") == "builds_nothing");
    CHECK(fallback.at("projects").size() == 3);
    CHECK(r.out.find("新設・複合化の事業を含まないため") != std::string::npos);
    // All three lie below 10億 total and 1億 a year: listed, none screened.
    for (const auto& p : fallback.at("projects")) CHECK(p.at("screened") == false);

    // A consolidation result as optimization.md's step writes it.
    e2e::execute_sql(db, R"(INSERT INTO run_log(started_at, command, kind, program_version) VALUES ('2026-01-01T00:00:00Z', 'consolidate', 'consolidate', 'test');
        INSERT INTO result(run_id, kind, document) SELECT MAX(run_id), 'consolidate', '{"sites": [
          {"id": "F3", "name": "新田集会所", "action": "close", "services_after": [], "floor_area_after_m2": 0,
           "construction_cost_yen": 0, "annual_om_yen": 0},
          {"id": "N1", "name": "蒲田複合施設", "action": "new_complex", "services_after": ["library", "community_hall"],
           "floor_area_after_m2": 4000, "construction_cost_yen": 1.6e9, "annual_om_yen": 6e7}]}' FROM run_log;)");
    r = shisetsu("ppp " + db + zero + " --json " + dir + "/ppp2.json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    doc = e2e::read_json(dir + "/ppp2.json");
    CHECK(doc.at("plan").at("kind") == "consolidation");
    REQUIRE(doc.at("projects").size() == 1);
    // 蒲田複合施設: PSC = 1.6e9 + 6e7·15 = 2.5e9;
    // PFI = 3e7 + (1.44e9 + 3e7) + 15·(0.9·6e7·1.05 + 1.05e7 + 5e6) = 2.583e9.
    const json& c = doc.at("projects")[0];
    CHECK(c.at("type") == "new_complex");
    CHECK(c.at("psc_yen").get<double>() == Approx(2.5e9));
    CHECK(c.at("pfi_lcc_yen").get<double>() == Approx(2.583e9));
    CHECK(c.at("priority") == true);

    // --plan picks the lifecycle run again.
    r = shisetsu("ppp " + db + " --plan " + std::to_string(lifecycle_run) + " --json " + dir + "/ppp3.json");
    REQUIRE(r.exit_code == 0);
    CHECK(e2e::read_json(dir + "/ppp3.json").at("projects").size() == 3);
    CHECK(e2e::query_number(db, "SELECT COUNT(*) FROM result WHERE kind = 'ppp'") == 4);
}

BOTH_BACKENDS_TEST_CASE("run CONFIG.json: the ppp step screens the lifecycle run's projects", "") {
    std::string dir = e2e::temp_dir("ppp_run");
    json config = {{"database", e2e::project_db(backend, dir)},
                   {"output_dir", dir},
                   {"steps",
                    {{{"step", "import"}, {"kind", "facilities"}, {"file", e2e::fixture("e2e/inventory_cp932.csv")}},
                     {{"step", "lifecycle"}, {"strategy", "standard"}, {"start_year", 2026}},
                     // A municipality below the population threshold: nothing flagged.
                     {{"step", "ppp"}, {"parameters", {{"population", 150000}, {"total_cost_threshold_yen", 1e8}}},
                      {"json", "ppp.json"}},
                     {{"step", "ppp"}, {"projects", e2e::fixture("ppp/projects.json")}, {"json", "ppp-file.json"}}}}};
    std::ofstream(dir + "/config.json") << config.dump();
    auto r = shisetsu("run " + dir + "/config.json --json " + dir + "/steps.json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // --json: each step's record, in order, with the seconds it took.
    json steps = e2e::read_json(dir + "/steps.json").at("steps");
    REQUIRE(steps.size() == 4);
    for (std::size_t k = 0; k < steps.size(); ++k) {
        CHECK(steps[k].at("step") == config["steps"][k]["step"]);
        CHECK(steps[k].at("seconds").get<double>() >= 0.0);
    }
    json doc = e2e::read_json(dir + "/ppp.json");
    REQUIRE(doc.at("projects").size() == 3);
    for (const auto& p : doc.at("projects")) {
        CHECK(p.at("priority") == false);
        CHECK(p.at("population_covered") == false);
        CHECK(p.at("parameters").at("population") == 150000);
    }
    CHECK(e2e::read_json(dir + "/ppp-file.json").at("projects").size() == 2);

    // A bad parameter in the config names the step's field.
    config["steps"][2]["parameters"] = {{"discount_rate", 0.5}};
    std::ofstream(dir + "/bad.json") << config.dump();
    auto bad = shisetsu("run " + dir + "/bad.json");
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("bad.json:/steps/2/parameters/discount_rate: ") != std::string::npos);
}
