#include "report/draw.hpp"

#include <pango/pangocairo.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>

namespace shisetsu::report {

namespace {

struct LayoutDeleter {
    void operator()(PangoLayout* l) const noexcept { g_object_unref(l); }
};
struct FontDeleter {
    void operator()(PangoFontDescription* f) const noexcept { pango_font_description_free(f); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

LayoutPtr make_layout(cairo_t* cr, const std::string& text, const TextStyle& style, double wrap_width, Align align) {
    LayoutPtr layout(pango_cairo_create_layout(cr));
    std::unique_ptr<PangoFontDescription, FontDeleter> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFontFamily);
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Sizes in points, at cairo's user units (1 unit = 1 pt on the PDF page).
    pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    if (wrap_width > 0) {
        pango_layout_set_width(layout.get(), static_cast<int>(wrap_width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), align == Align::centre  ? PANGO_ALIGN_CENTER
                                                 : align == Align::right ? PANGO_ALIGN_RIGHT
                                                                         : PANGO_ALIGN_LEFT);
    }
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
}

TextSize size_of(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
}

} // namespace

Rgb hex_colour(const char* hex) {
    if (hex[0] == '#') ++hex;
    unsigned long v = std::strtoul(hex, nullptr, 16);
    return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
}

void set_colour(cairo_t* cr, const Rgb& c, double alpha) {
    if (alpha >= 1.0) cairo_set_source_rgb(cr, c.r, c.g, c.b);
    else cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

Rgb text_colour_on(const Rgb& fill) {
    double luminance = 0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b;
    return luminance > 0.55 ? Rgb{0.1, 0.1, 0.1} : Rgb{1, 1, 1};
}

namespace {

// Measures are asked for again and again with the same text (a table is
// measured to fit its columns, then drawn; 573 facility cards repeat the
// same ratings, years and headers), and laying text out is the report's
// main cost: remembered per surface type, style and width.
std::string measure_key(cairo_t* cr, const std::string& text, const TextStyle& style, double wrap_width) {
    std::string key = text;
    key += '\0';
    key += std::to_string(static_cast<int>(cairo_surface_get_type(cairo_get_target(cr))));
    key += '|' + std::to_string(style.size_pt) + (style.bold ? "b|" : "|") + std::to_string(wrap_width);
    return key;
}

template <typename T, typename Measure>
T remembered(std::unordered_map<std::string, T>& memo, std::string key, Measure measure) {
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    if (memo.size() > 200000) memo.clear();  // a bound, far above any report's distinct texts
    T value = measure();
    memo.emplace(std::move(key), value);
    return value;
}

} // namespace

TextSize measure_text(cairo_t* cr, const std::string& text, const TextStyle& style, double wrap_width) {
    thread_local std::unordered_map<std::string, TextSize> memo;
    return remembered(memo, measure_key(cr, text, style, wrap_width), [&] {
        auto layout = make_layout(cr, text, style, wrap_width, Align::left);
        return size_of(layout.get());
    });
}

double min_wrap_width(cairo_t* cr, const std::string& text, const TextStyle& style) {
    thread_local std::unordered_map<std::string, double> memo;
    return remembered(memo, measure_key(cr, text, style, -1), [&] {
        auto layout = make_layout(cr, text, style, -1, Align::left);
        pango_layout_set_width(layout.get(), PANGO_SCALE);  // 1 pt: a line at every break opportunity
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
        PangoRectangle logical;
        pango_layout_get_extents(layout.get(), nullptr, &logical);
        return static_cast<double>(logical.width) / PANGO_SCALE;
    });
}

TextSize draw_text(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style, Align align,
                   double wrap_width) {
    auto layout = make_layout(cr, text, style, wrap_width, align);
    TextSize size = size_of(layout.get());
    // x is the left edge, centre or right edge of the text, or of the wrap
    // box when wrapping (pango aligns the lines inside it).
    const double box = wrap_width > 0 ? wrap_width : size.width;
    double left = x;
    if (align == Align::centre) left = x - box / 2;
    else if (align == Align::right) left = x - box;
    cairo_save(cr);
    set_colour(cr, style.colour);
    cairo_move_to(cr, left, y);
    pango_cairo_show_layout(cr, layout.get());
    cairo_restore(cr);
    return size;
}

TextSize draw_text_halo(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style) {
    auto layout = make_layout(cr, text, style, -1, Align::left);
    cairo_save(cr);
    cairo_move_to(cr, x, y);
    pango_cairo_layout_path(cr, layout.get());
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, style.size_pt * 0.35);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    set_colour(cr, style.colour);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    cairo_restore(cr);
    return size_of(layout.get());
}

void draw_text_vertical(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style) {
    auto layout = make_layout(cr, text, style, -1, Align::left);
    TextSize size = size_of(layout.get());
    cairo_save(cr);
    set_colour(cr, style.colour);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, -M_PI / 2);
    cairo_move_to(cr, -size.width / 2, -size.height / 2);
    pango_cairo_update_layout(cr, layout.get());
    pango_cairo_show_layout(cr, layout.get());
    cairo_restore(cr);
}

double nice_step(double max, int ticks) {
    if (!(max > 0)) return 1;
    double raw = max / ticks;
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw) return m * magnitude;
    return 10 * magnitude;
}

std::string grouped(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
    std::string digits(buffer);
    auto dot = digits.find('.');
    std::string whole = digits.substr(0, dot), frac = dot == std::string::npos ? "" : digits.substr(dot);
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    bool negative = value < 0 && std::fabs(value) >= 0.5 * std::pow(10.0, -decimals);
    return (negative ? "-" : "") + out + frac;
}

} // namespace shisetsu::report
