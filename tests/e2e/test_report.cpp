// `shisetsu report` and the demo's report, checked with independent tools:
// poppler (pdfinfo, pdftotext, pdffonts), headless Chromium and GDAL's XLSX
// driver. Expected figures come from the sample ward's data README
// (573 facilities, 791 buildings, 1,230,000 m²), not from earlier output.
#include "e2e_support.hpp"

#include <cairo.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>


using namespace e2e;
namespace fs = std::filesystem;

namespace {

struct Output {
    int code = -1;
    std::string text;  // stdout and stderr together
};

Output run(const std::string& command) {
    auto r = run_command(command);
    return {r.exit_code, r.out};
}

bool have(const char* tool) { return run(std::string("command -v ") + tool).code == 0; }

// The demo, once for every test here: its output folder and what it said.
const e2e::Result& demo_run(const std::string& dir) {
    static const e2e::Result result = [&] {
        auto r = shisetsu("demo --out " + dir);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        return r;
    }();
    return result;
}
const std::string& demo_dir() {
    static const std::string dir = [] {
        std::string d = temp_dir("report_demo");
        demo_run(d);
        return d;
    }();
    return dir;
}

std::string pdftext(const std::string& pdf) {
    auto t = run("pdftotext -layout '" + pdf + "' -");
    REQUIRE(t.code == 0);
    return t.text;
}

// pdftotext keeps words but may break lines anywhere; compare without spaces.
std::string squeeze(std::string s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\f') out += c;
    return out;
}

// The PPP/PFI chapter as the demo's ppp.json says it must read (ppp.md
// revision 2): the VFM table when a project meets a threshold, else the
// sentence that none does; projects below the thresholds in their own table.
void check_ppp_chapter(const std::string& squeezed, const nlohmann::json& ppp) {
    std::size_t screened = 0, below = 0;
    for (const auto& project : ppp.at("projects")) (project.value("screened", true) ? screened : below) += 1;
    INFO(screened << " screened, " << below << " below the thresholds");
    CHECK((squeezed.find("事業別のVFM（現在価値）") != std::string::npos) == (screened > 0));
    CHECK((squeezed.find("優先的検討の基準に達する事業はありません") != std::string::npos) == (screened == 0));
    CHECK((squeezed.find("対象外：基準未満の事業") != std::string::npos) == (below > 0));
}

// pdfinfo: the PDF opens and its pages are A4; returns what pdfinfo says.
std::string check_a4_pdf(const std::string& pdf) {
    auto info = run("pdfinfo '" + pdf + "'");
    INFO(info.text);
    REQUIRE(info.code == 0);
    CHECK(info.text.find("595.28 x 841.89 pts (A4)") != std::string::npos);
    return info.text;
}

// Thousands separators, as a council document writes them ("1,234,567").
std::string with_commas(long long v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
}

// pdffonts: every font embedded, and every one Noto CJK.
void check_fonts_embedded(const std::string& pdf) {
    auto fonts = run("pdffonts '" + pdf + "'");
    INFO(fonts.text);
    REQUIRE(fonts.code == 0);
    std::istringstream lines(fonts.text);
    std::string line;
    int rows = 0;
    std::getline(lines, line);  // header
    std::getline(lines, line);  // rule
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        ++rows;
        // Columns: name type encoding emb sub uni object ID; the type may be
        // two words ("CID Type 0C"), so read emb as the fifth field from the right.
        std::istringstream fields(line);
        std::vector<std::string> f;
        for (std::string w; fields >> w;) f.push_back(w);
        REQUIRE(f.size() >= 7);
        CHECK(f[f.size() - 5] == "yes");
        CHECK(f[0].find("NotoSansCJK") != std::string::npos);
    }
    CHECK(rows >= 1);
}

// Headless Chromium: the page loads without console errors and is not blank.
void check_renders(const std::string& html, const std::string& png) {
    auto r = run("chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 "
                 "--window-size=1000,3000 --screenshot='" + png + "' 'file://" + html + "'");
    INFO(r.text);
    REQUIRE(fs::exists(png));
    CHECK(r.text.find("CONSOLE") == std::string::npos);
    CHECK(r.text.find("Uncaught") == std::string::npos);
    CHECK(r.text.find("Failed to load") == std::string::npos);

    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
    REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
    const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
    const int stride = cairo_image_surface_get_stride(image);
    const unsigned char* px = cairo_image_surface_get_data(image);
    long coloured = 0, total = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x, ++total) {
            const unsigned char* p = px + y * stride + x * 4;  // BGRA
            if (std::abs(p[0] - p[1]) > 40 || std::abs(p[1] - p[2]) > 40) ++coloured;  // chart colours, not grey text
        }
    cairo_surface_destroy(image);
    // The title bar, headings and the charts or maps on the first screen are in colour.
    CHECK(coloured > total / 200);
}

} // namespace

// Every check of the demo's report is a section of one test case, so the
// demo (with its optimizations) runs once.
TEST_CASE("the demo's report") {
  SECTION("the demo writes the report: PDF, HTML and XLSX, and a second report over them") {
    const std::string& d = demo_dir();
    for (const char* f : {"report.pdf", "report.html", "report.xlsx", "placement-plan.pdf", "placement-plan.html"})
        CHECK(fs::file_size(fs::path(d) / f) > 10000);
    // Its speed is measured by tools/bench_report.sh (wall clock, repeated),
    // not here: a timed test on a shared machine measures the machine.
    auto r = shisetsu("report " + d + "/shisetsu-demo.sqlite --out " + d + "/again");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(fs::file_size(fs::path(d) / "again" / "facility-cards.pdf") > 10000);
}

  SECTION("the PDF opens, is A4, has every section and the ward's figures") {
    if (!have("pdfinfo")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    const std::string pdf = demo_dir() + "/report.pdf";
    const std::string info = check_a4_pdf(pdf);
    std::smatch pages;
    REQUIRE(std::regex_search(info, pages, std::regex("Pages:\\s+(\\d+)")));
    CHECK(std::stoi(pages[1]) >= 6);

    const std::string text = squeeze(pdftext(pdf));
    for (const char* section : {"1.概要", "2.施設の現況（ストック）", "3.更新費用の見通し（長寿命化・平準化）",
                                "4.適正配置計画（集約化・複合化・多機能化）", "5.PPP/PFI導入可能性の簡易検討",
                                "6.案の比較（適正配置の案・更新方針）", "7.データと方法"})
        CHECK(text.find(section) != std::string::npos);
    // The sample ward (data/README.md): 573 facilities, 791 buildings, 123.0 万㎡.
    CHECK(text.find("573施設・791棟、延床面積123.0万㎡") != std::string::npos);
    CHECK(text.find("2026年度（令和8年度）") != std::string::npos);
    CHECK(text.find("億円") != std::string::npos);
    // The demo levels and consolidates: their figures are there.
    CHECK(text.find("平準化後の年度別更新費用") != std::string::npos);
    CHECK(text.find("計画後の施設配置（方針別）") != std::string::npos);
    CHECK(text.find("計画前後の施設数・延床面積・費用") != std::string::npos);
    // The demo screens its consolidation plan's projects (ppp): the chapter as
    // ppp.json says, the assumptions, not the "not run" note.
    check_ppp_chapter(text, read_json(demo_dir() + "/ppp.json"));
    CHECK(text.find("簡易検討の前提条件") != std::string::npos);
    CHECK(text.find("shisetsuppp）がまだ実行されていません") == std::string::npos);
    // The run log with the inputs' checksums.
    CHECK(text.find("facilities.csv") != std::string::npos);
}

  SECTION("the demo's summary names the three strategies and the direction of each difference") {
    const std::string& out = demo_run(demo_dir()).out;
    INFO(out);
    for (const char* label : {"単純更新（総務省方式・60年建替え）: 総額", "従来型（40年建替え）: 総額", "長寿命化型（80年使用）: 総額"})
        CHECK(out.find(label) != std::string::npos);
    // lifecycle.md "Output": …の方が X 億円 (Y %) 少ない / 多い, on the net cost,
    // against each of the other two.
    const std::regex sentence("長寿命化型（80年使用）の方が(単純更新（総務省方式・60年建替え）|従来型（40年建替え）)より正味 "
                              "[0-9.]+ 億円 \\([0-9.]+ %\\) (少ない|多い) \\(40 年間の総額 [0-9.]+ 億円 対 [0-9.]+ 億円、等価年間費用");
    const auto found = std::distance(std::sregex_iterator(out.begin(), out.end(), sentence), std::sregex_iterator());
    CHECK(found == 2);
    // Where the equivalent annual cost points the other way than the net
    // cost, the summary and the report say so and what each measures
    // (worked out here from the comparison in the lifecycle JSON).
    const auto cmp = read_json(demo_dir() + "/lifecycle-life_extension.json").at("comparison");
    std::map<std::string, std::string> label;
    for (const auto& s : cmp.at("strategies")) label[s.at("strategy")] = s.at("label_ja");
    const std::string report = squeeze(pdftext(demo_dir() + "/report.pdf"));
    int opposite = 0;
    for (const auto& d : cmp.at("differences")) {
        const double net = d.at("net_difference_yen"), eac = d.at("eac_difference_yen");
        const bool differs = (net < 0 && eac > 0) || (net > 0 && eac < 0);
        opposite += differs;
        const std::string a = label[d.at("strategy")], b = label[d.at("against")];
        INFO(a << " / " << b << ": net " << net << ", EAC " << eac);
        CHECK((out.find("等価年間費用では逆に" + a + "の方が" + (eac > 0 ? "高い" : "低い")) != std::string::npos) == differs);
        CHECK((report.find("等価年間費用では" + a + "の方が" + b + "より" + (eac > 0 ? "高く" : "低く") + "なります") != std::string::npos) == differs);
    }
    // The sample ward has one such pair: life extension against the MIC cycle.
    CHECK(opposite == 1);
    CHECK(out.find("健全度: 緊急 ") != std::string::npos);
}

  SECTION("facility cards: one A4 page per facility, the same cards in the HTML") {
    if (!have("pdfinfo")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    const std::string pdf = demo_dir() + "/facility-cards.pdf";
    const std::string info = check_a4_pdf(pdf);
    std::smatch pages;
    REQUIRE(std::regex_search(info, pages, std::regex("Pages:\\s+(\\d+)")));
    CHECK(std::stoi(pages[1]) == 1 + 573);  // the cover, then one page a facility
    // A school's card (page 2 is F0001): its buildings with their ratings, works, place and map.
    auto page = run("pdftotext -f 2 -l 2 -layout '" + pdf + "' -");
    REQUIRE(page.code == 0);
    const std::string card = squeeze(page.text);
    INFO(page.text);
    for (const char* part : {"F0001", "建物", "健全度", "屋根", "外壁", "内部", "電気", "機械", "耐震", "今後の工事", "適正配置計画", "位置"})
        CHECK(card.find(part) != std::string::npos);
    check_fonts_embedded(pdf);
    const std::string html = read_file(demo_dir() + "/report.html");
    std::size_t cards = 0;
    for (std::size_t at = html.find("id=\"card-"); at != std::string::npos; at = html.find("id=\"card-", at + 1)) ++cards;
    CHECK(cards == 573);
    CHECK(html.find("facility-cards.pdf") != std::string::npos);
}

  SECTION("個別施設計画: the ten-year works with 健全度 and rank, in the PDF and the workbook") {
    if (!have("pdftotext")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    const std::string text = squeeze(pdftext(demo_dir() + "/report.pdf"));
    CHECK(text.find("個別施設計画：今後10年間の工事と優先順位") != std::string::npos);
    CHECK(text.find("更新方針の比較（単純更新・従来型・長寿命化型）") != std::string::npos);
    CHECK(text.find("期間末の残存価値") != std::string::npos);
    // The findings say the direction of each difference in words, on the net cost.
    CHECK(std::regex_search(text, std::regex("正味費用では、長寿命化型（80年使用）は単純更新（総務省方式・60年建替え）より[0-9,.]+億円"
                                             "（[0-9.]+%）(少なく|多く)、長寿命化型（80年使用）は従来型（40年建替え）より"
                                             "[0-9,.]+億円（[0-9.]+%）(少なく|多く)なります。")));
    // The workbook has every work of the window, one row each: as many as the
    // events of the latest projection's priority list (life extension).
    if (!have("ogrinfo")) { WARN("gdal-bin not installed"); return; }
    std::size_t works = 0;
    const auto projection = read_json(demo_dir() + "/lifecycle-life_extension.json");
    for (const auto& p : projection.at("priority")) works += p.at("events").size();
    REQUIRE(works > 40);
    auto sheet = run("ogrinfo -ro -so '" + demo_dir() + "/report.xlsx' 個別施設計画");
    INFO(sheet.text);
    CHECK(sheet.text.find("Feature Count: " + std::to_string(works)) != std::string::npos);
}

  SECTION("the PDF embeds its fonts, Noto CJK") {
    if (!have("pdffonts")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    check_fonts_embedded(demo_dir() + "/report.pdf");
}

  SECTION("English on request") {
    if (!have("pdftotext")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    std::string out = temp_dir("report_en");
    auto r = shisetsu("--lang en report " + demo_dir() + "/shisetsu-demo.sqlite --out " + out);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::string text = pdftext(out + "/report.pdf");
    for (const char* section : {"1. Summary", "2. The building stock", "3. Renewal cost projection (life extension and levelling)",
                                "4. Appropriate placement plan", "5. PPP/PFI screening", "6. Alternatives compared",
                                "7. Data and method"})
        CHECK(text.find(section) != std::string::npos);
    CHECK(squeeze(text).find("573facilitiesin791buildings") != std::string::npos);
    CHECK(text.find("bn yen") != std::string::npos);
    CHECK(text.find("億") == std::string::npos);
    // Service names come from data/services.json's English names.
    CHECK(text.find("children's centre") != std::string::npos);

    const std::string plan = pdftext(out + "/placement-plan.pdf");
    for (const char* section : {"1. Appropriate placement plan", "2. PPP/PFI screening", "3. Alternatives compared", "4. Data and method"})
        CHECK(plan.find(section) != std::string::npos);
    CHECK(plan.find("services in the consolidation model only") != std::string::npos);
    CHECK(plan.find("億") == std::string::npos);
}

  SECTION("the HTML page renders in headless Chromium, not blank, without console errors") {
    if (!have("chromium")) { WARN("chromium not installed (tools/setup.sh)"); return; }
    check_renders(demo_dir() + "/report.html", demo_dir() + "/report-screenshot.png");
}

  SECTION("the interactive maps in headless Chromium: no network request, no console error, features drawn, a click opens the facility's popup") {
    if (!have("chromium") || run("/usr/bin/python3 -c 'import websocket'").code != 0) {
        WARN("chromium or python3-websocket not installed (tools/setup.sh)");
        return;
    }
    for (const char* page : {"report", "placement-plan"}) {
        auto r = run("/usr/bin/python3 " + source("tests/e2e/webmap_check.py") + " " + demo_dir() + "/" + page + ".html --db " + demo_dir() +
                     "/shisetsu-demo.sqlite --screenshot " + demo_dir() + "/" + page + "-webmap.png");
        INFO(r.text);
        CHECK(r.code == 0);
        CHECK(r.text.find("\"requests\": 0") != std::string::npos);
    }
}

  SECTION("the GeoPackage's demand cells: distance to the nearest provider and covered per service, before and after the plan") {
    if (!have("ogr2ogr")) { WARN("gdal-bin not installed"); return; }
    // Recomputed from the demo's od.csv (the access step's OD table) and
    // the plan's sites: the smallest distance to a site offering the service.
    std::map<std::string, std::vector<std::pair<std::string, double>>> pairs_of;
    {
        std::istringstream od(read_file(demo_dir() + "/od.csv"));
        std::string line;
        std::getline(od, line);
        while (std::getline(od, line)) {
            const auto a = line.find(','), b = line.find(',', a + 1);
            pairs_of[line.substr(0, a)].emplace_back(line.substr(a + 1, b - a - 1), std::stod(line.substr(b + 1)));
        }
    }
    const auto plan = read_json(demo_dir() + "/consolidation.json");
    auto sheet = run("ogr2ogr -f CSV /vsistdout/ '" + demo_dir() + "/shisetsu-demo.gpkg' demand");
    REQUIRE(sheet.code == 0);
    std::istringstream csv(sheet.text);
    std::string header_line;
    std::getline(csv, header_line);
    auto split = [](const std::string& line) {
        std::vector<std::string> out;
        std::string cell;
        std::istringstream in(line);
        while (std::getline(in, cell, ','))  // GDAL quotes text fields
            out.push_back(cell.size() >= 2 && cell.front() == '"' && cell.back() == '"' ? cell.substr(1, cell.size() - 2) : cell);
        if (!line.empty() && line.back() == ',') out.emplace_back();
        return out;
    };
    const auto header = split(header_line);
    auto column = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        REQUIRE(it != header.end());
        return static_cast<std::size_t>(it - header.begin());
    };
    std::vector<std::vector<std::string>> cells;
    for (std::string line; std::getline(csv, line);) cells.push_back(split(line));
    REQUIRE(cells.size() > 100);
    long checked = 0, covered_after = 0;
    for (const auto& service : plan.at("services")) {
        const std::string key = service.at("key").get<std::string>();
        const double catchment = service.at("catchment_m").get<double>();
        for (const char* when : {"before", "after"}) {
            std::set<std::string> providers;
            for (const auto& site : plan.at("sites"))
                for (const auto& k : site.at(std::string("services_") + when))
                    if (k == key) providers.insert(site.at("id").get<std::string>());
            const std::size_t dist = column(key + "_dist_" + when + "_m"), covered = column(key + "_covered_" + when);
            for (const auto& cell : cells) {
                const std::string id = cell[column("demand_id")];
                std::optional<double> best;
                for (const auto& [dest, metres] : pairs_of[id])
                    if (providers.contains(dest) && (!best || metres < *best)) best = metres;
                INFO(key << " " << when << " " << id);
                if (!best) {
                    CHECK(cell[dist].empty());
                    continue;
                }
                REQUIRE(!cell[dist].empty());
                CHECK(std::stod(cell[dist]) == Approx(*best).margin(0.06));  // od.csv has 0.1 m
                if (std::fabs(*best - catchment) > 0.1) CHECK(cell[covered] == (*best <= catchment ? "1" : "0"));
                covered_after += std::string(when) == "after" && cell[covered] == "1";
                ++checked;
            }
        }
    }
    CHECK(checked > 500);
    CHECK(covered_after > 0);
    // The facilities carry the plan's action, the next works and the cost over the horizon.
    auto facilities = run("ogrinfo -ro -so '" + demo_dir() + "/shisetsu-demo.gpkg' facilities");
    for (const char* field : {"plan_action", "next_work", "next_work_year", "next_work_cost_yen", "renewal_cost_yen", "condition"})
        CHECK(facilities.text.find(std::string(field) + ":") != std::string::npos);
}

  SECTION("the HTML page is self-contained, with the charts as inline SVG and Leaflet inlined") {
    const std::string html = read_file(demo_dir() + "/report.html");
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("<script src") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    // Leaflet's own code names its web site in its attribution; the page's markup names none.
    CHECK(html.substr(0, html.find("<script")).find("href=\"http") == std::string::npos);
    CHECK(html.find("Leaflet 1.") != std::string::npos);
    CHECK(html.find("url(images/") == std::string::npos);
    // Each figure's glyph ids are its own (cairo reuses glyph0-1 in every SVG).
    CHECK(html.find("id=\"f1-glyph") != std::string::npos);
    CHECK(html.find("id=\"glyph") == std::string::npos);
}

  SECTION("the levelling and consolidation objectives are solver figures, not 億円") {
    if (!have("pdftotext")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    const std::string text = squeeze(pdftext(demo_dir() + "/report.pdf"));
    const auto level = read_json(demo_dir() + "/levelling.json");
    const double objective = level.at("objective_yen").get<double>();
    // Model A with a budget: M·Σ overrun + penalty (optimization.md), a score.
    REQUIRE(level.at("mode") == "budget");
    CHECK(objective == Approx(1000 * level.at("overrun_yen").get<double>() + level.at("penalty_yen").get<double>()).epsilon(1e-9));
    // The old text printed it in 億円 (objective / 1e8, one decimal).
    char as_oku[64];
    std::snprintf(as_oku, sizeof as_oku, "%.1f", objective / 1e8);
    std::string oku = with_commas(static_cast<long long>(objective / 1e8)) + std::string(as_oku).substr(std::string(as_oku).find('.'));
    INFO(oku);
    CHECK(text.find(oku + "億円") == std::string::npos);
    // Now: the plain number in the solver table, and the money it is made of.
    CHECK(text.find(with_commas(std::llround(objective))) != std::string::npos);
    CHECK(text.find("支出額ではありません") != std::string::npos);
    // Consolidation (λ = 0): yen, shown as a solver figure too.
    const auto plan = read_json(demo_dir() + "/consolidation.json");
    REQUIRE(plan.at("parameters").at("lambda") == 0.0);
    CHECK(text.find(with_commas(std::llround(plan.at("objective_yen").get<double>()))) != std::string::npos);
}

  SECTION("the placement-plan document: opens, A4, its three sections, fonts embedded, renders in Chromium") {
    if (!have("pdfinfo")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    const std::string pdf = demo_dir() + "/placement-plan.pdf";
    check_a4_pdf(pdf);
    const std::string text = squeeze(pdftext(pdf));
    for (const char* section : {"1.適正配置計画（集約化・複合化・多機能化）", "2.PPP/PFI導入可能性の簡易検討",
                                "3.案の比較（適正配置の案・更新方針）", "4.データと方法"}) CHECK(text.find(section) != std::string::npos);
    // Not the rest of the annual report.
    CHECK(text.find("更新費用の見通し") == std::string::npos);
    CHECK(text.find("施設類型別の保有状況") == std::string::npos);
    // The plan's pieces: maps, tables, the PPP/PFI VFM table, the run log.
    for (const char* part : {"計画前の施設配置", "計画後の施設配置（方針別）", "機能別の計画後の配置と到達圏", "方針別の施設数・延床面積・費用",
                             "計画前後の施設数・延床面積・費用（統廃合モデルの対象機能のみ）", "方針が変わる施設", "機能別の施設までの距離とカバー率",
                             "実行記録"})
        CHECK(text.find(part) != std::string::npos);
    check_ppp_chapter(text, read_json(demo_dir() + "/ppp.json"));
    // The runs behind it and the program version.
    const auto plan = read_json(demo_dir() + "/consolidation.json");
    // The consolidation's run is in the run log: id, start time, command.
    const std::regex run_row(std::to_string(plan.at("run_id").get<long>()) + R"(\d{4}-\d\d-\d\dT[0-9:]+Zrun:consolidate)");
    CHECK(std::regex_search(text, run_row));
    std::string version = shisetsu("--version").out;
    version.erase(version.find_last_not_of(" \n") + 1);
    CHECK(text.find("shisetsu" + version) != std::string::npos);
    if (have("pdffonts")) check_fonts_embedded(pdf);
    if (have("chromium")) check_renders(demo_dir() + "/placement-plan.html", demo_dir() + "/plan-screenshot.png");
    const std::string html = read_file(demo_dir() + "/placement-plan.html");
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos);
}

  SECTION("one service map per service of the consolidation plan, in both documents") {
    if (!have("pdftotext")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    const auto plan = read_json(demo_dir() + "/consolidation.json");
    const auto& services = plan.at("services");
    REQUIRE(services.size() >= 2);
    for (const char* file : {"/report.pdf", "/placement-plan.pdf"}) {
        const std::string text = squeeze(pdftext(demo_dir() + file));
        // Each panel is titled "<service>（カバー率 <before> % → <after> %）".
        std::regex panel("（カバー率[0-9.]+%→[0-9.]+%）");
        CHECK(std::distance(std::sregex_iterator(text.begin(), text.end(), panel), std::sregex_iterator()) ==
              static_cast<long>(services.size()));
        for (const auto& s : services) {
            char title[256];
            std::snprintf(title, sizeof title, "%s（カバー率%.1f%%→%.1f%%）", s.at("name").get<std::string>().c_str(),
                          100 * s.at("before").at("coverage").get<double>(), 100 * s.at("after").at("coverage").get<double>());
            INFO(title);
            CHECK(text.find(title) != std::string::npos);
        }
    }
}

  SECTION("the maps after the plan: a service area for every site that offers a planned service after it") {
    // The demo runs access again after the plan: its areas are those of the
    // placement after it, new hosts included, and the maps say so.
    const auto plan = read_json(demo_dir() + "/consolidation.json");
    const std::string db = demo_dir() + "/shisetsu-demo.sqlite";
    int hosts = 0, added = 0;
    for (const auto& site : plan.at("sites")) {
        if (!site.value("open", true)) continue;
        const auto before = site.value("services_before", nlohmann::json::array());
        for (const auto& key : site.value("services_after", nlohmann::json::array())) {
            const std::string id = site.at("id"), service = key;
            INFO(id << " " << service);
            CHECK(query_number(db, "SELECT COUNT(*) FROM service_area WHERE site_id = '" + id + "' AND service_key = '" + service + "'") == 1);
            ++hosts;
            if (std::find(before.begin(), before.end(), key) == before.end()) ++added;
        }
    }
    CHECK(hosts > 50);
    CHECK(added > 5);  // sites that take a service on: the case this is about
    // Nor do the areas make GDAL talk: a simplified outline that would cross
    // itself is kept as drawn, without a warning for each.
    CHECK(demo_run(demo_dir()).err.find("Warning") == std::string::npos);
    if (!have("pdftotext")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    CHECK(squeeze(pdftext(demo_dir() + "/placement-plan.pdf")).find("到達圏は計画後の配置について計算したものです") != std::string::npos);
}

  SECTION("the counts by action agree with the consolidation result") {
    const auto plan = read_json(demo_dir() + "/consolidation.json");
    std::map<std::string, long> count;
    std::map<std::string, double> area_before;
    for (const auto& s : plan.at("sites")) {
        ++count[s.at("action").get<std::string>()];
        area_before[s.at("action").get<std::string>()] += s.at("floor_area_before_m2").get<double>();
    }
    REQUIRE(count["close"] > 0);
    const std::map<std::string, std::string> label = {{"keep", "存続"}, {"close", "廃止"}, {"convert", "転用"}, {"new_complex", "複合化"}, {"new", "新設"}};
    if (have("pdftotext")) {
        const std::string text = squeeze(pdftext(demo_dir() + "/placement-plan.pdf"));
        for (const auto& [action, name] : label) {
            // The row of the table by action: label, count, then the floor area before in 万㎡.
            char row[128];
            std::snprintf(row, sizeof row, "%s%ld%.2f", name.c_str(), count[action], area_before[action] / 1e4);
            INFO(row);
            CHECK(text.find(row) != std::string::npos);
        }
    }
    if (have("ogrinfo")) {
        auto sheet = run("ogrinfo -ro -q -al '" + demo_dir() + "/report.xlsx' 方針別の集計");
        INFO(sheet.text);
        REQUIRE(sheet.code == 0);
        for (const auto& [action, name] : label)
            CHECK(sheet.text.find("方針 (String) = " + name + "\n  施設数 (Integer) = " + std::to_string(count[action]) + "\n") !=
                  std::string::npos);
        // Every site is in the workbook's list, one row each.
        auto all = run("ogrinfo -ro -so '" + demo_dir() + "/report.xlsx' 施設別の方針");
        CHECK(all.text.find("Feature Count: " + std::to_string(plan.at("sites").size())) != std::string::npos);
    }
}

  SECTION("two named plans side by side: the figures of both consolidation results in the PDF and the XLSX") {
    // The demo's project with two plans of its own: 案A is the demo's plan,
    // 案B a smaller one (two services); the report compares exactly those.
    const std::string d = temp_dir("report_plans");
    fs::copy_file(demo_dir() + "/shisetsu-demo.sqlite", d + "/p.sqlite");
    nlohmann::json b = read_json(source("data/optimize/demo_consolidation.json"));
    b["services"] = nlohmann::json::array({{{"key", "library"}, {"coverage_target", "current"}},
                                           {{"key", "children_centre"}, {"coverage_target", "current"}}});
    {
        std::ofstream out(d + "/b.json");
        out << b.dump();
    }
    for (const auto& [name, config] : {std::pair{"案A", source("data/optimize/demo_consolidation.json")}, std::pair{"案B", d + "/b.json"}}) {
        auto r = shisetsu("consolidate " + d + "/p.sqlite --config '" + config + "' --name " + name + " --json " + d + "/" + name + ".json");
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
    }
    const auto plan_a = read_json(d + "/案A.json"), plan_b = read_json(d + "/案B.json");
    REQUIRE(plan_a.at("name") == "案A");
    REQUIRE(plan_b.at("name") == "案B");
    auto r = shisetsu("report " + d + "/p.sqlite --out " + d + "/out --plans " + std::to_string(plan_a.at("run_id").get<long>()) +
                      "," + std::to_string(plan_b.at("run_id").get<long>()));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);

    // Each plan's row, recomputed from its JSON: name, run, cost before and
    // after (億円, 1 decimal), floor area before and after (万㎡, 2 decimals),
    // sites kept, converted, closed, new or complex, projects.
    struct Row {
        std::string name;
        long run;
        double cost_before, cost_after, area_before, area_after;
        long keep = 0, convert = 0, close = 0, added = 0, projects = 0;
    };
    std::vector<Row> rows;
    for (const auto* p : {&plan_a, &plan_b}) {
        const auto& t = p->at("totals");
        Row row{p->at("name").get<std::string>(), p->at("run_id").get<long>(), t.at("cost_before_yen").get<double>(),
                t.at("cost_after_yen").get<double>(), t.at("floor_area_before_m2").get<double>(), t.at("floor_area_after_m2").get<double>()};
        for (const auto& s : p->at("sites")) {
            const std::string a = s.at("action").get<std::string>();
            row.keep += a == "keep";
            row.convert += a == "convert";
            row.close += a == "close";
            row.added += a == "new" || a == "new_complex";
            // ppp.md "Projects": the sites built or converted at a cost.
            row.projects += (a == "new" || a == "new_complex" || a == "convert") && s.at("construction_cost_yen").get<double>() > 0;
        }
        rows.push_back(row);
    }
    REQUIRE(rows[0].close != rows[1].close);  // two different plans
    auto grouped = [](double v, int decimals) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
        std::string s = buf, out;
        const auto dot = s.find('.');
        const std::string whole = s.substr(0, dot), rest = dot == std::string::npos ? "" : s.substr(dot);
        for (std::size_t i = 0; i < whole.size(); ++i) {
            if (i && (whole.size() - i) % 3 == 0) out += ',';
            out += whole[i];
        }
        return out + rest;
    };
    if (have("pdftotext")) {
        for (const char* file : {"/report.pdf", "/placement-plan.pdf"}) {
            const std::string text = squeeze(pdftext(d + "/out" + file));
            CHECK(text.find("案の比較（適正配置の案・更新方針）") != std::string::npos);
            CHECK(text.find("2案を同じ条件") != std::string::npos);
            for (const auto& row : rows) {
                const std::string line = row.name + std::to_string(row.run) + grouped(row.cost_before / 1e8, 1) +
                                         grouped(row.cost_after / 1e8, 1) + grouped(row.area_before / 1e4, 2) +
                                         grouped(row.area_after / 1e4, 2) + std::to_string(row.keep) + std::to_string(row.convert) +
                                         std::to_string(row.close) + std::to_string(row.added) +
                                         std::to_string(row.projects);
                INFO(file << ": " << line);
                CHECK(text.find(line) != std::string::npos);
            }
            // Coverage and median distance per service: 案B's library row.
            for (const auto& s : plan_b.at("services")) {
                if (s.at("key") != "library") continue;
                const std::string line = s.at("name").get<std::string>() + "案B" +
                                         grouped(100 * s.at("before").at("coverage").get<double>(), 1) +
                                         grouped(100 * s.at("after").at("coverage").get<double>(), 1);
                INFO(line);
                CHECK(text.find(line) != std::string::npos);
            }
            // The strategies: 単純更新, 従来型, 長寿命化型 with their 40-year totals.
            for (const char* strategy : {"単純更新", "従来型", "長寿命化型"}) CHECK(text.find(strategy) != std::string::npos);
        }
    }
    if (have("ogrinfo")) {
        auto sheet = run("ogrinfo -ro -q -al '" + d + "/out/report.xlsx' 案の比較");
        INFO(sheet.text);
        REQUIRE(sheet.code == 0);
        for (const auto& row : rows) {
            // GDAL prints reals with up to 15 significant digits.
            const std::size_t at = sheet.text.find("案 (String) = " + row.name + "\n");
            REQUIRE(at != std::string::npos);
            const std::string feature = sheet.text.substr(at, sheet.text.find("OGRFeature", at) - at);
            INFO(feature);
            CHECK(feature.find("実行 (Integer) = " + std::to_string(row.run) + "\n") != std::string::npos);
            std::smatch m;
            REQUIRE(std::regex_search(feature, m, std::regex(R"(計画後の費用（億円） \(Real\) = ([0-9.]+))")));
            CHECK(std::stod(m[1]) == Approx(row.cost_after / 1e8).epsilon(1e-9));
            REQUIRE(std::regex_search(feature, m, std::regex(R"(計画後の延床（万㎡） \(Real\) = ([0-9.]+))")));
            CHECK(std::stod(m[1]) == Approx(row.area_after / 1e4).epsilon(1e-9));
            CHECK(feature.find("廃止 (Integer) = " + std::to_string(row.close) + "\n") != std::string::npos);
        }
        auto strategies = run("ogrinfo -ro -q -al '" + d + "/out/report.xlsx' 更新方針の比較");
        CHECK(strategies.code == 0);
        CHECK(strategies.text.find("長寿命化型") != std::string::npos);
    }
    // An id that is no consolidation run is bad input, named.
    auto bad = shisetsu("report " + d + "/p.sqlite --out " + d + "/bad --plans 1");
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("--plans: 1") != std::string::npos);
  }

  SECTION("the XLSX workbook reopens in GDAL with every table") {
    if (!have("ogrinfo")) { WARN("gdal-bin not installed"); return; }
    const std::string xlsx = demo_dir() + "/report.xlsx";
    auto layers = run("ogrinfo -ro -q '" + xlsx + "'");
    INFO(layers.text);
    REQUIRE(layers.code == 0);
    for (const char* sheet : {"目次", "施設類型別", "老朽化・耐震", "健全度", "方針別比較", "年度別更新費用", "距離とカバー率",
                              "実行記録", "チェックサムとパラメータ", "計画前後", "方針別の集計", "廃止する施設", "方針が変わる施設",
                              "施設別の方針"})
        CHECK(layers.text.find(sheet) != std::string::npos);
    // The category table's total row: 573 facilities, 791 buildings, 123 万㎡.
    auto totals = run("ogrinfo -ro -q -al '" + xlsx + "' 施設類型別");
    INFO(totals.text);
    CHECK(totals.text.find("= 573") != std::string::npos);
    CHECK(totals.text.find("= 791") != std::string::npos);
    CHECK(totals.text.find("= 123") != std::string::npos);
    // 40 years of the projection, one row each.
    auto years = run("ogrinfo -ro -so '" + xlsx + "' 年度別更新費用");
    CHECK(years.text.find("Feature Count: 40") != std::string::npos);
}

}

BOTH_BACKENDS_TEST_CASE("a project with nothing but its database still gets a report that says what is missing", "") {
    if (!have("pdftotext")) { WARN("poppler-utils not installed (tools/setup.sh)"); return; }
    std::string d = temp_dir("report_empty");
    const std::string db = e2e::project_db(backend, d);
    REQUIRE(shisetsu("init " + db).exit_code == 0);
    auto r = shisetsu("report " + db + " --out " + d + "/out");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::string text = squeeze(pdftext(d + "/out/report.pdf"));
    CHECK(text.find("施設・建物台帳がまだ取り込まれていません") != std::string::npos);
    CHECK(text.find("shisetsulifecycle）がまだ実行されていません") != std::string::npos);
    CHECK(text.find("shisetsuconsolidate）がまだ実行されていません") != std::string::npos);
    CHECK(text.find("shisetsuppp）がまだ実行されていません") != std::string::npos);
    CHECK(text.find("7.データと方法") != std::string::npos);
    // The placement plan is written too, and says what has not run.
    const std::string plan = squeeze(pdftext(d + "/out/placement-plan.pdf"));
    CHECK(plan.find("1.適正配置計画") != std::string::npos);
    CHECK(plan.find("shisetsuconsolidate）がまだ実行されていません") != std::string::npos);
    CHECK(plan.find("shisetsuppp）がまだ実行されていません") != std::string::npos);
    CHECK(plan.find("4.データと方法") != std::string::npos);
}
