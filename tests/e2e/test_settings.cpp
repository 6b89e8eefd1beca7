// Project settings (overview.md "The municipality, once"): `init
// --municipality`, `settings DB [KEY [VALUE]]`, a boundary's N03 attributes
// filling what is unset, and the open-data CSV naming the project's own
// municipality. Tachikawa (tests/data/tachikawa; README there).
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

using namespace e2e;

BOTH_BACKENDS_TEST_CASE("init --municipality checks the code, a boundary fills the name, settings reads and changes them", "[e2e][settings]") {
    auto dir = temp_dir("settings");
    const std::string db = e2e::project_db(backend, dir, "t");

    auto wrong = shisetsu("--lang en init " + db + " --municipality 132029");
    CHECK(wrong.exit_code == 1);
    CHECK(wrong.err.find("wrong check digit: 132029 (expected 132021)") != std::string::npos);
    CHECK(run_command("test -e " + db).exit_code != 0);  // nothing created

    REQUIRE(shisetsu("init " + db + " --municipality 132021").exit_code == 0);
    auto code = shisetsu("settings " + db + " code");
    CHECK(code.exit_code == 0);
    CHECK(code.out == "132021\n");

    // Tachikawa's N03 boundary: 東京都 / 立川市 / 13202.
    REQUIRE(shisetsu("--quiet import " + db + " boundary " + fixture("tachikawa/boundary.geojson")).exit_code == 0);
    auto all = shisetsu("--lang en settings " + db);
    INFO(all.out);
    CHECK(all.exit_code == 0);
    CHECK(all.out.find("name         立川市  [from the boundary (N03)]") != std::string::npos);
    CHECK(all.out.find("prefecture   東京都  [from the boundary (N03)]") != std::string::npos);
    CHECK(all.out.find("code         132021  [init --municipality]") != std::string::npos);
    CHECK(all.out.find("kind         市  [from the name]") != std::string::npos);
    CHECK(all.out.find("population   (not set)") != std::string::npos);

    CHECK(shisetsu("settings " + db + " population 183,581").exit_code == 0);  // written as typed, with a separator
    CHECK(shisetsu("settings " + db + " population").out == "183581\n");
    auto typo = shisetsu("--lang en settings " + db + " populaton 5");
    CHECK(typo.exit_code == 1);
    CHECK(typo.err.find("did you mean population?") != std::string::npos);
    auto bad = shisetsu("--lang en settings " + db + " code 13202");
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("give all 6 digits, with the check digit: 132021") != std::string::npos);

    // The open-data list names the project's municipality, not Ota.
    REQUIRE(shisetsu("--quiet import " + db + " facilities " + fixture("tachikawa/facilities_illustrative.csv")).exit_code == 0);
    REQUIRE(shisetsu("--quiet export " + db + " --gpkg " + dir + "/t.gpkg --csv " + dir + "/list.csv").exit_code == 0);
    auto csv = read_file(dir + "/list.csv");
    CHECK(csv.find("132021,T01,東京都立川市,立川市立第一小学校,") != std::string::npos);
    CHECK(csv.find("大田") == std::string::npos);
    CHECK(csv.find("131113") == std::string::npos);
}
