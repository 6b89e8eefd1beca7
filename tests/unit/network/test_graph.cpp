// Networks drawn by hand, where every right distance is obvious
// (network.md "Snapping and distance").
#include "network/graph.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu::network;

namespace {

Line line(std::vector<Point> points, bool forward = true, bool backward = true, long long id = 0) {
    return Line{std::move(points), RoadUse{forward, backward}, id};
}

// A 3 × 3 grid of nodes 100 m apart, drawn as three horizontal and three
// vertical lines that share their crossing vertices.
std::vector<Line> grid() {
    std::vector<Line> lines;
    for (int i = 0; i < 3; ++i) {
        double c = 100.0 * i;
        lines.push_back(line({{0, c}, {100, c}, {200, c}}));
        lines.push_back(line({{c, 0}, {c, 100}, {c, 200}}));
    }
    return lines;
}

double dist(const RoadNetwork& net, Point a, Point b) {
    auto d = net.distance(net.snap(a, 500), net.snap(b, 500));
    REQUIRE(d);
    return *d;
}

} // namespace

TEST_CASE("a square grid: nodes at shared vertices, Manhattan distances") {
    auto net = RoadNetwork::build(grid());
    CHECK(net.node_count() == 9);
    CHECK(net.edge_count() == 12);
    CHECK(net.report().length_m == Approx(1200));
    CHECK(net.report().components == 1);
    CHECK(dist(net, {0, 0}, {200, 200}) == Approx(400));
    CHECK(dist(net, {0, 0}, {100, 100}) == Approx(200));
    // Snapped mid-edge: 10 m leg to (50, 0), 50 m to (100, 0), 300 m to
    // (200, 200) by any monotone path, 10 m leg to (200, 210).
    CHECK(dist(net, {50, -10}, {200, 210}) == Approx(370));
    auto at = net.snap({50, -10}, 500);
    CHECK(at.reachable);
    CHECK(at.access_m == Approx(10));
    CHECK(at.snapped.x == Approx(50));
    CHECK(at.snapped.y == Approx(0).margin(1e-9));
}

TEST_CASE("two points on the same edge go straight along it") {
    auto net = RoadNetwork::build({line({{0, 0}, {100, 0}})});
    CHECK(dist(net, {20, 5}, {70, -5}) == Approx(5 + 50 + 5));
    CHECK(dist(net, {70, 0}, {20, 0}) == Approx(50));
    // Beyond the end: snaps to the end point, the leg is the straight line.
    CHECK(dist(net, {130, 40}, {0, 0}) == Approx(50 + 100));
}

TEST_CASE("a one-way loop: with the flow is short, against it goes round") {
    // A → B → C → D → A, each side 100 m, one way.
    std::vector<Line> loop = {line({{0, 0}, {100, 0}}, true, false), line({{100, 0}, {100, 100}}, true, false),
                              line({{100, 100}, {0, 100}}, true, false), line({{0, 100}, {0, 0}}, true, false)};
    auto net = RoadNetwork::build(loop);
    CHECK(net.report().components == 1);
    CHECK(dist(net, {0, 0}, {100, 0}) == Approx(100));
    CHECK(dist(net, {100, 0}, {0, 0}) == Approx(300));
    // On the same one-way edge, backwards: round the loop (400 − 50).
    CHECK(dist(net, {75, 0}, {25, 0}) == Approx(350));
    CHECK(dist(net, {25, 0}, {75, 0}) == Approx(50));
    // Walking ignores one-way.
    for (auto& l : loop) l.use = {true, true};
    auto walk = RoadNetwork::build(loop);
    CHECK(dist(walk, {100, 0}, {0, 0}) == Approx(100));
}

TEST_CASE("a dead end is reached by going in and coming back") {
    // Main road (0,0)–(200,0); a 80 m spur north from (100,0).
    auto net = RoadNetwork::build({line({{0, 0}, {100, 0}, {200, 0}}), line({{100, 0}, {100, 80}})});
    CHECK(net.node_count() == 4);
    CHECK(dist(net, {100, 60}, {0, 0}) == Approx(60 + 100));
    CHECK(dist(net, {100, 60}, {100, 20}) == Approx(40));
    CHECK(dist(net, {100, 60}, {200, 0}) == Approx(160));
}

TEST_CASE("lines crossing without a shared vertex do not connect, and the smaller component is dropped") {
    // A bridge over a road: no common vertex at (50, 0).
    std::vector<Line> lines = {line({{0, 0}, {100, 0}}), line({{50, -50}, {50, 50}}),
                               line({{100, 0}, {200, 0}})};
    auto all = RoadNetwork::build(lines, false);
    CHECK(all.node_count() == 5);
    CHECK_FALSE(all.network_distance(all.snap({0, 0}, 1), all.snap({50, 50}, 1)));

    auto kept = RoadNetwork::build(lines);
    CHECK(kept.report().components == 2);
    CHECK(kept.node_count() == 3);
    CHECK(kept.report().nodes_dropped == 2);
    CHECK(kept.report().edges_dropped == 1);
    CHECK(kept.report().length_dropped_m == Approx(100));
    CHECK(kept.report().dropped_length_share() == Approx(100.0 / 300.0));
}

TEST_CASE("a one-way spur is not strongly connected and is dropped under drive") {
    std::vector<Line> lines = {line({{0, 0}, {100, 0}}), line({{100, 0}, {100, 100}}, true, false)};
    auto net = RoadNetwork::build(lines);
    CHECK(net.report().components == 2);
    CHECK(net.node_count() == 2);
}

TEST_CASE("points farther than max_snap are unreachable, and 1 cm rounding joins near-equal vertices") {
    auto net = RoadNetwork::build({line({{0, 0}, {100, 0}}), line({{100.003, 0.002}, {100, 100}})});
    CHECK(net.node_count() == 3);
    CHECK(net.report().components == 1);
    CHECK_FALSE(net.snap({50, 600}, 500).reachable);
    CHECK(net.snap({50, 400}, 500).reachable);
    CHECK(dist(net, {0, 0}, {100, 100}) == Approx(200).margin(0.01));
}
