#include "network/service_area.hpp"

#include <catch2/catch.hpp>

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>

using namespace shisetsu;
using namespace shisetsu::network;

namespace {

Line line(std::vector<Point> points, bool forward = true, bool backward = true) {
    return Line{std::move(points), RoadUse{forward, backward}, 0};
}

double total_length(const std::vector<std::vector<Point>>& parts) {
    double len = 0;
    for (const auto& p : parts)
        for (std::size_t i = 1; i < p.size(); ++i) len += std::hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y);
    return len;
}

// A stored area's polygon (EPSG:6668).
std::unique_ptr<OGRGeometry> geometry_of(const ServiceArea& area) {
    OGRGeometry* raw = nullptr;
    REQUIRE(OGRGeometryFactory::createFromWkb(area.geometry.data(), nullptr, &raw, area.geometry.size()) == OGRERR_NONE);
    return std::unique_ptr<OGRGeometry>(raw);
}

// Back in zone IX (EPSG:6677, metres), where the areas were drawn.
void to_zone_ix(OGRGeometry& geom) {
    OGRSpatialReference zone, geographic;
    zone.importFromEPSG(6677);
    geographic.importFromEPSG(6668);
    zone.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    geom.assignSpatialReference(&geographic);
    REQUIRE(geom.transformTo(&zone) == OGRERR_NONE);
}

} // namespace

TEST_CASE("reachable network: 200 m either way along a straight road") {
    auto net = RoadNetwork::build({line({{0, 0}, {1000, 0}})});
    auto parts = reachable_parts(net, {500, 0}, 200, 500);
    REQUIRE(parts.size() == 1);  // both sides of the site, merged into one piece
    CHECK(total_length(parts) == Approx(400));
    // The site's 30 m access leg comes off the catchment.
    CHECK(total_length(reachable_parts(net, {500, 30}, 200, 500)) == Approx(340));
    CHECK(reachable_parts(net, {500, 300}, 200, 500).empty());
}

TEST_CASE("reachable network through a junction and into side roads") {
    // A cross: four 300 m arms meeting at (0,0); the site 100 m up the east arm.
    auto net = RoadNetwork::build({line({{-300, 0}, {0, 0}, {300, 0}}), line({{0, -300}, {0, 0}, {0, 300}})});
    auto parts = reachable_parts(net, {100, 0}, 250, 500);
    // East arm: 100 m to the junction + 250 m beyond the site (capped at the
    // arm's end, 200 m); three other arms: 150 m each.
    CHECK(total_length(parts) == Approx(100 + 200 + 3 * 150));
}

TEST_CASE("on a one-way road only the upstream part reaches the site") {
    auto net = RoadNetwork::build({line({{0, 0}, {1000, 0}}, true, false)}, false);
    CHECK(total_length(reachable_parts(net, {500, 0}, 200, 500)) == Approx(200));
}

TEST_CASE("service areas are buffered, dissolved polygons in EPSG:6668") {
    auto net = RoadNetwork::build({line({{0, 0}, {1000, 0}})});
    // Zone IX (EPSG:6677) around its origin (139°50'E, 36°N).
    std::vector<AreaJob> jobs = {{"F1", "library", {500, 0}, 200, std::nullopt}};
    auto areas = service_areas(&net, jobs, "EPSG:6677", 50, 500, 1.3);
    REQUIRE(areas.size() == 1);
    CHECK(areas[0].mode == "network");
    auto geom = geometry_of(areas[0]);
    CHECK(wkbFlatten(geom->getGeometryType()) == wkbPolygon);
    OGREnvelope env;
    geom->getEnvelope(&env);
    // 250 m .. 750 m east of the origin (300..700 plus the 50 m buffer), in degrees.
    CHECK(env.MinX == Approx(139.0 + 50.0 / 60 + 250.0 / (111320 * std::cos(36 * M_PI / 180))).epsilon(1e-6));
    CHECK(env.MaxY == Approx(36.0 + 50.0 / 110950).epsilon(1e-6));

    // Back in zone IX: the 400 m of road buffered by 50 m is a 400 × 100 m
    // rectangle and two half discs, 40,000 + π·50² = 47,854 m², valid, within
    // a grid cell (12.5 m) of the exact outline: area to ±1 %.
    to_zone_ix(*geom);
    CHECK(geom->IsValid());
    CHECK(geom->toPolygon()->get_Area() == Approx(40000 + M_PI * 2500).epsilon(0.01));

    // A square of streets: the block inside (100 × 100 m less 2 × 50 m) is
    // no hole, a 300 m block would have a 200 × 200 m hole.
    auto ring = RoadNetwork::build({line({{0, 0}, {300, 0}, {300, 300}, {0, 300}, {0, 0}})});
    auto around = service_areas(&ring, {{"F2", "library", {0, 0}, 2000, std::nullopt}}, "EPSG:6677", 50, 500, 1.3);
    REQUIRE(around.size() == 1);
    auto square = geometry_of(around[0]);
    to_zone_ix(*square);
    REQUIRE(wkbFlatten(square->getGeometryType()) == wkbPolygon);
    CHECK(square->toPolygon()->getNumInteriorRings() == 1);
    // 400 × 400 with rounded corners (− (4 − π)·50²) less the 200 × 200 hole.
    CHECK(square->toPolygon()->get_Area() == Approx(400.0 * 400 - (4 - M_PI) * 2500 - 200.0 * 200).epsilon(0.01));

    auto circles = service_areas(nullptr, jobs, "EPSG:6677", 50, 500, 1.3);
    REQUIRE(circles.size() == 1);
    CHECK(circles[0].mode == "straight_line");
}

TEST_CASE("a service area's outline keeps no vertex for every grid cell it crosses") {
    // A road at an angle to the grid: the contour has a vertex at every cell
    // edge the outline crosses (153 here); simplified within a fifth of a
    // cell (2.5 m), a side is a few vertices and the ends keep their curve.
    const double c = std::cos(0.35), s = std::sin(0.35);
    auto net = RoadNetwork::build({line({{0, 0}, {1000 * c, 1000 * s}})});
    auto areas = service_areas(&net, {{"F1", "library", {500 * c, 500 * s}, 300, std::nullopt}}, "EPSG:6677", 50, 500, 1.3);
    REQUIRE(areas.size() == 1);
    auto geom = geometry_of(areas[0]);
    REQUIRE(wkbFlatten(geom->getGeometryType()) == wkbPolygon);
    CHECK(geom->IsValid());
    const int vertices = geom->toPolygon()->getExteriorRing()->getNumPoints();
    INFO("outline vertices: " << vertices);
    CHECK(vertices < 40);   // 600 m sides cross ~50 cells each
    CHECK(vertices > 12);   // two rounded ends
    // Still the buffered road (600 × 100 m and two half discs): off the
    // grid's axes the line's cells lie beside it, and the outline ~2 m
    // outside the exact one; within a quarter cell on average.
    to_zone_ix(*geom);
    const double exact = 60000 + M_PI * 2500, perimeter = 2 * 600 + 2 * M_PI * 50;
    CHECK(std::abs(geom->toPolygon()->get_Area() - exact) / perimeter < 12.5 / 4);
}

