// A road layer drawn by hand the way map-made layers come (network.md "Real
// line layers"): lines that cross without a shared vertex, a bridge over a
// road, ends a metre short of the road they meet, a line cut at a "tile
// edge" with a 1 m gap, a zero-length piece. The graph and the distances
// after noding are worked out by hand below.
#include "network/graph.hpp"
#include "network/noding.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu::network;

namespace {

//            H (100,100)────(150,100)
//                │               ║ C: a bridge (level 1) from (150,100)
//   D (50,80)    │ B             ║    down to (150,−100), over A
//       │        │           K ──╫── (160,50)→(151,50): ground, 1 m short of the bridge's side
//       │ 1 m gap│               ║
//  A (0,0)───────┼───────────────╫──────(200,0) 1 m gap (201,0)───────(300,0) F
//                │               ║
//          (100,−100)       (150,−100)
//  E: a zero-length piece at (10,10).
std::vector<LayerLine> drawn() {
    return {
        {{{0, 0}, {200, 0}}, 0, ""},      // 0 A
        {{{100, -100}, {100, 100}}, 0, ""},   // 1 B: crosses A at (100,0), no shared vertex
        {{{150, -100}, {150, 100}}, 1, ""},   // 2 C: bridge over A at (150,0)
        {{{50, 80}, {50, 1}}, 0, ""},         // 3 D: stops 1 m short of A
        {{{10, 10}, {10, 10}}, 0, ""},        // 4 E: zero length
        {{{201, 0}, {300, 0}}, 0, ""},        // 5 F: A's continuation beyond a 1 m gap
        {{{100, 100}, {150, 100}}, 0, ""},    // 6 H: shares its end vertices with B and C
        {{{160, 50}, {151, 50}}, 0, ""},      // 7 K: 1 m from the bridge's side, not from its end
    };
}

std::vector<Line> as_walk_lines(const std::vector<std::vector<Point>>& lines) {
    std::vector<Line> out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (!lines[i].empty()) out.push_back({lines[i], RoadUse{true, true}, static_cast<long long>(i)});
    return out;
}

double dist(const RoadNetwork& net, Point a, Point b) {
    auto d = net.distance(net.snap(a, 0.5), net.snap(b, 0.5));
    REQUIRE(d);
    return *d;
}

} // namespace

TEST_CASE("survey of a map-made layer: dangling ends, crossings without a node") {
    auto s = survey_layer(drawn());
    CHECK(s.lines == 7);
    CHECK(s.degenerate == 1);
    CHECK(s.line_ends == 14);
    // Touching another line within 1 cm: B's top and both ends of H, C's top.
    // Everything else dangles: A 2, B 1, C 1, D 2, F 2, K 2.
    CHECK(s.dangling_ends == 10);
    CHECK(s.dangling_share() == Approx(10.0 / 14));
    CHECK(s.crossings_without_node == 1);   // A × B
    CHECK(s.level_crossings == 1);          // A under the bridge C
}

TEST_CASE("noding: crossings get a node, not under a bridge, ends 1 m short are joined") {
    auto noded = node_layer(drawn(), NodingOptions{2.0, 0.0, 20.0});
    CHECK(noded.crossings_noded == 1);
    CHECK(noded.ends_joined == 2);  // D onto A; A's east end onto F's start
    REQUIRE(noded.lines.size() == 8);
    CHECK(noded.lines[4].empty());  // the zero-length piece is dropped
    // D reaches A at (50,0); A gains (50,0) and (100,0) and reaches (201,0).
    REQUIRE(noded.lines[3].size() == 3);
    CHECK(noded.lines[3][2].x == Approx(50));
    CHECK(noded.lines[3][2].y == Approx(0).margin(1e-9));
    REQUIRE(noded.lines[0].size() == 5);
    CHECK(noded.lines[0][1].x == Approx(50));
    CHECK(noded.lines[0][2].x == Approx(100));
    CHECK(noded.lines[0][4].x == Approx(201));
    // B gains the crossing; the bridge C and K stay as drawn.
    CHECK(noded.lines[1].size() == 3);
    CHECK(noded.lines[2].size() == 2);
    CHECK(noded.lines[7].size() == 2);

    auto net = RoadNetwork::build(as_walk_lines(noded.lines));
    // Nodes: A (0,0) (50,0) (100,0) (201,0); F (300,0); D (50,80); B (100,±100);
    // H/C (150,100); C (150,−100) = 10 in the largest component, K's two ends
    // dropped with it. Edges: A 3, B 2, C 1, D 1, F 1, H 1 = 9.
    CHECK(net.report().nodes == 10);
    CHECK(net.report().edges == 9);
    CHECK(net.report().nodes_dropped == 2);
    CHECK(net.report().length_m == Approx(201 + 200 + 200 + 80 + 99 + 50));
    // Through the noded crossing: (100,−100) → (100,0) → (0,0).
    CHECK(dist(net, {100, -100}, {0, 0}) == Approx(200));
    // Under the bridge there is no junction: (0,0) → (100,0) → (100,100) →
    // (150,100) → down the bridge to (150,−100) = 100 + 100 + 50 + 200.
    CHECK(dist(net, {0, 0}, {150, -100}) == Approx(450));
    // The joined end: D's top to A's west end, 79 + 1 + 50; to F's far end
    // 80 + 150 along A + the 1 m join + 99 along F.
    CHECK(dist(net, {50, 80}, {0, 0}) == Approx(130));
    CHECK(dist(net, {50, 80}, {300, 0}) == Approx(330));
}

TEST_CASE("without noding the same layer falls apart") {
    std::vector<std::vector<Point>> raw;
    for (const auto& l : drawn()) raw.push_back(l.points);
    auto net = RoadNetwork::build(as_walk_lines(raw));
    // B + H + C is the largest piece (450 m); A, D, F, K are islands.
    CHECK(net.report().components == 5);
    CHECK(net.report().length_m == Approx(450));
}

TEST_CASE("a layer with its junctions as shared vertices needs nothing") {
    std::vector<LayerLine> grid;
    for (int i = 0; i < 3; ++i) {
        double c = 100.0 * i;
        grid.push_back({{{0, c}, {100, c}, {200, c}}, 0, ""});
        grid.push_back({{{c, 0}, {c, 100}, {c, 200}}, 0, ""});
    }
    auto noded = node_layer(grid, NodingOptions{2.0, 0.0, 20.0});
    CHECK(noded.before.crossings_without_node == 0);
    CHECK(noded.crossings_noded == 0);
    // Every end lies on a perpendicular line: nothing dangles, nothing is joined.
    CHECK(noded.before.dangling_ends == 0);
    CHECK(noded.ends_joined == 0);
    for (std::size_t i = 0; i < grid.size(); ++i) CHECK(noded.lines[i].size() == 3);
}

TEST_CASE("a bridge cut by the map's clipping is joined across its gap, nothing else is") {
    // A road reaches a canal bank at x = 0 and goes on at x = 300. Its bridge
    // was clipped: the stubs (0..40) and (200..260) are left, 160 m apart and
    // facing each other. A second bridge stub at (100, 50) points north: it
    // faces nothing. The ground roads' own 40 m gap (y = −100) is not a bridge.
    std::vector<LayerLine> lines = {
        {{{-100, 0}, {0, 0}}, 0, "tertiary"},
        {{{0, 0}, {40, 0}}, 1, "tertiary"},
        {{{200, 0}, {260, 0}}, 1, "tertiary"},
        {{{260, 0}, {360, 0}}, 0, "tertiary"},
        {{{100, 20}, {100, 50}}, 1, "tertiary"},
        {{{-100, -100}, {0, -100}}, 0, "minor"},
        {{{40, -100}, {140, -100}}, 0, "minor"},
    };
    auto noded = node_layer(lines, NodingOptions{2.0, 300.0, 20.0});
    CHECK(noded.bridge_gaps_joined == 1);
    // The first stub now reaches the second's end at (200, 0).
    REQUIRE(noded.lines[1].size() == 3);
    CHECK(noded.lines[1].back().x == Approx(200));
    CHECK(noded.lines[4].size() == 2);
    CHECK(noded.lines[5].size() == 2);
    CHECK(noded.lines[6].size() == 2);
    std::vector<std::vector<Point>> kept(noded.lines.begin(), noded.lines.begin() + 4);
    auto net = RoadNetwork::build(as_walk_lines(kept));
    CHECK(net.report().components == 1);
    CHECK(dist(net, {-100, 0}, {360, 0}) == Approx(460));
    // Of another class, or with the gap off, the stubs stay apart.
    lines[2].road_class = "primary";
    CHECK(node_layer(lines, NodingOptions{2.0, 300.0, 20.0}).bridge_gaps_joined == 0);
    lines[2].road_class = "tertiary";
    CHECK(node_layer(lines, NodingOptions{2.0, 0.0, 20.0}).bridge_gaps_joined == 0);
    CHECK(node_layer(lines, NodingOptions{2.0, 100.0, 20.0}).bridge_gaps_joined == 0);
}

TEST_CASE("a bridge ending on a road meets it, one passing over it does not") {
    // The bridge B rises from the middle of road A at (100, 0) and crosses
    // road C at (100, 100) on its way north; it shares no vertex with either.
    std::vector<LayerLine> lines = {
        {{{0, 0}, {200, 0}}, 0, "minor"},     // A
        {{{100, 0}, {100, 200}}, 1, "minor"}, // B
        {{{0, 100}, {200, 100}}, 0, "minor"}, // C
    };
    auto survey = survey_layer(lines);
    CHECK(survey.crossings_without_node == 1);  // B's end on A
    CHECK(survey.level_crossings == 1);         // B over C
    auto noded = node_layer(lines, NodingOptions{2.0, 0.0, 20.0});
    CHECK(noded.crossings_noded == 1);
    CHECK(noded.lines[0].size() == 3);  // A gains (100, 0)
    CHECK(noded.lines[2].size() == 2);  // C does not
    auto net = RoadNetwork::build(as_walk_lines(noded.lines), false);
    // From A's west end to C's west end: up the bridge and no way off it onto C.
    CHECK_FALSE(net.distance(net.snap({0, 0}, 0.5), net.snap({0, 100}, 0.5)));
    CHECK(dist(net, {0, 0}, {100, 200}) == Approx(100 + 200));
}
