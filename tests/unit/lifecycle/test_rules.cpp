// lifecycle.md "Scheduling rules", worked by hand. Unless said otherwise:
// Y0 = 2026, H = 40 (2026 … 2065), category school (R = 330,000,
// M = 170,000 yen/m²), A = 1,000 m², so under standard a renovation costs
// 170,000,000 yen (spread 2 → 85,000,000 a year) and a rebuild
// 330,000,000 yen (spread 3 → 110,000,000 a year); backlog is spread over
// 2026 … 2035 (one tenth a year).
#include "helpers.hpp"

#include "core/errors.hpp"

using namespace lc_test;

TEST_CASE("standard, age 30 at Y0: renovation scheduled in Y0 and Y0+1", "[lifecycle][rules]") {
    // b = 1996: renovation e = 2026 (not overdue), rebuild e = 2056; the next
    // cycle's renovation would be 2086, past the horizon.
    const auto p = run({building("B", 1996)}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@2026:scheduled", "rebuild@2056:scheduled"});
    CHECK(year_total(p, 2026) == Approx(85e6));
    CHECK(year_total(p, 2027) == Approx(85e6));
    CHECK(year_total(p, 2028) == Approx(0.0));
    CHECK(year_total(p, 2056) == Approx(110e6));
    CHECK(year_total(p, 2058) == Approx(110e6));
    CHECK(year_total(p, 2059) == Approx(0.0));
    CHECK(year_backlog(p, 2026) == Approx(0.0));
    CHECK(p.horizon_total_yen == Approx(500e6));          // 170 M + 330 M
    CHECK(p.annual_average_yen == Approx(500e6 / 40));    // 12.5 M
}

TEST_CASE("standard, age 31 at Y0: renovation is backlog", "[lifecycle][rules]") {
    // b = 1995: renovation e = 2025 < 2026, overdue; the next event with a
    // unit cost ≥ M is the rebuild at 2055, not before 2036 → backlog,
    // 170 M / 10 = 17 M a year in 2026 … 2035. Rebuild 2055 … 2057.
    const auto p = run({building("B", 1995)}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@2025:backlog", "rebuild@2055:scheduled"});
    for (int y = 2026; y <= 2035; ++y) {
        CHECK(year_backlog(p, y) == Approx(17e6));
        CHECK(year_total(p, y) == Approx(17e6));
    }
    CHECK(year_backlog(p, 2036) == Approx(0.0));
    CHECK(year_total(p, 2055) == Approx(110e6));
    const Event& e = p.events_of(p.buildings[0])[0];
    CHECK(e.cost_yen == Approx(170e6));  // full cost on a backlog event
    CHECK(e.spread_years == 2);          // the strategy's spread
    CHECK(e.backlog_years == 10);        // paid over the backlog period instead
    CHECK(e.in_horizon_yen == Approx(170e6));
    CHECK(p.horizon_total_yen == Approx(500e6));
}

TEST_CASE("standard, age 50 at Y0: renovation backlog, rebuild at Y0+10", "[lifecycle][rules]") {
    // b = 1976: renovation e = 2006; rebuild e = 2036 = Y0+10, which is not
    // before Y0+10 → the renovation is kept as backlog. The next cycle's
    // renovation is 2066, past 2065.
    const auto p = run({building("B", 1976)}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@2006:backlog", "rebuild@2036:scheduled"});
    CHECK(year_total(p, 2035) == Approx(17e6));
    CHECK(year_total(p, 2036) == Approx(110e6));
    CHECK(p.horizon_total_yen == Approx(500e6));
}

TEST_CASE("standard, age 51 at Y0: no renovation, rebuild at 60", "[lifecycle][rules]") {
    // b = 1975: renovation e = 2005; the rebuild e = 2035 < 2036 → the
    // renovation is skipped (cost 0). Rebuild 2035 … 2037; the next cycle's
    // renovation e = 2065 is scheduled in 2065 and 2066, and the 2066 half
    // is outside the projection: counted 85 M of its 170 M.
    const auto p = run({building("B", 1975)}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@2005:skipped", "rebuild@2035:scheduled",
                                                  "renovation@2065:scheduled"});
    const auto events = p.events_of(p.buildings[0]);
    CHECK(events[0].cost_yen == 0.0);
    CHECK(events[2].cost_yen == Approx(170e6));
    CHECK(events[2].in_horizon_yen == Approx(85e6));
    CHECK(year_backlog(p, 2026) == Approx(0.0));
    CHECK(year_total(p, 2065) == Approx(85e6));
    CHECK(p.horizon_total_yen == Approx(330e6 + 85e6));
}

TEST_CASE("standard, age 59 at Y0: rebuild at Y0+1, next cycle from the rebuild year", "[lifecycle][rules]") {
    // b = 1967: renovation 1997 skipped (rebuild 2027 < 2036); rebuild 2027
    // … 2029; second cycle base = 2027 → renovation 2057, 2058; rebuild 2087
    // past the horizon.
    const auto p = run({building("B", 1967)}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@1997:skipped", "rebuild@2027:scheduled",
                                                  "renovation@2057:scheduled"});
    CHECK(year_total(p, 2026) == Approx(0.0));
    CHECK(year_total(p, 2027) == Approx(110e6));
    CHECK(year_total(p, 2057) == Approx(85e6));
    CHECK(p.horizon_total_yen == Approx(500e6));
}

TEST_CASE("standard, age 60 at Y0: rebuild scheduled in Y0 … Y0+2", "[lifecycle][rules]") {
    // b = 1966: rebuild e = 2026 ≥ Y0, scheduled 2026, 2027, 2028; the
    // renovation of 1996 is skipped; next renovation 2056.
    const auto p = run({building("B", 1966)}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@1996:skipped", "rebuild@2026:scheduled",
                                                  "renovation@2056:scheduled"});
    CHECK(year_total(p, 2026) == Approx(110e6));
    CHECK(year_total(p, 2028) == Approx(110e6));
    CHECK(year_backlog(p, 2026) == Approx(0.0));
}

TEST_CASE("standard, age 61 at Y0: rebuild backlog, next renovation at Y0+30", "[lifecycle][rules]") {
    // b = 1965: rebuild e = 2025 overdue → always backlog, 33 M a year in
    // 2026 … 2035; the next cycle's base is Y0 = 2026 → renovation 2056.
    // The 1995 renovation is skipped (the rebuild 2025 falls before 2036).
    const auto p = run({building("B", 1965)}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@1995:skipped", "rebuild@2025:backlog",
                                                  "renovation@2056:scheduled"});
    CHECK(year_backlog(p, 2026) == Approx(33e6));
    CHECK(year_backlog(p, 2035) == Approx(33e6));
    CHECK(year_total(p, 2036) == Approx(0.0));
    CHECK(year_total(p, 2056) == Approx(85e6));
    CHECK(year_total(p, 2057) == Approx(85e6));
    CHECK(p.horizon_total_yen == Approx(500e6));
}

TEST_CASE("life_extension, age 61 without its 40-year renovation", "[lifecycle][rules]") {
    // b = 1965, RC, eligible. Events: repair 1985 (0.25 R = 82.5 M), life
    // extension 2005 (0.6 R = 198 M), repair 2025 (82.5 M), rebuild 2045
    // (330 M). The three overdue non-rebuild events: the most comprehensive
    // is the 0.6 R renovation; the next later event costing ≥ 0.6 R is the
    // rebuild at 2045 ≥ 2036 → backlog (19.8 M a year 2026 … 2035); both
    // repairs skipped. Rebuild 2045 … 2047 (110 M a year); next cycle base
    // 2045 → repair 2065 (82.5 M, spread 1); life extension 2085 past H.
    const auto p = run({building("B", 1965)}, scenario("life_extension"));
    CHECK(p.scenario.strategies[static_cast<std::size_t>(p.buildings[0].strategy)].key == "life_extension");
    CHECK(describe(p) == std::vector<std::string>{"repair@1985:skipped", "life_extension@2005:backlog",
                                                  "repair@2025:skipped", "rebuild@2045:scheduled",
                                                  "repair@2065:scheduled"});
    CHECK(year_backlog(p, 2026) == Approx(19.8e6));
    CHECK(year_total(p, 2045) == Approx(110e6));
    CHECK(year_total(p, 2065) == Approx(82.5e6));
    CHECK(p.horizon_total_yen == Approx(198e6 + 330e6 + 82.5e6));  // 610.5 M
}

TEST_CASE("life_extension: most comprehensive on a tie is the latest", "[lifecycle][rules]") {
    // b = 1960, age 66: repair 1980, life extension 2000 and repair 2020 are
    // overdue, the rebuild 2040 is not before 2036. The life extension
    // (0.6 R) is the most comprehensive → backlog; the repairs skipped.
    // With last_renovation_year 1995 (done up to 2005) the repair 1980 and
    // the life extension 2000 are done; the repair 2020 is the only overdue
    // one and kept: its next later event costing ≥ 0.25 R is the rebuild
    // 2040 ≥ 2036 → backlog. Second cycle from 2040: repair 2060.
    Building b = building("B", 1960);
    auto p = run({b}, scenario("life_extension"));
    CHECK(describe(p)[1] == "life_extension@2000:backlog");
    b.last_renovation_year = 1995;
    p = run({b}, scenario("life_extension"));
    CHECK(describe(p) == std::vector<std::string>{"repair@1980:done", "life_extension@2000:done",
                                                  "repair@2020:backlog", "rebuild@2040:scheduled",
                                                  "repair@2060:scheduled"});
    // Tie: a custom cycle with two equal renovations, both overdue; the
    // later one (2016) is kept.
    Scenario s = scenario();
    Strategy twin;
    twin.key = "twin";
    twin.events = {{"renovation", 10, CostBasis::renovation, 1.0, 1},
                   {"renovation", 20, CostBasis::renovation, 1.0, 1},
                   {"rebuild", 60, CostBasis::rebuild, 1.0, 1}};
    s.strategies.push_back(twin);
    s.strategy = "twin";
    p = run({building("T", 1996)}, s);  // renovations 2006, 2016; rebuild 2056
    CHECK(describe(p) == std::vector<std::string>{"renovation@2006:skipped", "renovation@2016:backlog",
                                                  "rebuild@2056:scheduled"});
}

TEST_CASE("rule 1: done within last_renovation_year + 10, both sides of the boundary", "[lifecycle][rules]") {
    // b = 1986, age 40: renovation e = 2016.
    Building b = building("B", 1986);
    b.last_renovation_year = 2006;  // 2016 ≤ 2006 + 10 → done, costs nothing
    auto p = run({b}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@2016:done", "rebuild@2046:scheduled"});
    CHECK(p.events_of(p.buildings[0])[0].cost_yen == 0.0);
    CHECK(p.horizon_total_yen == Approx(330e6));
    b.last_renovation_year = 2005;  // 2016 > 2015 → overdue; rebuild 2046 ≥ 2036 → backlog
    p = run({b}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@2016:backlog", "rebuild@2046:scheduled"});
    CHECK(p.horizon_total_yen == Approx(500e6));

    // A future event is done too: b = 2001, renovation e = 2031.
    Building young = building("Y", 2001);
    young.last_renovation_year = 2021;  // 2031 ≤ 2031 → done
    p = run({young}, scenario());
    CHECK(describe(p)[0] == "renovation@2031:done");
    young.last_renovation_year = 2020;  // 2031 > 2030 → scheduled in 2031, 2032
    p = run({young}, scenario());
    CHECK(describe(p)[0] == "renovation@2031:scheduled");
    CHECK(year_total(p, 2031) == Approx(85e6));
}

TEST_CASE("rule 1: a rebuild is never done", "[lifecycle][rules]") {
    // b = 1965, last renovation 2025: the 1995 renovation is done (≤ 2035),
    // but the 2025 rebuild stays backlog although 2025 ≤ 2035.
    Building b = building("B", 1965);
    b.last_renovation_year = 2025;
    const auto p = run({b}, scenario());
    CHECK(describe(p) == std::vector<std::string>{"renovation@1995:done", "rebuild@2025:backlog",
                                                  "renovation@2056:scheduled"});
    CHECK(year_backlog(p, 2026) == Approx(33e6));
}

TEST_CASE("rule 2: spread clipped at the horizon end", "[lifecycle][rules]") {
    // b = 2004, age 22: renovation 2034 (2034, 2035); rebuild 2064: 2064 and
    // 2065 counted (110 M each), 2066 outside → 220 M of 330 M.
    const auto p = run({building("B", 2004)}, scenario());
    const auto events = p.events_of(p.buildings[0]);
    REQUIRE(events.size() == 2);
    CHECK(events[1].year == 2064);
    CHECK(events[1].cost_yen == Approx(330e6));
    CHECK(events[1].in_horizon_yen == Approx(220e6));
    CHECK(year_total(p, 2065) == Approx(110e6));
    CHECK(p.horizon_total_yen == Approx(170e6 + 220e6));
    // A shorter horizon drops later events entirely: H = 10 → 2026 … 2035,
    // only the renovation 2034.
    Scenario s = scenario();
    s.horizon_years = 10;
    const auto short_p = run({building("B", 2004)}, s);
    CHECK(describe(short_p) == std::vector<std::string>{"renovation@2034:scheduled"});
    CHECK(short_p.horizon_total_yen == Approx(170e6));
}

TEST_CASE("backlog spread follows backlog_years and is clipped by the horizon", "[lifecycle][rules]") {
    // Age 61 rebuild backlog, 330 M. backlog_years = 5 → 66 M a year in
    // 2026 … 2030, nothing in 2031. The skip window follows it too: the
    // renovation of a building aged 56 (rebuild 2030 < 2031) is skipped, of
    // one aged 55 (rebuild 2031, not before 2031) is backlog.
    Scenario s = scenario();
    s.backlog_years = 5;
    auto p = run({building("B", 1965)}, s);
    CHECK(year_backlog(p, 2030) == Approx(66e6));
    CHECK(year_backlog(p, 2031) == Approx(0.0));
    CHECK(describe(run({building("C", 1970)}, s))[0] == "renovation@2000:skipped");
    CHECK(describe(run({building("D", 1971)}, s))[0] == "renovation@2001:backlog");
    // H = 4 < backlog_years = 10: only 4 tenths of the backlog are counted.
    s = scenario();
    s.horizon_years = 4;
    p = run({building("B", 1965)}, s);
    CHECK(p.events_of(p.buildings[0])[1].in_horizon_yen == Approx(132e6));
    CHECK(p.horizon_total_yen == Approx(132e6));
}

TEST_CASE("eligibility for life extension", "[lifecycle][rules]") {
    const Scenario s = scenario("life_extension");
    auto strategy_of = [&](const Building& b) {
        const auto p = run({b}, s);
        return p.strategy_of(p.buildings[0])->key;
    };
    Building b = building("B", 2000);
    CHECK(strategy_of(b) == "life_extension");                   // RC, strength unknown
    CHECK(strategy_of(building("W", 2000, 100, "school", "W")) == "standard");  // wooden
    CHECK(strategy_of(building("S", 2000, 100, "school", "S")) == "life_extension");
    CHECK(strategy_of(building("SRC", 2000, 100, "school", "src")) == "life_extension");
    b.concrete_strength = 13.4;
    CHECK(strategy_of(b) == "standard");                         // < 13.5
    b.concrete_strength = 13.5;
    CHECK(strategy_of(b) == "life_extension");                   // ≥ 13.5
    b.life_extension = false;
    CHECK(strategy_of(b) == "standard");                         // override false
    Building w = building("W", 2000, 100, "school", "W");
    w.life_extension = true;                                     // true does not make a W building eligible
    CHECK(strategy_of(w) == "standard");
    // Under standard nobody needs eligibility.
    const auto p = run({building("W", 2000, 100, "school", "W")}, scenario());
    CHECK(p.strategy_of(p.buildings[0])->key == "standard");
}

TEST_CASE("rule 4: closed and demolish", "[lifecycle][rules]") {
    // A = 1,000 m², demolition 30,000 yen/m² → 30 M.
    Building closed = building("C", 1965);
    closed.status = "closed";
    Building demolish = building("D", 1965);
    demolish.status = "demolish";
    demolish.demolish_year = 2030;
    Building demolish_no_year = building("N", 1965);
    demolish_no_year.status = "demolish";
    Building demolish_past = building("P", 1965);
    demolish_past.status = "demolish";
    demolish_past.demolish_year = 2020;  // overdue → backlog, 3 M a year 2026 … 2035
    Building demolish_late = building("L", 1965);
    demolish_late.status = "demolish";
    demolish_late.demolish_year = 2070;  // past the horizon: no event
    const auto p = run({closed, demolish, demolish_no_year, demolish_past, demolish_late}, scenario());
    CHECK(p.buildings[0].event_count == 0);
    CHECK(p.buildings[0].strategy == -1);
    CHECK(describe(p, 1) == std::vector<std::string>{"demolition@2030:scheduled"});
    CHECK(p.events_of(p.buildings[1])[0].cost_yen == Approx(30e6));
    CHECK(p.buildings[2].event_count == 0);
    CHECK(describe(p, 3) == std::vector<std::string>{"demolition@2020:backlog"});
    CHECK(p.buildings[4].event_count == 0);
    CHECK(year_total(p, 2030) == Approx(30e6 + 3e6));
    CHECK(year_total(p, 2031) == Approx(3e6));
    CHECK(p.by_kind(4, kind_of(p, "demolition")) == Approx(33e6));
    CHECK(p.horizon_total_yen == Approx(60e6));
}

TEST_CASE("categories by key or Japanese name, unknown and missing ones", "[lifecycle][rules]") {
    // 公営住宅: R = 280,000, M = 170,000; A = 100 → rebuild 28 M. b = 1966 →
    // rebuild 2026 … 2028 (9.333… M a year), next renovation 2056 (17 M).
    auto p = run({building("H", 1966, 100, "公営住宅")}, scenario());
    REQUIRE(p.categories == std::vector<std::string>{"public_housing"});
    CHECK(p.by_category(0, 0) == Approx(28e6 / 3));
    CHECK(p.horizon_total_yen == Approx(28e6 + 17e6));

    // Empty category: left out and reported, not guessed (inventory.md).
    p = run({building("E", 1966, 100, "")}, scenario());
    CHECK(p.uncategorized == std::vector<std::string>{"E"});
    CHECK(p.horizon_total_yen == 0.0);

    // Unknown category, bad area, bad status: one InputError listing all.
    Building bad_status = building("S", 1966);
    bad_status.status = "sold";
    try {
        run({building("X", 1966, 100, "病院"), building("Z", 1966, 0.0), bad_status}, scenario());
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].column == "category");
        CHECK(e.problems()[0].message.find("X") != std::string::npos);
        CHECK(e.problems()[0].message.find("school (学校教育系施設)") != std::string::npos);
        CHECK(e.problems()[1].column == "floor_area_m2");
        CHECK(e.problems()[2].column == "status");
    }
}

TEST_CASE("year totals agree with by_kind, by_category and the events", "[lifecycle][rules]") {
    std::vector<Building> buildings;
    const char* categories[] = {"school", "civic_culture", "park", "public_housing", "other"};
    const char* structures[] = {"RC", "W", "S", "SRC"};
    for (int i = 0; i < 200; ++i) {
        Building b = building("B" + std::to_string(i), 1940 + (i * 7) % 86, 100.0 + i, categories[i % 5],
                              structures[i % 4]);
        if (i % 3 == 0) b.last_renovation_year = b.year_built + 25 + i % 20;
        if (i % 17 == 0) {
            b.status = "demolish";
            b.demolish_year = 2020 + i % 30;
        }
        buildings.push_back(b);
    }
    for (const char* strategy : {"standard", "life_extension"}) {
        const auto p = run(buildings, scenario(strategy));
        double sum_years = 0.0, sum_events = 0.0;
        for (std::size_t i = 0; i < p.total_yen.size(); ++i) {
            double kinds = 0.0, cats = 0.0;
            for (std::size_t k = 0; k < p.kinds.size(); ++k) kinds += p.by_kind(i, k);
            for (std::size_t c = 0; c < p.categories.size(); ++c) cats += p.by_category(i, c);
            CHECK(kinds == Approx(p.total_yen[i]));
            CHECK(cats == Approx(p.total_yen[i]));
            CHECK(p.backlog_yen[i] <= p.total_yen[i] * (1 + 1e-12));
            sum_years += p.total_yen[i];
        }
        for (const auto& e : p.events) {
            sum_events += e.in_horizon_yen;
            if (e.status == EventStatus::done || e.status == EventStatus::skipped) CHECK(e.cost_yen == 0.0);
            CHECK(e.in_horizon_yen <= e.cost_yen * (1 + 1e-12));
        }
        CHECK(sum_years == Approx(p.horizon_total_yen));
        CHECK(sum_events == Approx(p.horizon_total_yen));
    }
}
