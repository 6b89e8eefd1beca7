// shisetsu: the command-line front end. Only here do exceptions become exit
// codes (overview.md): 0 success, 1 bad input, 2 usage, 3 no feasible plan;
// 4 an output file could not be written (the previous one left whole);
// 5 not enough memory.
#include "cli/command.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/progress.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <new>

namespace {

// Memory kept back for the way out of a failed allocation. nlohmann::json's
// destructor allocates (it flattens nested values onto a std::vector to
// avoid deep recursion), so a std::bad_alloc thrown while a large document
// is being built threw again from a destructor during unwinding and ended in
// std::terminate (lifecycle aborted under ulimit -v). On the first failure
// the reserve is handed back and the failure thrown, so unwinding has room.
std::atomic<void*> reserve{nullptr};

void out_of_memory() {
    std::free(reserve.exchange(nullptr));
    std::set_new_handler(nullptr);
    throw std::bad_alloc();
}

void print_input_error(const shisetsu::InputError& e) {
    for (const auto& p : e.problems()) std::cerr << p.to_string() << '\n';
    if (e.problems().size() > 1)
        std::cerr << e.problems().size() << shisetsu::tr(" 件の問題があります。データベースは変更していません。",
                                                          " problems found; the database was not changed.")
                  << '\n';
}

} // namespace

int main(int argc, char** argv) {
    using namespace shisetsu;
    // A file-size limit (ulimit -f) makes a write fail with EFBIG, like a
    // full disk, instead of killing the process: the error is reported and
    // the previous files and the database stay whole.
    std::signal(SIGXFSZ, SIG_IGN);
    reserve = std::malloc(std::size_t{32} << 20);  // address space only: the pages are never touched
    std::set_new_handler(out_of_memory);
    cli::set_command_line(argc, argv);

    // --lang must be known before help texts are built.
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--lang") {
            try {
                set_language(parse_language(argv[i + 1]));
            } catch (const UsageError& e) {
                std::cerr << e.what() << '\n';
                return 2;
            }
        }

    CLI::App app{tr("shisetsu — 公共施設の長寿命化・更新費用・適正配置の計画ツール",
                    "shisetsu — public-facility asset management and lifecycle planner")};
    app.require_subcommand(1);
    app.set_version_flag("--version", program_version());
    bool quiet_flag = false;
    std::string lang = language() == Lang::ja ? "ja" : "en";
    app.add_flag("-q,--quiet", quiet_flag, tr("進捗表示を出さない", "no progress bars"));
    app.add_option("--lang", lang, tr("表示言語 (ja / en)", "output language (ja / en)"))->check(CLI::IsMember({"ja", "en"}));
    app.fallthrough();

    auto commands = cli::all_commands();
    cli::Command* selected = nullptr;
    for (auto& c : commands) {
        CLI::App* sub = app.add_subcommand(c->name(), c->description());
        c->setup(*sub);
        sub->callback([&selected, cmd = c.get()] { selected = cmd; });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    set_quiet(quiet_flag);
    set_language(parse_language(lang));

    try {
        return selected ? selected->run() : 2;
    } catch (const InputError& e) {
        print_input_error(e);
        return 1;
    } catch (const UsageError& e) {
        std::cerr << e.what() << '\n';
        return 2;
    } catch (const SolverError& e) {
        std::cerr << e.what() << '\n';
        return e.infeasible() ? 3 : 1;
    } catch (const OutputError& e) {
        std::cerr << e.what() << '\n';
        return 4;
    } catch (const StoreError& e) {
        std::cerr << tr("データベースのエラー: ", "database error: ") << e.what() << '\n';
        return 1;
    } catch (const GisError& e) {
        std::cerr << tr("GIS のエラー: ", "GIS error: ") << e.what() << '\n';
        return 1;
    } catch (const std::bad_alloc&) {
        // Nothing here may allocate: the messages are literals.
        std::cerr << tr("メモリが足りません。データベースは変更しておらず、以前の出力ファイルもそのままです。"
                        "ほかのプログラムを閉じるか、メモリの多い計算機で実行してください。",
                        "not enough memory; the database was not changed and previous output files are whole. "
                        "Close other programs or run on a machine with more memory.")
                  << '\n';
        return 5;
    } catch (const std::exception& e) {
        std::cerr << tr("内部エラー: ", "internal error: ") << e.what() << '\n';
        return 1;
    }
}
