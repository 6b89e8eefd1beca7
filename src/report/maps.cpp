#include "report/maps.hpp"

#include "gisio/crs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shisetsu::report {

Projector::Projector(const std::string& work_crs)
    : transformer_(std::make_unique<gis::Transformer>("EPSG:6668", work_crs)) {}
Projector::~Projector() = default;
Projector::Projector(Projector&&) noexcept = default;
Projector& Projector::operator=(Projector&&) noexcept = default;

Shape Projector::project(const Wkb& wkb) const {
    Shape shape = parse_wkb(wkb);
    for (auto& path : shape.paths) {
        std::vector<double> xs, ys;
        xs.reserve(path.size());
        ys.reserve(path.size());
        for (auto [x, y] : path) {
            xs.push_back(x);
            ys.push_back(y);
        }
        transformer_->transform(xs, ys);
        for (std::size_t i = 0; i < path.size(); ++i) path[i] = {xs[i], ys[i]};
    }
    return shape;
}

std::optional<std::pair<double, double>> Projector::point(const Wkb& wkb) const {
    Shape s = project(wkb);
    if (s.kind != Shape::Kind::point || s.paths.empty() || s.paths[0].empty()) return std::nullopt;
    auto p = s.paths[0][0];
    if (!std::isfinite(p.first) || !std::isfinite(p.second) || std::fabs(p.first) > 1e9) return std::nullopt;
    return p;
}

namespace {

struct Frame {
    double min_x, min_y, scale, left, bottom;  // page = left + (x − min_x)·scale, bottom − (y − min_y)·scale
    double px(double x) const { return left + (x - min_x) * scale; }
    double py(double y) const { return bottom - (y - min_y) * scale; }
};

void add_path(cairo_t* cr, const Frame& f, const Shape& s, bool close) {
    for (const auto& path : s.paths) {
        for (std::size_t i = 0; i < path.size(); ++i) {
            if (i == 0) cairo_move_to(cr, f.px(path[i].first), f.py(path[i].second));
            else cairo_line_to(cr, f.px(path[i].first), f.py(path[i].second));
        }
        if (close && !path.empty()) cairo_close_path(cr);
    }
}

void draw_scale_bar(cairo_t* cr, double x, double y, double max_width_pt, double scale) {
    // A round length (1, 2, 5 × 10^n m) no longer than max_width_pt.
    double metres = max_width_pt / scale;
    double magnitude = std::pow(10.0, std::floor(std::log10(metres)));
    double length = magnitude;
    for (double m : {1.0, 2.0, 5.0})
        if (m * magnitude <= metres) length = m * magnitude;
    const double w = length * scale;
    const TextStyle style{7.0, false, {0.15, 0.15, 0.15}};
    cairo_save(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, x - 4, y - 14, w + 40, 26);
    cairo_fill(cr);
    for (int i = 0; i < 2; ++i) {
        cairo_rectangle(cr, x + i * w / 2, y, w / 2, 4);
        if (i == 0) cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        else cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    auto text = [](double m) {
        if (m >= 1000) return grouped(m / 1000, std::fmod(m, 1000) == 0 ? 0 : 1) + " km";
        return grouped(m) + " m";
    };
    draw_text(cr, x, y - 12, "0", style, Align::centre);
    draw_text(cr, x + w, y - 12, text(length), style, Align::centre);
}

void draw_north_arrow(cairo_t* cr, double cx, double top, const std::string& label) {
    cairo_save(cr);
    const double h = 22, half = 6;
    cairo_move_to(cr, cx, top + 12);
    cairo_line_to(cr, cx + half, top + 12 + h);
    cairo_line_to(cr, cx, top + 12 + h * 0.72);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_fill(cr);
    cairo_move_to(cr, cx, top + 12);
    cairo_line_to(cr, cx - half, top + 12 + h);
    cairo_line_to(cr, cx, top + 12 + h * 0.72);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_set_line_width(cr, 0.7);
    cairo_stroke(cr);
    cairo_restore(cr);
    draw_text(cr, cx, top - 1, label, TextStyle{8.0, true, {0.15, 0.15, 0.15}}, Align::centre);
}

} // namespace

double map_height(const MapSpec& m, double width, double min_pt, double max_pt) {
    double min_x = 1e300, min_y = 1e300, max_x = -1e300, max_y = -1e300;
    for (const auto& s : m.boundary)
        for (const auto& p : s.paths)
            for (auto [x, y] : p) {
                min_x = std::min(min_x, x); max_x = std::max(max_x, x);
                min_y = std::min(min_y, y); max_y = std::max(max_y, y);
            }
    if (!(max_x > min_x && max_y > min_y)) return max_pt;
    const double map_w = width - std::min(130.0, width * 0.3) - 8 - 16;
    return std::clamp(map_w * (max_y - min_y) / (max_x - min_x) + 16, min_pt, max_pt);
}

void draw_map(cairo_t* cr, double width, double height, const MapSpec& m) {
    // Legend column on the right; the map keeps its aspect ratio in the rest.
    const double legend_w = std::min(130.0, width * 0.3);
    const double map_w = width - legend_w - 8, map_h = height;

    double min_x = std::numeric_limits<double>::max(), min_y = min_x, max_x = -min_x, max_y = -min_x;
    auto extend = [&](double x, double y) {
        if (!std::isfinite(x) || !std::isfinite(y)) return;
        min_x = std::min(min_x, x); max_x = std::max(max_x, x);
        min_y = std::min(min_y, y); max_y = std::max(max_y, y);
    };
    for (const auto& s : m.boundary) for (const auto& p : s.paths) for (auto [x, y] : p) extend(x, y);
    if (min_x > max_x)
        for (const auto& k : m.marks) extend(k.x, k.y);
    if (min_x > max_x) {  // nothing located
        draw_text(cr, map_w / 2, map_h / 2 - 6, "—", TextStyle{}, Align::centre);
        return;
    }
    const double pad = 8;
    double span_x = std::max(max_x - min_x, 1.0), span_y = std::max(max_y - min_y, 1.0);
    double scale = std::min((map_w - 2 * pad) / span_x, (map_h - 2 * pad) / span_y);
    Frame f{min_x, min_y, scale, pad + (map_w - 2 * pad - span_x * scale) / 2,
            map_h - pad - (map_h - 2 * pad - span_y * scale) / 2};

    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, map_w, map_h);
    cairo_set_source_rgb(cr, 0.96, 0.97, 0.98);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (const auto& s : m.boundary) {
        add_path(cr, f, s, true);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
    }
    for (const auto& a : m.areas) {
        add_path(cr, f, a.shape, true);
        set_colour(cr, a.colour, a.alpha);
        cairo_fill(cr);
    }
    cairo_set_line_width(cr, 0.35);
    cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
    for (const auto& r : m.roads) {
        add_path(cr, f, r, false);
        cairo_stroke(cr);
    }
    cairo_set_line_width(cr, 0.9);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    for (const auto& s : m.boundary) {
        add_path(cr, f, s, true);
        cairo_stroke(cr);
    }
    for (const auto& k : m.marks) draw_mark(cr, f.px(k.x), f.py(k.y), k.size_pt, k.style);
    cairo_restore(cr);

    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, 0.25, 0.25, map_w - 0.5, map_h - 0.5);
    cairo_stroke(cr);
    cairo_restore(cr);
    draw_scale_bar(cr, 12, map_h - 14, map_w * 0.3, scale);
    draw_north_arrow(cr, map_w - 18, 8, m.north);

    // Legend: title, one entry a row.
    double x = map_w + 10, y = 2;
    const TextStyle title{8.0, true, {0.1, 0.1, 0.1}};
    y += draw_text(cr, x, y, m.legend_title, title, Align::left, legend_w - 4).height + 4;
    const TextStyle entry_style{7.5, false, {0.2, 0.2, 0.2}};
    for (const auto& e : m.legend) {
        // One entry a row, wrapped inside the column.
        const double mark = 8.25, text_x = x + mark + 5;
        TextSize size = draw_text(cr, text_x, y, e.label, entry_style, Align::left, legend_w - (text_x - x) - 2);
        const bool line = e.mark == LegendEntry::Mark::line || e.mark == LegendEntry::Mark::dashed;
        draw_mark(cr, x + mark / 2, y + 7, line ? mark / 2 : mark, e);
        y += std::max(size.height, 12.0) + 3;
    }
    if (!m.note.empty()) draw_text(cr, x, std::max(y + 6, map_h - 40), m.note, TextStyle{6.5, false, {0.4, 0.4, 0.4}}, Align::left, legend_w - 4);
}

} // namespace shisetsu::report
