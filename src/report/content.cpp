#include "report/content.hpp"

#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/years.hpp"
#include "report/charts.hpp"
#include "report/maps.hpp"
#include "report/render.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

namespace shisetsu::report {

using nlohmann::json;

namespace {

bool ja() { return language() == Lang::ja; }

const json& empty_array() {
    static const json empty = json::array();
    return empty;
}

// Display units (outputs.md: 億円, 万㎡ in Japanese).
double money_unit() { return ja() ? 1e8 : 1e9; }
double area_unit() { return ja() ? 1e4 : 1.0; }

std::string percent(double share, int decimals = 1) { return grouped(share * 100, decimals) + " %"; }
std::string metres(double m) { return grouped(m) + " m"; }
// "library (coverage …)" → "Library (coverage …)" for a title or a chart label.
std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// Amounts, areas and years as the report's language writes them; the words
// (億円, 万㎡, 年度 and 和暦) are in the string table. Copied into the
// drawing functions of charts, which run after the Builder is gone.
struct Units {
    std::string money_word, area_word, thousand_m2, header, fiscal_year, fiscal_year_short;
    explicit Units(const Strings& t)
        : money_word(t["unit.money"]), area_word(t["unit.area"]), thousand_m2(t["unit.thousand_m2"]), header(t["header.unit"]),
          fiscal_year(t["fiscal_year"]), fiscal_year_short(t["fiscal_year.short"]) {}
    std::string money(double yen, int decimals = 1) const { return grouped(yen / money_unit(), decimals) + " " + money_word; }
    std::string area(double m2) const { return grouped(m2 / area_unit(), ja() ? 1 : 0) + " " + area_word; }
    // "延床面積（万㎡）" / "Floor area (m²)".
    std::string with_unit(const std::string& title, const std::string& unit) const {
        return fill(header, {{"title", title}, {"unit", unit}});
    }
    // 2026年度（令和8年度） / FY2026; short: 2026（R8） / 2026.
    std::string year(int y) const { return fill(fiscal_year, {{"year", std::to_string(y)}, {"wareki", wareki_year(y)}}); }
    std::string year_short(int y) const {
        return fill(fiscal_year_short, {{"year", std::to_string(y)}, {"wareki", wareki_year(y, true)}});
    }
};

Cell text_cell(std::string s) { return Cell{std::move(s), std::nullopt, {}}; }
Cell number_cell(double v, int decimals = 0) { return Cell{grouped(v, decimals), v, {}}; }
Cell money_cell(double yen) { return Cell{grouped(yen / money_unit(), 1), yen / money_unit(), {}}; }
Cell area_cell(double m2) { return Cell{grouped(m2 / area_unit(), ja() ? 2 : 0), m2 / area_unit(), {}}; }
Cell percent_cell(double share) { return Cell{grouped(share * 100, 1), share * 100, {}}; }
Cell optional_number_cell(const json& j, const char* key, int decimals = 0) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return text_cell("—");
    return number_cell(j[key].get<double>(), decimals);
}

double number(const json& j, const char* key, double fallback = 0) {
    return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}
bool has_number(const json& j, const char* key) { return j.is_object() && j.contains(key) && j[key].is_number(); }
std::string string_of(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// Age classes shared by the age chart and the age map.
struct AgeClass {
    int from, to;  // years, inclusive; to < 0 = open
    Rgb colour;
};
const std::vector<AgeClass>& age_classes() {
    static const std::vector<AgeClass> classes = {
        {0, 29, hex_colour("#1A9850")}, {30, 39, hex_colour("#A6D96A")}, {40, 49, hex_colour("#FDAE61")},
        {50, 59, hex_colour("#F46D43")}, {60, -1, hex_colour("#A50026")}};
    return classes;
}
std::size_t age_class_of(int age) {
    const auto& c = age_classes();
    for (std::size_t i = 0; i < c.size(); ++i)
        if (age >= c[i].from && (c[i].to < 0 || age <= c[i].to)) return i;
    return 0;
}
std::string age_class_label(const Strings& t, std::size_t i) {
    const auto& c = age_classes()[i];
    if (c.to < 0) return t.format("age.over", {{"from", std::to_string(c.from)}});
    return t.format("age.range", {{"from", std::to_string(c.from)}, {"to", std::to_string(c.to)}});
}

Rgb kind_colour(const std::string& kind) {
    static const std::map<std::string, Rgb> colours = {
        {"renovation", hex_colour("#0072B2")}, {"life_extension", hex_colour("#009E73")},
        {"repair", hex_colour("#56B4E9")},     {"rebuild", hex_colour("#D55E00")},
        {"demolition", hex_colour("#7F7F7F")}, {"renewal", hex_colour("#E69F00")}};
    auto it = colours.find(kind);
    return it == colours.end() ? hex_colour("#CC79A7") : it->second;
}
const std::vector<std::string>& kind_order() {
    static const std::vector<std::string> order = {"renovation", "life_extension", "repair", "rebuild", "renewal", "demolition"};
    return order;
}

struct ActionStyle {
    Rgb colour;
    LegendEntry::Mark mark;
    double size;
};
ActionStyle action_style(const std::string& action) {
    if (action == "close") return {hex_colour("#D55E00"), LegendEntry::Mark::cross, 5.5};
    if (action == "convert") return {hex_colour("#E69F00"), LegendEntry::Mark::square, 5.5};
    if (action == "new_complex") return {hex_colour("#0072B2"), LegendEntry::Mark::square, 7.5};
    if (action == "new") return {hex_colour("#009E73"), LegendEntry::Mark::circle, 7};
    return {hex_colour("#9A9A9A"), LegendEntry::Mark::circle, 3.5};  // keep
}

// A run's parameters as short "key: value" pairs for the page; the sources
// and other long texts are left to the workbook, which has the JSON whole.
std::string parameters_text(const std::string& parameters_json) {
    json p = json::parse(parameters_json, nullptr, false);
    if (!p.is_object()) return parameters_json;
    std::string out;
    for (const auto& [key, value] : p.items()) {
        std::string v = value.is_string() ? value.get<std::string>() : value.dump();
        if (v.empty() || v == "\"\"" || key == "sources" || key == "source") continue;
        if (v.size() > 48) {
            std::size_t cut = 45;
            while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
            v = v.substr(0, cut) + "…";
        }
        out += (out.empty() ? "" : "; ") + key + ": " + v;
    }
    return out.empty() ? "—" : out;
}

class Builder {
public:
    Builder(const ReportData& d, const Strings& t, const DocumentOptions& options, std::vector<std::string>& missing)
        : d_(d), t_(t), options_(options), missing_(missing), units_(t) {
        if (!d_.work_crs.empty()) {
            try {
                projector_ = std::make_shared<Projector>(d_.work_crs);
            } catch (const std::exception&) {
                projector_.reset();  // maps say they cannot be drawn
            }
        }
        if (projector_) {
            // Projected once for every map of the document.
            auto boundary = std::make_shared<std::vector<Shape>>(), roads = std::make_shared<std::vector<Shape>>();
            for (const auto& b : d_.boundaries) boundary->push_back(projector_->project(b.geometry));
            for (const auto& r : d_.roads) roads->push_back(projector_->project(r.geometry));
            boundary_ = std::move(boundary);
            roads_ = std::move(roads);
        }
        for (const auto& b : d_.buildings) {
            auto& main = main_building_[b.facility_id];
            if (!main || b.floor_area_m2 > main->floor_area_m2) main = &b;
        }
        for (const auto& f : d_.facilities) facility_by_id_[f.facility_id] = &f;
    }

    Document build() {
        Document doc;
        const bool plan = options_.kind == DocumentKind::placement_plan;
        doc.lang = ja() ? "ja" : "en";
        doc.title = t_[plan ? "plan.title" : "title"];
        doc.subtitle = t_.format(plan ? "plan.subtitle" : "subtitle",
                                 {{"ward", d_.ward_name.empty() ? t_["ward.unknown"] : d_.ward_name}, {"year", year_text(d_.base_year)}});
        std::time_t now = std::time(nullptr);
        char date[32];
        std::strftime(date, sizeof date, "%Y-%m-%d", std::localtime(&now));
        doc.date_line = t_.format(plan ? "plan.date_line" : "date_line", {{"date", date}, {"version", program_version()}});
        doc.footer = doc.title + " — " + doc.subtitle;
        doc.words = {t_["caption.figure"], t_["caption.table"], t_["caption.continued"],
                     t_["workbook.contents"], t_["workbook.sheet"], t_["workbook.table"]};
        blocks_ = &doc.blocks;
        if (plan) {
            placement();
            ppp();
            method();
        } else {
            summary();
            stock();
            renewal();
            placement();
            ppp();
            method();
        }
        return doc;
    }

private:
    // Blocks.
    // Sections are numbered in the order the document has them.
    void section(const std::string& key, const std::string& anchor) {
        blocks_->push_back({Block::Kind::section, t_.format("section.numbered", {{"n", std::to_string(++sections_)}, {"title", t_[key]}}),
                            anchor, {}, {}});
    }
    void subsection(const std::string& text) { blocks_->push_back({Block::Kind::subsection, text, {}, {}, {}}); }
    void paragraph(const std::string& text) { blocks_->push_back({Block::Kind::paragraph, text, {}, {}, {}}); }
    void note(const std::string& text) { blocks_->push_back({Block::Kind::note, text, {}, {}, {}}); }
    void table(Table t) {
        Block b{Block::Kind::table, {}, {}, std::move(t), {}};
        blocks_->push_back(std::move(b));
    }
    void figure(std::string title, double height, std::function<void(cairo_t*, double, double)> draw) {
        Block b{Block::Kind::figure, {}, {}, {}, Figure{std::move(title), height, std::move(draw)}};
        blocks_->push_back(std::move(b));
    }
    void not_run(const std::string& step, const std::string& key) {
        missing_.push_back(step);
        note(t_[key]);
    }
    std::string money(double yen, int decimals = 1) const { return units_.money(yen, decimals); }
    std::string area(double m2) const { return units_.area(m2); }
    std::string year_text(int y) const { return units_.year(y); }
    std::string money_header(const std::string& key) const { return units_.with_unit(t_[key], units_.money_word); }
    std::string area_header(const std::string& key) const { return units_.with_unit(t_[key], units_.area_word); }

    // An optimization's own figures (optimization.md: status, objective,
    // bound, gap) as plain numbers in the model's units, with what the
    // objective measures: it is money only for some models and settings.
    void solver_table(const std::string& model_key, const json& r, const std::string& meaning) {
        const std::string status = string_of(r, "status");
        Table t{t_.format("t.solver.title", {{"model", t_[model_key]}}), t_.format("t.solver.sheet", {{"model", t_[model_key + ".short"]}}),
                {t_["col.status"], t_["col.objective"], t_["col.bound"], t_["col.gap"], t_["col.time"]},
                {2.2, 1.6, 1.6, 0.9, 0.9}, {}, false};
        t.rows.push_back({text_cell(t_.has("status." + status) ? t_["status." + status] : status),
                          has_number(r, "objective_yen") ? number_cell(number(r, "objective_yen")) : text_cell("—"),
                          has_number(r, "bound_yen") ? number_cell(number(r, "bound_yen")) : text_cell("—"),
                          has_number(r, "gap") ? number_cell(number(r, "gap") * 100, 2) : text_cell("—"),
                          has_number(r, "time_s") ? number_cell(number(r, "time_s"), 1) : text_cell("—")});
        table(std::move(t));
        note(meaning);
    }

    int age_of(const Building& b) const { return d_.base_year - b.year_built; }
    double total_area() const {
        double a = 0;
        for (const auto& b : d_.buildings) a += b.floor_area_m2;
        return a;
    }
    double area_share(const std::function<bool(const Building&)>& pred) const {
        double all = 0, part = 0;
        for (const auto& b : d_.buildings) {
            all += b.floor_area_m2;
            if (pred(b)) part += b.floor_area_m2;
        }
        return all > 0 ? part / all : 0;
    }
    std::vector<std::string> categories_present() const {
        std::set<std::string> present;
        for (const auto& f : d_.facilities) present.insert(f.category);
        std::vector<std::string> out;
        for (const auto& k : d_.category_keys)
            if (present.erase(k)) out.push_back(k);
        for (const auto& k : present) out.push_back(k);  // unknown keys, and "" (not given)
        return out;
    }
    std::string category_label(const std::string& key) const { return key.empty() ? t_["category.none"] : d_.category_name(key); }

    MapSpec base_map() const {
        MapSpec m;
        m.north = t_["map.north"];
        if (!projector_) return m;
        m.boundary = boundary_;
        m.roads = roads_;
        m.note = t_.format("map.note", {{"crs", d_.work_crs}});
        return m;
    }
    std::optional<std::pair<double, double>> facility_xy(const std::string& id) const {
        if (!projector_) return std::nullopt;
        auto it = facility_by_id_.find(id);
        if (it != facility_by_id_.end() && !it->second->location.empty()) return projector_->point(it->second->location);
        for (const auto& s : d_.sites)
            if (s.site_id == id && !s.geometry.empty()) {
                Shape shape = projector_->project(s.geometry);
                double sx = 0, sy = 0, n = 0;
                for (const auto& p : shape.paths) for (auto [x, y] : p) { sx += x; sy += y; ++n; }
                if (n > 0) return std::pair{sx / n, sy / n};
            }
        return std::nullopt;
    }

    // 1. Summary.
    void summary() {
        section("s1.title", "summary");
        if (d_.buildings.empty() && d_.facilities.empty()) {
            not_run("import", "s1.no_inventory");
            return;
        }
        const double all = total_area();
        const double p30 = area_share([&](const Building& b) { return age_of(b) >= 30; });
        const double p40 = area_share([&](const Building& b) { return age_of(b) >= 40; });
        const double p60 = area_share([&](const Building& b) { return age_of(b) >= 60; });
        const double old_code = area_share([](const Building& b) { return b.seismic == "not_retrofitted"; });
        std::string findings = t_.format("s1.findings.stock", {{"facilities", grouped(d_.facilities.size())},
                                                              {"buildings", grouped(d_.buildings.size())},
                                                              {"area", area(all)},
                                                              {"year", year_text(d_.base_year)},
                                                              {"p30", percent(p30)},
                                                              {"p40", percent(p40)},
                                                              {"p60", percent(p60)},
                                                              {"seismic", percent(old_code)}});
        if (const auto* s = d_.latest_lifecycle("standard")) {
            findings += t_.format("s1.findings.renewal", {{"horizon", std::to_string(s->horizon)},
                                                          {"total", money(s->total_yen)},
                                                          {"average", money(s->annual_average_yen)}});
            if (s->budget_yen && *s->budget_yen > 0)
                findings += t_.format("s1.findings.budget", {{"budget", money(*s->budget_yen)},
                                                             {"ratio", grouped(s->annual_average_yen / *s->budget_yen, 2)}});
            if (const auto* e = d_.latest_lifecycle("life_extension")) {
                double diff = s->total_yen - e->total_yen;
                findings += t_.format(diff >= 0 ? "s1.findings.saving" : "s1.findings.dearer",
                                      {{"amount", money(std::fabs(diff))}, {"share", percent(std::fabs(diff) / s->total_yen)}});
            }
        }
        if (d_.access) {
            const json& services = d_.access->json.contains("services") ? d_.access->json["services"] : empty_array();
            const json* worst = nullptr;
            for (const auto& s : services)
                if (s.contains("before") && s["before"].is_object() && has_number(s, "catchment_m") &&
                    (!worst || number(s["before"], "coverage") < number((*worst)["before"], "coverage")))
                    worst = &s;
            if (worst)
                findings += t_.format("s1.findings.access", {{"service", service_label(*worst)},
                                                             {"catchment", metres(number(*worst, "catchment_m"))},
                                                             {"coverage", percent(number((*worst)["before"], "coverage"))}});
        }
        paragraph(findings);

        // By category.
        Table by_category{t_["t.category.title"], t_["t.category.sheet"],
                          {t_["col.category"], t_["col.facilities"], t_["col.buildings"], area_header("col.floor_area"),
                           t_["col.share"], t_["col.mean_age"]},
                          {3.2, 1, 1, 1.3, 1, 1.1}, {}, true};
        std::map<std::string, std::string> category_of;
        for (const auto& f : d_.facilities) category_of[f.facility_id] = f.category;
        for (const auto& key : categories_present()) {
            long facilities = std::count_if(d_.facilities.begin(), d_.facilities.end(), [&](const Facility& f) { return f.category == key; });
            long buildings = 0;
            double a = 0, age_area = 0;
            for (const auto& b : d_.buildings)
                if (category_of[b.facility_id] == key) {
                    ++buildings;
                    a += b.floor_area_m2;
                    age_area += b.floor_area_m2 * age_of(b);
                }
            by_category.rows.push_back({text_cell(category_label(key)), number_cell(facilities), number_cell(buildings),
                                        area_cell(a), percent_cell(all > 0 ? a / all : 0),
                                        a > 0 ? number_cell(age_area / a, 1) : text_cell("—")});
        }
        double age_all = 0;
        for (const auto& b : d_.buildings) age_all += b.floor_area_m2 * age_of(b);
        by_category.rows.push_back({text_cell(t_["row.total"]), number_cell(d_.facilities.size()), number_cell(d_.buildings.size()),
                                    area_cell(all), percent_cell(all > 0 ? 1 : 0), all > 0 ? number_cell(age_all / all, 1) : text_cell("—")});
        table(std::move(by_category));

        // Ageing, seismic code and condition.
        Table ageing{t_["t.ageing.title"], t_["t.ageing.sheet"], {t_["col.indicator"], t_["col.buildings"], area_header("col.floor_area"), t_["col.share"]},
                     {4, 1, 1.3, 1}, {}, false};
        auto row = [&](const std::string& label, const std::function<bool(const Building&)>& pred) {
            long n = 0;
            double a = 0;
            for (const auto& b : d_.buildings)
                if (pred(b)) { ++n; a += b.floor_area_m2; }
            ageing.rows.push_back({text_cell(label), number_cell(n), area_cell(a), percent_cell(all > 0 ? a / all : 0)});
        };
        row(t_["row.aged30"], [&](const Building& b) { return age_of(b) >= 30; });
        row(t_["row.aged40"], [&](const Building& b) { return age_of(b) >= 40; });
        row(t_["row.aged60"], [&](const Building& b) { return age_of(b) >= 60; });
        row(t_["row.old_code"], [](const Building& b) { return b.year_built <= 1981; });
        row(t_["row.not_retrofitted"], [](const Building& b) { return b.seismic == "not_retrofitted"; });
        row(t_["row.seismic_unknown"], [](const Building& b) { return b.seismic == "unknown" && b.year_built <= 1981; });
        table(std::move(ageing));

        Table condition{t_["t.condition.title"], t_["t.condition.sheet"], {t_["col.condition"], t_["col.buildings"], area_header("col.floor_area"), t_["col.share"]},
                        {4, 1, 1.3, 1}, {}, false};
        struct Band { const char* key; double lo, hi; };
        const Band bands[] = {{"cond.a", 75, 101}, {"cond.b", 50, 75}, {"cond.c", 25, 50}, {"cond.d", -1, 25}};
        for (const auto& band : bands) {
            long n = 0;
            double a = 0;
            for (const auto& b : d_.buildings)
                if (b.condition && *b.condition >= band.lo && *b.condition < band.hi) { ++n; a += b.floor_area_m2; }
            condition.rows.push_back({text_cell(t_[band.key]), number_cell(n), area_cell(a), percent_cell(all > 0 ? a / all : 0)});
        }
        long unknown = 0;
        double unknown_area = 0;
        for (const auto& b : d_.buildings)
            if (!b.condition) { ++unknown; unknown_area += b.floor_area_m2; }
        condition.rows.push_back({text_cell(t_["cond.unknown"]), number_cell(unknown), area_cell(unknown_area), percent_cell(all > 0 ? unknown_area / all : 0)});
        table(std::move(condition));
    }

    // 2. Stock charts.
    void stock() {
        section("s2.title", "stock");
        if (d_.buildings.empty()) {
            not_run("import", "s1.no_inventory");
            return;
        }
        int first = 9999, last = 0;
        for (const auto& b : d_.buildings) {
            first = std::min(first, b.year_built);
            last = std::max(last, b.year_built);
        }
        std::map<std::string, std::string> category_of;
        for (const auto& f : d_.facilities) category_of[f.facility_id] = f.category;
        BarChart by_year;
        for (int y = first; y <= last; ++y) {
            by_year.x_labels.push_back(std::to_string(y));
            if (ja()) by_year.x_sublabels.push_back(wareki_year(y, true));
            by_year.x_keys.push_back(y);
        }
        const auto categories = categories_present();
        std::vector<std::vector<double>> values(categories.size(), std::vector<double>(last - first + 1, 0.0));
        for (const auto& b : d_.buildings) {
            auto c = std::find(categories.begin(), categories.end(), category_of[b.facility_id]) - categories.begin();
            if (c < static_cast<long>(categories.size())) values[c][b.year_built - first] += b.floor_area_m2;
        }
        for (std::size_t c = 0; c < categories.size(); ++c)
            by_year.stacks.push_back({category_label(categories[c]), palette(c), values[c]});
        by_year.y_unit = units_.thousand_m2;
        by_year.y_divisor = 1000;
        // The 1981 seismic code as a marker in the caption rather than in the plot.
        figure(t_["f.by_year"], 300, [chart = std::move(by_year)](cairo_t* cr, double w, double h) { draw_bar_chart(cr, w, h, chart); });
        note(t_["f.by_year.note"]);

        // Age distribution in 5-year bands, coloured by the classes of the map.
        BarChart by_age;
        int oldest = 0;
        for (const auto& b : d_.buildings) oldest = std::max(oldest, age_of(b));
        const int bands = oldest / 5 + 1;
        std::vector<std::vector<double>> age_values(age_classes().size(), std::vector<double>(bands, 0.0));
        for (int i = 0; i < bands; ++i) {
            by_age.x_labels.push_back(std::to_string(i * 5) + "–" + std::to_string(i * 5 + 4));
            by_age.x_keys.push_back(i);
        }
        for (const auto& b : d_.buildings) {
            int age = std::max(0, age_of(b));
            age_values[age_class_of(age / 5 * 5)][age / 5] += b.floor_area_m2;
        }
        for (std::size_t c = 0; c < age_classes().size(); ++c)
            by_age.stacks.push_back({age_class_label(t_, c), age_classes()[c].colour, age_values[c]});
        by_age.y_unit = units_.thousand_m2;
        by_age.y_divisor = 1000;
        figure(t_.format("f.by_age", {{"year", year_text(d_.base_year)}}), 220,
               [chart = std::move(by_age)](cairo_t* cr, double w, double h) { draw_bar_chart(cr, w, h, chart); });

        // Map of facilities by the age of their main building.
        MapSpec map = base_map();
        map.legend_title = t_["map.age.legend"];
        for (std::size_t c = 0; c < age_classes().size(); ++c)
            map.legend.push_back({age_class_label(t_, c), age_classes()[c].colour, LegendEntry::Mark::circle});
        if (projector_) {
            std::vector<MapMark> marks;
            for (const auto& f : d_.facilities) {
                auto it = main_building_.find(f.facility_id);
                if (it == main_building_.end() || f.location.empty()) continue;
                auto xy = projector_->point(f.location);
                if (!xy) continue;
                const Building& b = *it->second;
                double size = std::clamp(2.0 + std::sqrt(b.floor_area_m2) / 14.0, 3.0, 10.0);
                marks.push_back({xy->first, xy->second, size,
                                 {"", age_classes()[age_class_of(age_of(b))].colour, LegendEntry::Mark::circle}});
            }
            // Large marks first, so the small ones stay visible on top.
            std::stable_sort(marks.begin(), marks.end(), [](const MapMark& a, const MapMark& b) { return a.size_pt > b.size_pt; });
            map.marks = std::move(marks);
        }
        map.legend.push_back({t_["map.size_note"], {0.5, 0.5, 0.5}, LegendEntry::Mark::ring});
        const double age_map_h = map_height(map, kTextWidthPt);
        figure(t_.format("f.age_map", {{"year", year_text(d_.base_year)}}), age_map_h,
               [map = std::move(map)](cairo_t* cr, double w, double h) { draw_map(cr, w, h, map); });
    }

    // 3. Renewal cost projection.
    BarChart renewal_chart(const StoredLifecycleTotals& run) const {
        BarChart c;
        std::map<std::string, std::vector<double>> by_kind;
        for (std::size_t i = 0; i < run.years.size(); ++i) {
            const auto& y = run.years[i];
            c.x_labels.push_back(std::to_string(y.year));
            c.x_keys.push_back(y.year);
            if (ja()) c.x_sublabels.push_back(wareki_year(y.year, true));
            json kinds = json::parse(y.by_kind_json, nullptr, false);
            if (!kinds.is_object()) continue;
            for (const auto& [k, v] : kinds.items()) {
                auto& series = by_kind[k];
                series.resize(run.years.size(), 0.0);
                if (v.is_number()) series[i] += v.get<double>();
            }
        }
        for (const auto& k : kind_order())
            if (auto it = by_kind.find(k); it != by_kind.end()) {
                c.stacks.push_back({d_.kind_name(k), kind_colour(k), it->second});
                by_kind.erase(it);
            }
        for (auto& [k, v] : by_kind) c.stacks.push_back({d_.kind_name(k), kind_colour(k), v});
        c.refs.push_back({t_.format("ref.average", {{"value", money(run.annual_average_yen)}}), {0.1, 0.1, 0.1}, true});
        c.refs.back().value = run.annual_average_yen;
        if (run.budget_yen) {
            c.refs.push_back({t_.format("ref.budget", {{"value", money(*run.budget_yen)}}), hex_colour("#CC0000"), false});
            c.refs.back().value = *run.budget_yen;
        }
        c.y_unit = units_.money_word;
        c.y_divisor = money_unit();
        return c;
    }

    void renewal() {
        section("s3.title", "renewal");
        const auto* standard = d_.latest_lifecycle("standard");
        const auto* extended = d_.latest_lifecycle("life_extension");
        if (!standard && !extended && d_.lifecycle.empty()) {
            not_run("lifecycle", "s3.not_run");
            return;
        }
        std::vector<const StoredLifecycleTotals*> runs;
        if (standard) runs.push_back(standard);
        if (extended) runs.push_back(extended);
        if (runs.empty()) runs.push_back(&d_.lifecycle.back());
        paragraph(t_["s3.intro"]);
        for (const auto* run : runs) {
            std::string title = t_.format("f.renewal", {{"strategy", d_.strategy_name(run->strategy)},
                                                         {"from", year_text(run->start_year)},
                                                         {"horizon", std::to_string(run->horizon)},
                                                         {"total", money(run->total_yen)},
                                                         {"average", money(run->annual_average_yen)}});
            figure(title, 270, [chart = renewal_chart(*run)](cairo_t* cr, double w, double h) { draw_bar_chart(cr, w, h, chart); });
        }
        if (!extended) not_run("lifecycle life_extension", "s3.no_life_extension");

        // Levelled schedule (optimization.md A).
        double levelled_total = 0;
        bool levelled = false;
        if (d_.level) {
            const json& l = d_.level->json;
            BarChart c;
            Series after{t_["series.levelled"], hex_colour("#0072B2"), {}}, before{t_["series.unlevelled"], hex_colour("#D55E00"), {}};
            for (const auto& y : l.value("years", json::array())) {
                int year = static_cast<int>(number(y, "year"));
                c.x_labels.push_back(std::to_string(year));
                c.x_keys.push_back(year);
                if (ja()) c.x_sublabels.push_back(wareki_year(year, true));
                after.values.push_back(number(y, "after_yen"));
                before.values.push_back(number(y, "before_yen"));
                levelled_total += number(y, "after_yen");
            }
            levelled = !after.values.empty();
            c.stacks.push_back(after);
            c.lines.push_back(before);
            if (l.contains("budget_yen") && l["budget_yen"].is_number())
                c.refs.push_back({t_.format("ref.budget", {{"value", money(l["budget_yen"].get<double>())}}), hex_colour("#CC0000"),
                                  false, });
            if (!c.refs.empty()) c.refs.back().value = l["budget_yen"].get<double>();
            c.y_unit = units_.money_word;
            c.y_divisor = money_unit();
            figure(t_.format("f.levelled", {{"peak_before", money(number(l, "peak_before_yen"))},
                                             {"peak_after", money(number(l, "peak_after_yen"))}}),
                   270, [c](cairo_t* cr, double w, double h) { draw_bar_chart(cr, w, h, c); });
            // Money first (what is spent), then the solver's own figures:
            // the objective weighs the overrun by M, so it is not an amount.
            const std::string mode = string_of(l, "mode");
            const json& parameters = l.value("parameters", json::object());
            std::string levelled_text = t_.format("s3.levelled", {{"peak_before", money(number(l, "peak_before_yen"))},
                                                                  {"peak_after", money(number(l, "peak_after_yen"))},
                                                                  {"penalty", money(number(l, "penalty_yen"))},
                                                                  {"alpha", percent(number(parameters, "deferral_penalty"), 0)},
                                                                  {"beta", percent(number(parameters, "advance_penalty"), 0)}});
            if (has_number(l, "budget_yen"))
                levelled_text += t_.format("s3.levelled.overrun", {{"budget", money(number(l, "budget_yen"))},
                                                                   {"overrun", money(number(l, "overrun_yen"))}});
            paragraph(levelled_text);
            const std::string m = grouped(number(parameters, "overrun_penalty", 1000));
            solver_table("model.level", l,
                         mode == "budget" ? t_.format("objective.level.budget", {{"m", m},
                                                                                {"overrun", money(number(l, "overrun_yen"))},
                                                                                {"penalty", money(number(l, "penalty_yen"))}})
                         : mode == "peak" ? t_.format("objective.level.peak", {{"peak_after", money(number(l, "peak_after_yen"))}})
                                          : t_["objective.level.penalty"]);
        } else {
            not_run("level", "s3.level_not_run");
        }

        // Side by side, and the savings table.
        HBarChart compare;
        Series totals{t_["series.total"], hex_colour("#0072B2"), {}};
        Table savings{t_["t.savings.title"], t_["t.savings.sheet"],
                      {t_["col.strategy"], money_header("col.total"), money_header("col.average"), money_header("col.vs_standard"),
                       t_["col.vs_budget"]},
                      {3, 1.3, 1.3, 1.4, 1.2}, {}, false};
        auto add = [&](const std::string& label, double total, double average, std::optional<double> budget) {
            compare.groups.push_back(label);
            totals.values.push_back(total);
            double base = standard ? standard->total_yen : total;
            savings.rows.push_back({text_cell(label), money_cell(total), money_cell(average), money_cell(total - base),
                                    budget && *budget > 0 ? number_cell(average / *budget, 2) : text_cell("—")});
        };
        for (const auto* run : runs) add(d_.strategy_name(run->strategy), run->total_yen, run->annual_average_yen, run->budget_yen);
        if (levelled) {
            const json& l = d_.level->json;
            int n = std::max<int>(1, static_cast<int>(l.value("years", json::array()).size()));
            std::optional<double> budget;
            if (l.contains("budget_yen") && l["budget_yen"].is_number()) budget = l["budget_yen"].get<double>();
            add(t_["series.levelled"], levelled_total, levelled_total / n, budget);
        }
        compare.series.push_back(totals);
        compare.value_text = [u = units_](double v) { return u.money(v); };
        compare.tick_text = [u = units_](double v) { return u.money(v, 0); };
        figure(t_["f.compare"], hbar_chart_height(compare),
               [compare](cairo_t* cr, double w, double h) { draw_hbar_chart(cr, w, h, compare); });
        if (levelled) {
            double later_yen = 0;
            long later = 0;
            for (const auto& e : d_.level->json.value("events", json::array()))
                if (e.contains("start_year") && e["start_year"].is_null()) { ++later; later_yen += number(e, "cost_yen"); }
            if (later > 0)
                note(t_.format("s3.levelled.later", {{"events", grouped(later)}, {"amount", money(later_yen)}}));
        }
        table(std::move(savings));

        // Every year, every strategy: the numbers behind the charts.
        Table years{t_["t.years.title"], t_["t.years.sheet"], {t_["col.year"]}, {1.6}, {}, false};
        for (const auto* run : runs) {
            years.columns.push_back(units_.with_unit(d_.strategy_name(run->strategy), units_.money_word));
            years.widths.push_back(1.6);
        }
        years.columns.push_back(money_header("col.backlog"));
        years.widths.push_back(1.2);
        const auto* first = runs.front();
        for (std::size_t i = 0; i < first->years.size(); ++i) {
            std::vector<Cell> row{text_cell(units_.year_short(first->years[i].year))};
            for (const auto* run : runs) row.push_back(i < run->years.size() ? money_cell(run->years[i].total_yen) : text_cell("—"));
            row.push_back(money_cell(first->years[i].backlog_yen));
            years.rows.push_back(std::move(row));
        }
        table(std::move(years));
    }

    // 4. Placement plan.
    void placement() {
        section("s4.title", "placement");
        if (options_.kind == DocumentKind::placement_plan) paragraph(t_["plan.intro"]);
        if (d_.consolidate) consolidation();
        else not_run("consolidate", "s4.consolidate_not_run");
        if (d_.access) access();
        else not_run("access", "s4.access_not_run");
    }

    // One site of the consolidation result (optimization.md B, "The result lists").
    struct PlanSite {
        std::string id, name, action;
        std::vector<std::string> before, after, other;  // service keys
        double area_before_m2 = 0, area_after_m2 = 0, cost_before_yen = 0, cost_after_yen = 0, construction_yen = 0;
        int number = 0;                                 // its No. in the table of changes and on the maps
    };
    static int action_rank(const std::string& action) {
        static const std::vector<std::string> order = {"keep", "close", "convert", "new_complex", "new"};
        auto it = std::find(order.begin(), order.end(), action);
        return static_cast<int>(it - order.begin());
    }
    static std::vector<std::string> keys_of(const json& s, const char* key) {
        std::vector<std::string> out;
        for (const auto& v : s.value(key, json::array()))
            if (v.is_string()) out.push_back(v.get<std::string>());
        return out;
    }
    std::string action_label(const std::string& action) const { return t_.has("action." + action) ? t_["action." + action] : action; }
    std::string services_text(const std::vector<std::string>& keys) const {
        std::string out;
        for (const auto& k : keys) out += (out.empty() ? "" : t_["list.separator"]) + d_.service_name(k);
        return out.empty() ? std::string("—") : out;
    }
    // A service of an access or consolidation result, in the report's language.
    std::string service_label(const json& s) const {
        const std::string key = string_of(s, "key");
        return d_.service_names.contains(key) ? d_.service_name(key) : string_of(s, "name");
    }

    void consolidation() {
        const json& c = d_.consolidate->json;
        std::vector<PlanSite> sites;
        for (const auto& s : c.value("sites", json::array())) {
            PlanSite p{string_of(s, "id"), string_of(s, "name"), string_of(s, "action"), keys_of(s, "services_before"),
                       keys_of(s, "services_after"), keys_of(s, "other_services"), number(s, "floor_area_before_m2"),
                       number(s, "floor_area_after_m2"), number(s, "cost_before_yen"), number(s, "cost_after_yen"),
                       number(s, "construction_cost_yen"), 0};
            sites.push_back(std::move(p));
        }
        // Sorted by action, then id; the changed sites that stay in use are numbered.
        std::stable_sort(sites.begin(), sites.end(), [](const PlanSite& a, const PlanSite& b) {
            return std::pair(action_rank(a.action), a.id) < std::pair(action_rank(b.action), b.id);
        });
        int numbered = 0;
        for (auto& s : sites)
            if (s.action != "keep" && s.action != "close") s.number = ++numbered;
        std::vector<std::string> service_keys;
        std::map<std::string, const json*> service_json;
        const json& services = c.contains("services") && c["services"].is_array() ? c["services"] : empty_array();
        for (const auto& s : services) {  // kept by reference: service_json points into it
            service_keys.push_back(string_of(s, "key"));
            service_json[service_keys.back()] = &s;
        }

        // What the plan does, in money and floor area, for the services in the model.
        const json totals = c.value("totals", json::object());
        double area_before = 0, area_after = 0, cost_before = 0, cost_after = 0;
        long sites_before = 0, sites_after = 0;
        for (const auto& s : sites) {
            area_before += s.area_before_m2;
            area_after += s.area_after_m2;
            cost_before += s.cost_before_yen;
            cost_after += s.cost_after_yen;
            sites_before += !s.before.empty();
            sites_after += !s.after.empty();
        }
        area_before = number(totals, "floor_area_before_m2", area_before);
        area_after = number(totals, "floor_area_after_m2", area_after);
        cost_before = number(totals, "cost_before_yen", cost_before);
        cost_after = number(totals, "cost_after_yen", cost_after);
        sites_before = static_cast<long>(number(totals, "sites_before", static_cast<double>(sites_before)));
        sites_after = static_cast<long>(number(totals, "sites_after", static_cast<double>(sites_after)));
        const json scenario = c.value("scenario", json::object());
        const json parameters = c.value("parameters", json::object());
        const std::string horizon = grouped(number(scenario, "horizon", 40));
        paragraph(t_.format("s4.consolidate", {{"count", grouped(service_keys.size())},
                                               {"services", services_text(service_keys)},
                                               {"horizon", horizon},
                                               {"sites_before", grouped(sites_before)},
                                               {"sites_after", grouped(sites_after)},
                                               {"area_before", area(area_before)},
                                               {"area_after", area(area_after)},
                                               {"cost_before", money(cost_before)},
                                               {"cost_after", money(cost_after)}}));
        const double lambda = number(parameters, "lambda");
        const std::string basis = string_of(c, "cost_basis") == "present_value"
                                      ? t_.format("basis.present_value", {{"rate", percent(number(parameters, "discount_rate"), 1)}})
                                      : t_["basis.nominal"];
        solver_table("model.consolidate", c,
                     lambda > 0 ? t_.format("objective.consolidate.travel", {{"lambda", grouped(lambda, 2)}, {"basis", basis}})
                                : t_.format("objective.consolidate.cost", {{"horizon", horizon},
                                                                          {"basis", basis},
                                                                          {"sigma", grouped(number(parameters, "sigma", 0.1), 2)},
                                                                          {"money", money(number(c, "objective_yen"))}}));

        plan_maps(sites);
        service_maps(sites, service_keys, service_json);
        plan_tables(sites, service_keys, sites_before, sites_after, area_before, area_after, cost_before, cost_after);
    }

    // Before and after, every site of the model by its action.
    void plan_maps(const std::vector<PlanSite>& sites) {
        static const std::vector<std::string> actions = {"keep", "close", "convert", "new_complex", "new"};
        MapSpec before = base_map(), after = base_map();
        before.legend_title = t_["map.before.legend"];
        after.legend_title = t_["map.after.legend"];
        std::map<std::string, long> count;
        std::vector<MapMark> changes;
        for (const auto& s : sites) {
            ++count[s.action];
            auto xy = facility_xy(s.id);
            if (!xy) continue;
            if (!s.before.empty())
                before.marks.push_back({xy->first, xy->second, 4.5, {"", hex_colour("#3B5B7A"), LegendEntry::Mark::circle}});
            ActionStyle st = action_style(s.action);
            MapMark mark{xy->first, xy->second, st.size, {"", st.colour, st.mark}};
            if (s.action == "keep") after.marks.push_back(mark);
            else changes.push_back(mark);  // drawn on top of the kept sites
            if (s.number > 0) after.labels.push_back({xy->first, xy->second, st.size, std::to_string(s.number)});
        }
        after.marks.insert(after.marks.end(), changes.begin(), changes.end());
        before.legend.push_back({t_["action.existing"], hex_colour("#3B5B7A"), LegendEntry::Mark::circle});
        for (const auto& a : actions) {
            ActionStyle st = action_style(a);
            after.legend.push_back({action_label(a) + " (" + grouped(count[a]) + ")", st.colour, st.mark});
        }
        if (!after.labels.empty()) after.note = t_["map.number_note"] + "\n" + after.note;
        figure(t_["f.plan_before"], map_height(before, kTextWidthPt), [before](cairo_t* cr, double w, double h) { draw_map(cr, w, h, before); });
        figure(t_["f.plan_after"], map_height(after, kTextWidthPt), [after](cairo_t* cr, double w, double h) { draw_map(cr, w, h, after); });
    }

    // One map a service (small multiples): the sites hosting it after the
    // plan, those that stop, and the service areas the access step stored.
    void service_maps(const std::vector<PlanSite>& sites, const std::vector<std::string>& keys,
                      const std::map<std::string, const json*>& service_json) {
        if (keys.empty()) return;
        const Rgb area_colour = hex_colour("#0072B2"), host = hex_colour("#08306B"), added = hex_colour("#E69F00"),
                  dropped = hex_colour("#8C8C8C");
        MapGrid grid;
        grid.columns = keys.size() == 1 ? 1 : 2;
        bool any_area = false;
        for (const auto& key : keys) {
            MapSpec panel = base_map();
            const json& sj = *service_json.at(key);
            const json b = sj.value("before", json::object()), af = sj.value("after", json::object());
            panel.title = capitalised(t_.format("map.service.title", {{"service", d_.service_name(key)},
                                                          {"before", has_number(b, "coverage") ? percent(number(b, "coverage")) : "—"},
                                                          {"after", has_number(af, "coverage") ? percent(number(af, "coverage")) : "—"}}));
            std::set<std::string> hosts;
            std::vector<MapMark> kept, stopped, started;
            for (const auto& s : sites) {
                const bool was = std::find(s.before.begin(), s.before.end(), key) != s.before.end();
                const bool is = std::find(s.after.begin(), s.after.end(), key) != s.after.end();
                if (!was && !is) continue;
                auto xy = facility_xy(s.id);
                if (!xy) continue;
                if (is) hosts.insert(s.id);
                if (was && is) kept.push_back({xy->first, xy->second, 4.5, {"", host, LegendEntry::Mark::circle}});
                else if (was) stopped.push_back({xy->first, xy->second, 3.5, {"", dropped, LegendEntry::Mark::cross}});
                else {
                    started.push_back({xy->first, xy->second, 6, {"", added, LegendEntry::Mark::square}});
                    if (s.number > 0) panel.labels.push_back({xy->first, xy->second, 6, std::to_string(s.number)});
                }
            }
            if (projector_)
                for (const auto& sa : d_.service_areas)
                    if (sa.service_key == key && hosts.contains(sa.site_id))
                        panel.areas.push_back({projector_->project(sa.geometry), area_colour, 0.18});
            any_area = any_area || !panel.areas.empty();
            for (auto* group : {&stopped, &kept, &started}) panel.marks.insert(panel.marks.end(), group->begin(), group->end());
            grid.panels.push_back(std::move(panel));
        }
        grid.legend = {{t_["map.service.kept"], host, LegendEntry::Mark::circle},
                       {t_["map.service.added"], added, LegendEntry::Mark::square},
                       {t_["map.service.stopped"], dropped, LegendEntry::Mark::cross}};
        if (any_area) grid.legend.push_back({t_["map.service.area"], area_colour, LegendEntry::Mark::area});
        if (d_.roads.empty()) grid.legend.push_back({t_["map.no_roads"], {0.6, 0.6, 0.6}, LegendEntry::Mark::line});
        const bool after_plan = d_.access && static_cast<long long>(number(d_.access->json, "plan_run_id", -1)) == d_.consolidate->run_id;
        grid.note = !d_.access   ? t_["map.service.no_access"]
                    : !any_area  ? t_["map.service.no_areas"]
                    : after_plan ? t_.format("map.service.areas_after", {{"run", std::to_string(d_.access->run_id)}})
                                 : t_.format("map.service.areas_before", {{"run", std::to_string(d_.access->run_id)}});
        if (!base_map().note.empty()) grid.note += " " + base_map().note;
        const double grid_h = map_grid_height(grid, kTextWidthPt);
        figure(t_.format("f.service_maps", {{"count", grouped(keys.size())}}), grid_h,
               [grid = std::move(grid)](cairo_t* cr, double w, double h) { draw_map_grid(cr, w, h, grid); });
    }

    void plan_tables(const std::vector<PlanSite>& sites, const std::vector<std::string>& service_keys, long sites_before,
                     long sites_after, double area_before, double area_after, double cost_before, double cost_after) {
        // Counts, floor area and cost by action.
        Table by_action{t_["t.actions.title"], t_["t.actions.sheet"],
                        {t_["col.action"], t_["col.sites"], area_header("col.floor_before_short"), area_header("col.floor_after_short"),
                         money_header("col.cost_before_short"), money_header("col.cost_after_short")},
                        {1.4, 0.8, 1.4, 1.4, 1.4, 1.4}, {}, true};
        static const std::vector<std::string> actions = {"keep", "close", "convert", "new_complex", "new"};
        for (const auto& a : actions) {
            long n = 0;
            double ab = 0, aa = 0, cb = 0, ca = 0;
            for (const auto& s : sites)
                if (s.action == a) { ++n; ab += s.area_before_m2; aa += s.area_after_m2; cb += s.cost_before_yen; ca += s.cost_after_yen; }
            by_action.rows.push_back({text_cell(action_label(a)), number_cell(n), area_cell(ab), area_cell(aa), money_cell(cb), money_cell(ca)});
        }
        double ab = 0, aa = 0, cb = 0, ca = 0;
        for (const auto& s : sites) { ab += s.area_before_m2; aa += s.area_after_m2; cb += s.cost_before_yen; ca += s.cost_after_yen; }
        by_action.rows.push_back({text_cell(t_["row.total"]), number_cell(sites.size()), area_cell(ab), area_cell(aa), money_cell(cb), money_cell(ca)});
        table(std::move(by_action));

        Table totals{t_["t.plan_totals.title"], t_["t.plan_totals.sheet"],
                     {t_["col.indicator"], t_["col.before"], t_["col.after"], t_["col.change"]}, {3, 1.3, 1.3, 1.3}, {}, false};
        totals.rows.push_back({text_cell(t_["row.sites_open"]), number_cell(sites_before), number_cell(sites_after),
                               number_cell(sites_after - sites_before)});
        totals.rows.push_back({text_cell(area_header("col.floor_area")), area_cell(area_before), area_cell(area_after), area_cell(area_after - area_before)});
        totals.rows.push_back({text_cell(money_header("col.cost")), money_cell(cost_before), money_cell(cost_after), money_cell(cost_after - cost_before)});
        table(std::move(totals));
        double all_area = 0;
        for (const auto& b : d_.buildings) all_area += b.floor_area_m2;
        note(t_.format("s4.scope", {{"count", grouped(service_keys.size())},
                                    {"services", services_text(service_keys)},
                                    {"facilities", grouped(d_.facilities.size())},
                                    {"area", area(all_area)}}));

        // Closures, grouped by what the sites offered: one row a group.
        std::map<std::string, std::vector<const PlanSite*>> closed;
        std::vector<std::string> group_order;
        for (const auto& s : sites)
            if (s.action == "close") {
                const std::string group = services_text(s.before);
                if (!closed.contains(group)) group_order.push_back(group);
                closed[group].push_back(&s);
            }
        if (!closed.empty()) {
            Table t{t_["t.closures.title"], t_["t.closures.sheet"],
                    {t_["col.services_before"], t_["col.sites"], t_["col.floor_before_m2"], t_["col.closed_sites"]},
                    {1.3, 0.6, 0.9, 6.2}, {}, false};
            for (const auto& group : group_order) {
                std::string names;
                double a = 0;
                for (const auto* s : closed[group]) {
                    names += (names.empty() ? "" : t_["list.separator"]) + (s->name.empty() ? s->id : s->name);
                    a += s->area_before_m2;
                }
                t.rows.push_back({text_cell(group), number_cell(closed[group].size()), number_cell(a), text_cell(names)});
            }
            table(std::move(t));
        }

        // The sites that stay in use with other services, or are new: one row each.
        Table changes{t_["t.changes.title"], t_["t.changes.sheet"],
                      {t_["col.no"], t_["col.id"], t_["col.site"], t_["col.action"], t_["col.services_before"], t_["col.services_after"],
                       t_["col.other_uses"], t_["col.floor_change"], money_header("col.construction_short")},
                      {16, 28, 126, 27, 48, 90, 48, 58, 34}, {}, false};  // pt at 7 pt type: one line a site mostly
        changes.dense = true;
        for (const auto& s : sites) {
            if (s.number == 0) continue;
            changes.rows.push_back({number_cell(s.number), text_cell(s.id), text_cell(s.name.empty() ? s.id : s.name), text_cell(action_label(s.action)),
                                    text_cell(services_text(s.before)), text_cell(services_text(s.after)),
                                    text_cell(s.other.empty() ? "—" : services_text(s.other)),
                                    text_cell(grouped(s.area_before_m2) + " → " + grouped(s.area_after_m2)),
                                    money_cell(s.construction_yen)});
        }
        if (changes.rows.empty() && closed.empty()) note(t_["s4.no_changes"]);
        else if (!changes.rows.empty()) table(std::move(changes));

        // Every site, in the workbook.
        Table all{t_["t.sites.title"], t_["t.sites.sheet"],
                  {t_["col.id"], t_["col.site"], t_["col.action"], t_["col.services_before"], t_["col.services_after"], t_["col.other_uses"],
                   t_["col.floor_before_m2"], t_["col.floor_after_m2"], money_header("col.cost_before_short"),
                   money_header("col.cost_after_short"), money_header("col.construction_short")},
                  {}, {}, false};
        all.workbook_only = true;
        for (const auto& s : sites)
            all.rows.push_back({text_cell(s.id), text_cell(s.name), text_cell(action_label(s.action)), text_cell(services_text(s.before)),
                                text_cell(services_text(s.after)), text_cell(s.other.empty() ? "—" : services_text(s.other)),
                                number_cell(s.area_before_m2), number_cell(s.area_after_m2), money_cell(s.cost_before_yen),
                                money_cell(s.cost_after_yen), money_cell(s.construction_yen)});
        table(std::move(all));
        note(t_.format("s4.full_list", {{"count", grouped(sites.size())}, {"workbook", options_.workbook_file}, {"sheet", t_["t.sites.sheet"]}}));
    }

    void access() {
        const json& a = d_.access->json;
        const bool network = string_of(a, "mode") == "network";
        paragraph(network ? t_.format("s4.access.network", {{"profile", string_of(a, "profile")}})
                          : t_.format("s4.access.straight", {{"detour", grouped(number(a, "detour_factor", 1.3), 1)}}));
        HBarChart chart;
        Series before{t_["series.before"], hex_colour("#9E9E9E"), {}}, after{t_["series.after"], hex_colour("#0072B2"), {}};
        bool any_after = false;
        Table table_{t_["t.access.title"], t_["t.access.sheet"],
                     {t_["col.service"], t_["col.catchment"], t_["col.providers"], t_["col.coverage_before"], t_["col.coverage_after"],
                      t_["col.mean"], t_["col.median"], t_["col.p95"]},
                     {2.4, 1, 0.9, 1.1, 1.1, 1, 1, 1}, {}, false};
        const json& services = a.contains("services") ? a["services"] : empty_array();
        // Coverage after the plan: the access run's own when it ran after a
        // plan, else the consolidation result's per-service figures.
        std::map<std::string, json> plan_after;
        if (d_.consolidate && d_.consolidate->json.contains("services"))
            for (const auto& s : d_.consolidate->json["services"])
                if (s.contains("after") && s["after"].is_object()) plan_after[string_of(s, "key")] = s["after"];
        const json* worst = nullptr;
        for (const auto& s : services) {
            const json& b = s.value("before", json::object());
            auto planned = plan_after.find(string_of(s, "key"));
            const json af = s.contains("after") && s["after"].is_object() ? s["after"]
                            : planned != plan_after.end()                 ? planned->second
                                                                          : json();
            const bool has_after = af.is_object();
            std::string name = service_label(s);
            if (has_number(s, "catchment_m")) {
                chart.groups.push_back(capitalised(name));
                before.values.push_back(number(b, "coverage") * 100);
                after.values.push_back(has_after ? number(af, "coverage") * 100 : NAN);
                any_after = any_after || has_after;
                auto target = d_.coverage_targets.find(string_of(s, "key"));
                chart.targets.push_back(target == d_.coverage_targets.end() ? NAN : target->second * 100);
                if (!worst || number(b, "coverage") < number((*worst)["before"], "coverage")) worst = &s;
            }
            table_.rows.push_back({text_cell(name), has_number(s, "catchment_m") ? number_cell(number(s, "catchment_m")) : text_cell("—"),
                                   optional_number_cell(b, "providers"),
                                   b.contains("coverage") && has_number(s, "catchment_m") ? percent_cell(number(b, "coverage")) : text_cell("—"),
                                   has_after ? percent_cell(number(af, "coverage")) : text_cell("—"),
                                   optional_number_cell(has_after ? af : b, "mean_m"), optional_number_cell(has_after ? af : b, "median_m"),
                                   optional_number_cell(has_after ? af : b, "p95_m")});
        }
        chart.series.push_back(before);
        if (any_after) chart.series.push_back(after);
        chart.target_label = t_["series.target"];
        chart.max_value = 100;
        chart.value_text = [](double v) { return grouped(v, 1) + " %"; };
        chart.tick_text = [](double v) { return grouped(v) + " %"; };
        figure(t_["f.coverage"], hbar_chart_height(chart), [chart](cairo_t* cr, double w, double h) { draw_hbar_chart(cr, w, h, chart); });
        table(std::move(table_));
        if (!any_after) note(t_["s4.access.no_plan"]);

        // Without a plan, the service areas of the service with the lowest
        // coverage, where a plan matters most (with one, every service of the
        // plan has its map above).
        if (worst && !d_.consolidate) {
            const std::string key = string_of(*worst, "key");
            MapSpec map = base_map();
            map.legend_title = t_.format("map.areas.legend", {{"service", service_label(*worst)}});
            const Rgb area_colour = hex_colour("#0072B2");
            std::set<std::string> sites;
            if (projector_)
                for (const auto& sa : d_.service_areas)
                    if (sa.service_key == key) {
                        map.areas.push_back({projector_->project(sa.geometry), area_colour, 0.22});
                        sites.insert(sa.site_id);
                    }
            for (const auto& id : sites)
                if (auto xy = facility_xy(id)) map.marks.push_back({xy->first, xy->second, 5, {"", hex_colour("#08306B"), LegendEntry::Mark::circle}});
            map.legend.push_back({t_.format("map.areas.area", {{"catchment", metres(number(*worst, "catchment_m"))}}), area_colour, LegendEntry::Mark::area});
            map.legend.push_back({t_["map.areas.site"], hex_colour("#08306B"), LegendEntry::Mark::circle});
            if (d_.roads.empty()) map.legend.push_back({t_["map.no_roads"], {0.6, 0.6, 0.6}, LegendEntry::Mark::line});
            const double areas_h = map_height(map, kTextWidthPt);
            figure(t_.format("f.areas", {{"service", service_label(*worst)}, {"coverage", percent(number((*worst)["before"], "coverage"))}}), areas_h,
                   [map](cairo_t* cr, double w, double h) { draw_map(cr, w, h, map); });
        }
    }

    // 5. PPP/PFI screening.
    void ppp() {
        section("s5.title", "ppp");
        if (!d_.ppp) {
            not_run("ppp", "s5.not_run");
            return;
        }
        const json& p = d_.ppp->json;
        const json projects = p.value("projects", json::array());
        const json summary = p.value("summary", json::object());
        paragraph(t_.format("s5.intro", {{"projects", grouped(projects.size())},
                                         {"priority", grouped(number(summary, "priority"))},
                                         {"vfm", money(number(summary, "vfm_total_yen"))}}));
        // The screening's own note is in the language it ran in; say it in the report's.
        if (p.value("illustrative_defaults", false)) note(t_["s5.illustrative"]);
        const json plan = p.value("plan", json::object());
        if (number(plan, "sites_without_works") > 0)
            note(t_.format("s5.without_works", {{"sites", grouped(number(plan, "sites_without_works"))}}));
        Table vfm{t_["t.vfm.title"], t_["t.vfm.sheet"],
                  {t_["col.project"], money_header("col.construction"), money_header("col.psc"), money_header("col.pfi_lcc"),
                   money_header("col.vfm"), t_["col.vfm_percent"], t_["col.priority"]},
                  {2.6, 1.1, 1.1, 1.1, 1.1, 0.9, 1.8}, {}, false};
        for (const auto& pr : projects) {
            std::string reasons;
            for (const auto& r : pr.value("priority_reasons", json::array()))
                if (r.is_string()) {
                    const std::string key = "ppp.reason." + r.get<std::string>();
                    reasons += (reasons.empty() ? "" : t_["list.separator"]) + (t_.has(key) ? t_[key] : r.get<std::string>());
                }
            std::string flag = pr.value("priority", false) ? t_["yes"] : t_["no"];
            vfm.rows.push_back({text_cell(string_of(pr, "name")), money_cell(number(pr, "construction_cost_yen")),
                                money_cell(number(pr, "psc_yen")), money_cell(number(pr, "pfi_lcc_yen")), money_cell(number(pr, "vfm_yen")),
                                pr.contains("vfm_percent") && pr["vfm_percent"].is_number() ? number_cell(pr["vfm_percent"].get<double>(), 1) : text_cell("—"),
                                text_cell(reasons.empty() ? flag : flag + " — " + reasons)});
        }
        table(std::move(vfm));

        if (p.contains("parameter_table") && p["parameter_table"].is_array()) {
            Table params{t_["t.ppp_params.title"], t_["t.ppp_params.sheet"],
                         {t_["col.parameter"], t_["col.value"], t_["col.unit"], t_["col.range"]}, {3.5, 1.2, 1, 1.6}, {}, false};
            const json& common = p.value("parameters", json::object());
            for (const auto& row : p["parameter_table"]) {
                std::string name = string_of(row, "name");
                const json& v = common.contains(name) ? common[name] : row.value("default", json());
                auto num = [](const json& x) { return x.is_number() ? grouped(x.get<double>(), std::fabs(x.get<double>()) < 10 ? 3 : 0) : std::string("—"); };
                const std::string unit = string_of(row, "unit"), unit_key = "unit." + unit;
                const json lo = row.value("min", json()), hi = row.value("max", json());
                params.rows.push_back({text_cell(string_of(row, ja() ? "label_ja" : "label_en")),
                                       v.is_number() ? Cell{num(v), v.get<double>(), {}} : text_cell("—"),
                                       text_cell(t_.has(unit_key) ? t_[unit_key] : unit),
                                       text_cell(hi.is_number() ? num(lo) + " – " + num(hi)
                                                 : lo.is_number() ? t_.format("range.at_least", {{"min", num(lo)}}) : "—")});
            }
            table(std::move(params));
        }
        // Sensitivity of the first priority project (or the first project).
        const json* chosen = nullptr;
        for (const auto& pr : projects)
            if (pr.value("priority", false)) { chosen = &pr; break; }
        if (!chosen && !projects.empty()) chosen = &projects[0];
        if (chosen && chosen->contains("sensitivity")) {
            const json& s = (*chosen)["sensitivity"];
            const json rates = s.value("discount_rate", json::array()), savings = s.value("construction_saving", json::array());
            Table sens{t_.format("t.sensitivity.title", {{"project", string_of(*chosen, "name")}}), t_["t.sensitivity.sheet"],
                       {t_["col.saving_vs_rate"]}, {2}, {}, false};
            for (const auto& r : rates) {
                sens.columns.push_back(percent(r.get<double>(), 1));
                sens.widths.push_back(1);
            }
            const json pct = s.value("vfm_percent", json::array());
            for (std::size_t i = 0; i < savings.size() && i < pct.size(); ++i) {
                std::vector<Cell> row{text_cell(percent(savings[i].get<double>(), 0))};
                for (const auto& v : pct[i]) row.push_back(v.is_number() ? number_cell(v.get<double>(), 1) : text_cell("—"));
                sens.rows.push_back(std::move(row));
            }
            table(std::move(sens));
            note(t_["s5.sensitivity_note"]);
        }
    }

    // 6. Data and method. The placement plan keeps it short: the runs, the
    // parameters of the runs it shows, and the rules it rests on.
    void method() {
        const bool plan = options_.kind == DocumentKind::placement_plan;
        section("s6.title", "method");
        paragraph(t_.format(plan ? "plan.method.intro" : "s6.intro", {{"version", program_version()}}));
        Table runs{t_["t.runs.title"], t_["t.runs.sheet"],
                   {t_["col.run"], t_["col.started"], t_["col.command"], t_["col.input"], t_["col.sha256"], t_["col.version"]},
                   {0.5, 1.7, 2.3, 2.2, 2.0, 0.7}, {}, false};
        for (const auto& r : d_.runs) {
            std::string input = r.input_path.empty() ? "—" : std::filesystem::path(r.input_path).filename().string();
            std::string sha = r.input_sha256.empty() ? "—" : r.input_sha256.substr(0, 16) + "…";
            const bool kind_said = r.kind.empty() || r.command.find(r.kind) != std::string::npos;
            runs.rows.push_back({number_cell(r.run_id), text_cell(r.started_at), text_cell(r.command + (kind_said ? "" : " (" + r.kind + ")")),
                                 text_cell(input), text_cell(sha), text_cell(r.program_version)});
        }
        table(std::move(runs));
        // Full checksums and parameters in the workbook and the HTML.
        std::set<long long> shown;
        for (const auto* r : {&d_.access, &d_.consolidate, &d_.ppp})
            if (*r) shown.insert((*r)->run_id);
        Table params{t_["t.params.title"], t_["t.params.sheet"], {t_["col.run"], t_["col.sha256"], t_["col.parameters"]},
                     {0.5, 3.0, 5.0}, {}, false};
        for (const auto& r : d_.runs) {
            if (r.input_sha256.empty() && (r.parameters_json.empty() || r.parameters_json == "{}")) continue;
            if (plan && !shown.contains(r.run_id)) continue;
            Cell p = text_cell(parameters_text(r.parameters_json));
            p.full = r.parameters_json;
            params.rows.push_back({number_cell(r.run_id), text_cell(r.input_sha256.empty() ? "—" : r.input_sha256), std::move(p)});
        }
        params.dense = true;  // long parameter lists: small type keeps the method on its pages
        if (!params.rows.empty()) table(std::move(params));
        subsection(t_["s6.rules.title"]);
        const std::vector<const char*> report_rules = {"s6.rules.lifecycle", "s6.rules.network", "s6.rules.optimization", "s6.rules.ppp", "s6.rules.report"};
        const std::vector<const char*> plan_rules = {"s6.rules.network", "s6.rules.optimization", "s6.rules.ppp", "s6.rules.report"};
        for (const char* key : plan ? plan_rules : report_rules) paragraph(t_[key]);
        note(t_["s6.sources"]);
    }

    const ReportData& d_;
    const Strings& t_;
    const DocumentOptions& options_;
    std::vector<std::string>& missing_;
    int sections_ = 0;
    Units units_;
    std::vector<Block>* blocks_ = nullptr;
    std::shared_ptr<Projector> projector_;
    std::shared_ptr<const std::vector<Shape>> boundary_, roads_;
    std::map<std::string, const Building*> main_building_;
    std::map<std::string, const Facility*> facility_by_id_;
};

} // namespace

Document build_document(const ReportData& data, const Strings& text, const DocumentOptions& options,
                        std::vector<std::string>& missing_steps) {
    return Builder(data, text, options, missing_steps).build();
}

} // namespace shisetsu::report
