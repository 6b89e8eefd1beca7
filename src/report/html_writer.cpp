#include "report/render.hpp"
#include "report/strings.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/text.hpp"

#include <cairo-svg.h>

#include <fstream>
#include <memory>

namespace shisetsu::report {

namespace {

using text::replace_all;
std::string escape(const std::string& s) { return text::xml_escape(s); }

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The figure as SVG text for inline use. cairo names its glyphs and clips
// glyph0-1, clip1, … in every file, so each figure's ids get a prefix of
// their own or the browser would draw one figure's glyphs in another.
std::string figure_svg(const Figure& f, int number) {
    std::string svg;
    cairo_surface_t* surface = cairo_svg_surface_create_for_stream(append, &svg, kTextWidthPt, f.height_pt);
    cairo_t* cr = cairo_create(surface);
    f.draw(cr, kTextWidthPt, f.height_pt);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) throw InputError(tr("図を SVG にできません", "cannot draw a figure as SVG"));
    if (auto start = svg.find("<svg"); start != std::string::npos) svg.erase(0, start);
    const std::string prefix = "f" + std::to_string(number) + "-";
    replace_all(svg, "id=\"", "id=\"" + prefix);
    replace_all(svg, "href=\"#", "href=\"#" + prefix);
    replace_all(svg, "url(#", "url(#" + prefix);
    // Scale with the page: drop the fixed size, keep the viewBox.
    if (auto end = svg.find('>'); end != std::string::npos) {
        std::string tag = svg.substr(0, end);
        for (const char* attr : {" width=\"", " height=\""}) {
            auto a = tag.find(attr);
            if (a == std::string::npos) continue;
            auto close = tag.find('"', a + std::string(attr).size());
            tag.erase(a, close - a + 1);
        }
        svg = tag + " class=\"figure\" role=\"img\" aria-label=\"" + escape(f.title) + "\"" + svg.substr(end);
    }
    return svg;
}

} // namespace

void write_html(const Document& doc, const std::string& template_path, const std::string& path) {
    std::string body, toc;
    int figures = 0, tables = 0;
    for (const auto& b : doc.blocks) {
        switch (b.kind) {
        case Block::Kind::section:
            if (!body.empty()) body += "</section>\n";
            body += "<section id=\"" + b.anchor + "\">\n<h2>" + escape(b.text) + "</h2>\n";
            toc += "<li><a href=\"#" + b.anchor + "\">" + escape(b.text) + "</a></li>\n";
            break;
        case Block::Kind::subsection:
            body += (b.anchor.empty() ? "<h3>" : "<h3 id=\"" + b.anchor + "\">") + escape(b.text) + "</h3>\n";
            break;
        case Block::Kind::paragraph: body += "<p>" + escape(b.text) + "</p>\n"; break;
        case Block::Kind::note: body += "<p class=\"note\">" + escape(b.text) + "</p>\n"; break;
        case Block::Kind::figure:
            ++figures;
            body += "<figure>\n<figcaption>" +
                    escape(b.figure.numbered ? fill(doc.words.figure_caption, {{"n", std::to_string(figures)}, {"title", b.figure.title}})
                                             : b.figure.title) +
                    "</figcaption>\n" + figure_svg(b.figure, figures) + "\n</figure>\n";
            break;
        case Block::Kind::page_break: break;
        case Block::Kind::table: {
            if (b.table.workbook_only) break;
            const Table& t = b.table;
            if (t.numbered) ++tables;
            body += std::string(t.dense ? "<div class=\"table dense\">" : "<div class=\"table\">") + "<table>\n<caption>" +
                    escape(t.numbered ? fill(doc.words.table_caption, {{"n", std::to_string(tables)}, {"title", t.title}}) : t.title) + "</caption>\n<thead><tr>";
            for (const auto& c : t.columns) body += "<th>" + escape(c) + "</th>";
            body += "</tr></thead>\n<tbody>\n";
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                const bool total = t.last_row_total && r + 1 == t.rows.size();
                body += total ? "<tr class=\"total\">" : "<tr>";
                for (const auto& c : t.rows[r]) body += (c.number() ? "<td class=\"num\">" : "<td>") + (c.full.empty() ? "" : "<span title=\"" + escape(c.full) + "\">") + escape(c.text) +
                            (c.full.empty() ? "" : "</span>") + "</td>";
                body += "</tr>\n";
            }
            body += "</tbody></table></div>\n";
            break;
        }
        }
    }
    if (!body.empty()) body += "</section>\n";
    std::string page = fill(read_text_file(template_path), {{"{lang}", doc.lang},
                                                            {"{title}", escape(doc.title)},
                                                            {"{subtitle}", escape(doc.subtitle)},
                                                            {"{date_line}", escape(doc.date_line)},
                                                            {"{toc}", toc},
                                                            {"{body}", body}});
    write_file_atomically(path, page);
}

} // namespace shisetsu::report
