#include "report/report.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "report/content.hpp"
#include "report/data.hpp"
#include "report/render.hpp"
#include "report/strings.hpp"

#include <glib.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <system_error>
#include <thread>

namespace shisetsu::report {

namespace fs = std::filesystem;

namespace {

// Under low memory GLib and pango do not return an error:
// - g_malloc, or g_thread_new for pango's font threads (a thread's stack is
//   address space too), call g_error, which stops the process with SIGTRAP;
// - cairo's "out of memory" for a scaled font is only a Pango warning, and
//   pango then dereferences the missing font (SIGSEGV).
// Both messages come through the log writer first, so say plainly what
// happened there, remove the report's unfinished temporary files and exit as
// main() does for any other lack of memory (5); the previous report files
// stay whole.
bool says_out_of_memory(const char* message) {
    for (const char* sign : {"failed to allocate", "creating thread", "out of memory"})
        if (std::strstr(message, sign)) return true;
    return false;
}

GLogWriterOutput fatal_glib_writer(GLogLevelFlags level, const GLogField* fields, gsize n, gpointer data) {
    const char* message = "";
    for (gsize i = 0; i < n; ++i)
        if (std::strcmp(fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
            message = static_cast<const char*>(fields[i].value);
    if ((level & G_LOG_LEVEL_ERROR) || says_out_of_memory(message)) {
        remove_unfinished_outputs();
        const bool memory = says_out_of_memory(message);
        const char* text = memory ? tr("メモリが足りません。以前の報告書ファイルはそのままです。\n",
                                       "not enough memory; the previous report files are whole.\n")
                                  : tr("内部エラー (GLib): 以前の報告書ファイルはそのままです: ",
                                       "internal error (GLib); the previous report files are whole: ");
        (void)!::write(STDERR_FILENO, text, std::strlen(text));
        if (!memory) {
            (void)!::write(STDERR_FILENO, message, std::strlen(message));
            (void)!::write(STDERR_FILENO, "\n", 1);
        }
        ::_exit(memory ? 5 : 1);
    }
    return g_log_writer_default(level, fields, n, data);
}

} // namespace

ReportOutcome write_report(Store& store, const ReportRequest& request) {
    static std::once_flag glib_writer;
    std::call_once(glib_writer, [] { g_log_set_writer_func(fatal_glib_writer, nullptr, nullptr); });
    const auto t0 = std::chrono::steady_clock::now();
    const Strings text = Strings::load();
    const ReportData data = gather(store, request.plan_runs);
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
                            fs::path(outcome.cards_pdf_path).filename().string(), std::make_shared<SharedParts>()};
    const Document doc = build_document(data, text, options, outcome.missing_steps);
    std::vector<std::string> plan_missing;
    options.kind = DocumentKind::placement_plan;
    const Document plan = build_document(data, text, options, plan_missing);
    options.shared.reset();

    std::error_code error;
    fs::create_directories(request.out_dir, error);
    if (error)
        throw InputError(request.out_dir + ": " + tr("出力先のフォルダを作れません: ", "cannot create the output folder: ") +
                         error.message());
    // The six files are published together once all are complete; two
    // reports into one folder at once each write their own temporary files,
    // and each report.pdf is whole (the later one wins). The PDFs, the
    // workbook and the plan's page are written here, the facility cards and
    // the report's page on a second thread: on two cores the report takes
    // 2.9 s instead of 3.6 s. cairo, pango (a font map per thread) and the
    // documents' drawings are safe to use from two threads, and the text
    // measures are remembered per thread.
    OutputBatch outputs;
    auto second_part = [&] {
        const auto t_cards = std::chrono::steady_clock::now();
        std::vector<std::string> cards_missing;
        DocumentOptions card_options = options;
        card_options.kind = DocumentKind::facility_cards;
        const Document cards = build_document(data, text, card_options, cards_missing);
        outcome.card_pages = write_pdf(cards, outcome.cards_pdf_path);
        outcome.cards_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_cards).count();
        write_html(doc, reports_dir() + "/report.html", outcome.html_path);
    };
    std::exception_ptr second_error;
    std::thread second;
    try {
        second = std::thread([&] {
            OutputBatch::Joined joined(outputs);
            try {
                second_part();
            } catch (...) {
                second_error = std::current_exception();
            }
        });
    } catch (const std::system_error&) {
        second_part();  // no thread to be had (low on memory): one after the other
    }
    try {
        outcome.pages = write_pdf(doc, outcome.pdf_path);
        outcome.tables = write_xlsx(doc, outcome.xlsx_path);
        outcome.plan_pages = write_pdf(plan, outcome.plan_pdf_path);
        write_html(plan, reports_dir() + "/report.html", outcome.plan_html_path);
    } catch (...) {
        if (second.joinable()) second.join();
        throw;
    }
    if (second.joinable()) second.join();
    if (second_error) std::rethrow_exception(second_error);
    for (const auto& b : doc.blocks) outcome.figures += b.kind == Block::Kind::figure;
    outputs.publish();
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return outcome;
}

std::string ReportOutcome::summary() const {
    std::ostringstream s;
    s << tr("年次報告: ", "Annual report: ") << pages << tr(" ページ、図 ", " pages, ") << figures << tr("、表 ", " figures, ") << tables
      << tr("", " tables") << " (" << static_cast<int>(seconds * 1000) << " ms)\n";
    for (const auto& p : {pdf_path, html_path, xlsx_path}) s << "  " << p << "\n";
    s << tr("適正配置計画: ", "Appropriate placement plan: ") << plan_pages << tr(" ページ", " pages") << "\n";
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
