#include "report/content.hpp"

#include "core/paths.hpp"
#include "report/content_builder.hpp"

#include <boost/geometry.hpp>

#include <ctime>

namespace shisetsu::report {

namespace sections {

namespace {

// A road or a service area's outline drawn at ward scale needs no vertex
// closer than this to the line through its neighbours (0.1 pt on the largest
// map, ~25 m to the point): Douglas–Peucker (Boost.Geometry) halves a real
// road layer's vertices and removes two in three of a service area's (drawn on
// a 10 m grid, a vertex at every cell it crosses), and with them most of
// what the maps cost in the PDF and the HTML. Drawing only: a ring so
// simplified may touch itself, which a fill does not mind.
constexpr double kDrawToleranceM = 2.0;

Shape simplified(Shape shape) {
    namespace bg = boost::geometry;
    using Line = bg::model::linestring<bg::model::d2::point_xy<double>>;
    for (auto& path : shape.paths) {
        if (path.size() <= 2) continue;
        Line line, out;
        for (const auto& [x, y] : path) line.emplace_back(x, y);
        bg::simplify(line, out, kDrawToleranceM);
        path.clear();
        for (const auto& p : out) path.emplace_back(p.x(), p.y());
    }
    return shape;
}

} // namespace

Builder::Builder(const ReportData& d, const Strings& t, const DocumentOptions& options, std::vector<std::string>& missing)
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
        for (const auto& r : d_.roads) roads->push_back(simplified(projector_->project(r.geometry)));
        boundary_ = std::move(boundary);
        roads_ = std::move(roads);
    }
    for (const auto& b : d_.buildings) {
        auto& main = main_building_[b.facility_id];
        if (!main || b.floor_area_m2 > main->floor_area_m2) main = &b;
    }
    for (const auto& f : d_.facilities) facility_by_id_[f.facility_id] = &f;
}

const Shape& Builder::service_area_shape(std::size_t i) {
    if (area_shapes_.size() != d_.service_areas.size()) area_shapes_.resize(d_.service_areas.size());
    auto& shape = area_shapes_[i];
    if (!shape) shape = simplified(projector_->project(d_.service_areas[i].geometry));
    return *shape;
}

Document Builder::build() {
    Document doc;
    const bool plan = options_.kind == DocumentKind::placement_plan;
    doc.lang = ja() ? "ja" : "en";
    const bool cards = options_.kind == DocumentKind::facility_cards;
    doc.title = t_[plan ? "plan.title" : cards ? "cards.title" : "title"];
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
        compare_plans();
        method();
    } else if (cards) {
        cards_intro();
        facility_cards(false);
    } else {
        summary();
        stock();
        renewal();
        placement();
        ppp();
        compare_plans();
        method();
        // The 施設カルテ as the HTML page's last section; the PDF has them
        // in facility-cards.pdf, one page each.
        section("cards.section", "cards");
        blocks_->back().html_only = true;
        cards_intro();
        note(t_.format("cards.html_note", {{"file", options_.cards_file}}));
        for (std::size_t i = blocks_->size() - 3; i < blocks_->size(); ++i) (*blocks_)[i].html_only = true;
        facility_cards(true);
    }
    return doc;
}

// What a facility card shows and where its works come from.
void Builder::cards_intro() {
    const json summary = d_.lifecycle_result ? d_.lifecycle_result->json.value("summary", json::object()) : json::object();
    paragraph(t_.format("cards.intro", {{"strategy", d_.strategy_name(string_of(summary, "strategy"))},
                                        {"from", year_text(static_cast<int>(number(summary, "start_year", d_.base_year)))}}) +
              " " + t_.format("cards.count", {{"facilities", grouped(d_.facilities.size())},
                                              {"buildings", grouped(d_.buildings.size())}}));
}

void Builder::solver_table(const std::string& model_key, const json& r, const std::string& meaning) {
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

std::vector<std::string> Builder::categories_present() const {
    std::set<std::string> present;
    for (const auto& f : d_.facilities) present.insert(f.category);
    std::vector<std::string> out;
    for (const auto& k : d_.category_keys)
        if (present.erase(k)) out.push_back(k);
    for (const auto& k : present) out.push_back(k);  // unknown keys, and "" (not given)
    return out;
}

MapSpec Builder::base_map() const {
    MapSpec m;
    m.north = t_["map.north"];
    if (!projector_) return m;
    m.boundary = boundary_;
    m.roads = roads_;
    m.note = t_.format("map.note", {{"crs", d_.work_crs}});
    return m;
}

std::optional<std::pair<double, double>> Builder::facility_xy(const std::string& id) const {
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

} // namespace sections

Document build_document(const ReportData& data, const Strings& text, const DocumentOptions& options,
                        std::vector<std::string>& missing_steps) {
    return sections::Builder(data, text, options, missing_steps).build();
}

} // namespace shisetsu::report
