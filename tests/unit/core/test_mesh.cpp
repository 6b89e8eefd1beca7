// JIS X 0410 standard mesh codes. Expected values worked out by hand from
// the definition: 1st level south = pq / 1.5°, west = uv + 100°, 40′ × 1°;
// 2nd 5′ × 7.5′ (1/12° × 1/8°); 3rd 30″ × 45″ (1/120° × 1/80°); then halves:
// 4th 1/240° × 1/160°, 5th 1/480° × 1/320°, 6th 1/960° × 1/640°.
#include "core/lang.hpp"
#include "core/mesh.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;

namespace {

MeshCell decode(std::string_view code) {
    std::string why = "not cleared";
    const auto cell = decode_mesh(code, &why);
    INFO("code: " << code << " why: " << why);
    REQUIRE(cell);
    CHECK(why.empty());
    return *cell;
}

void check_cell(const MeshCell& c, int level, double south, double west, double height, double width) {
    CHECK(c.level == level);
    CHECK(c.south == Approx(south).epsilon(1e-12));
    CHECK(c.west == Approx(west).epsilon(1e-12));
    CHECK(c.height_deg == Approx(height).epsilon(1e-12));
    CHECK(c.width_deg == Approx(width).epsilon(1e-12));
}

std::string reject(std::string_view code) {
    std::string why;
    const auto cell = decode_mesh(code, &why);
    INFO("code: " << code);
    CHECK_FALSE(cell);
    return why;
}

} // namespace

TEST_CASE("1st level mesh", "[mesh]") {
    // 5339: south 53 / 1.5 = 35 1/3 = 35.3333…°, west 100 + 39 = 139°.
    const auto c = decode("5339");
    check_cell(c, 1, 35.0 + 1.0 / 3.0, 139.0, 2.0 / 3.0, 1.0);
    CHECK(c.north() == Approx(36.0));
    CHECK(c.east() == Approx(140.0));
    CHECK(c.centre_lat() == Approx(35.0 + 2.0 / 3.0));   // 35 1/3 + 1/3
    CHECK(c.centre_lon() == Approx(139.5));
    // 3622: 36 / 1.5 = 24°, 100 + 22 = 122°.  6841: 68 / 1.5 = 45 1/3°, 141°.
    check_cell(decode("3622"), 1, 24.0, 122.0, 2.0 / 3.0, 1.0);
    check_cell(decode("6841"), 1, 45.0 + 1.0 / 3.0, 141.0, 2.0 / 3.0, 1.0);
    // Full-width digits and spaces around are read as well.
    check_cell(decode(" ５３３９ "), 1, 35.0 + 1.0 / 3.0, 139.0, 2.0 / 3.0, 1.0);
}

TEST_CASE("2nd level mesh", "[mesh]") {
    // 533925: south 35 1/3 + 2 × 1/12 = 35.5°, west 139 + 5 × 0.125 = 139.625°.
    check_cell(decode("533925"), 2, 35.5, 139.625, 1.0 / 12.0, 0.125);
    // 533977, the NE corner cell: south 35 1/3 + 7/12 = 35.91666…°,
    // west 139 + 7/8 = 139.875°; its north and east edges are the 1st level's.
    const auto ne = decode("533977");
    check_cell(ne, 2, 35.0 + 11.0 / 12.0, 139.875, 1.0 / 12.0, 0.125);
    CHECK(ne.north() == Approx(36.0));
    CHECK(ne.east() == Approx(140.0));
    check_cell(decode("533900"), 2, 35.0 + 1.0 / 3.0, 139.0, 1.0 / 12.0, 0.125);
}

TEST_CASE("3rd level mesh", "[mesh]") {
    // 53392535: south 35.5 + 3/120 = 35.525°, west 139.625 + 5 × 0.0125 = 139.6875°.
    check_cell(decode("53392535"), 3, 35.525, 139.6875, 1.0 / 120.0, 1.0 / 80.0);
    // 53397799: south 35.91666… + 9/120 = 35.99166…°, west 139.875 + 9/80 = 139.9875°;
    // north and east edges 36° and 140°.
    const auto c = decode("53397799");
    check_cell(c, 3, 35.0 + 119.0 / 120.0, 139.9875, 1.0 / 120.0, 1.0 / 80.0);
    CHECK(c.north() == Approx(36.0));
    CHECK(c.east() == Approx(140.0));
}

TEST_CASE("4th level (500 m) mesh: 1 SW, 2 SE, 3 NW, 4 NE", "[mesh]") {
    // 533925354 (Ota City): 3rd-level cell 35.525° / 139.6875°, NE half-cell:
    // south 35.525 + 1/240 = 35.529166…°, west 139.6875 + 1/160 = 139.69375°.
    const double h = 1.0 / 240.0, w = 1.0 / 160.0;
    check_cell(decode("533925354"), 4, 35.525 + h, 139.69375, h, w);
    check_cell(decode("533925351"), 4, 35.525, 139.6875, h, w);
    check_cell(decode("533925352"), 4, 35.525, 139.69375, h, w);
    check_cell(decode("533925353"), 4, 35.525 + h, 139.6875, h, w);
    // The NE half-cell's centre: 35.529166… + 1/480, 139.69375 + 1/320.
    const auto c = decode("533925354");
    CHECK(c.centre_lat() == Approx(35.53125));
    CHECK(c.centre_lon() == Approx(139.696875));
}

TEST_CASE("5th (250 m) and 6th (125 m) level mesh", "[mesh]") {
    const double h4 = 1.0 / 240.0;
    // 5339253541: SW quarter of 533925354: same corner, 1/480° × 1/320°.
    check_cell(decode("5339253541"), 5, 35.525 + h4, 139.69375, 1.0 / 480.0, 1.0 / 320.0);
    // 5339253544: NE quarter: south 35.525 + 1/240 + 1/480 = 35.53125°,
    // west 139.69375 + 1/320 = 139.696875°.
    check_cell(decode("5339253544"), 5, 35.53125, 139.696875, 1.0 / 480.0, 1.0 / 320.0);
    // 53392535443: NW eighth of that: south 35.53125 + 1/960, west 139.696875.
    check_cell(decode("53392535443"), 6, 35.53125 + 1.0 / 960.0, 139.696875, 1.0 / 960.0, 1.0 / 640.0);
    // 53392535442: SE eighth: south 35.53125, west 139.696875 + 1/640 = 139.6984375°.
    check_cell(decode("53392535442"), 6, 35.53125, 139.6984375, 1.0 / 960.0, 1.0 / 640.0);
}

TEST_CASE("invalid mesh codes", "[mesh]") {
    set_language(Lang::ja);
    const std::string length = "メッシュコードは4・6・8・9・10・11桁です";
    CHECK(reject("533") == length);
    CHECK(reject("53392") == length);
    CHECK(reject("5339253") == length);
    CHECK(reject("533925354123") == length);
    CHECK(reject("") == "メッシュコードが空です");
    CHECK(reject("5339a5") == "メッシュコードに数字以外の文字があります");
    CHECK(reject("5339-25") == "メッシュコードに数字以外の文字があります");
    CHECK(reject("-5339") == "メッシュコードに数字以外の文字があります");
    const std::string second = "2次メッシュの2桁（5・6桁目）は0〜7です";
    CHECK(reject("533985") == second);
    CHECK(reject("533958") == second);
    CHECK(reject("53399935") == second);
    const std::string sub = "分割メッシュの桁（9桁目以降）は1〜4です";
    CHECK(reject("533925350") == sub);
    CHECK(reject("533925355") == sub);
    CHECK(reject("5339253545") == sub);
    CHECK(reject("53392535410") == sub);
    set_language(Lang::en);
    CHECK(reject("533") == "mesh code must have 4, 6, 8, 9, 10 or 11 digits");
    set_language(Lang::ja);
}
