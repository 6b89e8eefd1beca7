#include "report/maps.hpp"

#include "gisio/crs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace shisetsu::report {

Projector::Projector(const std::string& work_crs)
    : transformer_(std::make_unique<gis::Transformer>("EPSG:6668", work_crs)) {}
Projector::~Projector() = default;
Projector::Projector(Projector&&) noexcept = default;
Projector& Projector::operator=(Projector&&) noexcept = default;

Shape Projector::project(const Wkb& wkb) const {
    Shape shape = gis::geometry_paths(wkb);
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

const TextStyle kScaleText{7.0, false, {0.15, 0.15, 0.15}};

std::string distance_text(double m) {
    if (m >= 1000) return grouped(m / 1000, std::fmod(m, 1000) == 0 ? 0 : 1) + " km";
    return grouped(m) + " m";
}

struct ScaleBar {
    double length_m = 0, width_pt = 0;
    double ground_w = 0;  // the white ground under the bar and its labels
};

// A round length (1, 2, 5 × 10^n m) no longer than max_width_pt.
ScaleBar scale_bar(cairo_t* cr, double max_width_pt, double scale) {
    const double metres = max_width_pt / scale;
    const double magnitude = std::pow(10.0, std::floor(std::log10(metres)));
    ScaleBar bar;
    bar.length_m = magnitude;
    for (double m : {1.0, 2.0, 5.0})
        if (m * magnitude <= metres) bar.length_m = m * magnitude;
    bar.width_pt = bar.length_m * scale;
    bar.ground_w = 6 + bar.width_pt + measure_text(cr, distance_text(bar.length_m), kScaleText).width / 2 + 6;
    return bar;
}

// The scale bar with its left end at (x, y), on a white ground just big
// enough for it, so it hides little of the map.
void draw_scale_bar(cairo_t* cr, double x, double y, const ScaleBar& bar) {
    const double w = bar.width_pt;
    cairo_save(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, x - 6, y - 14, bar.ground_w, 24);
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
    draw_text(cr, x, y - 12, "0", kScaleText, Align::centre);
    draw_text(cr, x + w, y - 12, distance_text(bar.length_m), kScaleText, Align::centre);
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

namespace {

struct Extent {
    double min_x = std::numeric_limits<double>::max(), min_y = min_x, max_x = -min_x, max_y = -min_x;
    void add(double x, double y) {
        if (!std::isfinite(x) || !std::isfinite(y)) return;
        min_x = std::min(min_x, x); max_x = std::max(max_x, x);
        min_y = std::min(min_y, y); max_y = std::max(max_y, y);
    }
    bool empty() const { return min_x > max_x; }
};

// The boundary's extent, or the marks' when there is no boundary.
Extent extent_of(const MapSpec& m) {
    Extent e;
    if (m.boundary)
        for (const auto& s : *m.boundary) for (const auto& p : s.paths) for (auto [x, y] : p) e.add(x, y);
    if (e.empty())
        for (const auto& k : m.marks) e.add(k.x, k.y);
    return e;
}

// Height of a map frame of this width at the area's aspect ratio.
double frame_height(const MapSpec& m, double map_w, double min_pt, double max_pt) {
    Extent e = extent_of(m);
    if (!(e.max_x > e.min_x && e.max_y > e.min_y)) return max_pt;
    return std::clamp((map_w - 16) * (e.max_y - e.min_y) / (e.max_x - e.min_x) + 16, min_pt, max_pt);
}

using Box = LabelBox;
bool hits(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

const TextStyle kLabel{6.5, true, {0.05, 0.05, 0.05}};

// Each label at the first of eight places around its mark that is inside
// the frame and clear of every labelled mark and everything placed so far;
// a label with no such place is left out.
std::vector<LabelBox> place_labels(cairo_t* cr, const Frame& f, double map_w, double map_h, const std::vector<MapLabel>& labels,
                                   std::vector<Box> taken) {
    for (const auto& l : labels) {
        const double r = l.mark_pt / 2;
        taken.push_back({"", f.px(l.x) - r, f.py(l.y) - r, f.px(l.x) + r, f.py(l.y) + r});
    }
    std::vector<LabelBox> placed;
    for (const auto& l : labels) {
        const TextSize size = measure_text(cr, l.text, kLabel);
        const double cx = f.px(l.x), cy = f.py(l.y), r = l.mark_pt / 2 + 1;
        const double w = size.width, h = size.height * 0.8;  // pango's line box has room above the glyphs
        const std::pair<double, double> places[] = {
            {cx + r, cy - h / 2}, {cx - r - w, cy - h / 2}, {cx - w / 2, cy - r - h}, {cx - w / 2, cy + r},
            {cx + r * 0.7, cy - r * 0.7 - h}, {cx + r * 0.7, cy + r * 0.7}, {cx - r * 0.7 - w, cy - r * 0.7 - h},
            {cx - r * 0.7 - w, cy + r * 0.7}};
        for (auto [x, y] : places) {
            Box box{l.text, x, y, x + w, y + h};
            if (box.x0 < 2 || box.y0 < 2 || box.x1 > map_w - 2 || box.y1 > map_h - 2) continue;
            if (std::any_of(taken.begin(), taken.end(), [&](const Box& t) { return hits(t, box); })) continue;
            taken.push_back(box);
            placed.push_back(box);
            break;
        }
    }
    return placed;
}

std::optional<Frame> frame_of(const MapSpec& m, double map_w, double map_h) {
    Extent e = extent_of(m);
    if (e.empty()) return std::nullopt;
    const double pad = 8;
    double span_x = std::max(e.max_x - e.min_x, 1.0), span_y = std::max(e.max_y - e.min_y, 1.0);
    double scale = std::min((map_w - 2 * pad) / span_x, (map_h - 2 * pad) / span_y);
    return Frame{e.min_x, e.min_y, scale, pad + (map_w - 2 * pad - span_x * scale) / 2,
                 map_h - pad - (map_h - 2 * pad - span_y * scale) / 2};
}

// Where the scale bar and the north arrow are: labels keep clear of them.
constexpr double kBarX = 12, kArrowRight = 18, kArrowTop = 8;
std::vector<Box> furniture(double map_w, double map_h, const ScaleBar& bar) {
    return {Box{"", kBarX - 6, map_h - 28, kBarX - 6 + bar.ground_w, map_h - 4},
            Box{"", map_w - kArrowRight - 12, 2, map_w - kArrowRight + 12, kArrowTop + 36}};
}

// The map inside its frame (0, 0, map_w, map_h): boundary, roads, areas,
// marks, labels, scale bar and north arrow.
void draw_map_frame(cairo_t* cr, double map_w, double map_h, const MapSpec& m) {
    const auto frame = frame_of(m, map_w, map_h);
    if (!frame) {  // nothing located
        draw_text(cr, map_w / 2, map_h / 2 - 6, "—", TextStyle{}, Align::centre);
        return;
    }
    const Frame& f = *frame;

    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, map_w, map_h);
    cairo_set_source_rgb(cr, 0.96, 0.97, 0.98);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    static const std::vector<Shape> none;
    const auto& boundary = m.boundary ? *m.boundary : none;
    const auto& roads = m.roads ? *m.roads : none;
    for (const auto& s : boundary) {
        add_path(cr, f, s, true);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
    }
    // Roads under the service areas: a real road layer is dense enough to
    // hide them otherwise.
    cairo_set_line_width(cr, 0.35);
    cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
    // One stroke for every road (opaque, so it looks the same as one each):
    // a real road layer is ten thousand lines, and one path element each made
    // a map of the HTML report 3 MB.
    for (const auto& r : roads) add_path(cr, f, r, false);
    cairo_stroke(cr);
    for (const auto& a : m.areas) {
        add_path(cr, f, a.shape, true);
        set_colour(cr, a.colour, a.alpha);
        cairo_fill(cr);
    }
    cairo_set_line_width(cr, 0.9);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    for (const auto& s : boundary) {
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
    const ScaleBar bar = scale_bar(cr, map_w * 0.25, f.scale);
    draw_scale_bar(cr, kBarX, map_h - 14, bar);
    draw_north_arrow(cr, map_w - kArrowRight, kArrowTop, m.north);
    for (const auto& l : place_labels(cr, f, map_w, map_h, m.labels, furniture(map_w, map_h, bar)))
        draw_text_halo(cr, l.x0, l.y0 - (l.y1 - l.y0) * 0.15, l.text, kLabel);
}

} // namespace

std::vector<LabelBox> map_label_boxes(cairo_t* cr, double map_w, double map_h, const MapSpec& m) {
    const auto f = frame_of(m, map_w, map_h);
    if (!f) return {};
    return place_labels(cr, *f, map_w, map_h, m.labels, furniture(map_w, map_h, scale_bar(cr, map_w * 0.25, f->scale)));
}

std::vector<LabelBox> map_furniture_boxes(cairo_t* cr, double map_w, double map_h, const MapSpec& m) {
    const auto f = frame_of(m, map_w, map_h);
    if (!f) return {};
    return furniture(map_w, map_h, scale_bar(cr, map_w * 0.25, f->scale));
}

namespace {

} // namespace

double map_height(const MapSpec& m, double width, double min_pt, double max_pt) {
    return frame_height(m, width - std::min(130.0, width * 0.3) - 8, min_pt, max_pt);
}

namespace {

// Legend column on the right; the map keeps its aspect ratio in the rest.
double legend_width(double width) { return std::min(130.0, width * 0.3); }
double map_width(double width) { return width - legend_width(width) - 8; }

} // namespace

void draw_map_marks(cairo_t* cr, double width, double height, const MapSpec& m) {
    const double map_w = map_width(width), map_h = height;
    const auto f = frame_of(m, map_w, map_h);
    if (!f) return;
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, map_w, map_h);
    cairo_clip(cr);
    for (const auto& k : m.marks) draw_mark(cr, f->px(k.x), f->py(k.y), k.size_pt, k.style);
    cairo_restore(cr);
}

void draw_map(cairo_t* cr, double width, double height, const MapSpec& m) {
    const double legend_w = legend_width(width);
    const double map_w = map_width(width), map_h = height;
    draw_map_frame(cr, map_w, map_h, m);

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

namespace {

constexpr double kGridGap = 12, kPanelTitle = 15, kPanelMin = 150, kPanelMax = 300;
const TextStyle kPanelTitleStyle{8.5, true, {0.1, 0.1, 0.1}};
const TextStyle kGridNote{6.5, false, {0.4, 0.4, 0.4}};

struct GridLayout {
    double panel_w = 0, panel_h = 0;
    int rows = 0;
    double legend_top() const { return rows * (kPanelTitle + panel_h + kGridGap); }
};

GridLayout grid_layout(const MapGrid& g, double width) {
    GridLayout l;
    const int columns = std::max(1, g.columns);
    l.panel_w = (width - kGridGap * (columns - 1)) / columns;
    l.panel_h = g.panels.empty() ? kPanelMin : frame_height(g.panels.front(), l.panel_w, kPanelMin, kPanelMax);
    l.rows = static_cast<int>((g.panels.size() + columns - 1) / columns);
    return l;
}

// Legend and note under the panels; returns their height.
double grid_footer(cairo_t* cr, double y, double width, const MapGrid& g, bool draw) {
    double h = draw_legend(cr, 0, y, width, g.legend, 7.5, draw);
    if (!g.note.empty()) {
        const double note_h = measure_text(cr, g.note, kGridNote, width).height;
        if (draw) draw_text(cr, 0, y + h + 3, g.note, kGridNote, Align::left, width);
        h += note_h + 3;
    }
    return h;
}

} // namespace

double map_grid_height(const MapGrid& g, double width) {
    const GridLayout l = grid_layout(g, width);
    // The legend wraps by text width: measure it on a scratch surface.
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t* cr = cairo_create(surface);
    const double footer = grid_footer(cr, 0, width, g, false);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return l.legend_top() + footer + 4;
}

void draw_map_grid(cairo_t* cr, double width, double /*height*/, const MapGrid& g) {
    const GridLayout l = grid_layout(g, width);
    const int columns = std::max(1, g.columns);
    for (std::size_t i = 0; i < g.panels.size(); ++i) {
        const double x = (i % columns) * (l.panel_w + kGridGap);
        const double y = (i / columns) * (kPanelTitle + l.panel_h + kGridGap);
        draw_text(cr, x, y, g.panels[i].title, kPanelTitleStyle, Align::left, l.panel_w);
        cairo_save(cr);
        cairo_translate(cr, x, y + kPanelTitle);
        draw_map_frame(cr, l.panel_w, l.panel_h, g.panels[i]);
        cairo_restore(cr);
    }
    grid_footer(cr, l.legend_top(), width, g, true);
}

} // namespace shisetsu::report
