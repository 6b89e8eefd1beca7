// A saved lifecycle run reads back as it was saved (for the PPP screening and
// the levelling step).
#include "storage/store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace shisetsu;

TEST_CASE("a saved lifecycle run and its events read back, the latest by default") {
    auto dir = std::filesystem::temp_directory_path() / "shisetsu_storage_lifecycle_run";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto store = open_store((dir / "p.sqlite").string(), OpenMode::create);
    CHECK_FALSE(store->lifecycle_run(std::nullopt));
    RunRecord run;
    run.command = "lifecycle";
    run.program_version = "test";
    auto projection = [](const char* strategy, int start) {
        return nlohmann::json::parse(R"({"strategy": ")" + std::string(strategy) + R"(", "start_year": )" +
                                     std::to_string(start) + R"(, "horizon": 40,
          "total_yen": 1.0, "annual_average_yen": 0.025, "budget_yen": null, "years": [],
          "buildings": [{"building_id": "B2", "strategy": "standard", "events": [
                           {"kind": "renovation", "year": 2020, "cost_yen": 1.7e8, "spread": 2, "status": "backlog"},
                           {"kind": "rebuild", "year": 2050, "cost_yen": 3.3e8, "spread": 3, "status": "scheduled"}]},
                        {"building_id": "B1", "strategy": "standard", "events": [
                           {"kind": "rebuild", "year": null, "cost_yen": 0.0, "spread": null, "status": "skipped"}]}]})");
    };
    auto first = store->begin_run(run);
    save_lifecycle_json(*store, first, projection("standard", 2026));
    auto second = store->begin_run(run);
    save_lifecycle_json(*store, second, projection("life_extension", 2027));

    auto latest = store->lifecycle_run(std::nullopt);
    REQUIRE(latest);
    CHECK(latest->run_id == second);
    CHECK(latest->strategy == "life_extension");
    CHECK(latest->start_year == 2027);
    auto a = store->lifecycle_run(first);
    REQUIRE(a);
    CHECK(a->strategy == "standard");
    CHECK(a->horizon == 40);
    REQUIRE(a->events.size() == 3);
    // By building, then in the order saved.
    CHECK(a->events[0].building_id == "B1");
    CHECK_FALSE(a->events[0].year);
    CHECK_FALSE(a->events[0].spread);
    CHECK(a->events[0].status == "skipped");
    CHECK(a->events[1].building_id == "B2");
    CHECK(a->events[1].kind == "renovation");
    CHECK(a->events[1].year == 2020);
    CHECK(a->events[1].cost_yen == 1.7e8);
    CHECK(a->events[1].spread == 2);
    CHECK(a->events[2].kind == "rebuild");
    CHECK_FALSE(store->lifecycle_run(999));
}
