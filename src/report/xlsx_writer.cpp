#include "report/render.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <memory>
#include <set>

namespace shisetsu::report {

namespace {

struct WorkbookFree {
    void operator()(lxw_workbook* wb) const noexcept { lxw_workbook_free(wb); }
};

// Sheet names: at most 31 characters, none of []:*?/\, unique.
std::string sheet_name(const std::string& wanted, std::set<std::string>& used) {
    std::string clean;
    for (char c : wanted)
        if (std::string("[]:*?/\\").find(c) == std::string::npos) clean += c;
    auto utf8_prefix = [](const std::string& s, std::size_t chars) {
        std::size_t i = 0, n = 0;
        while (i < s.size() && n < chars) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            ++n;
        }
        return s.substr(0, std::min(i, s.size()));
    };
    if (clean.empty()) clean = "table";
    std::string name = utf8_prefix(clean, 31);
    for (int i = 2; used.contains(name); ++i) name = utf8_prefix(clean, 27) + " (" + std::to_string(i) + ")";
    used.insert(name);
    return name;
}

int decimals_of(const std::string& text) {
    auto dot = text.find('.');
    if (dot == std::string::npos) return 0;
    int n = 0;
    for (std::size_t i = dot + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++n;
    return std::min(n, 3);
}

// Display width of text in Excel's character units (a CJK character is two).
double text_width(const std::string& s) {
    double w = 0;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += len >= 3 ? 2.0 : 1.0;
        i += len;
    }
    return w;
}

} // namespace

int write_xlsx(const Document& doc, const std::string& path) {
    OutputFile file(path);
    // Freed unwritten if anything throws on the way (STYLE 4).
    std::unique_ptr<lxw_workbook, WorkbookFree> owner(workbook_new(file.temp_path().c_str()));
    lxw_workbook* wb = owner.get();
    if (!wb) throw OutputError(path + ": " + tr("ブックを作成できません", "cannot create the workbook"));
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* numbers[4];
    const char* patterns[4] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000"};
    for (int i = 0; i < 4; ++i) {
        numbers[i] = workbook_add_format(wb);
        format_set_num_format(numbers[i], patterns[i]);
    }

    std::set<std::string> used;
    // A contents sheet first: which sheet holds which table of the report.
    lxw_worksheet* index = workbook_add_worksheet(wb, sheet_name(doc.words.contents_sheet, used).c_str());
    worksheet_write_string(index, 0, 0, doc.words.sheet_column.c_str(), header);
    worksheet_write_string(index, 0, 1, doc.words.table_column.c_str(), header);
    worksheet_set_column(index, 0, 0, 28, nullptr);
    worksheet_set_column(index, 1, 1, 70, nullptr);
    int sheets = 0;
    for (const auto& b : doc.blocks) {
        if (b.kind != Block::Kind::table || b.html_only) continue;
        const Table& t = b.table;
        const std::string name = sheet_name(t.sheet.empty() ? t.title : t.sheet, used);
        lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
        if (!ws) throw OutputError(path + ": " + tr("シートを追加できません", "cannot add a worksheet"));
        ++sheets;
        worksheet_write_string(index, sheets, 0, name.c_str(), nullptr);
        worksheet_write_string(index, sheets, 1, t.title.c_str(), nullptr);
        // Header in the first row, so the sheet reads as a table (Excel
        // filters, GDAL's XLSX driver); the title is on the contents sheet.
        std::vector<double> widths;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), header);
            widths.push_back(std::max(8.0, std::min(40.0, text_width(t.columns[c]) * 0.6 + 2)));
        }
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const bool total = t.last_row_total && r + 1 == t.rows.size();
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                const Cell& cell = t.rows[r][c];
                const auto row = static_cast<lxw_row_t>(r + 1);
                const auto col = static_cast<lxw_col_t>(c);
                if (cell.number()) worksheet_write_number(ws, row, col, *cell.value, numbers[decimals_of(cell.text)]);
                else worksheet_write_string(ws, row, col, (cell.full.empty() ? cell.text : cell.full).c_str(), total ? bold : nullptr);
                if (c < widths.size()) widths[c] = std::max(widths[c], std::min(60.0, text_width(cell.text) + 2));
            }
        }
        for (std::size_t c = 0; c < widths.size(); ++c)
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
        worksheet_freeze_panes(ws, 1, 1);
    }
    const lxw_error error = workbook_close(owner.release());  // frees the workbook in every case
    if (error != LXW_NO_ERROR) throw OutputError(path + ": " + lxw_strerror(error));
    file.commit();
    return sheets;
}

} // namespace shisetsu::report
