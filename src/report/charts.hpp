#pragma once
// Charts drawn with cairo (private to the report module): the same drawing
// goes to the PDF page and to the SVG in the HTML page.
#include "report/draw.hpp"

#include <functional>
#include <string>
#include <vector>

namespace shisetsu::report {

struct Series {
    std::string label;
    Rgb colour;
    std::vector<double> values;  // one per bar or group
};

// A horizontal reference line across the plot (budget, average).
struct RefLine {
    std::string label;
    Rgb colour;
    bool dashed = true;
    double value = 0;
};

using NumberText = std::function<std::string(double)>;

// Stacked bars along x (years), optional lines over them.
struct BarChart {
    std::vector<std::string> x_labels;         // one per bar
    std::vector<std::string> x_sublabels;      // optional second line (和暦)
    std::vector<int> x_keys;                   // years: labels are thinned to multiples of a round step
    std::vector<Series> stacks;                // stacked bottom-up in this order
    std::vector<Series> lines;                 // drawn as polylines over the bars
    std::vector<RefLine> refs;
    std::string y_unit;                        // shown above the axis
    double y_divisor = 1;                      // values are divided by this for the axis
    int tick_decimals = 0;
    std::vector<std::string> legend_note;      // extra legend entries (text only)
};
void draw_bar_chart(cairo_t* cr, double width, double height, const BarChart& chart);

// Horizontal bars: a row per group, a bar per series, value at the bar end.
struct HBarChart {
    std::vector<std::string> groups;
    std::vector<Series> series;
    std::vector<double> targets;               // a tick per group (NaN = none)
    std::string target_label;
    double max_value = 0;                      // 0 = from the data
    NumberText value_text;
    NumberText tick_text;
};
void draw_hbar_chart(cairo_t* cr, double width, double height, const HBarChart& chart);
// Height the horizontal bar chart needs for its rows.
double hbar_chart_height(const HBarChart& chart);

// Legend entries flowing in rows from (x, y) within width; returns the height.
struct LegendEntry {
    std::string label;
    Rgb colour;
    enum class Mark { box, line, dashed, circle, square, cross, ring, area } mark = Mark::box;
};
double draw_legend(cairo_t* cr, double x, double y, double width, const std::vector<LegendEntry>& entries,
                   double font_pt = 7.5, bool draw = true);
void draw_mark(cairo_t* cr, double cx, double cy, double size, const LegendEntry& entry);

// Qualitative colours that stay apart for the colour-blind and in grey print
// (Okabe–Ito first, then Tableau's muted tones).
const Rgb& palette(std::size_t i);

} // namespace shisetsu::report
