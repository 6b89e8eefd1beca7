#pragma once
// The six sections of outputs.md as document blocks (private to the module).
#include "report/data.hpp"
#include "report/document.hpp"
#include "report/strings.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::report {

// The annual report has the six sections; the placement-plan document for
// the PPP/PFI review board has the placement plan, the PPP/PFI screening and
// a short data-and-method section, built by the same section code.
// facility_cards: the 施設カルテ, one page per facility (facility-cards.pdf);
// the annual report's HTML page carries the same cards as its last section.
enum class DocumentKind { annual_report, placement_plan, facility_cards };

// What the documents of one report share: the interactive map's data are
// the same in the annual report and the placement plan (the same project,
// the same words), so the first document that has the map makes them.
struct SharedParts {
    std::optional<std::string> web_map;  // "" when nothing is located
};

struct DocumentOptions {
    DocumentKind kind = DocumentKind::annual_report;
    std::string workbook_file = "report.xlsx";   // named where a table is in the workbook only
    std::string cards_file = "facility-cards.pdf";  // named by the HTML report's cards section
    std::shared_ptr<SharedParts> shared;  // none: each document makes its own
};

// missing_steps receives the analysis steps whose results are not in the
// database (their sections say so).
Document build_document(const ReportData& data, const Strings& text, const DocumentOptions& options,
                        std::vector<std::string>& missing_steps);

} // namespace shisetsu::report
