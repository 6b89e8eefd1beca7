// lifecycle.md "Infrastructure", worked by hand. Y0 = 2026, H = 40.
#include "helpers.hpp"

#include "core/errors.hpp"

using namespace lc_test;

namespace {

InfraAsset asset(const std::string& id, const std::string& type, double quantity, std::optional<int> year = {},
                 std::optional<double> unit_cost = {}, const std::string& method = "") {
    InfraAsset a;
    a.asset_id = id;
    a.asset_type = type;
    a.quantity = quantity;
    a.year_built = year;
    a.unit_cost_yen = unit_cost;
    a.method = method;
    return a;
}

std::vector<std::string> describe_asset(const Projection& p, std::size_t index) {
    std::vector<std::string> out;
    for (const auto& e : p.events_of(p.assets.at(index)))
        out.push_back(p.kinds[e.kind] + "@" + std::to_string(e.year) + ":" + status_name(e.status));
    return out;
}

} // namespace

TEST_CASE("roads and cycle paths: area/15 renewed every year", "[lifecycle][infrastructure]") {
    // Road 15,000 m² × 4,700 yen/m² ÷ 15 = 4,700,000 yen a year; cycle path
    // 1,500 m² × 2,700 ÷ 15 = 270,000 yen a year. Over 40 years:
    // 188,000,000 and 10,800,000.
    const auto p = project({}, {asset("R1", "road", 15000), asset("C1", "cycle_path", 1500)}, scenario());
    REQUIRE(p.assets.size() == 2);
    CHECK(p.assets[0].event_count == 40);
    const std::size_t road = category_of(p, "road"), path = category_of(p, "cycle_path");
    for (std::size_t i = 0; i < 40; ++i) {
        CHECK(p.by_category(i, road) == Approx(4.7e6));
        CHECK(p.by_category(i, path) == Approx(270000));
        CHECK(p.total_yen[i] == Approx(4.97e6));
    }
    CHECK(p.horizon_total_yen == Approx(188e6 + 10.8e6));
    CHECK(p.kinds == std::vector<std::string>{"renewal"});
    // The asset's own unit cost overrides the default: 15,000 × 6,000 ÷ 15.
    const auto own = project({}, {asset("R2", "road", 15000, {}, 6000.0)}, scenario());
    CHECK(own.total_yen[0] == Approx(6e6));
}

TEST_CASE("bridges: rebuild at 60, year unknown → area/60 every year", "[lifecycle][infrastructure]") {
    // 100 m² × 448,000 = 44,800,000 yen.
    // Built 1970 → 2030, spread 1; next 2090 past the horizon.
    // Built 1960 → 2020 overdue → backlog 4,480,000 a year 2026 … 2035; next
    // cycle base 2026 → 2086, past the horizon.
    // Unknown year, 600 m² → 600 ÷ 60 × 448,000 = 4,480,000 every year.
    const auto p = project({}, {asset("B1", "bridge", 100, 1970), asset("B2", "bridge", 100, 1960),
                                asset("B3", "bridge", 600)},
                           scenario());
    CHECK(describe_asset(p, 0) == std::vector<std::string>{"rebuild@2030:scheduled"});
    CHECK(describe_asset(p, 1) == std::vector<std::string>{"rebuild@2020:backlog"});
    CHECK(p.assets[2].event_count == 40);
    CHECK(year_total(p, 2030) == Approx(44.8e6 + 4.48e6 + 4.48e6));
    CHECK(year_backlog(p, 2030) == Approx(4.48e6));
    CHECK(year_total(p, 2036) == Approx(4.48e6));
    CHECK(p.horizon_total_yen == Approx(44.8e6 + 44.8e6 + 40 * 4.48e6));
    // A bridge built 1990 is rebuilt 2050 and not again before 2110.
    Scenario s = scenario();
    s.horizon_years = 100;  // 2026 … 2125: 2050 and 2110
    const auto long_p = project({}, {asset("B4", "bridge", 100, 1990)}, s);
    CHECK(describe_asset(long_p, 0) == std::vector<std::string>{"rebuild@2050:scheduled", "rebuild@2110:scheduled"});
}

TEST_CASE("water pipes: renew at 40 with the asset's own unit cost", "[lifecycle][infrastructure]") {
    // 1,000 m laid 1990 × 100,000 yen/m → 100,000,000 yen in 2030.
    const auto p = project({}, {asset("W1", "water_pipe", 1000, 1990, 100000.0)}, scenario());
    CHECK(describe_asset(p, 0) == std::vector<std::string>{"renewal@2030:scheduled"});
    CHECK(year_total(p, 2030) == Approx(100e6));
    CHECK(p.horizon_total_yen == Approx(100e6));  // next renewal 2070, past 2065

    // Without a unit cost: an InputError naming the asset.
    try {
        project({}, {asset("W-404", "water_pipe", 1000, 1990)}, scenario());
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].column == "unit_cost_yen");
        CHECK(e.problems()[0].message.find("W-404") != std::string::npos);
    }
}

TEST_CASE("sewer pipes: renew at 50, 124,000 or 134,000 for rehabilitation", "[lifecycle][infrastructure]") {
    // 200 m laid 1980 → 2030: 200 × 124,000 = 24,800,000; 更生管
    // 200 × 134,000 = 26,800,000. Laid 1970 → 2020 overdue → backlog
    // 2,480,000 a year; next 2076.
    const auto p = project({}, {asset("S1", "sewer_pipe", 200, 1980), asset("S2", "sewer_pipe", 200, 1980, {}, "rehabilitation"),
                                asset("S3", "sewer_pipe", 200, 1970)},
                           scenario());
    CHECK(p.events_of(p.assets[0])[0].cost_yen == Approx(24.8e6));
    CHECK(p.events_of(p.assets[1])[0].cost_yen == Approx(26.8e6));
    CHECK(describe_asset(p, 2) == std::vector<std::string>{"renewal@2020:backlog"});
    CHECK(year_total(p, 2030) == Approx(24.8e6 + 26.8e6 + 2.48e6));
    CHECK(p.horizon_total_yen == Approx(24.8e6 + 26.8e6 + 24.8e6));
}

TEST_CASE("infrastructure input errors", "[lifecycle][infrastructure]") {
    try {
        project({}, {asset("X1", "tunnel", 10, 2000), asset("S1", "sewer_pipe", 10), asset("S2", "sewer_pipe", 10, 2000, {}, "jacking"),
                     asset("R1", "road", -5)},
                scenario());
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 4);
        CHECK(e.problems()[0].column == "asset_type");
        CHECK(e.problems()[1].column == "year_built");   // a pipe needs its year laid
        CHECK(e.problems()[2].column == "method");
        CHECK(e.problems()[3].column == "quantity");
        CHECK(e.problems()[0].file == "infrastructure");
    }
}

TEST_CASE("buildings and infrastructure share the year table", "[lifecycle][infrastructure]") {
    // School b = 1966 (rebuild 2026 … 2028, 110 M a year) and a road of
    // 15,000 m² (4.7 M a year): 2026 = 114.7 M; by_category school 110 M,
    // road 4.7 M; by_kind rebuild 110 M, renewal 4.7 M.
    const auto p = project({building("B", 1966)}, {asset("R1", "road", 15000)}, scenario());
    CHECK(year_total(p, 2026) == Approx(114.7e6));
    CHECK(p.by_category(0, category_of(p, "school")) == Approx(110e6));
    CHECK(p.by_category(0, category_of(p, "road")) == Approx(4.7e6));
    CHECK(p.by_kind(0, kind_of(p, "rebuild")) == Approx(110e6));
    CHECK(p.by_kind(0, kind_of(p, "renewal")) == Approx(4.7e6));
    CHECK_FALSE(p.category_is_infrastructure(category_of(p, "school")));
    CHECK(p.category_is_infrastructure(category_of(p, "road")));
}
