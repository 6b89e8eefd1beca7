// Condition (健全度), urgency and the priority of works (lifecycle.md
// "Condition"), worked by hand. Standard cycle, Y0 = 2026, H = 40, school
// R = 330,000, M = 170,000 yen/m², A = 1,000 m²: a renovation costs 170 M
// (17 M a year as backlog over 2026 … 2035).
#include "helpers.hpp"

#include "lifecycle/condition.hpp"
#include "lifecycle/priority.hpp"

using namespace lc_test;

namespace {

Building surveyed(const std::string& id, int year_built, std::optional<double> condition,
                  const std::string& ratings = "") {
    Building b = building(id, year_built);
    b.condition = condition;
    b.part_ratings = ratings;
    return b;
}

} // namespace

TEST_CASE("part ratings: A–D, full-width and lower case, anything else is not a rating", "[lifecycle][condition]") {
    CHECK(part_rating("A") == 'A');
    CHECK(part_rating(" d ") == 'D');
    CHECK(part_rating("Ｂ") == 'B');
    CHECK(part_rating("ｃ") == 'C');
    CHECK_FALSE(part_rating("E"));
    CHECK_FALSE(part_rating("AB"));
    CHECK_FALSE(part_rating(""));
    CHECK_FALSE(part_rating("1"));
}

TEST_CASE("健全度 from the part ratings (MEXT points and cost shares ÷ 60)", "[lifecycle][condition]") {
    const auto& w = condition_weights();
    CHECK(w.points == std::array<double, 4>{100, 75, 40, 10});
    CHECK(w.weights[0] + w.weights[1] + w.weights[2] + w.weights[3] + w.weights[4] == Approx(60.0));
    CHECK(condition_from_ratings("AAAAA") == Approx(100.0));
    CHECK(condition_from_ratings("DDDDD") == Approx(10.0));
    // roof A 100×5.1 + exterior B 75×17.2 + interior C 40×22.4 + electrical D
    // 10×8.0 + mechanical A 100×7.3 = 510 + 1290 + 896 + 80 + 730 = 3506.
    CHECK(condition_from_ratings("ABCDA") == Approx(3506.0 / 60.0));
    CHECK(parts()[1].label_ja == std::string("外壁"));
}

TEST_CASE("urgency: a D part brings the next work forward", "[lifecycle][condition]") {
    // b = 2010 (age 16): renovation 2040 ≥ Y0 + 10, nothing due before 2036 →
    // the renovation becomes backlog (condition), 17 M a year 2026 … 2035.
    // H = (100×5.1 + 100×17.2 + 10×22.4 + 100×8.0 + 100×7.3) / 60 = 66.4, not below 40.
    const auto p = run({surveyed("B", 2010, 66.4, "AADAA")}, scenario());
    CHECK(p.buildings[0].urgent);
    CHECK(describe(p) == std::vector<std::string>{"renovation@2040:backlog"});
    const Event& e = p.events_of(p.buildings[0])[0];
    CHECK(e.condition);
    CHECK_FALSE(e.overdue(2026));
    CHECK(e.cost_yen == Approx(170e6));
    for (int y = 2026; y <= 2035; ++y) CHECK(year_backlog(p, y) == Approx(17e6));
    CHECK(year_total(p, 2040) == 0.0);
    CHECK(p.horizon_total_yen == Approx(170e6));
    // Without the survey the same building waits for 2040.
    const auto q = run({building("B", 2010)}, scenario());
    CHECK(describe(q) == std::vector<std::string>{"renovation@2040:scheduled"});
    CHECK(year_total(q, 2040) == Approx(85e6));
}

TEST_CASE("urgency: 健全度 39.9 is urgent, 40 is not", "[lifecycle][condition]") {
    const auto urgent = run({surveyed("B", 2010, 39.9)}, scenario());
    CHECK(urgent.buildings[0].urgent);
    CHECK(describe(urgent) == std::vector<std::string>{"renovation@2040:backlog"});
    const auto fine = run({surveyed("B", 2010, 40.0)}, scenario());
    CHECK_FALSE(fine.buildings[0].urgent);
    CHECK(describe(fine) == std::vector<std::string>{"renovation@2040:scheduled"});
    CHECK_FALSE(fine.events_of(fine.buildings[0])[0].condition);
}

TEST_CASE("urgency changes nothing when the work is already due or the rebuild is overdue", "[lifecycle][condition]") {
    // Renovation scheduled in 2026 (age 30): it covers the condition.
    CHECK(describe(run({surveyed("B", 1996, 20.0, "DDDDD")}, scenario())) ==
          std::vector<std::string>{"renovation@2026:scheduled", "rebuild@2056:scheduled"});
    // Renovation already backlog (age 35).
    CHECK(describe(run({surveyed("B", 1991, 20.0)}, scenario())) ==
          std::vector<std::string>{"renovation@2021:backlog", "rebuild@2051:scheduled"});
    // Rebuild overdue (age 61): rebuilt in the backlog period, nothing else changes.
    CHECK(describe(run({surveyed("B", 1965, 20.0)}, scenario())) ==
          std::vector<std::string>{"renovation@1995:skipped", "rebuild@2025:backlog", "renovation@2056:scheduled"});
}

TEST_CASE("urgency under life extension: the later events keep their years", "[lifecycle][condition]") {
    // b = 2016 (age 10): repair 2036 ≥ 2036 becomes backlog (0.25 × 330 M =
    // 82.5 M, 8.25 M a year); the life-extension renovation stays in 2056.
    const auto p = run({surveyed("B", 2016, 30.0)}, scenario("life_extension"));
    CHECK(describe(p) == std::vector<std::string>{"repair@2036:backlog", "life_extension@2056:scheduled"});
    CHECK(year_backlog(p, 2026) == Approx(8.25e6));
    // b = 2010: the repair in 2030 is due before 2036 → nothing changes.
    CHECK(describe(run({surveyed("B", 2010, 30.0)}, scenario("life_extension"))) ==
          std::vector<std::string>{"repair@2030:scheduled", "life_extension@2050:scheduled"});
}

TEST_CASE("buildings without a condition are counted", "[lifecycle][condition]") {
    auto closed = building("C", 1990);
    closed.status = "closed";
    const auto p = run({surveyed("A", 1990, 50.0), building("B", 1990), closed, building("D", 2000)}, scenario());
    CHECK(p.without_condition == 2);  // B and D; the closed one is not projected
}

TEST_CASE("a scenario may require a minimum condition for life extension", "[lifecycle][condition]") {
    Scenario s = scenario("life_extension");
    s.min_condition_for_life_extension = 50.0;
    const auto p = run({surveyed("poor", 1996, 49.0), surveyed("good", 1996, 50.0), building("unknown", 1996)}, s);
    CHECK(p.scenario.strategies[static_cast<std::size_t>(p.buildings[0].strategy)].key == "standard");
    CHECK(p.scenario.strategies[static_cast<std::size_t>(p.buildings[1].strategy)].key == "life_extension");
    CHECK(p.scenario.strategies[static_cast<std::size_t>(p.buildings[2].strategy)].key == "life_extension");
}

TEST_CASE("priority: 健全度 ascending, unknown last, then overdue first, then older first, ties share a rank",
          "[lifecycle][condition]") {
    // Works in 2026 … 2035 under standard:
    //   P1 H 30, b 1990: renovation 2020 backlog (overdue)      → 1
    //   P2 H 30, b 1996: renovation 2026 scheduled, age 30       → 2
    //   P3 H 30, b 1996: the same as P2                          → 2 (tie)
    //   P4 H 30, b 2000: renovation 2030, age 26                 → 4
    //   P5 H 60, b 1990: overdue                                 → 5
    //   P6 unknown, b 1976: renovation 2006 backlog (overdue)     → 6
    //   P7 H 20, b 2010: renovation 2040 brought forward (urgent) → first: H 20 is lowest
    //   P8 H 10, b 2020: renovation 2050 brought forward         → before P7
    //   P9 b 2015 (no survey): renovation 2045 → no work in the window, not ranked
    const auto p = run({surveyed("P1", 1990, 30.0), surveyed("P3", 1996, 30.0), surveyed("P2", 1996, 30.0),
                        surveyed("P4", 2000, 30.0), surveyed("P5", 1990, 60.0), building("P6", 1976),
                        surveyed("P7", 2010, 20.0), surveyed("P8", 2020, 10.0), building("P9", 2015)},
                       scenario());
    const auto ranking = priority_ranking(p);
    std::vector<std::string> order;
    std::vector<int> ranks;
    for (const auto& e : ranking) {
        order.push_back(p.buildings[e.building].building_id);
        ranks.push_back(e.rank);
    }
    CHECK(order == std::vector<std::string>{"P8", "P7", "P1", "P2", "P3", "P4", "P5", "P6"});
    CHECK(ranks == std::vector<int>{1, 2, 3, 4, 4, 6, 7, 8});
    CHECK(ranking[2].overdue);
    CHECK_FALSE(ranking[3].overdue);
    CHECK(ranking[3].age_years == 30);
    REQUIRE(ranking[0].events.size() == 1);
    CHECK(p.events[ranking[0].events[0]].condition);
    CHECK_FALSE(ranking[7].condition);
}
