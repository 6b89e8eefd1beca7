#include "report/draw.hpp"
#include "report/render.hpp"
#include "report/strings.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace shisetsu::report {

namespace {

constexpr double kPageW = 595.28, kPageH = 841.89;  // A4 in pt
constexpr double kLeft = 50, kTop = 54, kBottom = 60;
constexpr double kWidth = kTextWidthPt;
const Rgb kAccent = hex_colour("#1F4E79");
const TextStyle kBody{9.5, false, {0.1, 0.1, 0.1}};
const TextStyle kNote{8.0, false, {0.35, 0.35, 0.35}};
const TextStyle kCaption{9.0, true, {0.1, 0.1, 0.1}};
const TextStyle kCell{7.5, false, {0.1, 0.1, 0.1}};
const TextStyle kCellBold{7.5, true, {0.1, 0.1, 0.1}};
const TextStyle kDenseCell{7.0, false, {0.1, 0.1, 0.1}};
const TextStyle kDenseCellBold{7.0, true, {0.1, 0.1, 0.1}};

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};

class PdfWriter {
public:
    // Draws into `file`'s temporary file; write() finishes it and checks
    // cairo's status, the caller publishes it.
    PdfWriter(const Document& doc, const OutputFile& file) : doc_(doc), target_(file.target()) {
        surface_.reset(cairo_pdf_surface_create(file.temp_path().c_str(), kPageW, kPageH));
        check();
        cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, (doc.title + " " + doc.subtitle).c_str());
        cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "shisetsu");
        cr_.reset(cairo_create(surface_.get()));
    }

    int write() {
        cover();
        bool first_section = true;
        for (const auto& b : doc_.blocks) {
            if (b.html_only) continue;
            switch (b.kind) {
            case Block::Kind::section: section(b.text, first_section); first_section = false; break;
            case Block::Kind::subsection: heading(b.text, 11.0, 8); break;
            case Block::Kind::paragraph: text_block(b.text, kBody, 7); break;
            case Block::Kind::note: text_block(b.text, kNote, 8); break;
            case Block::Kind::table: if (!b.table.workbook_only) table(b.table); break;
            case Block::Kind::figure: figure(b.figure); break;
            case Block::Kind::page_break: if (y_ > kTop + 1) new_page(); break;
            case Block::Kind::web_map: break;
            }
        }
        footer();
        cairo_show_page(cr_.get());
        cr_.reset();
        // cairo writes the pages as they are shown and the rest at finish;
        // a failed write (full disk) leaves the surface in error.
        cairo_surface_finish(surface_.get());
        check();
        return page_;
    }

private:
    void check() const {
        const cairo_status_t status = cairo_surface_status(surface_.get());
        if (status != CAIRO_STATUS_SUCCESS)
            throw OutputError(target_ + ": " + tr("PDF を書けません: ", "cannot write the PDF: ") +
                              cairo_status_to_string(status));
    }

    cairo_t* cr() { return cr_.get(); }
    double room() const { return kPageH - kBottom - y_; }
    void new_page() {
        footer();
        cairo_show_page(cr());
        ++page_;
        y_ = kTop;
    }
    void ensure(double height) {
        if (height > room() && y_ > kTop + 1) new_page();
    }
    void footer() {
        const TextStyle style{7.0, false, {0.45, 0.45, 0.45}};
        cairo_save(cr());
        cairo_set_source_rgb(cr(), 0.75, 0.75, 0.75);
        cairo_set_line_width(cr(), 0.5);
        cairo_move_to(cr(), kLeft, kPageH - kBottom + 18);
        cairo_line_to(cr(), kLeft + kWidth, kPageH - kBottom + 18);
        cairo_stroke(cr());
        cairo_restore(cr());
        draw_text(cr(), kLeft, kPageH - kBottom + 22, doc_.footer, style);
        draw_text(cr(), kLeft + kWidth, kPageH - kBottom + 22, "- " + std::to_string(page_) + " -", style, Align::right);
    }

    void cover() {
        y_ = kTop;
        cairo_save(cr());
        set_colour(cr(), kAccent);
        cairo_rectangle(cr(), kLeft, y_, kWidth, 4);
        cairo_fill(cr());
        cairo_restore(cr());
        y_ += 14;
        y_ += draw_text(cr(), kLeft, y_, doc_.title, TextStyle{20, true, kAccent}, Align::left, kWidth).height + 4;
        y_ += draw_text(cr(), kLeft, y_, doc_.subtitle, TextStyle{13, false, {0.15, 0.15, 0.15}}, Align::left, kWidth).height + 4;
        y_ += draw_text(cr(), kLeft, y_, doc_.date_line, kNote, Align::left, kWidth).height + 18;
    }

    void section(const std::string& text, bool first) {
        // A section starts a page unless the page is still mostly empty:
        // a council document reads by chapter, but half-blank pages waste paper.
        if (!first) {
            if (room() < 0.55 * (kPageH - kTop - kBottom)) new_page();
            else y_ += 18;
        }
        ensure(60);
        cairo_pdf_surface_add_outline(surface_.get(), CAIRO_PDF_OUTLINE_ROOT, text.c_str(),
                                      ("page=" + std::to_string(page_) + " pos=[" + std::to_string(kLeft) + " " +
                                       std::to_string(y_) + "]").c_str(),
                                      CAIRO_PDF_OUTLINE_FLAG_OPEN);
        TextStyle style{15, true, kAccent};
        double h = measure_text(cr(), text, style, kWidth - 12).height;
        cairo_save(cr());
        set_colour(cr(), kAccent);
        cairo_rectangle(cr(), kLeft, y_ + 2, 5, h - 4);
        cairo_fill(cr());
        cairo_restore(cr());
        draw_text(cr(), kLeft + 12, y_, text, style, Align::left, kWidth - 12);
        y_ += h + 2;
        cairo_save(cr());
        cairo_set_source_rgb(cr(), 0.7, 0.75, 0.8);
        cairo_set_line_width(cr(), 0.6);
        cairo_move_to(cr(), kLeft, y_);
        cairo_line_to(cr(), kLeft + kWidth, y_);
        cairo_stroke(cr());
        cairo_restore(cr());
        y_ += 10;
    }

    void heading(const std::string& text, double size, double after) {
        TextStyle style{size, true, kAccent};
        double h = measure_text(cr(), text, style, kWidth).height;
        ensure(h + 40);  // keep a heading with what follows
        draw_text(cr(), kLeft, y_, text, style, Align::left, kWidth);
        y_ += h + after;
    }

    void text_block(const std::string& text, const TextStyle& style, double after) {
        double h = measure_text(cr(), text, style, kWidth).height;
        ensure(h);
        draw_text(cr(), kLeft, y_, text, style, Align::left, kWidth);
        y_ += h + after;
    }

    void figure(const Figure& f) {
        const std::string caption =
            f.numbered ? fill(doc_.words.figure_caption, {{"n", std::to_string(++figures_)}, {"title", f.title}}) : f.title;
        double caption_h = measure_text(cr(), caption, kCaption, kWidth).height;
        ensure(caption_h + 4 + f.height_pt);
        draw_text(cr(), kLeft, y_, caption, kCaption, Align::left, kWidth);
        y_ += caption_h + 4;
        cairo_save(cr());
        cairo_translate(cr(), kLeft, y_);
        cairo_rectangle(cr(), -2, -2, kWidth + 4, f.height_pt + 4);
        cairo_clip(cr());
        f.draw(cr(), kWidth, f.height_pt);
        if (f.overlay) f.overlay(cr(), kWidth, f.height_pt);
        cairo_restore(cr());
        y_ += f.height_pt + 14;
    }

    void table(const Table& t) {
        const std::string caption =
            t.numbered ? fill(doc_.words.table_caption, {{"n", std::to_string(++tables_)}, {"title", t.title}}) : t.title;
        const double pad = t.dense ? 2 : 3;
        const TextStyle& cell_style = t.dense ? kDenseCell : kCell;
        const TextStyle& cell_bold = t.dense ? kDenseCellBold : kCellBold;
        std::vector<double> widths(t.columns.size(), 1.0);
        for (std::size_t i = 0; i < widths.size() && i < t.widths.size(); ++i) widths[i] = t.widths[i];
        const double sum = std::accumulate(widths.begin(), widths.end(), 0.0);
        for (auto& w : widths) w = w / sum * kWidth;
        fit_columns(t, widths, pad, cell_style, cell_bold);
        auto row_height = [&](const std::vector<std::string>& texts, const TextStyle& style) {
            double h = 0;
            for (std::size_t i = 0; i < texts.size() && i < widths.size(); ++i)
                h = std::max(h, measure_text(cr(), texts[i], style, widths[i] - 2 * pad).height);
            return h + 2 * pad;
        };
        std::vector<std::string> header = t.columns;
        const double header_h = row_height(header, cell_bold);
        auto is_number = [&](std::size_t col) {
            if (col == 0) return false;
            return std::any_of(t.rows.begin(), t.rows.end(), [&](const auto& r) { return col < r.size() && r[col].number(); });
        };
        auto draw_header = [&](bool continued) {
            std::string text = continued ? fill(doc_.words.continued, {{"caption", caption}}) : caption;
            double caption_h = measure_text(cr(), text, kCaption, kWidth).height;
            draw_text(cr(), kLeft, y_, text, kCaption, Align::left, kWidth);
            y_ += caption_h + 3;
            cairo_save(cr());
            cairo_set_source_rgb(cr(), 0.87, 0.91, 0.95);
            cairo_rectangle(cr(), kLeft, y_, kWidth, header_h);
            cairo_fill(cr());
            cairo_restore(cr());
            double x = kLeft;
            for (std::size_t i = 0; i < header.size(); ++i) {
                draw_text(cr(), is_number(i) ? x + widths[i] - pad : x + pad, y_ + pad, header[i], cell_bold,
                          is_number(i) ? Align::right : Align::left, widths[i] - 2 * pad);
                x += widths[i];
            }
            y_ += header_h;
            rule(0.8, 0.4);
        };
        const double caption_h = measure_text(cr(), caption, kCaption, kWidth).height + 3;
        std::vector<double> heights;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            std::vector<std::string> texts;
            for (const auto& c : t.rows[r]) texts.push_back(c.text);
            heights.push_back(row_height(texts, t.last_row_total && r + 1 == t.rows.size() ? cell_bold : cell_style));
        }
        // A short table stays on one page; a long one starts with at least two rows.
        const double whole = caption_h + header_h + std::accumulate(heights.begin(), heights.end(), 0.0);
        if (t.rows.size() <= 15 && whole < kPageH - kTop - kBottom) ensure(whole);
        else ensure(caption_h + header_h + (t.rows.empty() ? 0 : 28));
        draw_header(false);
        // The last rows never go over a page alone: break before the last
        // kKeepLast rows when they do not all fit.
        constexpr std::size_t kKeepLast = 4;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const auto& row = t.rows[r];
            const bool total = t.last_row_total && r + 1 == t.rows.size();
            const TextStyle& style = total ? cell_bold : cell_style;
            const double h = heights[r];
            const double rest = std::accumulate(heights.begin() + static_cast<long>(r), heights.end(), 0.0);
            const bool widow = r > 0 && t.rows.size() - r == kKeepLast && t.rows.size() > 2 * kKeepLast && rest > room();
            if (h > room() || widow) {
                new_page();
                draw_header(true);
            }
            if (r % 2 == 1) {
                cairo_save(cr());
                cairo_set_source_rgb(cr(), 0.965, 0.97, 0.975);
                cairo_rectangle(cr(), kLeft, y_, kWidth, h);
                cairo_fill(cr());
                cairo_restore(cr());
            }
            if (total) rule(0.6, 0.2);
            double x = kLeft;
            for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
                bool right = row[i].number() || (i > 0 && is_number(i));
                draw_text(cr(), right ? x + widths[i] - pad : x + pad, y_ + pad, row[i].text, style,
                          right ? Align::right : Align::left, widths[i] - 2 * pad);
                x += widths[i];
            }
            y_ += h;
        }
        rule(0.8, 0.4);
        y_ += 12;
    }

    // Widens a column that would break a word ("Convert", a long header
    // word) at the expense of the columns with room to spare.
    void fit_columns(const Table& t, std::vector<double>& widths, double pad, const TextStyle& cell, const TextStyle& bold) {
        std::vector<double> need(widths.size(), 0.0);
        for (std::size_t i = 0; i < widths.size(); ++i) {
            need[i] = min_wrap_width(cr(), t.columns[i], bold);
            for (const auto& row : t.rows)
                if (i < row.size()) need[i] = std::max(need[i], min_wrap_width(cr(), row[i].text, cell));
            need[i] += 2 * pad + 0.5;
        }
        double short_by = 0, spare = 0;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            if (widths[i] < need[i]) short_by += need[i] - widths[i];
            else spare += widths[i] - need[i];
        }
        if (short_by <= 0 || spare <= 0) return;
        const double take = std::min(1.0, short_by / spare);  // share of each column's spare room given up
        const double give = std::min(1.0, spare / short_by);  // share of each shortfall made good
        for (std::size_t i = 0; i < widths.size(); ++i) {
            if (widths[i] < need[i]) widths[i] += (need[i] - widths[i]) * give;
            else widths[i] -= (widths[i] - need[i]) * take;
        }
    }

    void rule(double width, double grey) {
        cairo_save(cr());
        cairo_set_source_rgb(cr(), grey, grey, grey);
        cairo_set_line_width(cr(), width);
        cairo_move_to(cr(), kLeft, y_);
        cairo_line_to(cr(), kLeft + kWidth, y_);
        cairo_stroke(cr());
        cairo_restore(cr());
    }

    const Document& doc_;
    std::string target_;
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
    std::unique_ptr<cairo_t, ContextDeleter> cr_;
    double y_ = kTop;
    int page_ = 1;
    int figures_ = 0, tables_ = 0;
};

} // namespace

int write_pdf(const Document& doc, const std::string& path) {
    OutputFile file(path);
    const int pages = PdfWriter(doc, file).write();
    file.commit();
    return pages;
}

} // namespace shisetsu::report
