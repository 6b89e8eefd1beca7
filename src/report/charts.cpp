#include "report/charts.hpp"

#include <algorithm>
#include <cmath>

namespace shisetsu::report {

namespace {

const TextStyle kTick{7.0, false, {0.3, 0.3, 0.3}};
const TextStyle kValue{7.0, false, {0.15, 0.15, 0.15}};
const Rgb kGrid{0.86, 0.86, 0.86};
const Rgb kAxis{0.45, 0.45, 0.45};

std::string tick_label(double v, int decimals) { return grouped(v, decimals); }

void line_style(cairo_t* cr, double width, bool dashed) {
    cairo_set_line_width(cr, width);
    if (dashed) {
        const double dash[] = {4.0, 2.5};
        cairo_set_dash(cr, dash, 2, 0);
    } else {
        cairo_set_dash(cr, nullptr, 0, 0);
    }
}

} // namespace

const Rgb& palette(std::size_t i) {
    static const Rgb colours[] = {
        hex_colour("#0072B2"), hex_colour("#E69F00"), hex_colour("#009E73"), hex_colour("#CC79A7"),
        hex_colour("#56B4E9"), hex_colour("#D55E00"), hex_colour("#F0E442"), hex_colour("#7F7F7F"),
        hex_colour("#8C564B"), hex_colour("#17BECF"), hex_colour("#9467BD"), hex_colour("#BCBD22"),
        hex_colour("#2F4B7C"), hex_colour("#FF9DA7"),
    };
    return colours[i % (sizeof colours / sizeof colours[0])];
}

void draw_mark(cairo_t* cr, double cx, double cy, double size, const LegendEntry& e) {
    cairo_save(cr);
    cairo_new_path(cr);  // no line from the previous point to the arc
    double h = size / 2;
    switch (e.mark) {
    case LegendEntry::Mark::box:
    case LegendEntry::Mark::area:
        set_colour(cr, e.colour, e.mark == LegendEntry::Mark::area ? 0.35 : 1.0);
        cairo_rectangle(cr, cx - h, cy - h, size, size);
        cairo_fill_preserve(cr);
        set_colour(cr, e.colour);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        break;
    case LegendEntry::Mark::line:
    case LegendEntry::Mark::dashed:
        set_colour(cr, e.colour);
        line_style(cr, 1.6, e.mark == LegendEntry::Mark::dashed);
        cairo_move_to(cr, cx - size, cy);
        cairo_line_to(cr, cx + size, cy);
        cairo_stroke(cr);
        break;
    case LegendEntry::Mark::circle:
        set_colour(cr, e.colour);
        cairo_arc(cr, cx, cy, h, 0, 2 * M_PI);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
        break;
    case LegendEntry::Mark::ring:
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_arc(cr, cx, cy, h, 0, 2 * M_PI);
        cairo_fill_preserve(cr);
        set_colour(cr, e.colour);
        cairo_set_line_width(cr, 1.4);
        cairo_stroke(cr);
        break;
    case LegendEntry::Mark::square:
        set_colour(cr, e.colour);
        cairo_rectangle(cr, cx - h, cy - h, size, size);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
        break;
    case LegendEntry::Mark::cross:
        set_colour(cr, e.colour);
        cairo_set_line_width(cr, 1.8);
        cairo_move_to(cr, cx - h, cy - h);
        cairo_line_to(cr, cx + h, cy + h);
        cairo_move_to(cr, cx + h, cy - h);
        cairo_line_to(cr, cx - h, cy + h);
        cairo_stroke(cr);
        break;
    }
    cairo_restore(cr);
}

double draw_legend(cairo_t* cr, double x, double y, double width, const std::vector<LegendEntry>& entries,
                   double font_pt, bool draw) {
    const TextStyle style{font_pt, false, {0.2, 0.2, 0.2}};
    const double mark = font_pt * 1.1, gap = font_pt * 1.4, row_h = font_pt * 1.9;
    double cx = x, cy = y;
    bool any = false;
    for (const auto& e : entries) {
        const double mark_w = (e.mark == LegendEntry::Mark::line || e.mark == LegendEntry::Mark::dashed) ? mark * 2 : mark;
        double w = mark_w + 4 + measure_text(cr, e.label, style).width;
        if (cx > x && cx + w > x + width) {
            cx = x;
            cy += row_h;
        }
        if (draw) {
            draw_mark(cr, cx + mark_w / 2, cy + row_h / 2, mark, e);
            draw_text(cr, cx + mark_w + 4, cy + (row_h - font_pt * 1.45) / 2, e.label, style);
        }
        cx += w + gap;
        any = true;
    }
    return any ? cy - y + row_h : 0;
}

void draw_bar_chart(cairo_t* cr, double width, double height, const BarChart& c) {
    const std::size_t n = c.x_labels.size();
    std::vector<LegendEntry> legend;
    for (const auto& s : c.stacks)
        if (std::any_of(s.values.begin(), s.values.end(), [](double v) { return v != 0; }))
            legend.push_back({s.label, s.colour, LegendEntry::Mark::box});
    for (const auto& s : c.lines) legend.push_back({s.label, s.colour, LegendEntry::Mark::line});
    for (const auto& r : c.refs)
        legend.push_back({r.label, r.colour, r.dashed ? LegendEntry::Mark::dashed : LegendEntry::Mark::line});
    const double legend_h = draw_legend(cr, 0, 0, width, legend, 7.5, true);

    // Scale.
    double top_value = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double sum = 0;
        for (const auto& s : c.stacks) sum += i < s.values.size() ? std::max(0.0, s.values[i]) : 0;
        top_value = std::max(top_value, sum);
        for (const auto& s : c.lines) if (i < s.values.size()) top_value = std::max(top_value, s.values[i]);
    }
    for (const auto& r : c.refs) top_value = std::max(top_value, r.value);
    top_value /= c.y_divisor;
    const double step = nice_step(top_value * 1.05, 5);
    const double axis_max = std::max(step, std::ceil(top_value * 1.05 / step) * step);

    double label_w = measure_text(cr, tick_label(axis_max, c.tick_decimals), kTick).width;
    const double unit_h = c.y_unit.empty() ? 0 : 12;
    const double plot_left = label_w + 8, plot_right = width - 4;
    const double plot_top = legend_h + unit_h + 6;
    const bool two_lines = !c.x_sublabels.empty();
    const double plot_bottom = height - (two_lines ? 24 : 14);
    const double plot_w = plot_right - plot_left, plot_h = plot_bottom - plot_top;
    auto y_of = [&](double v) { return plot_bottom - v / c.y_divisor / axis_max * plot_h; };

    if (!c.y_unit.empty()) draw_text(cr, 0, legend_h + 2, c.y_unit, kTick);
    // Grid and ticks.
    cairo_save(cr);
    cairo_set_line_width(cr, 0.5);
    for (double v = 0; v <= axis_max + step / 2; v += step) {
        double y = plot_bottom - v / axis_max * plot_h;
        set_colour(cr, v == 0 ? kAxis : kGrid);
        cairo_move_to(cr, plot_left, y);
        cairo_line_to(cr, plot_right, y);
        cairo_stroke(cr);
        draw_text(cr, plot_left - 4, y - 5, tick_label(v, c.tick_decimals), kTick, Align::right);
    }
    cairo_restore(cr);

    if (n == 0) return;
    const double slot = plot_w / n;
    // Bars.
    for (std::size_t i = 0; i < n; ++i) {
        double base = 0;
        const double bar_w = std::max(0.6, slot * (slot > 6 ? 0.78 : 0.9));
        const double x = plot_left + i * slot + (slot - bar_w) / 2;
        for (const auto& s : c.stacks) {
            double v = i < s.values.size() ? std::max(0.0, s.values[i]) : 0;
            if (v <= 0) continue;
            double y0 = y_of(base), y1 = y_of(base + v);
            set_colour(cr, s.colour);
            cairo_rectangle(cr, x, y1, bar_w, y0 - y1);
            cairo_fill(cr);
            base += v;
        }
    }
    // Lines over the bars.
    for (const auto& s : c.lines) {
        cairo_save(cr);
        set_colour(cr, s.colour);
        line_style(cr, 1.6, false);
        for (std::size_t i = 0; i < n && i < s.values.size(); ++i) {
            double x = plot_left + (i + 0.5) * slot, y = y_of(s.values[i]);
            if (i == 0) cairo_move_to(cr, x, y);
            else cairo_line_to(cr, x, y);
        }
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    // Reference lines; their values are in the legend, so the plot stays clear.
    for (const auto& r : c.refs) {
        cairo_save(cr);
        set_colour(cr, r.colour);
        line_style(cr, 1.3, r.dashed);
        cairo_move_to(cr, plot_left, y_of(r.value));
        cairo_line_to(cr, plot_right, y_of(r.value));
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    // X labels, thinned so they never overlap: every k-th, k a round step,
    // at keys that are multiples of k when keys are years.
    double widest = 0;
    for (const auto& l : c.x_labels) widest = std::max(widest, measure_text(cr, l, kTick).width);
    for (const auto& l : c.x_sublabels) widest = std::max(widest, measure_text(cr, l, kTick).width);
    int every = 1;
    for (int k : {1, 2, 5, 10, 20, 25, 50, 100}) {
        every = k;
        if (k * slot >= widest + 6) break;
    }
    for (std::size_t i = 0; i < n; ++i) {
        bool show = c.x_keys.size() == n ? c.x_keys[i] % every == 0 : i % every == 0;
        if (!show) continue;
        double x = plot_left + (i + 0.5) * slot;
        cairo_save(cr);
        set_colour(cr, kAxis);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, x, plot_bottom);
        cairo_line_to(cr, x, plot_bottom + 2.5);
        cairo_stroke(cr);
        cairo_restore(cr);
        draw_text(cr, x, plot_bottom + 3, c.x_labels[i], kTick, Align::centre);
        if (two_lines && i < c.x_sublabels.size()) draw_text(cr, x, plot_bottom + 13, c.x_sublabels[i], kTick, Align::centre);
    }
}

double hbar_chart_height(const HBarChart& c) {
    const double row = 6.0 + 9.0 * static_cast<double>(std::max<std::size_t>(1, c.series.size()));
    return 30.0 + row * static_cast<double>(c.groups.size()) + 18.0;
}

void draw_hbar_chart(cairo_t* cr, double width, double height, const HBarChart& c) {
    std::vector<LegendEntry> legend;
    if (c.series.size() > 1 || !c.targets.empty())
        for (const auto& s : c.series) legend.push_back({s.label, s.colour, LegendEntry::Mark::box});
    if (!c.targets.empty()) legend.push_back({c.target_label, {0.1, 0.1, 0.1}, LegendEntry::Mark::line});
    const double legend_h = draw_legend(cr, 0, 0, width, legend, 7.5, true);

    double label_w = 0;
    for (const auto& g : c.groups) label_w = std::max(label_w, measure_text(cr, g, kTick).width);
    double max_v = c.max_value;
    if (max_v <= 0)
        for (const auto& s : c.series) for (double v : s.values) max_v = std::max(max_v, v);
    if (max_v <= 0) max_v = 1;
    if (c.max_value <= 0) max_v = std::ceil(max_v / nice_step(max_v, 5)) * nice_step(max_v, 5);  // end on a tick
    // Room at the right for the value labels.
    double value_w = 0;
    for (const auto& s : c.series) for (double v : s.values) value_w = std::max(value_w, measure_text(cr, c.value_text(v), kValue).width);
    const double plot_left = label_w + 8, plot_right = width - value_w - 6;
    const double plot_top = legend_h + 4, plot_bottom = height - 14;
    const double plot_w = plot_right - plot_left;
    const std::size_t groups = c.groups.size();
    if (groups == 0) return;
    const double row = (plot_bottom - plot_top) / groups;
    const double bar_h = std::min(9.0, (row - 5) / std::max<std::size_t>(1, c.series.size()));
    auto x_of = [&](double v) { return plot_left + std::clamp(v / max_v, 0.0, 1.0) * plot_w; };

    const double step = nice_step(max_v, 5);
    cairo_save(cr);
    cairo_set_line_width(cr, 0.5);
    for (double v = 0; v <= max_v + step / 2; v += step) {
        set_colour(cr, v == 0 ? kAxis : kGrid);
        cairo_move_to(cr, x_of(v), plot_top);
        cairo_line_to(cr, x_of(v), plot_bottom);
        cairo_stroke(cr);
        draw_text(cr, x_of(v), plot_bottom + 2, c.tick_text(v), kTick, Align::centre);
    }
    cairo_restore(cr);
    for (std::size_t g = 0; g < groups; ++g) {
        const double top = plot_top + g * row + (row - bar_h * c.series.size()) / 2;
        draw_text(cr, plot_left - 5, top + bar_h * c.series.size() / 2 - 5, c.groups[g], kTick, Align::right);
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            if (g >= c.series[s].values.size()) continue;
            double v = c.series[s].values[g];
            if (std::isnan(v)) continue;
            double y = top + s * bar_h;
            set_colour(cr, c.series[s].colour);
            cairo_rectangle(cr, plot_left, y + 0.5, x_of(v) - plot_left, bar_h - 1);
            cairo_fill(cr);
        }
        if (g < c.targets.size() && !std::isnan(c.targets[g])) {
            cairo_save(cr);
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            cairo_set_line_width(cr, 1.6);
            double x = x_of(c.targets[g]);
            cairo_move_to(cr, x, top - 1.5);
            cairo_line_to(cr, x, top + bar_h * c.series.size() + 1.5);
            cairo_stroke(cr);
            cairo_restore(cr);
        }
        // Values last, on a white ground, so a target tick never strikes through them.
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            if (g >= c.series[s].values.size() || std::isnan(c.series[s].values[g])) continue;
            const double v = c.series[s].values[g], y = top + s * bar_h;
            const std::string label = c.value_text(v);
            TextSize size = measure_text(cr, label, kValue);
            cairo_save(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_rectangle(cr, x_of(v) + 2, y + bar_h / 2 - size.height / 2 + 1, size.width + 2, size.height - 2);
            cairo_fill(cr);
            cairo_restore(cr);
            draw_text(cr, x_of(v) + 3, y + bar_h / 2 - size.height / 2, label, kValue);
        }
    }
}

} // namespace shisetsu::report
