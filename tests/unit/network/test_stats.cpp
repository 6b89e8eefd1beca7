#include "network/access.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;
using namespace shisetsu::network;

TEST_CASE("service statistics before and after a plan, by hand") {
    // Four demand units; three sites; catchment 1,000 m; cut-off pairs only.
    std::vector<std::pair<std::string, double>> weights = {{"a", 100}, {"b", 200}, {"c", 300}, {"d", 400}};
    std::map<std::string, std::vector<std::pair<std::string, double>>> pairs = {
        {"a", {{"S1", 400}, {"S2", 900}}},
        {"b", {{"S1", 800}, {"S3", 1500}}},
        {"c", {{"S2", 1200}, {"S3", 600}}},
        // d has nothing within the cut-off
    };
    // Before: S1 and S2. a → S1 400, b → S1 800, c → S2 1200, d none.
    auto before = service_stats(weights, pairs, {"S1", "S2"}, 1000);
    CHECK(before.providers == 2);
    CHECK(before.demand == 1000);
    CHECK(before.covered == 300);          // a + b
    CHECK(before.coverage == Approx(0.3));
    CHECK(before.beyond_cutoff == Approx(0.4));
    CHECK(*before.mean_m == Approx((100 * 400 + 200 * 800 + 300 * 1200) / 600.0));
    // Sorted: 400 (100), 800 (200), 1200 (300) → cumulative 100, 300, 600 of
    // 1,000: the median (500) is 1,200 m; 95 % lies beyond the cut-off.
    CHECK(*before.median_m == 1200);
    CHECK_FALSE(before.p95_m);
    REQUIRE(before.nearest.size() == 4);
    CHECK(before.nearest[2].facility_id == "S2");
    CHECK(before.nearest[3].facility_id.empty());

    // After: S2 closes, S3 opens. a → S1 400, b → S1 800, c → S3 600.
    auto after = service_stats(weights, pairs, {"S1", "S3"}, 1000);
    CHECK(after.covered == 600);
    CHECK(after.coverage == Approx(0.6));
    CHECK(*after.median_m == 800);  // cumulative 100 (400), 400 (600), 600 (800)
}

TEST_CASE("a cohort missing from every unit falls back to the total") {
    Demand with_age;
    with_age.demand_id = "m1";
    with_age.total = 1000;
    with_age.age_65_over = 250;
    with_age.weight = 0.5;
    Demand total_only = with_age;
    total_only.age_65_over.reset();
    std::string used;
    auto w = demand_weights({with_age}, "age_65_over", used);
    CHECK(used == "age_65_over");
    CHECK(w[0].second == 125);
    w = demand_weights({total_only}, "age_65_over", used);
    CHECK(used == "total");
    CHECK(w[0].second == 500);
}
