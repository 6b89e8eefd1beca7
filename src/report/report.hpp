#pragma once
// The annual asset-plan report (outputs.md "Annual asset-plan report"): one
// PDF, one self-contained HTML page with the same content, and an XLSX
// workbook of every table, from whatever the project database holds; and
// the placement-plan document for the PPP/PFI review board (PDF and HTML):
// the report's placement plan and PPP/PFI screening with a short method;
// and the 施設カルテ, one A4 page per facility (facility-cards.pdf), whose
// cards are also the HTML report's last section.
#include "storage/store.hpp"

#include <string>
#include <vector>

namespace shisetsu::report {

struct ReportRequest {
    std::string out_dir;
    std::string base_name = "report";            // report.pdf, report.html, report.xlsx
    std::string plan_name = "placement-plan";    // placement-plan.pdf, placement-plan.html
    std::string cards_name = "facility-cards";   // facility-cards.pdf
    std::vector<long long> plan_runs;            // consolidation runs compared (empty: all, latest first)
};

struct ReportOutcome {
    std::string pdf_path, html_path, xlsx_path;
    std::string plan_pdf_path, plan_html_path;
    std::string cards_pdf_path;
    int pages = 0;
    int plan_pages = 0;
    int card_pages = 0;
    double cards_seconds = 0.0;              // the facility cards alone
    int tables = 0;
    int figures = 0;
    std::vector<std::string> missing_steps;  // analysis steps not run yet
    double seconds = 0.0;
    std::string summary() const;             // a few lines for the terminal
};

// Writes both documents in the current language (core/lang.hpp).
ReportOutcome write_report(Store& store, const ReportRequest& request);

} // namespace shisetsu::report
