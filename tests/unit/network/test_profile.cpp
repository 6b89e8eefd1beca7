// The walk and drive profiles of network.md "Network", tag by tag.
#include "network/profile.hpp"

#include "core/errors.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;
using namespace shisetsu::network;

namespace {

Road road(std::string highway, std::string oneway = "", std::string access = "", std::string foot = "") {
    Road r;
    r.highway = std::move(highway);
    r.oneway = std::move(oneway);
    r.access = std::move(access);
    r.foot = std::move(foot);
    return r;
}

bool both(RoadUse u) { return u.forward && u.backward; }

} // namespace

TEST_CASE("walk: both directions on every way except the excluded ones") {
    const auto walk = load_profile("walk");
    CHECK(both(road_use(road("residential", "yes"), walk)));  // one-way does not bind walkers
    CHECK(both(road_use(road("footway"), walk)));
    CHECK(both(road_use(road("steps"), walk)));
    CHECK(both(road_use(road("trunk"), walk)));
    for (const char* h : {"motorway", "motorway_link", "construction", "proposed", "raceway"})
        CHECK_FALSE(road_use(road(h), walk).usable());
    CHECK_FALSE(road_use(road("trunk", "", "", "no"), walk).usable());
    CHECK_FALSE(road_use(road("residential", "", "private"), walk).usable());
    CHECK_FALSE(road_use(road("residential", "", "no"), walk).usable());
    CHECK_FALSE(road_use(road("service", "", "", "no"), walk).usable());
    CHECK(both(road_use(road(""), walk)));  // a non-OSM line layer without tags
}

TEST_CASE("drive: honours one-way and leaves out paths") {
    const auto drive = load_profile("drive");
    CHECK(both(road_use(road("residential"), drive)));
    auto yes = road_use(road("residential", "yes"), drive);
    CHECK((yes.forward && !yes.backward));
    auto reverse = road_use(road("residential", "-1"), drive);
    CHECK((!reverse.forward && reverse.backward));
    CHECK(both(road_use(road("primary", "no"), drive)));
    for (const char* h : {"footway", "path", "pedestrian", "steps", "cycleway"})
        CHECK_FALSE(road_use(road(h), drive).usable());
    CHECK(both(road_use(road("motorway"), drive)) == false);  // motorways are one-way in OSM
    CHECK(road_use(road("motorway"), drive).forward);
}

TEST_CASE("an unknown profile is a usage error") {
    CHECK_THROWS_AS(load_profile("bicycle"), UsageError);
}
