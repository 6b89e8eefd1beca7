#include "core/errors.hpp"
#include "gisio/crs.hpp"
#include "gisio/geometry.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>

using namespace shisetsu;

TEST_CASE("plane-rectangular zone chosen from the data's position") {
    // Zones by prefecture (国土地理院): Tokyo mainland IX (EPSG:6677), Osaka VI
    // (6674), Hokkaido Sapporo XII (6680), Okinawa main island XV (6683),
    // Fukuoka II (6670).
    CHECK(gis::plane_rectangular_zone(139.72, 35.56) == "EPSG:6677");  // Ota City
    CHECK(gis::plane_rectangular_zone(139.41, 35.70) == "EPSG:6677");  // Tachikawa
    CHECK(gis::plane_rectangular_zone(135.50, 34.69) == "EPSG:6674");  // Osaka
    CHECK(gis::plane_rectangular_zone(141.35, 43.06) == "EPSG:6680");  // Sapporo
    CHECK(gis::plane_rectangular_zone(127.68, 26.21) == "EPSG:6683");  // Naha
    CHECK(gis::plane_rectangular_zone(130.40, 33.59) == "EPSG:6670");  // Fukuoka
}

TEST_CASE("PROJ transforms in lon/lat order: zone IX origin is (0, 0)") {
    // Zone IX origin: 36° N, 139° 50′ E.
    gis::Transformer t("EPSG:6668", "EPSG:6677");
    double x = 139.0 + 50.0 / 60.0, y = 36.0;
    t.transform(x, y);
    CHECK(x == Approx(0.0).margin(1e-6));
    CHECK(y == Approx(0.0).margin(1e-6));
    // One minute of latitude north of the origin is about 1,849 m north.
    double x2 = 139.0 + 50.0 / 60.0, y2 = 36.0 + 1.0 / 60.0;
    t.transform(x2, y2);
    CHECK(x2 == Approx(0.0).margin(1e-6));
    CHECK(y2 == Approx(1849.0).margin(2.0));
}

TEST_CASE("a user's CRS is recognised or named as unknown") {
    CHECK(gis::normalise_crs("6677") == "EPSG:6677");
    CHECK(gis::normalise_crs("EPSG:4326") == "EPSG:4326");
    CHECK_THROWS_AS(gis::normalise_crs("EPSG:999999"), InputError);
    auto area = gis::area_of_use("EPSG:6668");
    REQUIRE(area);
    CHECK(area->contains(139.7, 35.6));
    CHECK_FALSE(area->contains(35.6, 139.7));
}

TEST_CASE("geometry helpers round-trip WKB") {
    auto p = gis::point_wkb(139.5, 35.25);
    auto xy = gis::point_xy(p);
    REQUIRE(xy);
    CHECK(xy->first == 139.5);
    CHECK(xy->second == 35.25);
    auto rect = gis::rectangle_wkb(0, 0, 2, 1);
    auto inner = gis::point_xy(gis::representative_point(rect));
    REQUIRE(inner);
    CHECK(inner->first > 0);
    CHECK(inner->first < 2);
    CHECK(inner->second > 0);
    CHECK(inner->second < 1);
    CHECK_FALSE(gis::point_xy(rect));
}

TEST_CASE("a geometry as GeoJSON for the web map: its own coordinates, rounded, simplified within the tolerance") {
    // A cell 0.01° square; GeoJSON rings close on their first point (RFC 7946).
    const auto cell = nlohmann::json::parse(gis::geojson_geometry(gis::rectangle_wkb(139.7, 35.55, 139.71, 35.56)));
    CHECK(cell["type"] == "Polygon");
    REQUIRE(cell["coordinates"][0].size() == 5);
    CHECK(cell["coordinates"][0][0][0].get<double>() == Approx(139.7));
    CHECK(cell["coordinates"][0][0][1].get<double>() == Approx(35.55));
    CHECK(cell["coordinates"][0][2][0].get<double>() == Approx(139.71));
    // Six places: 139.7000004 is written 139.7.
    const auto point = nlohmann::json::parse(gis::geojson_geometry(gis::point_wkb(139.7000004, 35.5)));
    CHECK(point["type"] == "Point");
    CHECK(point["coordinates"][0].get<double>() == 139.7);
    // A ring with a vertex 1e-7° off the straight edge loses it at a 1e-5° tolerance.
    // WKB by hand (OGC 06-103r4: little-endian, type 3 = polygon, rings, points).
    Wkb wkb;
    auto put = [&wkb](const void* p, std::size_t n) { wkb.insert(wkb.end(), static_cast<const unsigned char*>(p), static_cast<const unsigned char*>(p) + n); };
    const unsigned char order = 1;
    const std::uint32_t type = 3, rings = 1, points = 6;
    put(&order, 1), put(&type, 4), put(&rings, 4), put(&points, 4);
    for (double v : {0.0, 0.0, 0.5, 1e-7, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0}) put(&v, 8);
    CHECK(nlohmann::json::parse(gis::geojson_geometry(wkb))["coordinates"][0].size() == 6);
    CHECK(nlohmann::json::parse(gis::geojson_geometry(wkb, 1e-5))["coordinates"][0].size() == 5);
}
