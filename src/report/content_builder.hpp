#pragma once
// The document builder shared by the section files (private to the module):
// one member function per section of outputs.md, each in its own file
// (content_summary.cpp … content_method.cpp); the block helpers, units and
// map basics they share are here and in content_helpers.hpp.
#include "report/content.hpp"
#include "report/content_helpers.hpp"
#include "report/maps.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shisetsu::report::sections {

using nlohmann::json;

// A web map's geometries as written, by the address of the project's data.
using GeometryCache = std::unordered_map<const Wkb*, json>;

class Builder {
public:
    Builder(const ReportData& d, const Strings& t, const DocumentOptions& options, std::vector<std::string>& missing);
    Document build();

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
        Block b{Block::Kind::figure, {}, {}, {}, {}};
        b.figure.title = std::move(title);
        b.figure.height_pt = height;
        b.figure.draw = std::move(draw);
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
    void solver_table(const std::string& model_key, const json& r, const std::string& meaning);

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
    std::vector<std::string> categories_present() const;
    std::string category_label(const std::string& key) const { return key.empty() ? t_["category.none"] : d_.category_name(key); }

    MapSpec base_map() const;
    std::optional<std::pair<double, double>> facility_xy(const std::string& id) const;

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

    // A work of the priority window (lifecycle.md "Condition"), for the
    // 個別施設計画 table and the facility cards.
    struct Work {
        int rank = 0;
        const Building* building = nullptr;   // nullptr when no longer in the inventory
        std::string building_id;
        std::optional<double> condition;
        json ratings;                         // "ABCDA" or null
        std::string kind;
        int start_year = 0;
        double cost_yen = 0;
        const char* reason = "reason.due";    // string key: overdue, condition, due
    };
    std::vector<Work> priority_works() const;   // in rank order
    std::string ratings_text(const json& ratings) const;

    // The sections, one file each.
    void summary();                                                 // content_summary.cpp
    void stock();                                                   // content_stock.cpp
    BarChart renewal_chart(const StoredLifecycleTotals& run) const; // content_renewal.cpp
    void renewal();
    void compare_strategies(const std::vector<const StoredLifecycleTotals*>& runs, std::optional<double> levelled_total);
    void works();                                                   // content_works.cpp: 個別施設計画
    void placement();                                               // content_placement.cpp
    void consolidation();
    void plan_maps(const std::vector<PlanSite>& sites);
    void service_maps(const std::vector<PlanSite>& sites, const std::vector<std::string>& keys,
                      const std::map<std::string, const json*>& service_json);
    void plan_tables(const std::vector<PlanSite>& sites, const std::vector<std::string>& service_keys, long sites_before,
                     long sites_after, double area_before, double area_after, double cost_before, double cost_after);
    void access();                                                  // content_access.cpp
    void ppp();                                                     // content_ppp.cpp
    // The interactive map (content_webmap.cpp): its data as the page's JSON,
    // made once a report (DocumentOptions::shared).
    void web_map();
    void add_web_map(const std::string& data);
    std::string web_map_data() const;
    void plan_layers(json& data, GeometryCache& geometries) const;
    void compare_plans();                                           // content_compare.cpp
    void plans_side_by_side();
    void strategies_side_by_side();
    std::string plan_label(const PlanDoc& plan) const;
    std::string screening_text(const PlanDoc& plan, const std::string& site_id) const;
    void method();                                                  // content_method.cpp
    void facility_cards(bool html_only);                            // content_cards.cpp
    void cards_intro();

    const ReportData& d_;
    const Strings& t_;
    const DocumentOptions& options_;
    std::vector<std::string>& missing_;
    int sections_ = 0;
    Units units_;
    std::vector<Block>* blocks_ = nullptr;
    std::shared_ptr<Projector> projector_;
    std::shared_ptr<const std::vector<Shape>> boundary_, roads_;
    // d_.service_areas[i] projected and simplified for drawing, when a map
    // first asks for it (needs projector_).
    const Shape& service_area_shape(std::size_t i);
    std::vector<std::optional<Shape>> area_shapes_;
    std::map<std::string, const Building*> main_building_;
    std::map<std::string, const Facility*> facility_by_id_;
};

} // namespace shisetsu::report::sections
