// Parameters and scenario files (lifecycle.md "Default unit costs",
// "Strategies"; data/lifecycle/README.md).
#include "helpers.hpp"

#include "core/lang.hpp"
#include "core/years.hpp"

#include <cstdlib>

#include "core/errors.hpp"

using namespace lc_test;

TEST_CASE("defaults are the tables of lifecycle.md", "[lifecycle][scenario]") {
    const Scenario s = load_defaults();
    REQUIRE(s.categories.size() == 13);
    const CategoryCost* school = s.find_category("school");
    REQUIRE(school);
    CHECK(school->name_ja == "学校教育系施設");
    CHECK(school->rebuild_yen_per_m2 == 330000);
    CHECK(school->renovation_yen_per_m2 == 170000);
    CHECK(s.find_category("sports_recreation")->rebuild_yen_per_m2 == 360000);
    CHECK(s.find_category("public_housing")->rebuild_yen_per_m2 == 280000);
    CHECK(s.find_category("civic_culture")->renovation_yen_per_m2 == 250000);

    const Strategy* standard = s.find_strategy("standard");
    REQUIRE(standard);
    REQUIRE(standard->events.size() == 2);
    CHECK(standard->events[0].age_years == 30);
    CHECK(standard->events[0].unit_cost_yen_per_m2(*school) == 170000);
    CHECK(standard->events[0].spread_years == 2);
    CHECK(standard->events[1].age_years == 60);
    CHECK(standard->events[1].spread_years == 3);
    CHECK_FALSE(standard->requires_eligibility);
    const Strategy* le = s.find_strategy("life_extension");
    REQUIRE(le);
    REQUIRE(le->events.size() == 4);
    CHECK(le->events[1].kind == "life_extension");
    CHECK(le->events[1].unit_cost_yen_per_m2(*school) == Approx(0.6 * 330000));
    CHECK(le->cycle_years() == 80);
    CHECK(le->requires_eligibility);
    CHECK(le->fallback == "standard");

    CHECK(s.horizon_years == 40);
    CHECK(s.backlog_years == 10);
    CHECK(s.done_window_years == 10);
    CHECK(s.demolition_yen_per_m2 == 30000);
    CHECK(s.eligible_structures == std::vector<std::string>{"RC", "SRC", "S"});
    CHECK(s.min_concrete_strength == 13.5);
    CHECK_FALSE(s.budget_yen);
    CHECK(s.find_infra("sewer_pipe")->method_unit_cost_yen.at("rehabilitation") == 134000);
    CHECK_FALSE(s.find_infra("water_pipe")->unit_cost_yen);
    CHECK(s.sources.size() >= 4);
    set_language(Lang::ja);
    CHECK(s.kind_label("renovation") == "大規模改修");
    CHECK(s.kind_label("rebuild") == "建替え");
    CHECK(s.kind_label("repair") == "大規模改造");
    CHECK(s.kind_label("life_extension") == "長寿命化改修");
}

TEST_CASE("category names map to keys", "[lifecycle][scenario]") {
    CHECK(category_key("school") == "school");
    CHECK(category_key("学校教育系施設") == "school");
    CHECK(category_key("学校教育系") == "school");                              // without 施設
    CHECK(category_key("ＳＣＨＯＯＬ") == "school");                            // full-width
    CHECK(category_key(" Social_Education ") == "social_education");
    CHECK(category_key("ｽﾎﾟｰﾂ･ﾚｸﾘｴｰｼｮﾝ系施設") == "sports_recreation");         // half-width kana
    CHECK(category_key("スポーツ・レクリエーション系") == "sports_recreation");
    CHECK(category_key("保健・福祉施設") == "health_welfare");
    CHECK(category_key("保健福祉") == "health_welfare");
    CHECK(category_key("公営住宅") == "public_housing");
    CHECK(category_key("公営住宅施設") == "public_housing");
    CHECK(category_key("子育て支援") == "childcare");
    CHECK(category_key("その他") == "other");
    CHECK(category_key("供給処理施設") == "supply_processing");
    CHECK_FALSE(category_key("病院"));
    CHECK_FALSE(category_key(""));
    CHECK_FALSE(category_key("施設"));
    const std::string accepted = accepted_categories();
    CHECK(accepted.find("school (学校教育系施設)") != std::string::npos);
    CHECK(accepted.find("other (その他)") != std::string::npos);
}

TEST_CASE("load_scenario: named strategies and command-line values", "[lifecycle][scenario]") {
    const Scenario s = load_scenario("life_extension", 2030, 30, 5e9);
    CHECK(s.strategy == "life_extension");
    CHECK(s.start_year == 2030);
    CHECK(s.horizon_years == 30);
    CHECK(s.budget_yen == 5e9);
    CHECK(s.scenario_file.empty());
    CHECK_THROWS_AS(load_scenario("fancy", 2026), InputError);
    CHECK_THROWS_AS(load_scenario("standard", 2026, 0), InputError);
    CHECK_THROWS_AS(load_scenario("standard", 2026, {}, -1.0), InputError);
}

TEST_CASE("default start year is the current fiscal year", "[lifecycle][scenario]") {
    const Scenario s = load_scenario("standard");
    CHECK(s.start_year == current_fiscal_year());
}

TEST_CASE("a custom strategy from a JSON file", "[lifecycle][scenario]") {
    // short_cycle: renovation at 20 (0.5 M), rebuild at 50 (R, spread 2).
    // School, A = 100, b = 2000, Y0 = 2026: renovation 2020 overdue; the
    // next event costing ≥ 0.5 M is the rebuild 2050 ≥ 2036 → backlog:
    // 0.5 × 170,000 × 100 = 8,500,000 → 850,000 a year 2026 … 2035.
    // Rebuild 2050: 330,000 × 100 = 33,000,000, 16,500,000 in 2050 and 2051.
    // Next cycle base 2050: renovation 2070 past 2065. Total 41,500,000.
    const Scenario s = load_scenario(fixture("short_cycle_strategy.json"), 2026);
    CHECK(s.strategy == "short_cycle");
    CHECK(s.scenario_file == fixture("short_cycle_strategy.json"));
    REQUIRE(s.find_strategy("short_cycle"));
    CHECK(s.find_strategy("standard"));  // the defaults stay available
    const auto p = run({building("B", 2000, 100)}, s);
    CHECK(describe(p) == std::vector<std::string>{"renovation@2020:backlog", "rebuild@2050:scheduled"});
    CHECK(year_backlog(p, 2026) == Approx(850000));
    CHECK(year_total(p, 2050) == Approx(16.5e6));
    CHECK(year_total(p, 2051) == Approx(16.5e6));
    CHECK(p.horizon_total_yen == Approx(41.5e6));
}

TEST_CASE("the shipped example strategy loads", "[lifecycle][scenario]") {
    const Scenario s = load_scenario(std::string(SHISETSU_SOURCE_DIR) + "/data/lifecycle/example_custom_strategy.json", 2026);
    const Strategy* chosen = s.find_strategy(s.strategy);
    REQUIRE(chosen);
    CHECK(chosen->events.back().kind == "rebuild");
}

TEST_CASE("a scenario file overrides the defaults", "[lifecycle][scenario]") {
    const Scenario s = load_scenario(fixture("scenario_override.json"));
    CHECK(s.strategy == "life_extension");
    CHECK(s.start_year == 2030);
    CHECK(s.horizon_years == 20);
    CHECK(s.backlog_years == 5);
    CHECK(s.done_window_years == 5);
    CHECK(s.demolition_yen_per_m2 == 40000);
    CHECK(s.eligible_structures == std::vector<std::string>{"RC"});
    CHECK(s.min_concrete_strength == 18);
    CHECK(s.budget_yen == 1e9);
    CHECK(s.find_category("school")->rebuild_yen_per_m2 == 400000);
    CHECK(s.find_category("school")->renovation_yen_per_m2 == 200000);  // named by 大分類
    CHECK(s.find_category("park")->rebuild_yen_per_m2 == 330000);       // untouched
    CHECK(s.find_infra("water_pipe")->unit_cost_yen == 90000);
    REQUIRE(s.find_strategy("painted"));
    CHECK(s.kind_label("painting") == "外壁塗装");
    // Command-line values win over the file.
    const Scenario cli = load_scenario(fixture("scenario_override.json"), 2027, 40, 2e9);
    CHECK(cli.start_year == 2027);
    CHECK(cli.horizon_years == 40);
    CHECK(cli.budget_yen == 2e9);
    // The override feeds the projection: a school aged 61 at Y0 = 2030,
    // life extension at R = 400,000, A = 100: the 40-year renovation
    // (0.6 × 400,000 × 100 = 24,000,000) is backlog over 5 years.
    const auto p = run({building("B", 1969, 100)}, s);
    CHECK(describe(p)[1] == "life_extension@2009:backlog");
    CHECK(year_backlog(p, 2030) == Approx(4.8e6));
    CHECK(year_backlog(p, 2035) == Approx(0.0));
}

namespace {

// The single problem of a bad file: its column (the key) and its file.
InputProblem problem_of(const std::string& name, const std::string& content) {
    const std::string path = temp_file(name, content);
    try {
        load_scenario(path, 2026);
    } catch (const InputError& e) {
        REQUIRE_FALSE(e.problems().empty());
        CHECK(e.problems()[0].file == path);
        return e.problems()[0];
    }
    FAIL("expected InputError for " << name);
    return {};
}

} // namespace

TEST_CASE("bad scenario and strategy files name the file and the key", "[lifecycle][scenario]") {
    CHECK(problem_of("unknown_key.json", R"({"horizn": 40})").column == "horizn");
    CHECK(problem_of("wrong_type.json", R"({"horizon": "forty"})").column == "horizon");
    CHECK(problem_of("fraction.json", R"({"backlog_years": 2.5})").column == "backlog_years");
    CHECK(problem_of("budget.json", R"({"budget_yen": 0})").column == "budget_yen");
    CHECK(problem_of("structures.json", R"({"eligible_structures": "RC"})").column == "eligible_structures");
    CHECK(problem_of("category.json", R"({"unit_costs": {"hospital": {"rebuild_yen_per_m2": 1}}})").column ==
          "unit_costs.hospital");
    CHECK(problem_of("unit_key.json", R"({"unit_costs": {"school": {"rebuild": 1}}})").column ==
          "unit_costs.school.rebuild");
    CHECK(problem_of("no_rebuild.json", R"({"events": [
        {"kind": "renovation", "age": 30, "cost_basis": "renovation", "spread": 2},
        {"kind": "repair", "age": 60, "cost_basis": "rebuild", "spread": 1}]})")
              .column == "events[1].kind");
    CHECK(problem_of("zero_spread.json", R"({"events": [
        {"kind": "renovation", "age": 30, "cost_basis": "renovation", "spread": 0},
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild", "spread": 3}]})")
              .column == "events[0].spread");
    CHECK(problem_of("negative_spread.json", R"({"events": [
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild", "spread": -1}]})")
              .column == "events[0].spread");
    CHECK(problem_of("ages.json", R"({"events": [
        {"kind": "renovation", "age": 40, "cost_basis": "renovation"},
        {"kind": "repair", "age": 30, "cost_basis": "renovation"},
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild"}]})")
              .column == "events[1].age");
    CHECK(problem_of("basis.json", R"({"events": [
        {"kind": "rebuild", "age": 60, "cost_basis": "land"}]})")
              .column == "events[0].cost_basis");
    CHECK(problem_of("early_rebuild.json", R"({"events": [
        {"kind": "rebuild", "age": 30, "cost_basis": "rebuild"},
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild"}]})")
              .column == "events[0].kind");
    CHECK(problem_of("event_key.json", R"({"events": [
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild", "years": 3}]})")
              .column == "events[0].years");
    CHECK(problem_of("empty_events.json", R"({"events": []})").column == "events");
    CHECK(problem_of("fallback.json", R"({"events": [
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild"}], "requires_eligibility": true, "fallback": "nothing"})")
              .column == "strategies.custom.fallback");
    CHECK(problem_of("strategy_name.json", R"({"strategy": "nothing"})").column == "strategy");
    CHECK(problem_of("list_spread.json", R"({"strategies": [{"key": "x", "events": [
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild", "spread": 0}]}]})")
              .column == "strategies[0].events[0].spread");
    CHECK(problem_of("reserved.json", R"({"key": "none", "events": [
        {"kind": "rebuild", "age": 60, "cost_basis": "rebuild"}]})")
              .column == "key");
    CHECK(problem_of("syntax.json", R"({"horizon": 40,,})").column.empty());
    CHECK(problem_of("array.json", R"([1, 2])").column == "(file)");
    // Every problem of the file is reported, not only the first.
    try {
        load_scenario(temp_file("two.json", R"({"horizon": -1, "colour": "red"})"), 2026);
        FAIL("expected InputError");
    } catch (const InputError& e) {
        CHECK(e.problems().size() == 2);
    }
    CHECK_THROWS_AS(load_scenario("/nonexistent/dir/scenario.json", 2026), InputError);
}

TEST_CASE("a broken data file is an error naming that file", "[lifecycle][scenario]") {
    // A copy of data/ whose strategies.json has a standard cycle ending in a
    // renovation.
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "shisetsu_lifecycle_tests" / "data";
    fs::remove_all(dir);
    fs::create_directories(dir / "lifecycle");
    for (const char* f : {"unit_costs.json", "infrastructure.json", "scenario_defaults.json"})
        fs::copy_file(fs::path(SHISETSU_SOURCE_DIR) / "data" / "lifecycle" / f, dir / "lifecycle" / f);
    std::ofstream(dir / "lifecycle" / "strategies.json") << R"({"strategies": [{"key": "standard", "events": [
        {"kind": "rebuild", "age": 30, "cost_basis": "rebuild"},
        {"kind": "renovation", "age": 60, "cost_basis": "renovation"}]}]})";
    const char* before = std::getenv("SHISETSU_DATA");
    const std::string saved = before ? before : "";
    ::setenv("SHISETSU_DATA", dir.string().c_str(), 1);
    try {
        load_defaults();
        FAIL("expected InputError");
    } catch (const InputError& e) {
        CHECK(e.problems()[0].file == (dir / "lifecycle" / "strategies.json").string());
        CHECK(e.problems()[0].column == "strategies[0].events[0].kind");
    }
    if (before) ::setenv("SHISETSU_DATA", saved.c_str(), 1); else ::unsetenv("SHISETSU_DATA");
    CHECK_NOTHROW(load_defaults());
}
