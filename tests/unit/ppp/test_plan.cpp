// Projects from a plan: a consolidation result written by hand (the names
// optimization.md's result uses) and a lifecycle run.
#include "ppp/projects.hpp"

#include "core/errors.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;
using namespace shisetsu::ppp;
using json = nlohmann::json;

TEST_CASE("consolidation plan: new complexes, new sites and conversions with works", "[ppp]") {
    const PlanRules rules = load_plan_rules();
    const Parameters base = load_defaults().parameters;
    json doc = json::parse(R"J({"sites": [
      {"id": "S1", "name": "旧小学校", "action": "keep", "services_after": ["community_hall"],
       "floor_area_after_m2": 3000, "construction_cost_yen": 0, "annual_om_yen": 2e7},
      {"id": "S2", "name": "児童館", "action": "close", "services_after": [], "floor_area_after_m2": 0,
       "construction_cost_yen": 0, "annual_om_yen": 0},
      {"id": "C1", "name": "蒲田複合施設", "action": "new_complex", "services_after": ["library", "children_centre"],
       "floor_area_after_m2": 4000, "construction_cost_yen": 1.6e9, "annual_om_yen": 6e7},
      {"id": "C2", "name": "新設図書館", "action": "new", "services_after": ["library"],
       "floor_area_after_m2": 1500, "construction_cost_yen": 6e8},
      {"id": "S3", "name": "用途転換 (改修あり)", "action": "convert", "services_after": ["elderly_centre"],
       "floor_area_after_m2": 800, "construction_cost_yen": 2e8, "annual_om_yen": 1e7},
      {"id": "S4", "name": "用途転換 (改修なし)", "action": "convert", "services_after": ["elderly_centre"],
       "floor_area_after_m2": 500, "construction_cost_yen": 0, "annual_om_yen": 5e6},
      {"id": "S5", "name": "既存施設への複合化 (工事なし)", "action": "new_complex", "services_after": ["library", "nursery"],
       "floor_area_after_m2": 900, "construction_cost_yen": 0, "annual_om_yen": 9e6}]})J");
    ProjectSet set = projects_from_consolidation(doc, 7, rules, base);
    REQUIRE(set.projects.size() == 3);
    CHECK(set.plan["kind"] == "consolidation");
    CHECK(set.plan["run_id"] == 7);
    CHECK(set.plan["sites_without_works"] == 2);  // S4, S5: no construction cost
    const Project& c1 = set.projects[0].project;
    CHECK(c1.id == "C1");
    CHECK(c1.type == "new_complex");
    CHECK(c1.construction_cost_yen == 1.6e9);
    CHECK(c1.annual_om_yen == 6e7);
    CHECK(set.projects[0].origin["services_after"] == json::array({"library", "children_centre"}));
    // No annual_om_yen in the plan: floor area × the per-m² default (10,000 yen/m²·yr).
    const Project& c2 = set.projects[1].project;
    CHECK(c2.type == "new");
    CHECK(c2.annual_om_yen == 1500.0 * rules.om_yen_per_m2);
    CHECK(set.projects[1].origin["om_basis"] == "per_m2_default");
    CHECK(set.projects[2].project.type == "convert");
    CHECK(set.projects[2].project.construction_cost_yen == 2e8);

    SECTION("a new site without its cost is an error naming the site and field") {
        doc["sites"][3].erase("construction_cost_yen");
        doc["sites"][3].erase("floor_area_after_m2");
        try {
            projects_from_consolidation(doc, 7, rules, base);
            FAIL("no error");
        } catch (const InputError& e) {
            REQUIRE(e.problems().size() == 2);
            CHECK(e.problems()[0].column == "/sites/3/construction_cost_yen");
            CHECK(e.problems()[0].message.find("新設図書館") != std::string::npos);
            CHECK(e.problems()[1].column == "/sites/3/annual_om_yen");
        }
    }
    SECTION("no sites") {
        CHECK_THROWS_AS(projects_from_consolidation(json::object(), 7, rules, base), InputError);
    }
}

TEST_CASE("lifecycle run: a facility's rebuilds and renovations due close together are one project", "[ppp]") {
    PlanRules rules = load_plan_rules();
    rules.lifecycle_window_years = 10;
    rules.group_window_years = 5;
    const Parameters base = load_defaults().parameters;
    std::vector<Facility> facilities(2);
    facilities[0].facility_id = "F1";
    facilities[0].name = "第一小学校";
    facilities[0].operating_cost_yen = 1e8;
    facilities[0].revenue_yen = 2e6;
    facilities[1].facility_id = "F2";
    facilities[1].name = "集会所";  // no O&M figure: per-m² default
    auto building = [](const char* id, const char* facility, double area) {
        Building b;
        b.building_id = id;
        b.facility_id = facility;
        b.floor_area_m2 = area;
        return b;
    };
    std::vector<Building> buildings{building("B1", "F1", 6000), building("B2", "F1", 3000),
                                    building("B3", "F1", 1000), building("B4", "F2", 400)};
    StoredLifecycle run;
    run.run_id = 3;
    run.strategy = "standard";
    run.start_year = 2026;
    run.horizon = 40;
    run.events = {
        {"B1", "standard", "rebuild", 2020, 1.98e9, 3, "backlog"},     // overdue: due now (2026)
        {"B1", "standard", "renovation", 2000, 0.0, 2, "done"},        // done: not a project
        {"B2", "standard", "rebuild", 2029, 9.9e8, 3, "scheduled"},    // 2029 < 2026 + 5: same project
        {"B3", "standard", "rebuild", 2031, 3.3e8, 3, "scheduled"},    // 2031: a second project
        {"B3", "standard", "renovation", 2033, 1.7e8, 2, "scheduled"}, // another kind of work
        {"B3", "standard", "rebuild", 2040, 3.3e8, 3, "scheduled"},    // after the screened years
        {"B4", "standard", "renovation", 2027, 1e8, 2, "scheduled"},
        {"B4", "standard", "demolition", 2028, 1.2e7, 1, "scheduled"}, // not a kind screened
    };
    ProjectSet set = projects_from_lifecycle(run, facilities, buildings, rules, load_schemes(), base);
    REQUIRE(set.projects.size() == 4);
    CHECK(set.plan["screened_years"] == json::array({2026, 2035}));
    // F1 rebuild 2026–2029: B1 + B2 = 2.97e9; 9,000 of 10,000 m² → O 0.9·1e8, U 0.9·2e6.
    const auto& a = set.projects[0];
    CHECK(a.project.id == "F1:rebuild:2026");
    CHECK(a.project.type == "rebuild");
    CHECK(a.project.construction_cost_yen == Approx(2.97e9));
    CHECK(a.project.annual_om_yen == Approx(9e7));
    CHECK(a.project.annual_fee_income_yen == Approx(1.8e6));
    CHECK(a.origin["building_ids"] == json::array({"B1", "B2"}));
    CHECK(a.origin["first_year"] == 2026);
    CHECK(a.origin["last_year"] == 2029);
    CHECK(a.project.name.find("第一小学校") == 0);
    // F1 rebuild 2031: B3 alone, 1,000 m² → O 1e7.
    CHECK(set.projects[1].project.id == "F1:rebuild:2031");
    CHECK(set.projects[1].project.construction_cost_yen == Approx(3.3e8));
    CHECK(set.projects[1].project.annual_om_yen == Approx(1e7));
    // F1 renovation 2033.
    CHECK(set.projects[2].project.id == "F1:renovation:2033");
    CHECK(set.projects[2].project.type == "renovation");
    // F2: no O&M in the inventory → 400 m² × 10,000 yen.
    CHECK(set.projects[3].project.id == "F2:renovation:2027");
    CHECK(set.projects[3].project.annual_om_yen == Approx(400.0 * rules.om_yen_per_m2));
    CHECK(set.projects[3].origin["om_basis"] == "per_m2_default");
}
