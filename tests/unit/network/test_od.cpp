#include "network/od.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace shisetsu;
using namespace shisetsu::network;

namespace {

Line line(std::vector<Point> points, bool forward = true, bool backward = true) {
    return Line{std::move(points), RoadUse{forward, backward}, 0};
}

std::map<std::pair<std::string, std::string>, double> as_map(const OdMatrix& od) {
    std::map<std::pair<std::string, std::string>, double> m;
    for (const auto& p : od.pairs) m[{p.origin_id, p.destination_id}] = p.distance_m;
    return m;
}

} // namespace

TEST_CASE("OD on a one-way loop: the same distances searching from either side") {
    // A(0,0) → B(100,0) → C(100,100) → D(0,100) → A, one way.
    auto net = RoadNetwork::build({line({{0, 0}, {100, 0}}, true, false), line({{100, 0}, {100, 100}}, true, false),
                                   line({{100, 100}, {0, 100}}, true, false), line({{0, 100}, {0, 0}}, true, false)});
    std::vector<Place> a = {{"a", {0, -10}}}, bc = {{"b", {110, 0}}, {"c", {100, 110}}};
    OdOptions options;
    options.cutoff_m = 1000;
    // One origin, two destinations: searched from the origin.
    auto one = od_by_network(net, a, bc, options);
    CHECK(one.searched_from == "origins");
    auto m = as_map(one);
    CHECK(m.at({"a", "b"}) == Approx(10 + 100 + 10));
    CHECK(m.at({"a", "c"}) == Approx(10 + 200 + 10));
    // Two origins, one destination: searched from the destination, backwards.
    auto back = od_by_network(net, bc, a, options);
    CHECK(back.searched_from == "destinations");
    auto r = as_map(back);
    CHECK(r.at({"b", "a"}) == Approx(10 + 300 + 10));
    CHECK(r.at({"c", "a"}) == Approx(10 + 200 + 10));
}

TEST_CASE("OD equals single-pair shortest paths on a grid, and respects the cut-off") {
    std::vector<Line> lines;
    for (int i = 0; i <= 5; ++i) {
        std::vector<Point> row, column;
        for (int k = 0; k <= 5; ++k) {
            row.push_back({100.0 * k, 100.0 * i});
            column.push_back({100.0 * i, 100.0 * k});
        }
        lines.push_back(line(row));
        lines.push_back(line(column));
    }
    // Six lines each way sharing a vertex at every crossing: 36 nodes.
    auto net = RoadNetwork::build(lines);
    REQUIRE(net.node_count() == 36);
    std::vector<Place> origins, destinations;
    for (int i = 0; i < 12; ++i) origins.push_back({"o" + std::to_string(i), {37.0 * i + 3, 41.0 * (i % 5) + 7}});
    for (int j = 0; j < 3; ++j) destinations.push_back({"d" + std::to_string(j), {480.0 - 150 * j, 455.0 - 60 * j}});
    OdOptions options;
    options.cutoff_m = 700;
    options.threads = 2;
    auto od = od_by_network(net, origins, destinations, options);
    auto m = as_map(od);
    long within = 0;
    for (const auto& o : origins)
        for (const auto& d : destinations) {
            auto expect = net.distance(net.snap(o.xy, 500), net.snap(d.xy, 500));
            REQUIRE(expect);
            if (*expect <= 700) {
                ++within;
                REQUIRE(m.contains({o.id, d.id}));
                CHECK(m.at({o.id, d.id}) == Approx(*expect));
            } else {
                CHECK_FALSE(m.contains({o.id, d.id}));
            }
        }
    CHECK(static_cast<long>(od.pairs.size()) == within);
    CHECK(within > 0);
    CHECK(within < 36);
}

TEST_CASE("a point too far from every road is reported and gets no pairs") {
    auto net = RoadNetwork::build({line({{0, 0}, {100, 0}})});
    OdOptions options;
    auto od = od_by_network(net, {{"near", {50, 5}}, {"far", {50, 900}}}, {{"f", {0, 0}}}, options);
    REQUIRE(od.unsnapped.size() == 1);
    CHECK(od.unsnapped[0].id == "far");
    CHECK(od.unsnapped[0].snap_distance_m == Approx(900));
    REQUIRE(od.pairs.size() == 1);
    CHECK(od.pairs[0].distance_m == Approx(55));
}

TEST_CASE("without a network: straight line × detour factor within the cut-off") {
    OdOptions options;
    options.cutoff_m = 1000;
    auto od = od_by_straight_line({{"o", {0, 0}}}, {{"near", {300, 400}}, {"far", {600, 800}}}, options);
    CHECK(od.mode == "straight_line");
    REQUIRE(od.pairs.size() == 1);
    CHECK(od.pairs[0].destination_id == "near");
    CHECK(od.pairs[0].distance_m == Approx(500 * 1.3));
}
