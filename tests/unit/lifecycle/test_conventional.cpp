// The conventional cycle (従来型, lifecycle.md "Strategies": 大規模改造 at 20
// for 0.25 R, rebuild at 40 for R) at the boundary ages, worked by hand.
// Y0 = 2026, H = 40 (2026 … 2065, Y_e = 2066), school R = 330,000 yen/m²,
// A = 1,000 m²: the repair costs 82.5 M (spread 1), the rebuild 330 M
// (spread 3, 110 M a year); backlog is spread over 2026 … 2035.
#include "helpers.hpp"

#include "lifecycle/residual.hpp"

using namespace lc_test;

namespace {

Projection conventional(int year_built) { return run({building("B", year_built)}, scenario("conventional")); }

} // namespace

TEST_CASE("conventional is a built-in strategy with its labels", "[lifecycle][conventional]") {
    const Scenario s = scenario("conventional");
    const Strategy* c = s.find_strategy("conventional");
    REQUIRE(c);
    REQUIRE(c->events.size() == 2);
    CHECK(c->events[0].kind == "repair");
    CHECK(c->events[0].age_years == 20);
    CHECK(c->events[0].factor == 0.25);
    CHECK(c->events[0].spread_years == 1);
    CHECK(c->events[1].kind == "rebuild");
    CHECK(c->events[1].age_years == 40);
    CHECK(c->events[1].spread_years == 3);
    CHECK_FALSE(c->requires_eligibility);
    CHECK(c->label_ja.find("従来型") != std::string::npos);
    CHECK(s.find_strategy("standard")->label_ja.find("単純更新") != std::string::npos);
    CHECK(s.find_strategy("life_extension")->label_ja.find("長寿命化型") != std::string::npos);
}

TEST_CASE("conventional, age 19: repair at Y0+1, rebuild at Y0+21", "[lifecycle][conventional]") {
    // b = 2007: repair 2027, rebuild 2047 … 2049; the next repair 2067 is past 2065.
    const auto p = conventional(2007);
    CHECK(describe(p) == std::vector<std::string>{"repair@2027:scheduled", "rebuild@2047:scheduled"});
    CHECK(year_total(p, 2026) == 0.0);
    CHECK(year_total(p, 2027) == Approx(82.5e6));
    CHECK(year_total(p, 2047) == Approx(110e6));
    CHECK(year_total(p, 2049) == Approx(110e6));
    CHECK(p.horizon_total_yen == Approx(412.5e6));
    // Residual: rebuilt 2047 → 330 M × (1 − 19/40) = 173.25 M.
    CHECK(p.residual_value_yen == Approx(173.25e6));
    CHECK(p.net_yen() == Approx(412.5e6 - 173.25e6));
}

TEST_CASE("conventional, age 20: repair in Y0 (not overdue)", "[lifecycle][conventional]") {
    const auto p = conventional(2006);
    CHECK(describe(p) == std::vector<std::string>{"repair@2026:scheduled", "rebuild@2046:scheduled"});
    CHECK(year_total(p, 2026) == Approx(82.5e6));
    CHECK(year_backlog(p, 2026) == 0.0);
    CHECK(p.horizon_total_yen == Approx(412.5e6));
    CHECK(p.residual_value_yen == Approx(165e6));  // 330 M × (1 − 20/40)
}

TEST_CASE("conventional, age 21: repair backlog, next cycle's repair in the last year", "[lifecycle][conventional]") {
    // b = 2005: repair 2025 overdue; the rebuild 2045 is not before 2036 →
    // backlog, 8.25 M a year 2026 … 2035. Rebuild 2045; next repair 2065
    // (spread 1, inside the horizon).
    const auto p = conventional(2005);
    CHECK(describe(p) == std::vector<std::string>{"repair@2025:backlog", "rebuild@2045:scheduled",
                                                  "repair@2065:scheduled"});
    CHECK(year_backlog(p, 2026) == Approx(8.25e6));
    CHECK(year_backlog(p, 2035) == Approx(8.25e6));
    CHECK(year_total(p, 2065) == Approx(82.5e6));
    CHECK(p.horizon_total_yen == Approx(495e6));
    CHECK(p.residual_value_yen == Approx(156.75e6));  // 330 M × (1 − 21/40)
}

TEST_CASE("conventional, age 39: repair skipped, rebuild at Y0+1", "[lifecycle][conventional]") {
    // b = 1987: repair 2007 overdue, the rebuild 2027 falls before 2036 → skipped.
    const auto p = conventional(1987);
    CHECK(describe(p) == std::vector<std::string>{"repair@2007:skipped", "rebuild@2027:scheduled",
                                                  "repair@2047:scheduled"});
    CHECK(year_total(p, 2026) == 0.0);
    CHECK(year_total(p, 2027) == Approx(110e6));
    CHECK(year_total(p, 2047) == Approx(82.5e6));
    CHECK(p.horizon_total_yen == Approx(412.5e6));
    CHECK(p.residual_value_yen == Approx(8.25e6));  // 330 M × (1 − 39/40)
}

TEST_CASE("conventional, age 40: rebuild scheduled in Y0 … Y0+2", "[lifecycle][conventional]") {
    const auto p = conventional(1986);
    CHECK(describe(p) == std::vector<std::string>{"repair@2006:skipped", "rebuild@2026:scheduled",
                                                  "repair@2046:scheduled"});
    CHECK(year_total(p, 2026) == Approx(110e6));
    CHECK(year_total(p, 2028) == Approx(110e6));
    CHECK(year_backlog(p, 2026) == 0.0);
    CHECK(p.horizon_total_yen == Approx(412.5e6));
    CHECK(p.residual_value_yen == 0.0);  // rebuilt 2026: 1 − 40/40
}

TEST_CASE("conventional, age 41, 50 and 61: rebuild backlog, next cycle from Y0", "[lifecycle][conventional]") {
    for (int age : {41, 50, 61}) {
        INFO("age " << age);
        const int b = 2026 - age;
        const auto p = conventional(b);
        CHECK(describe(p) == std::vector<std::string>{"repair@" + std::to_string(b + 20) + ":skipped",
                                                      "rebuild@" + std::to_string(b + 40) + ":backlog",
                                                      "repair@2046:scheduled"});
        CHECK(year_backlog(p, 2026) == Approx(33e6));  // 330 M / 10
        CHECK(year_backlog(p, 2035) == Approx(33e6));
        CHECK(year_total(p, 2046) == Approx(82.5e6));
        CHECK(p.horizon_total_yen == Approx(412.5e6));
        CHECK(p.residual_value_yen == 0.0);  // the overdue rebuild counts from Y0 = 2026: 1 − 40/40
    }
}
