// Budget, comparison, equivalent annual cost and the JSON/CSV/XLSX output
// (lifecycle.md "Output", "JSON shape").
#include "helpers.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "lifecycle/comparison.hpp"
#include "lifecycle/output.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <set>

using namespace lc_test;

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> keys_of(const nlohmann::json& object) {
    std::set<std::string> out;
    for (auto it = object.begin(); it != object.end(); ++it) out.insert(it.key());
    return out;
}

bool has_all(const std::set<std::string>& keys, std::initializer_list<const char*> wanted) {
    for (const char* k : wanted)
        if (!keys.count(k)) return false;
    return true;
}

} // namespace

TEST_CASE("budget ratio and gap per year", "[lifecycle][output]") {
    // Age 30 school (total 500 M, average 12.5 M a year), budget 100 M:
    // ratio 12.5 / 100 = 0.125; 2026: 85 M − 100 M = −15 M; 2030: −100 M;
    // 2056: 110 M − 100 M = +10 M.
    Scenario s = scenario();
    s.budget_yen = 100e6;
    const auto p = run({building("B", 1996)}, s);
    CHECK(*p.budget_ratio() == Approx(0.125));
    CHECK(*p.budget_gap_yen(0) == Approx(-15e6));
    CHECK(*p.budget_gap_yen(4) == Approx(-100e6));
    CHECK(*p.budget_gap_yen(30) == Approx(10e6));
    const auto j = to_json(p);
    CHECK(j["budget_yen"].get<double>() == 100e6);
    CHECK(j["budget_ratio"].get<double>() == Approx(0.125));
    CHECK(j["years"][0]["budget_gap_yen"].get<double>() == Approx(-15e6));
    // Without a budget: null, no gap.
    const auto none = run({building("B", 1996)}, scenario());
    CHECK_FALSE(none.budget_ratio());
    CHECK(to_json(none)["budget_yen"].is_null());
    CHECK_FALSE(to_json(none)["years"][0].contains("budget_gap_yen"));
}

TEST_CASE("equivalent annual cost per m² and for the stock", "[lifecycle][output]") {
    const Scenario s = scenario();
    const CategoryCost& school = *s.find_category("school");
    // standard school: (170,000 + 330,000) / 60 = 8,333.33… yen/m²/year.
    CHECK(equivalent_annual_cost_yen_per_m2(*s.find_strategy("standard"), school) == Approx(500000.0 / 60));
    // life_extension school: (0.25 + 0.6 + 0.25 + 1) × 330,000 / 80 = 8,662.5.
    CHECK(equivalent_annual_cost_yen_per_m2(*s.find_strategy("life_extension"), school) == Approx(8662.5));
    // 公営住宅 standard: (170,000 + 280,000) / 60 = 7,500.
    CHECK(equivalent_annual_cost_yen_per_m2(*s.find_strategy("standard"), *s.find_category("public_housing")) ==
          Approx(7500));

    // Stock under life_extension: an RC school of 1,000 m² follows
    // life_extension (8,662.5 × 1,000 = 8,662,500), a W school of 500 m²
    // follows standard (8,333.33… × 500 = 4,166,666.67), a closed one adds
    // nothing → 12,829,166.67.
    Building closed = building("C", 1990, 700);
    closed.status = "closed";
    const auto p = run({building("RC", 1990, 1000), building("W", 1990, 500, "school", "W"), closed},
                       scenario("life_extension"));
    CHECK(stock_equivalent_annual_cost_yen(p) == Approx(8662500.0 + 500.0 * 500000.0 / 60));
}

TEST_CASE("comparing standard and life_extension", "[lifecycle][output]") {
    // One RC school, 1,000 m², age 61 (b = 1965), Y0 = 2026:
    // standard: rebuild backlog 33 M a year 2026 … 2035, renovation 2056–57
    // → 500 M. life_extension: renovation backlog 19.8 M a year, rebuild
    // 2045–47, repair 2065 → 610.5 M. Difference (alternative − base) over
    // the horizon +110.5 M; in 2026: 19.8 − 33 = −13.2 M; in 2045: +110 M.
    // Residual values at 2066: standard, the overdue rebuild counts from
    // 2026: 330 M × (1 − 40/60) = 110 M, net 390 M; life extension, rebuilt
    // 2045: 330 M × (1 − 21/80) = 243.375 M, net 367.125 M. On the net cost
    // life extension is 22.875 M (5.865 %) less, though 110.5 M more in total.
    const auto base = run({building("B", 1965)}, scenario("standard"));
    const auto alt = run({building("B", 1965)}, scenario("life_extension"));
    const Comparison c = compare(base, alt);
    REQUIRE(c.strategies.size() == 2);
    const auto& a = c.strategies[0];
    const auto& b = c.strategies[1];
    CHECK(b.strategy == "standard");
    CHECK(a.strategy == "life_extension");
    CHECK(b.total_yen == Approx(500e6));
    CHECK(a.total_yen == Approx(610.5e6));
    CHECK(b.residual_value_yen == Approx(110e6));
    CHECK(a.residual_value_yen == Approx(243.375e6));
    CHECK(b.net_yen == Approx(390e6));
    CHECK(a.net_yen == Approx(367.125e6));
    REQUIRE(c.differences.size() == 1);
    CHECK(c.differences[0].strategy == "life_extension");
    CHECK(c.differences[0].against == "standard");
    CHECK(c.differences[0].total_yen == Approx(110.5e6));
    CHECK(c.differences[0].net_yen == Approx(-22.875e6));
    CHECK(c.differences[0].net_share == Approx(-22.875 / 390));
    REQUIRE(c.horizon == 40);
    CHECK(c.start_year == 2026);
    CHECK(a.year_yen[0] - b.year_yen[0] == Approx(-13.2e6));
    CHECK(a.year_yen[19] - b.year_yen[19] == Approx(110e6));
    // EAC: base stock 1,000 × 8,333.33…, alternative 1,000 × 8,662.5.
    CHECK(b.equivalent_annual_cost_yen == Approx(1000 * 500000.0 / 60));
    CHECK(a.equivalent_annual_cost_yen == Approx(8662500));
    CHECK(c.differences[0].eac_yen == Approx(8662500 - 1000 * 500000.0 / 60));
    const auto j = to_json(c);
    CHECK(j["strategies"][0]["eac_yen_per_m2"]["life_extension"]["school"].get<double>() == Approx(8662.5));
    CHECK(j["strategies"][0]["eac_yen_per_m2"]["standard"]["school"].get<double>() == Approx(500000.0 / 60));
    CHECK(j["strategies"][1]["eac_yen_per_m2"]["standard"]["school"].get<double>() == Approx(500000.0 / 60));
    CHECK(j["strategies"][1]["net_yen"].get<double>() == Approx(390e6));
    CHECK(j["strategies"][0]["years"][0]["total_yen"].get<double>() == Approx(19.8e6));
    CHECK(j["differences"][0]["direction"] == "less");
    CHECK(j["differences"][0]["net_difference_yen"].get<double>() == Approx(-22.875e6));
    // Different horizons cannot be compared year by year.
    Scenario short_s = scenario();
    short_s.horizon_years = 10;
    CHECK_THROWS_AS(compare(base, run({building("B", 1965)}, short_s)), InputError);
}

TEST_CASE("three strategies side by side: the first against each other", "[lifecycle][output]") {
    // The same school (b = 1965) under conventional: repair 1985 skipped,
    // rebuild 2005 backlog (33 M a year), next cycle from 2026: repair 2046
    // (82.5 M) → 412.5 M; residual 330 M × (1 − 40/40) = 0, net 412.5 M.
    const auto le = run({building("B", 1965)}, scenario("life_extension"));
    const Comparison c = compare({summarize(le), summarize(run({building("B", 1965)}, scenario("standard"))),
                                  summarize(run({building("B", 1965)}, scenario("conventional")))});
    REQUIRE(c.differences.size() == 2);
    CHECK(c.strategies[2].total_yen == Approx(412.5e6));
    CHECK(c.strategies[2].net_yen == Approx(412.5e6));
    CHECK(c.differences[1].against == "conventional");
    CHECK(c.differences[1].total_yen == Approx(610.5e6 - 412.5e6));
    CHECK(c.differences[1].net_yen == Approx(367.125e6 - 412.5e6));
    CHECK(c.strategies[2].label_ja == "従来型（40年建替え）");
}

TEST_CASE("JSON has the field names of lifecycle.md", "[lifecycle][output]") {
    Building closed = building("C", 1990);
    closed.status = "closed";
    const auto p = run({building("B-001", 1965), closed}, scenario("life_extension"));
    const auto j = to_json(p);
    CHECK(has_all(keys_of(j), {"strategy", "start_year", "horizon", "total_yen", "annual_average_yen", "budget_yen",
                               "years", "buildings"}));
    CHECK(j["strategy"] == "life_extension");
    CHECK(j["start_year"] == 2026);
    CHECK(j["horizon"] == 40);
    CHECK(j["total_yen"].is_number_float());
    CHECK(j["years"].size() == 40);
    const auto& y = j["years"][0];
    CHECK(has_all(keys_of(y), {"year", "total_yen", "backlog_yen", "by_kind", "by_category"}));
    CHECK(y["year"] == 2026);
    CHECK(y["backlog_yen"].get<double>() == Approx(19.8e6));
    CHECK(y["by_kind"]["life_extension"].get<double>() == Approx(19.8e6));
    CHECK(y["by_kind"].contains("rebuild"));
    CHECK(y["by_category"]["school"].get<double>() == Approx(19.8e6));
    const auto& b = j["buildings"][0];
    CHECK(has_all(keys_of(b), {"building_id", "strategy", "events"}));
    CHECK(b["building_id"] == "B-001");
    CHECK(b["strategy"] == "life_extension");
    const auto& e = b["events"][1];
    CHECK(has_all(keys_of(e), {"kind", "year", "cost_yen", "spread", "status"}));
    CHECK(e["kind"] == "life_extension");
    CHECK(e["year"] == 2005);
    CHECK(e["cost_yen"].get<double>() == Approx(198e6));
    CHECK(e["spread"] == 2);
    CHECK(e["status"] == "backlog");
    CHECK(e["backlog_years"] == 10);
    CHECK(e["overdue"] == true);
    CHECK(b["events"][0]["status"] == "skipped");
    CHECK(j["buildings"][1]["strategy"] == "none");
    CHECK(j["buildings"][1]["events"].empty());
    // Every status value is one of the four of the spec.
    for (const auto& building : j["buildings"])
        for (const auto& event : building["events"])
            CHECK(std::set<std::string>{"scheduled", "backlog", "done", "skipped"}.count(event["status"]) == 1);
}

TEST_CASE("CSV tables for Excel", "[lifecycle][output]") {
    set_language(Lang::ja);
    Scenario s = scenario();
    s.budget_yen = 100e6;
    const auto p = project({building("B, \"1\"", 1996)}, {}, s);
    const std::string years = temp_file("years.csv", ""), events = temp_file("events.csv", "");
    write_years_csv(p, years);
    write_events_csv(p, events);
    const std::string y = read_all(years), e = read_all(events);
    CHECK(y.rfind("\xEF\xBB\xBF", 0) == 0);  // BOM
    CHECK(y.find("年度,合計（円）,うち積み残し（円）,大規模改修（円）,建替え（円）,学校教育系施設（円）,予算（円）,"
                 "予算との差（円）\r\n") == 3);
    CHECK(y.find("\r\n2026,85000000,0,85000000,0,85000000,100000000,-15000000\r\n") != std::string::npos);
    CHECK(std::count(y.begin(), y.end(), '\n') == 41);  // header + 40 years
    CHECK(e.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(e.find("\"B, \"\"1\"\"\",建物,学校教育系施設,") != std::string::npos);  // quoted id
    CHECK(e.find("大規模改修,2026,170000000,2,予定,,170000000\r\n") != std::string::npos);
    CHECK(std::count(e.begin(), e.end(), '\n') == 3);   // header + 2 events
    // A building to be demolished follows no strategy: なし. A = 1,000 m²,
    // 2030 → 30,000 × 1,000 = 30,000,000 yen.
    Building d = building("D", 1990);
    d.status = "demolish";
    d.demolish_year = 2030;
    write_events_csv(project({d}, {}, s), events);
    CHECK(read_all(events).find("D,建物,学校教育系施設,なし,解体,2030,30000000,1,予定,,30000000\r\n") !=
          std::string::npos);

    set_language(Lang::en);
    write_years_csv(p, years);
    write_events_csv(p, events);
    CHECK(read_all(years).find("year,total_yen,backlog_yen,renovation_yen,rebuild_yen,school_yen") == 3);
    CHECK(read_all(events).find("renovation,2026,170000000,2,scheduled,,170000000") != std::string::npos);
    set_language(Lang::ja);

    const Comparison c = compare(p, run({building("X", 1996)}, scenario("life_extension")));
    const std::string cmp = temp_file("compare.csv", "");
    write_csv(c, cmp);
    CHECK(read_all(cmp).rfind("\xEF\xBB\xBF年度,", 0) == 0);
    CHECK_THROWS_AS(write_years_csv(p, "/nonexistent/dir/y.csv"), OutputError);
}

TEST_CASE("XLSX workbook", "[lifecycle][output]") {
    const auto p = project({building("B", 1965)}, {}, scenario());
    const std::string path = temp_file("lifecycle.xlsx", "");
    std::filesystem::remove(path);
    write_xlsx(p, path);
    const std::string bytes = read_all(path);
    REQUIRE(bytes.size() > 1000);
    CHECK(bytes.rfind("PK", 0) == 0);  // a zip container
    const std::string with_comparison = temp_file("lifecycle_compare.xlsx", "");
    write_xlsx(p, compare(p, run({building("B", 1965)}, scenario("life_extension"))), with_comparison);
    CHECK(read_all(with_comparison).rfind("PK", 0) == 0);
    CHECK_THROWS_AS(write_xlsx(p, "/nonexistent/dir/out.xlsx"), OutputError);
}
