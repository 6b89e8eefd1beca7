#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/text.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace shisetsu;

TEST_CASE("XML escaping and replace_all") {
    CHECK(text::xml_escape(R"(a<b & "c">)") == "a&lt;b &amp; &quot;c&quot;&gt;");
    std::string s = "id=\"a\" id=\"b\"";
    text::replace_all(s, "id=\"", "id=\"p-");
    CHECK(s == "id=\"p-a\" id=\"p-b\"");
    std::string grow = "aa";
    text::replace_all(grow, "a", "aa");  // replaced text is not searched again
    CHECK(grow == "aaaa");
}

TEST_CASE("reading a JSON file: bad input names the file") {
    auto dir = std::filesystem::temp_directory_path() / "shisetsu-unit-core";
    std::filesystem::create_directories(dir);
    auto good = (dir / "good.json").string(), bad = (dir / "bad.json").string();
    std::ofstream(good) << R"({"a": 1})";
    std::ofstream(bad) << R"({"a": )";
    CHECK(read_json_file(good)["a"] == 1);
    CHECK(read_text_file(good) == R"({"a": 1})");
    try {
        read_json_file(bad);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find(bad) != std::string::npos);
    }
    CHECK_THROWS_AS(read_json_file((dir / "missing.json").string()), InputError);
    CHECK_THROWS_AS(read_text_file((dir / "missing.txt").string()), InputError);
}
