#pragma once
// The report as a list of blocks, written once and rendered three times:
// PDF pages, an HTML page and an XLSX workbook (private to the module).
#include <cairo.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::report {

struct Cell {
    std::string text;            // as shown in the PDF and HTML
    std::optional<double> value; // the exact number, for the workbook
    std::string full;            // the whole text for the workbook and HTML, when `text` is shortened
    bool number() const { return value.has_value(); }
};

struct Table {
    std::string title;
    std::string sheet;                       // workbook sheet name (≤ 31 characters)
    std::vector<std::string> columns;
    std::vector<double> widths;              // relative column widths
    std::vector<std::vector<Cell>> rows;
    bool last_row_total = false;             // drawn bold, with a rule above
    bool workbook_only = false;
    bool numbered = true;                    // "表{n}　" before the title (not on a facility card)
    bool dense = false;                      // many columns: smaller type and padding on the page              // too long for a page: the PDF and HTML say where it is
};

struct Figure {
    std::string title;
    double height_pt = 260;                  // at the full text width (495 pt)
    std::function<void(cairo_t*, double width, double height)> draw;
    bool numbered = true;                    // "図{n}　" before the title (not on a facility card)
    // Figures that differ only in what `overlay` draws over the same `draw`
    // (a facility card's map: the ward, then this facility) share a key: the
    // HTML page carries their common drawing once and each figure's overlay.
    std::string shared_key;
    std::function<void(cairo_t*, double width, double height)> overlay;
};

struct Block {
    // page_break: the PDF starts a new page (one facility card a page).
    // web_map: an interactive map in the HTML page (its data as JSON in
    // `text`, read by reports/webmap.js); the PDF has the static maps.
    enum class Kind { section, subsection, paragraph, note, table, figure, page_break, web_map } kind = Kind::paragraph;
    std::string text;                        // heading or paragraph
    std::string anchor;                      // section id for the HTML
    Table table;
    Figure figure;
    bool html_only = false;                  // in the HTML page only (the PDF and workbook have it elsewhere)
};

// The renderers' own words, from the string table: "図{n}　{title}",
// "{caption}（続き）", the workbook's contents sheet.
struct Words {
    std::string figure_caption = "{n}. {title}", table_caption = "{n}. {title}", continued = "{caption}";
    std::string contents_sheet = "Contents", sheet_column = "Sheet", table_column = "Table";
};

struct Document {
    std::string title, subtitle, date_line, lang;
    std::string footer;                      // page footer (left), page number on the right
    Words words;
    std::vector<Block> blocks;
};

} // namespace shisetsu::report
