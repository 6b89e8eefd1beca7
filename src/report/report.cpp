#include "report/report.hpp"

#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "report/content.hpp"
#include "report/data.hpp"
#include "report/render.hpp"
#include "report/strings.hpp"

#include <chrono>
#include <filesystem>
#include <sstream>

namespace shisetsu::report {

namespace fs = std::filesystem;

ReportOutcome write_report(Store& store, const ReportRequest& request) {
    const auto t0 = std::chrono::steady_clock::now();
    const Strings text = Strings::load();
    const ReportData data = gather(store);
    ReportOutcome outcome;
    const fs::path base = fs::path(request.out_dir) / request.base_name;
    const fs::path plan_base = fs::path(request.out_dir) / request.plan_name;
    outcome.pdf_path = base.string() + ".pdf";
    outcome.html_path = base.string() + ".html";
    outcome.xlsx_path = base.string() + ".xlsx";
    outcome.plan_pdf_path = plan_base.string() + ".pdf";
    outcome.plan_html_path = plan_base.string() + ".html";
    outcome.cards_pdf_path = (fs::path(request.out_dir) / request.cards_name).string() + ".pdf";
    // Both documents name the report's workbook, which has every table of both.
    DocumentOptions options{DocumentKind::annual_report, fs::path(outcome.xlsx_path).filename().string(),
                            fs::path(outcome.cards_pdf_path).filename().string()};
    const Document doc = build_document(data, text, options, outcome.missing_steps);
    std::vector<std::string> plan_missing;
    options.kind = DocumentKind::placement_plan;
    const Document plan = build_document(data, text, options, plan_missing);

    fs::create_directories(request.out_dir);
    outcome.pages = write_pdf(doc, outcome.pdf_path);
    write_html(doc, reports_dir() + "/report.html", outcome.html_path);
    outcome.tables = write_xlsx(doc, outcome.xlsx_path);
    for (const auto& b : doc.blocks) outcome.figures += b.kind == Block::Kind::figure;
    outcome.plan_pages = write_pdf(plan, outcome.plan_pdf_path);
    write_html(plan, reports_dir() + "/report.html", outcome.plan_html_path);

    const auto t_cards = std::chrono::steady_clock::now();
    std::vector<std::string> cards_missing;
    options.kind = DocumentKind::facility_cards;
    const Document cards = build_document(data, text, options, cards_missing);
    OutputFile cards_file(outcome.cards_pdf_path);
    outcome.card_pages = write_pdf(cards, cards_file.temp_path());
    cards_file.commit();
    outcome.cards_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_cards).count();
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return outcome;
}

std::string ReportOutcome::summary() const {
    std::ostringstream s;
    s << tr("年次報告: ", "Annual report: ") << pages << tr(" ページ、図 ", " pages, ") << figures << tr("、表 ", " figures, ") << tables
      << tr("", " tables") << " (" << static_cast<int>(seconds * 1000) << " ms)\n";
    for (const auto& p : {pdf_path, html_path, xlsx_path}) s << "  " << p << "\n";
    s << tr("施設配置計画: ", "Placement plan: ") << plan_pages << tr(" ページ", " pages") << "\n";
    for (const auto& p : {plan_pdf_path, plan_html_path}) s << "  " << p << "\n";
    s << tr("施設カルテ: ", "Facility cards: ") << card_pages << tr(" ページ", " pages") << " ("
      << static_cast<int>(cards_seconds * 1000) << " ms)\n  " << cards_pdf_path << "\n";
    if (!missing_steps.empty()) {
        s << tr("  未実行のステップ (報告書にその旨を記載): ", "  Steps not run yet (the report says so): ");
        for (std::size_t i = 0; i < missing_steps.size(); ++i) s << (i ? ", " : "") << missing_steps[i];
        s << "\n";
    }
    return s.str();
}

} // namespace shisetsu::report
