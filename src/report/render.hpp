#pragma once
// The three renderings of one Document (private to the report module).
#include "report/document.hpp"

#include <string>

namespace shisetsu::report {

// A4 PDF, fonts embedded by cairo; returns the number of pages.
int write_pdf(const Document& doc, const std::string& path);
// One self-contained HTML page (inline CSS and SVG) from reports/report.html.
void write_html(const Document& doc, const std::string& template_path, const std::string& path);
// Every table as a worksheet; returns the number of sheets.
int write_xlsx(const Document& doc, const std::string& path);

// Width of the text column of the PDF, at which figures are drawn (pt).
inline constexpr double kTextWidthPt = 495.0;

} // namespace shisetsu::report
