// Text normalisation (inventory.md "Reading rules": headers match case- and
// width-insensitively; UTF-8 with or without BOM, CP932 detected).
#include "core/text.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu::text;

TEST_CASE("to_half_width maps the full-width ASCII block and U+3000", "[text]") {
    CHECK(to_half_width("１２３ＡＢＣａｂｃ") == "123ABCabc");
    CHECK(to_half_width("！") == "!");            // U+FF01, first of the block
    CHECK(to_half_width("～") == "~");            // U+FF5E, last of the block
    CHECK(to_half_width("（ｍ２）") == "(m2)");
    CHECK(to_half_width("Ａ　Ｂ") == "A B");      // ideographic space
    CHECK(to_half_width("１，２３４．５") == "1,234.5");
}

TEST_CASE("to_half_width leaves everything else alone", "[text]") {
    CHECK(to_half_width("施設名") == "施設名");
    CHECK(to_half_width("ｱｲｳ") == "ｱｲｳ");        // half-width katakana
    CHECK(to_half_width("￥") == "￥");            // U+FFE5: left to callers
    CHECK(to_half_width("｟") == "｟");            // U+FF5F, just past the block
    CHECK(to_half_width("abc 123") == "abc 123");
    CHECK(to_half_width("") == "");
    // Bytes that are not UTF-8 pass through unchanged.
    CHECK(to_half_width("\x8f\x8e" "1") == "\x8f\x8e" "1");
}

TEST_CASE("match_key ignores case, width, spaces, _ - ・ and brackets", "[text]") {
    CHECK(match_key("Floor_Area (m2)") == match_key("ｆｌｏｏｒ　ａｒｅａ（ｍ２）"));
    CHECK(match_key("Floor_Area (m2)") == "flooraream2");
    CHECK(match_key("facility_id") == "facilityid");
    CHECK(match_key("Facility-ID") == "facilityid");
    CHECK(match_key("FACILITY ID") == "facilityid");
    CHECK(match_key("延床面積（㎡）") == "延床面積㎡");
    CHECK(match_key("延床面積(㎡)") == "延床面積㎡");
    CHECK(match_key("建築・年度") == "建築年度");
    CHECK(match_key("建築･年度") == "建築年度");   // half-width ･ is the same mark
    CHECK(match_key(" 施設名\t") == "施設名");
    CHECK(match_key("センター") == "センター");      // ー is a letter, not a hyphen
}

TEST_CASE("trim removes ASCII whitespace and U+3000 at both ends only", "[text]") {
    CHECK(trim("  abc\t\n") == "abc");
    CHECK(trim("　施設　") == "施設");
    CHECK(trim(" 　a b　 ") == "a b");
    CHECK(trim("a　b") == "a　b");
    CHECK(trim("") == "");
    CHECK(trim("　 \r\n") == "");
}

TEST_CASE("is_valid_utf8", "[text]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("abc"));
    CHECK(is_valid_utf8("施設名"));
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600, 4 bytes
    CHECK_FALSE(is_valid_utf8("\x8f\x8e"));         // CP932 bytes
    CHECK_FALSE(is_valid_utf8("\x8e\x7b\x90\xdd")); // 施設 in CP932
    CHECK_FALSE(is_valid_utf8("\xE6\x96"));         // 施 cut short
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));     // overlong '/', 3 bytes
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // surrogate U+D800
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // U+110000
    CHECK_FALSE(is_valid_utf8("abc\xFF"));
}

TEST_CASE("strip_bom removes one leading UTF-8 BOM", "[text]") {
    CHECK(strip_bom("\xEF\xBB\xBF" "abc") == "abc");
    CHECK(strip_bom("\xEF\xBB\xBF") == "");
    CHECK(strip_bom("abc") == "abc");
    CHECK(strip_bom("\xEF\xBB" "abc") == "\xEF\xBB" "abc");   // incomplete BOM
    CHECK(strip_bom("\xEF\xBB\xBF\xEF\xBB\xBF" "a") == "\xEF\xBB\xBF" "a");
    CHECK(strip_bom("a\xEF\xBB\xBF") == "a\xEF\xBB\xBF");
}

TEST_CASE("split_list splits, trims and drops empty parts", "[text]") {
    using V = std::vector<std::string>;
    CHECK(split_list("a, b;c") == V{"a", "b", "c"});
    CHECK(split_list("学校、公民館，図書館|体育館") == V{"学校", "公民館", "図書館", "体育館"});
    CHECK(split_list("学校　、　公民館") == V{"学校", "公民館"});
    CHECK(split_list("a,,b, ,") == V{"a", "b"});
    CHECK(split_list("") == V{});
    CHECK(split_list("a/b c", "/") == V{"a", "b c"});
    // 会 is E4 BC 9A; ， is EF BC 8C. Separators are characters, not bytes,
    // so the shared byte BC must not split 会議室.
    CHECK(split_list("会議室") == V{"会議室"});
    CHECK(split_list("集会所、会議室") == V{"集会所", "会議室"});
}

TEST_CASE("CSV fields are quoted only when they must be", "[text]") {
    CHECK(csv_field("F001") == "F001");
    CHECK(csv_field("大田区") == "大田区");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("csv_field: a text a spreadsheet would run as a formula is written as text (OWASP)", "[text][csv]") {
    // Each of these is a formula to Excel and LibreOffice when it starts a cell.
    CHECK(csv_field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(csv_field("=1+1") == "\"'=1+1\"");
    CHECK(csv_field("+cmd|' /C calc'!A0") == "\"'+cmd|' /C calc'!A0\"");
    CHECK(csv_field("-2+3") == "\"'-2+3\"");
    CHECK(csv_field("@SUM(A1)") == "\"'@SUM(A1)\"");
    CHECK(csv_field("\t=1") == "\"'\t=1\"");
    CHECK(csv_field("\r=1") == "\"'\r=1\"");
    // Numbers stay numbers; text with = elsewhere is not a formula.
    CHECK(csv_field("-15000000") == "-15000000");
    CHECK(csv_field("+81") == "+81");
    CHECK(csv_field("-1.5e-3") == "-1.5e-3");
    CHECK(csv_field("a=b") == "a=b");
    CHECK(csv_field("") == "");
    CHECK(csv_field("-") == "\"'-\"");
    // Read back, the quote goes again; a plain apostrophe stays.
    CHECK(csv_unneutralise("'=1+1") == "=1+1");
    CHECK(csv_unneutralise("'-2+3") == "-2+3");
    CHECK(csv_unneutralise("'-5") == "'-5");
    CHECK(csv_unneutralise("'quoted'") == "'quoted'");
}
