// Pieces of the report worked out by hand: WKB read back (through OGR), string tables,
// number text and axis steps.
#include "report/draw.hpp"
#include "report/maps.hpp"
#include "report/strings.hpp"

#include "core/lang.hpp"
#include "gisio/geometry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

using namespace shisetsu;
using namespace shisetsu::report;

namespace {

void put_u32(Wkb& w, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) w.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
void put_f64(Wkb& w, double d) {
    std::uint64_t v;
    std::memcpy(&v, &d, 8);
    for (int i = 0; i < 8; ++i) w.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

} // namespace

TEST_CASE("WKB: a point, and a polygon with a hole as two rings") {
    using gis::geometry_paths;
    Wkb point{1};
    put_u32(point, 1);
    put_f64(point, 139.7);
    put_f64(point, 35.56);
    Shape p = geometry_paths(point);
    REQUIRE(p.kind == Shape::Kind::point);
    CHECK(p.paths.at(0).at(0) == std::pair{139.7, 35.56});

    // MULTIPOLYGON with one polygon: outer square 0..10, hole 4..6.
    Wkb multi{1};
    put_u32(multi, 6);
    put_u32(multi, 1);
    multi.push_back(1);
    put_u32(multi, 3);
    put_u32(multi, 2);
    for (double lo : {0.0, 4.0}) {
        double hi = lo == 0 ? 10 : 6;
        put_u32(multi, 5);
        for (auto [x, y] : {std::pair{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}, {lo, lo}}) {
            put_f64(multi, x);
            put_f64(multi, y);
        }
    }
    Shape m = geometry_paths(multi);
    REQUIRE(m.kind == Shape::Kind::polygon);
    REQUIRE(m.paths.size() == 2);
    CHECK(m.paths[0][2] == std::pair{10.0, 10.0});
    CHECK(m.paths[1][1] == std::pair{6.0, 4.0});

    CHECK(geometry_paths({}).kind == Shape::Kind::empty);
    Wkb truncated(point.begin(), point.end() - 3);
    CHECK_THROWS(geometry_paths(truncated));
}

TEST_CASE("numbers with thousands separators and round axis steps") {
    CHECK(grouped(5166.34, 1) == "5,166.3");
    CHECK(grouped(1230000) == "1,230,000");
    CHECK(grouped(-61.44, 1) == "-61.4");
    CHECK(grouped(999.96, 1) == "1,000.0");
    CHECK(nice_step(320, 5) == 100);   // 64 → 100
    CHECK(nice_step(200, 5) == 50);    // 40 → 50
    CHECK(nice_step(100, 5) == 20);
    CHECK(nice_step(12, 5) == 2.5);    // 2.4 → 2.5
}

TEST_CASE("placeholders are filled, every one of them") {
    CHECK(fill("{a} と {b}、また {a}", {{"a", "x"}, {"b", "{a}"}}) == "x と {a}、また x");
}

TEST_CASE("the Japanese and English string tables have the same keys and placeholders") {
    auto load = [](const char* name) {
        std::ifstream in(std::string(SHISETSU_SOURCE_DIR) + "/reports/" + name);
        REQUIRE(in);
        return nlohmann::json::parse(in);
    };
    const auto ja = load("strings.ja.json"), en = load("strings.en.json");
    auto placeholders = [](const std::string& s) {
        std::set<std::string> out;
        for (auto at = s.find('{'); at != std::string::npos; at = s.find('{', at + 1))
            if (auto end = s.find('}', at); end != std::string::npos) out.insert(s.substr(at, end - at + 1));
        return out;
    };
    for (const auto& [key, value] : ja.items()) {
        INFO(key);
        REQUIRE(en.contains(key));
        // English has no 和暦: a year may drop {wareki}.
        auto ja_places = placeholders(value.is_string() ? value.get<std::string>() : std::string());
        auto en_places = placeholders(en[key].is_string() ? en[key].get<std::string>() : std::string());
        if (!en_places.contains("{wareki}")) ja_places.erase("{wareki}");
        if (value.is_string()) CHECK(ja_places == en_places);
    }
    CHECK(ja.size() == en.size());
    // And the loader finds them.
    set_language(Lang::en);
    CHECK(Strings::load()["s1.title"] == "Summary");
    set_language(Lang::ja);
    CHECK(Strings::load()["s1.title"] == "概要");
    // Section numbers come from the document's order: "{n}. {title}".
    CHECK(Strings::load().format("section.numbered", {{"n", "4"}, {"title", "施設配置計画"}}) == "4. 施設配置計画");
}

TEST_CASE("every key the report code asks for by name is in the string table") {
    // A key that is missing stops the report only on the path that uses it
    // (a λ > 0 plan, a peak-mode levelling), so look for them in the source.
    std::ifstream table_in(std::string(SHISETSU_SOURCE_DIR) + "/reports/strings.ja.json");
    REQUIRE(table_in);
    const auto table = nlohmann::json::parse(table_in);
    const std::regex used(
        R"re((?:t_\[|t_\.format\(|t_\.has\(|money_header\(|area_header\(|solver_table\(|not_run\("[a-z ]*", )"([a-z0-9_.]+)")re");
    int checked = 0;
    // Every section file of the document (content*.cpp, content*.hpp).
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(SHISETSU_SOURCE_DIR) + "/src/report"))
        if (entry.path().filename().string().starts_with("content")) files.push_back(entry.path());
    CHECK(files.size() > 5);
    for (const auto& file : files) {
        std::ifstream in(file);
        REQUIRE(in);
        const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::sregex_iterator it(source.begin(), source.end(), used), end; it != end; ++it) {
            const std::string key = (*it)[1];
            if (key.back() == '.') continue;  // a prefix: "action." + the action
            INFO(key);
            CHECK(table.contains(key));
            ++checked;
        }
    }
    CHECK(checked > 100);
}

namespace {

// A 1 km square ward in the work CRS (metres), drawn in a 300 × 300 pt frame.
MapSpec square_ward() {
    MapSpec m;
    Shape square;
    square.kind = Shape::Kind::polygon;
    square.paths = {{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}}};
    m.boundary = std::make_shared<const std::vector<Shape>>(std::vector<Shape>{square});
    return m;
}

bool overlap(const LabelBox& a, const LabelBox& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

struct Scratch {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t* cr = cairo_create(surface);
    ~Scratch() {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
};

} // namespace

TEST_CASE("map labels: each beside its mark, none over another, the scale bar or the north arrow") {
    Scratch scratch;
    MapSpec m = square_ward();
    // A crowded cluster in the middle (marks 10 m apart ≈ 2.8 pt) and a few
    // lone marks, one just above the scale bar and one beside the north arrow.
    for (int i = 0; i < 16; ++i) m.labels.push_back({480.0 + 10 * (i % 4), 480.0 + 10 * (i / 4), 6, std::to_string(i + 1)});
    m.labels.push_back({150, 850, 6, "17"});
    m.labels.push_back({850, 150, 6, "18"});
    m.labels.push_back({100, 100, 6, "19"});  // bottom left: the scale bar
    m.labels.push_back({870, 900, 6, "20"});  // top right: the north arrow
    const auto boxes = map_label_boxes(scratch.cr, 300, 300, m);
    const auto furniture = map_furniture_boxes(scratch.cr, 300, 300, m);
    REQUIRE(furniture.size() == 2);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        INFO(boxes[i].text);
        CHECK(boxes[i].x0 >= 0);
        CHECK(boxes[i].y0 >= 0);
        CHECK(boxes[i].x1 <= 300);
        CHECK(boxes[i].y1 <= 300);
        for (std::size_t j = i + 1; j < boxes.size(); ++j) CHECK_FALSE(overlap(boxes[i], boxes[j]));
        for (const auto& f : furniture) CHECK_FALSE(overlap(boxes[i], f));
    }
    // The lone marks all get their label; in the cluster some must give way.
    std::set<std::string> placed;
    for (const auto& b : boxes) placed.insert(b.text);
    for (const char* lone : {"17", "18", "19", "20"}) CHECK(placed.contains(lone));
    CHECK(placed.size() < m.labels.size());
    CHECK(placed.size() >= 8);
    // A label sits beside its own mark: its box is within a label's size of it.
    // Frame: 8 pt padding, 284 pt for 1000 m; mark 17 at (150, 850) m.
    for (const auto& b : boxes)
        if (b.text == "17") {
            const double px = 8 + 150 * 0.284, py = 292 - 850 * 0.284;
            CHECK(std::fabs((b.x0 + b.x1) / 2 - px) < 12);
            CHECK(std::fabs((b.y0 + b.y1) / 2 - py) < 10);
        }
}
