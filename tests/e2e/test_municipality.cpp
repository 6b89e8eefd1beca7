// Any municipality (overview.md "The municipality, once"): a Tachikawa
// project built from tests/data/tachikawa (its real boundary and mesh
// population, an illustrative inventory of its schools) names Tachikawa
// everywhere and never Ota or a ward: the open-data CSV, the report and the
// placement plan, in Japanese and in English.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <fstream>

using namespace e2e;

namespace {

std::string pdftext(const std::string& pdf) { return run_command("pdftotext -layout " + pdf + " -").out; }

// Words that only a ward's documents use.
std::vector<std::string> ward_words(const std::string& text, bool english) {
    std::vector<std::string> found;
    const std::vector<std::string> words = english
        ? std::vector<std::string>{"Ota", "ward", "Ward", "大田"}
        : std::vector<std::string>{"大田", "区民", "区営", "区の", "区有", "特別区", "サンプル区", "区内", "本区"};
    // English words whole ("brought forward" names no ward); Japanese ones as they stand.
    auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (const auto& w : words)
        for (auto at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
            const bool whole = !english || ((at == 0 || !letter(text[at - 1])) &&
                                            (at + w.size() == text.size() || !letter(text[at + w.size()])));
            if (whole) {
                found.push_back(w);
                break;
            }
        }
    return found;
}

} // namespace

TEST_CASE("Tachikawa: the open data, the report and the plan document name the city, never Ota or a ward",
          "[e2e][settings][report]") {
    if (run_command("command -v pdftotext").exit_code != 0) {
        WARN("poppler-utils not installed (tools/setup.sh)");
        return;
    }
    auto dir = temp_dir("tachikawa-words");
    const std::string db = dir + "/t.sqlite";
    REQUIRE(shisetsu("init " + db + " --municipality 132021").exit_code == 0);
    for (const auto& [kind, file] : {std::pair{"boundary", "tachikawa/boundary.geojson"},
                                     {"population", "tachikawa/population_mesh500m_2015.csv"},
                                     {"facilities", "tachikawa/facilities_illustrative.csv"}}) {
        auto r = shisetsu(std::string("--quiet import ") + db + " " + kind + " " + fixture(file));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    for (const char* step : {"lifecycle DB --strategy life_extension --start-year 2026", "access DB --no-service-areas",
                             "ppp DB --all", "export DB --gpkg DIR/t.gpkg --csv DIR/list.csv"}) {
        std::string command = step;
        command.replace(command.find("DB"), 2, db);
        if (auto at = command.find("DIR"); at != std::string::npos) command.replace(at, 3, dir);
        if (auto at = command.find("DIR"); at != std::string::npos) command.replace(at, 3, dir);
        auto r = shisetsu("--quiet " + command);
        INFO(command << "\n" << r.err);
        REQUIRE(r.exit_code == 0);
    }
    // A named plan for the city's schools and halls, so the placement plan,
    // the comparison of plans and the map's plan layers are in the documents.
    {
        nlohmann::json plan = read_json(source("data/optimize/demo_consolidation.json"));
        plan["services"] = nlohmann::json::array({{{"key", "elementary_school"}, {"coverage_target", "current"}},
                                                  {{"key", "community_hall"}, {"coverage_target", "current"}}});
        std::ofstream(dir + "/plan.json") << plan.dump();
        auto r = shisetsu("--quiet consolidate " + db + " --config " + dir + "/plan.json --name 案1");
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    const std::string csv = read_file(dir + "/list.csv");
    CHECK(csv.find("132021,T01,東京都立川市,") != std::string::npos);
    CHECK(ward_words(csv, false).empty());

    for (const char* lang : {"ja", "en"}) {
        const std::string out = dir + "/report-" + lang;
        auto r = shisetsu(std::string("--quiet --lang ") + lang + " report " + db + " --out " + out);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const bool english = std::string(lang) == "en";
        for (const char* pdf : {"/report.pdf", "/placement-plan.pdf"}) {
            const std::string text = pdftext(out + pdf);
            INFO(lang << pdf);
            CHECK(text.find("立川市") != std::string::npos);
            CHECK(ward_words(text, english) == std::vector<std::string>{});
        }
        // The cards and both HTML pages (their interactive map's popups and
        // legends included) say nothing of a ward either.
        {
            const std::string cards = pdftext(out + "/facility-cards.pdf");
            INFO(lang << " facility-cards.pdf");
            CHECK(cards.find("立川市") != std::string::npos);
            CHECK(ward_words(cards, english) == std::vector<std::string>{});
        }
        for (const char* page : {"/report.html", "/placement-plan.html"}) {
            INFO(lang << page);
            CHECK(ward_words(read_file(out + page), english) == std::vector<std::string>{});
        }
        const std::string report = pdftext(out + "/report.pdf");
        if (!english) {
            CHECK(report.find("市民活動施設") != std::string::npos);  // data/services.json for a city
            CHECK(report.find("長寿命化改修") != std::string::npos);
            CHECK(report.find("案1") != std::string::npos);  // the plan, in the comparison of plans
        }
    }
}
