// Pieces of the report worked out by hand: WKB read back, string tables,
// number text and axis steps.
#include "report/draw.hpp"
#include "report/strings.hpp"
#include "report/wkb.hpp"

#include "core/lang.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <nlohmann/json.hpp>

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
    Wkb point{1};
    put_u32(point, 1);
    put_f64(point, 139.7);
    put_f64(point, 35.56);
    Shape p = parse_wkb(point);
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
    Shape m = parse_wkb(multi);
    REQUIRE(m.kind == Shape::Kind::polygon);
    REQUIRE(m.paths.size() == 2);
    CHECK(m.paths[0][2] == std::pair{10.0, 10.0});
    CHECK(m.paths[1][1] == std::pair{6.0, 4.0});

    CHECK(parse_wkb({}).kind == Shape::Kind::empty);
    Wkb truncated(point.begin(), point.end() - 3);
    CHECK_THROWS(parse_wkb(truncated));
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
        if (value.is_string()) CHECK(placeholders(value.get<std::string>()) == placeholders(en[key].get<std::string>()));
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
    for (const char* file : {"content.cpp"}) {
        std::ifstream in(std::string(SHISETSU_SOURCE_DIR) + "/src/report/" + file);
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
