#pragma once
// Text and colour on a cairo context, through pango with the Noto CJK fonts
// (private to the report module).
#include <cairo.h>

#include <string>
#include <utility>

namespace shisetsu::report {

// One family for Japanese and Latin text: Noto Sans CJK JP has both, so the
// PDF embeds one font and the two languages look alike.
inline constexpr const char* kFontFamily = "Noto Sans CJK JP";

struct Rgb {
    double r = 0, g = 0, b = 0;
};
Rgb hex_colour(const char* hex);  // "#1f77b4"
void set_colour(cairo_t* cr, const Rgb& c, double alpha = 1.0);
// Black or white, whichever reads better on the given fill.
Rgb text_colour_on(const Rgb& fill);

enum class Align { left, centre, right };

struct TextStyle {
    double size_pt = 9.0;
    bool bold = false;
    Rgb colour{0.13, 0.13, 0.13};
};

struct TextSize {
    double width = 0, height = 0;
};

// Size of the text, wrapped at wrap_width when > 0 (words, or characters
// in Japanese).
TextSize measure_text(cairo_t* cr, const std::string& text, const TextStyle& style, double wrap_width = -1);
// The narrowest the text can be wrapped without breaking a word (the
// widest unbreakable run; Japanese may break between most characters).
double min_wrap_width(cairo_t* cr, const std::string& text, const TextStyle& style);
// Draws the text with its top at y; x is the left edge, the centre or the
// right edge according to align. Returns its size.
TextSize draw_text(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style,
                   Align align = Align::left, double wrap_width = -1);
// Text with its top-left at (x, y) on a white halo, so it reads over map lines.
TextSize draw_text_halo(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style);
// Text turned 90° anticlockwise, centred on (x, y).
void draw_text_vertical(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style);

// A round step for about `ticks` axis divisions up to max (1, 2, 2.5, 5 × 10^n).
double nice_step(double max, int ticks);
// A number with thousands separators and the given decimals.
std::string grouped(double value, int decimals = 0);

} // namespace shisetsu::report
