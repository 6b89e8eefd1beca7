#include "report/render.hpp"
#include "report/strings.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/text.hpp"

#include <cairo-svg.h>

#include <glib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
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
// What `draw` makes of a figure's frame, as an SVG element with its ids
// prefixed.
using Drawing = std::function<void(cairo_t*, double, double)>;
std::string svg_of(const Drawing& draw, const Drawing& overlay, double height_pt, const std::string& prefix) {
    std::string svg;
    cairo_surface_t* surface = cairo_svg_surface_create_for_stream(append, &svg, kTextWidthPt, height_pt);
    cairo_t* cr = cairo_create(surface);
    if (draw) draw(cr, kTextWidthPt, height_pt);
    if (overlay) overlay(cr, kTextWidthPt, height_pt);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) throw InputError(tr("図を SVG にできません", "cannot draw a figure as SVG"));
    if (auto start = svg.find("<svg"); start != std::string::npos) svg.erase(0, start);
    replace_all(svg, "id=\"", "id=\"" + prefix);
    replace_all(svg, "href=\"#", "href=\"#" + prefix);
    replace_all(svg, "url(#", "url(#" + prefix);
    return svg;
}

// The root element's content.
std::string svg_content(const std::string& svg) {
    const auto open = svg.find('>'), close = svg.rfind("</svg>");
    if (open == std::string::npos || close == std::string::npos || close < open) return "";
    return svg.substr(open + 1, close - open - 1);
}

std::string view_box(double height_pt) {
    return "0 0 " + std::to_string(static_cast<int>(kTextWidthPt)) + " " + std::to_string(height_pt);
}

std::string figure_svg(const Figure& f, int number) {
    std::string svg = svg_of(f.draw, f.overlay, f.height_pt, "f" + std::to_string(number) + "-");
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

// Figures with a shared drawing (Figure::shared_key): the drawing once as a
// symbol (the first time its key comes), then each figure is a use of it
// under its own overlay. 574 facility cards each with the whole ward drawn
// again made the page 10 MB larger and took a second.
class SharedFigures {
public:
    std::string svg(const Figure& f, int number) {
        auto [it, added] = ids_.try_emplace(f.shared_key, "shared" + std::to_string(ids_.size() + 1));
        const std::string& id = it->second;
        std::string out;
        if (added)
            out = "<svg class=\"shared\" width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><symbol id=\"" + id +
                  "\" viewBox=\"" + view_box(f.height_pt) + "\">" + svg_content(svg_of(f.draw, nullptr, f.height_pt, id + "-")) +
                  "</symbol></svg>\n";
        return out + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"" +
               view_box(f.height_pt) + "\" class=\"figure\" role=\"img\" aria-label=\"" + escape(f.title) + "\"><use href=\"#" + id +
               "\"/>" + svg_content(svg_of(nullptr, f.overlay, f.height_pt, "f" + std::to_string(number) + "-")) + "</svg>";
    }

private:
    std::map<std::string, std::string> ids_;  // key → symbol id
};

// Leaflet from Debian's libjs-leaflet ($SHISETSU_LEAFLET to use another
// copy), inlined with the page's own map script so the page stays one file
// that opens without a network; the images its style names become data URIs.
std::string leaflet_dir() {
    const char* env = std::getenv("SHISETSU_LEAFLET");
    return env && *env ? env : "/usr/share/javascript/leaflet";
}

std::string inline_script(const std::string& code) {
    std::string safe = code;
    replace_all(safe, "</script", "<\\/script");
    return "<script>\n" + safe + "\n</script>\n";
}

std::string web_map_parts(std::string& head) {
    const std::string dir = leaflet_dir();
    if (!std::filesystem::exists(dir + "/leaflet.js"))
        throw InputError(dir + "/leaflet.js: " + tr("Leaflet がありません (libjs-leaflet、tools/setup.sh)",
                                                    "Leaflet is missing (libjs-leaflet, tools/setup.sh)"));
    std::string css = read_text_file(dir + "/leaflet.css");
    for (const char* image : {"layers.png", "layers-2x.png", "marker-icon.png"}) {
        const std::string path = dir + "/images/" + image;
        if (!std::filesystem::exists(path)) continue;
        const std::string bytes = read_text_file(path);
        gchar* encoded = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
        replace_all(css, std::string("images/") + image, std::string("data:image/png;base64,") + encoded);
        g_free(encoded);
    }
    head = "<style>\n" + css + "\n</style>\n";
    return inline_script(read_text_file(dir + "/leaflet.js")) + inline_script(read_text_file(reports_dir() + "/webmap.js"));
}

} // namespace

void write_html(const Document& doc, const std::string& template_path, const std::string& path) {
    std::string body, toc;
    int figures = 0, tables = 0, maps = 0;
    SharedFigures shared;
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
                    "</figcaption>\n" +
                    (b.figure.shared_key.empty() ? figure_svg(b.figure, figures) : shared.svg(b.figure, figures)) + "\n</figure>\n";
            break;
        case Block::Kind::page_break: break;
        case Block::Kind::web_map: {
            ++maps;
            std::string data = b.text;
            replace_all(data, "</", "<\\/");  // JSON allows it; the HTML parser then never sees a closing tag
            body += "<figure>\n<figcaption>" + escape(b.figure.title) + "</figcaption>\n<div class=\"webmap\" id=\"webmap" +
                    std::to_string(maps) + "\"></div>\n<script type=\"application/json\">" + data + "</script>\n</figure>\n";
            break;
        }
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
    std::string head, scripts;
    if (maps > 0) scripts = web_map_parts(head);
    std::string page = fill(read_text_file(template_path), {{"{lang}", doc.lang},
                                                            {"{title}", escape(doc.title)},
                                                            {"{subtitle}", escape(doc.subtitle)},
                                                            {"{date_line}", escape(doc.date_line)},
                                                            {"{toc}", toc},
                                                            {"{body}", body},
                                                            {"{head}", head},
                                                            {"{scripts}", scripts}});
    write_file_atomically(path, page);
}

} // namespace shisetsu::report
