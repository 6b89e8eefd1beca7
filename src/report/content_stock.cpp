// Section 2 of outputs.md: the stock charts and the map of facilities by age.
#include "report/content_builder.hpp"

#include "core/years.hpp"
#include "report/charts.hpp"
#include "report/maps.hpp"
#include "report/render.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace shisetsu::report::sections {

using nlohmann::json;

// 2. Stock charts.
void Builder::stock() {
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

} // namespace shisetsu::report::sections
