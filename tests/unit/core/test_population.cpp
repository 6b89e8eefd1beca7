// Population layers by year (network.md "Demand by year and by age").
#include "core/errors.hpp"
#include "core/population.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;

namespace {

Demand row(const char* id, int year) {
    Demand d;
    d.demand_id = id;
    d.year = year;
    d.total = 100;
    return d;
}

} // namespace

TEST_CASE("the population layer: asked for, else the latest not after the start year") {
    const std::vector<Demand> demand = {row("a", 2015), row("b", 2015), row("a", 2020), row("a", 2040), row("u", 0)};
    CHECK(population_years(demand) == std::vector<int>{0, 2015, 2020, 2040});
    CHECK(choose_population_year(demand, std::nullopt, 2026) == 2020);
    CHECK(choose_population_year(demand, std::nullopt, 2020) == 2020);
    CHECK(choose_population_year(demand, std::nullopt, 2019) == 2015);
    CHECK(choose_population_year(demand, std::nullopt, 2050) == 2040);
    // Undated rows count as older than every dated layer.
    CHECK(choose_population_year(demand, std::nullopt, 2010) == 0);
    CHECK(choose_population_year(demand, 2040, 2026) == 2040);
    CHECK_THROWS_AS(choose_population_year(demand, 2030, 2026), InputError);
    // Every layer after the start year: the earliest.
    CHECK(choose_population_year({row("a", 2040), row("a", 2050)}, std::nullopt, 2026) == 2040);
    CHECK_THROWS_AS(choose_population_year({}, std::nullopt, 2026), InputError);
    CHECK(population_layer(demand, 2015).size() == 2);
}
