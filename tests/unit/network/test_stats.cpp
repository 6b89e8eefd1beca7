#include "network/access.hpp"
#include "network/demand.hpp"
#include "core/errors.hpp"

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
    auto w = demand_weights({with_age}, "age_65_over");
    CHECK(w.source == CohortSource::broad_age_groups);
    CHECK_FALSE(w.fallback);
    CHECK(w.weights[0].second == 125);
    w = demand_weights({total_only}, "age_65_over");
    CHECK(w.source == CohortSource::total);
    CHECK(w.fallback);
    CHECK(w.weights[0].second == 500);
    CHECK_THROWS_AS(demand_weights({total_only}, "pupils"), shisetsu::InputError);
}

TEST_CASE("cohorts are cut from age bands, people split evenly within a band") {
    CHECK(parse_cohort("age_6_11")->from_age == 6);
    CHECK(parse_cohort("age_6_11")->to_age == 11);
    CHECK(parse_cohort("age_65_over")->to_age < 0);
    CHECK(parse_cohort("total")->total);
    CHECK_FALSE(parse_cohort("age_11_6"));
    CHECK_FALSE(parse_cohort("children"));

    // 5-year census bands of one cell.
    Demand d;
    d.demand_id = "m";
    d.total = 1000;
    d.age_bands = {{0, 4, 50}, {5, 9, 60}, {10, 14, 70}, {15, 19, 80}, {60, 64, 100}, {65, 69, 90}, {85, -1, 40}};
    // Ages 6–11: 4 of the 5 years of 5–9 (48) + 2 of 10–14 (28) = 76.
    CHECK(cohort_people(d, *parse_cohort("age_6_11"), CohortSource::age_bands) == Approx(48 + 28));
    // 12–14: 3 of 10–14 = 42. 65+: 90 + 40, the open band whole.
    CHECK(cohort_people(d, *parse_cohort("age_12_14"), CohortSource::age_bands) == Approx(42));
    CHECK(cohort_people(d, *parse_cohort("age_65_over"), CohortSource::age_bands) == Approx(130));
    // 90+: the open band 85+ taken as 85–99, 10 of its 15 years.
    CHECK(cohort_people(d, *parse_cohort("age_90_over"), CohortSource::age_bands) == Approx(40.0 * 10 / 15));

    // The broad groups: 6–11 is 6 of the 15 years of 0–14; 0–17 adds 3 of the
    // 50 years of 15–64.
    Demand broad;
    broad.demand_id = "b";
    broad.total = 1000;
    broad.age_0_14 = 150;
    broad.age_15_64 = 600;
    broad.age_65_over = 250;
    CHECK(cohort_people(broad, *parse_cohort("age_6_11"), CohortSource::broad_age_groups) == Approx(60));
    CHECK(cohort_people(broad, *parse_cohort("age_0_17"), CohortSource::broad_age_groups) == Approx(150 + 36));
    CHECK(cohort_people(broad, *parse_cohort("age_65_over"), CohortSource::broad_age_groups) == Approx(250));

    // A layer with bands uses them; its units without bands use their broad groups.
    broad.weight = 0.5;
    auto w = demand_weights({d, broad}, "age_6_11");
    CHECK(w.source == CohortSource::age_bands);
    CHECK(w.weights[0].second == Approx(76));
    CHECK(w.weights[1].second == Approx(30));
}

TEST_CASE("each demand unit's nearest provider before and after a plan, by hand") {
    // Sites S1, S2 offer the library today; the plan closes S1 and gives it to S3.
    // The children's centre stays at S2. Distances drawn by hand.
    OdTable od;
    od.pairs = {{"a", "S1", 400}, {"a", "S2", 900}, {"b", "S1", 800}, {"b", "S3", 1500}, {"c", "S2", 1200}, {"c", "S3", 600}};
    const nlohmann::json plan = {
        {"services", {{{"key", "library"}, {"catchment_m", 1000.0}}, {{"key", "children_centre"}, {"catchment_m", 800.0}}}},
        {"sites",
         {{{"id", "S1"}, {"services_before", {"library"}}, {"services_after", nlohmann::json::array()}},
          {{"id", "S2"}, {"services_before", {"library", "children_centre"}}, {"services_after", {"library", "children_centre"}}},
          {{"id", "S3"}, {"services_before", nlohmann::json::array()}, {"services_after", {"library"}}}}}};
    const auto nearest = plan_nearest(od, plan);
    REQUIRE(nearest.size() == 2);
    auto at = [](const std::vector<Nearest>& list, const std::string& origin) {
        for (const auto& n : list)
            if (n.origin_id == origin) return n;
        FAIL("no row for " << origin);
        return Nearest{};
    };
    const auto& library = nearest[0];
    CHECK(library.service_key == "library");
    CHECK(library.catchment_m == 1000.0);
    // Before (S1, S2): a → S1 400, b → S1 800, c → S2 1200.
    CHECK(at(library.before, "a").facility_id == "S1");
    CHECK(at(library.before, "a").distance_m == 400);
    CHECK(at(library.before, "b").distance_m == 800);
    CHECK(at(library.before, "c").facility_id == "S2");
    CHECK(at(library.before, "c").distance_m == 1200);
    // After (S2, S3): a → S2 900, b → S3 1500, c → S3 600.
    CHECK(at(library.after, "a").facility_id == "S2");
    CHECK(at(library.after, "a").distance_m == 900);
    CHECK(at(library.after, "b").facility_id == "S3");
    CHECK(at(library.after, "b").distance_m == 1500);
    CHECK(at(library.after, "c").distance_m == 600);
    // The children's centre is at S2 only: b has no pair with S2, so no provider within the cut-off.
    const auto& children = nearest[1];
    CHECK(at(children.before, "a").distance_m == 900);
    CHECK(at(children.before, "b").facility_id.empty());
    CHECK(at(children.after, "c").distance_m == 1200);
}
