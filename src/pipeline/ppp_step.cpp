// The PPP/PFI screening step (ppp.md): projects from a file or from the plan
// in the project database, screened, recorded, written, and reported in the
// planner's terms.
#include "pipeline/pipeline.hpp"

#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "pipeline/format.hpp"
#include "ppp/report.hpp"
#include "storage/settings.hpp"
#include "storage/transaction.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <sstream>

namespace shisetsu::pipeline {

namespace {

using json = nlohmann::json;

// The projects to screen: the file, or the plan the run id names, or the
// latest consolidation, or else the latest lifecycle run.
ppp::ProjectSet load_projects(Store* store, const PppRequest& req, const ppp::Defaults& defaults,
                              const ppp::SchemeTable& schemes, const ppp::Parameters& base) {
    if (!req.projects_path.empty()) return ppp::read_projects_file(req.projects_path, defaults, schemes, base);
    if (!store) throw UsageError(tr("データベースか --projects FILE.json を指定してください",
                                    "give a database or --projects FILE.json"));
    const ppp::PlanRules rules = ppp::load_plan_rules();
    auto from_consolidation = [&](const StoredResult& r) {
        json doc;
        try {
            doc = json::parse(r.document);
        } catch (const json::exception& e) {
            throw InputError(std::string(tr("統廃合の結果を読めません: ", "cannot read the consolidation result: ")) + e.what());
        }
        return ppp::projects_from_consolidation(doc, r.run_id, rules, base);
    };
    auto from_lifecycle = [&](const StoredLifecycle& run) {
        return ppp::projects_from_lifecycle(run, store->facilities(), store->buildings(), rules, schemes, base);
    };
    if (req.plan_run_id) {
        long long id = *req.plan_run_id;
        auto result = store->result(id);
        if (result && result->kind == "consolidate") return from_consolidation(*result);
        if (auto run = store->lifecycle_run(id)) return from_lifecycle(*run);
        throw InputError("--plan " + std::to_string(id) + ": " +
                         (result ? std::string(tr("統廃合でも更新費用推計でもない実行です (", "is neither a consolidation nor a lifecycle run (")) +
                                       result->kind + ")"
                                 : std::string(tr("その実行番号の計画はありません", "no plan has that run id"))));
    }
    // ppp.md "Which projects": the latest consolidation plan; when it builds
    // nothing, the latest lifecycle run's works, and the document says so.
    std::optional<ppp::ProjectSet> plan;
    if (auto result = store->latest_result("consolidate")) {
        plan = from_consolidation(*result);
        if (!plan->projects.empty()) return std::move(*plan);
    }
    if (auto run = store->lifecycle_run(std::nullopt)) {
        ppp::ProjectSet set = from_lifecycle(*run);
        if (plan) set.plan["fallback_from"] = {{"kind", "consolidation"}, {"run_id", plan->plan["run_id"]},
                                              {"reason", "builds_nothing"}};
        return set;
    }
    if (plan) return std::move(*plan);
    throw InputError(tr("検討する計画がありません: 先に consolidate か lifecycle を実行するか、--projects で事業を指定してください",
                        "no plan to screen: run consolidate or lifecycle first, or give the projects with --projects"));
}

void write_csv(const std::string& path, const json& doc) {
    OutputFile file(path);
    std::ostream& out = file.stream();
    out << "project_id,name,delivery,line,year,yen\n";
    out << std::setprecision(15);
    for (const auto& p : doc.at("projects")) {
        if (!p.value("screened", true)) continue;  // below every threshold: no cash flows
        for (const char* delivery : {"psc", "pfi"}) {
            auto row = [&](const std::string& line, const json& values) {
                int year = 0;
                for (const auto& v : values)
                    out << text::csv_field(p.at("id").get<std::string>()) << ',' << text::csv_field(p.at("name").get<std::string>()) << ','
                        << delivery << ',' << line << ',' << ++year << ',' << v.get<double>() << '\n';
            };
            for (const auto& [line, values] : p.at("cashflow_lines").at(delivery).items()) row(line, values);
            row("total", p.at("cashflows").at(delivery));
        }
    }
    file.commit();
}

} // namespace

PppOutcome run_ppp(Store* store, const PppRequest& req) {
    const ppp::Defaults defaults = ppp::load_defaults();
    const ppp::SchemeTable schemes = ppp::load_schemes();
    ppp::Parameters base = defaults.parameters;
    // The population threshold compares the project's own population
    // (settings); a parameters file or a run config may still set it.
    std::string population_source = "not_set";
    if (store)
        if (auto population = load_settings(*store).population) {
            base.population = *population;
            population_source = "settings";
        }
    const auto settings_population = base.population;
    if (!req.parameters_path.empty()) base = ppp::read_parameters_file(req.parameters_path, defaults, base);
    if (base.population != settings_population) population_source = "parameters";
    if (!req.parameters.empty()) {
        std::vector<InputProblem> problems;
        ppp::apply_overrides(base, req.parameters, defaults, tr("設定ファイル", "config"), "/parameters", problems);
        if (!problems.empty()) throw InputError(std::move(problems));
    }
    if (req.parameters.contains("population")) population_source = "parameters";
    ppp::Report report = ppp::screen_all(load_projects(store, req, defaults, schemes, base), defaults);
    report.all = req.all;

    PppOutcome outcome;
    outcome.document = ppp::to_json(report, defaults, schemes);
    outcome.document["population_source"] = population_source;
    OutputBatch outputs;  // published once the run is recorded
    std::optional<Transaction> transaction;
    if (store) {
        transaction.emplace(*store);
        RunRecord run;
        run.command = req.command_line.empty() ? "ppp" : req.command_line;
        run.kind = outcome.document["plan"].value("kind", std::string());
        if (!req.projects_path.empty()) {
            run.input_path = std::filesystem::absolute(req.projects_path).string();
            run.input_sha256 = sha256_file(req.projects_path);
        }
        run.parameters_json = outcome.document["parameters"].dump();
        run.program_version = program_version();
        outcome.run_id = store->begin_run(run);
        outcome.document["run_id"] = outcome.run_id;
        store->save_result(outcome.run_id, "ppp", outcome.document.dump());
        json summary = outcome.document["summary"];
        summary["timing"] = outcome.document["timing"];
        store->finish_run(outcome.run_id, summary.dump());
    }
    if (!req.json_path.empty()) write_json_file(req.json_path, outcome.document);
    if (!req.csv_path.empty()) write_csv(req.csv_path, outcome.document);
    if (transaction) transaction->commit();
    outputs.publish();
    return outcome;
}

namespace {

// Columns line up in a terminal: East Asian characters take two cells.
std::size_t display_width(const std::string& s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += len >= 3 ? 2 : 1;
        i += len;
    }
    return w;
}

std::string pad_left(const std::string& s, std::size_t width) {
    std::size_t w = display_width(s);
    return (w < width ? std::string(width - w, ' ') : std::string()) + s;
}

std::string pad_right(const std::string& s, std::size_t width) {
    std::size_t w = display_width(s);
    return s + (w < width ? std::string(width - w, ' ') : std::string());
}

// Thousands of yen with separators: 1,234,567 (千円).
std::string thousand_yen(double yen) {
    long long k = std::llround(yen / 1000.0);
    std::string digits = std::to_string(k < 0 ? -k : k), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (k < 0 ? "-" : "") + out;
}

std::string percent_text(const json& v) {
    if (v.is_null()) return "—";
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << v.get<double>() << " %";
    return s.str();
}

// Parameters as written in the file: 0.008, 20, 30,000,000.
std::string number_text(const json& v) {
    if (v.is_null()) return tr("未設定", "not set");
    double x = v.get<double>();
    if (std::abs(x) >= 1000.0 && std::floor(x) == x) return thousand_yen(x * 1000.0);
    std::ostringstream s;
    s << x;
    return s.str();
}

// The lines of each delivery in the order of ppp.md "Cash flows".
const std::vector<std::string>& line_keys(const std::string& delivery) {
    static const std::vector<std::string> psc{"construction_cash", "bond_repayment", "om", "fee_income"};
    static const std::vector<std::string> pfi{"advisory", "facility_payment", "om_payment", "spc_payment", "monitoring",
                                              "fee_income"};
    return delivery == "psc" ? psc : pfi;
}

const char* line_label(const std::string& key) {
    if (key == "construction_cash") return tr("建設(一般財源)", "construction");
    if (key == "bond_repayment") return tr("起債償還", "bond repay");
    if (key == "om") return tr("維持管理", "O&M");
    if (key == "fee_income") return tr("利用料収入", "fee income");
    if (key == "advisory") return tr("アドバイザリー", "advisory");
    if (key == "facility_payment") return tr("施設整備割賦", "facility pay");
    if (key == "om_payment") return tr("維持管理委託", "O&M pay");
    if (key == "spc_payment") return tr("SPC経費", "SPC cost");
    if (key == "monitoring") return tr("モニタリング", "monitoring");
    return "?";
}

std::string reason_text(const std::string& reason, const json& p) {
    const json& q = p.at("parameters");
    if (reason == "total_project_cost")
        return std::string(tr("事業費総額 (C + O·T) ", "total project cost (C + O·T) ")) +
               money_text(p.at("total_project_cost_yen").get<double>()) + " ≥ " +
               money_text(q.at("total_cost_threshold_yen").get<double>());
    if (reason == "annual_operating_cost")
        return std::string(tr("単年度の運営費 (O) ", "annual operating cost (O) ")) +
               money_text(p.at("annual_operating_cost_yen").get<double>()) + " ≥ " +
               money_text(q.at("annual_cost_threshold_yen").get<double>());
    return reason;
}

void cash_table(std::ostringstream& s, const json& p, const char* delivery, const char* title) {
    const json& lines = p.at("cashflow_lines").at(delivery);
    const json& total = p.at("cashflows").at(delivery);
    const json& factors = p.at("discount_factors");
    constexpr std::size_t w = 15;
    s << "  " << title << tr(" (千円)\n", " (thousand yen)\n");
    s << "    " << pad_left(tr("年次", "year"), 4);
    for (const auto& key : line_keys(delivery)) s << pad_left(line_label(key), w);
    s << pad_left(tr("計", "total"), w) << pad_left(tr("現在価値", "present value"), w) << "\n";
    for (std::size_t t = 0; t < total.size(); ++t) {
        s << "    " << pad_left(std::to_string(t + 1), 4);
        for (const auto& key : line_keys(delivery)) s << pad_left(thousand_yen(lines.at(key)[t].get<double>()), w);
        s << pad_left(thousand_yen(total[t].get<double>()), w)
          << pad_left(thousand_yen(total[t].get<double>() * factors[t].get<double>()), w) << "\n";
    }
}

} // namespace

std::string PppOutcome::summary(bool detail) const {
    const json& d = document;
    std::ostringstream s;
    const json& plan = d.at("plan");
    const std::string kind = plan.value("kind", std::string());
    s << tr("■ PPP/PFI 手法の簡易な検討 (優先的検討) — ", "■ PPP/PFI screening (priority consideration) — ")
      << d.at("projects").size() << tr(" 事業\n", " projects\n");
    s << tr("  対象: ", "  Projects of: ");
    if (kind == "file") s << tr("事業ファイル ", "projects file ") << plan.value("path", std::string());
    else if (kind == "consolidation") s << tr("統廃合計画 (実行 ", "consolidation plan (run ") << plan.at("run_id") << ")";
    else if (kind == "lifecycle")
        s << tr("更新費用推計 (実行 ", "lifecycle projection (run ") << plan.at("run_id") << ", "
          << plan.value("strategy", std::string()) << tr(") の建替え・大規模改修 ", ") rebuilds and large renovations ")
          << plan.at("screened_years")[0] << "–" << plan.at("screened_years")[1] << tr(" 年度", "");
    if (plan.contains("fallback_from"))
        s << tr("\n  (統廃合計画 (実行 ", "\n  (the consolidation plan (run ") << plan.at("fallback_from").at("run_id")
          << tr(") は新設・複合化の事業を含まないため、更新費用推計の事業を検討します)",
                ") builds nothing, so the lifecycle projection's works are screened instead)");
    s << "\n  " << tr("注意: ", "Note: ") << d.at("note").get<std::string>() << "\n";
    if (d.contains("run_id")) s << tr("  記録: 実行 ", "  Recorded as run ") << d.at("run_id") << "\n";

    s << tr("  パラメータ (共通):\n", "  Parameters (common):\n");
    for (const auto& spec : d.at("parameter_table")) {
        std::string name = spec.at("name").get<std::string>();
        std::string label = spec.at(language() == Lang::ja ? "label_ja" : "label_en").get<std::string>();
        std::string symbol = spec.at("symbol").get<std::string>();
        s << "    " << pad_right(label + (symbol.empty() ? "" : " " + symbol), 48) << " "
          << number_text(d.at("parameters").at(name)) << "  [" << name << "]\n";
    }

    auto break_even = [](const json& v) { return v.is_null() ? std::string(tr("なし", "none")) : percent_text(v.get<double>() * 100.0); };
    s << "\n  " << pad_left("PSC", 14) << pad_left("PFI-LCC", 14) << pad_left("VFM", 14) << pad_left("VFM%", 9)
      << pad_left("e_c*", 9) << pad_left("e_o*", 9) << "  " << tr("事業", "project") << "\n";
    for (const auto& p : d.at("projects")) {
        if (!p.value("screened", true)) continue;
        s << "  " << pad_left(money_text(p.at("psc_yen").get<double>()), 14)
          << pad_left(money_text(p.at("pfi_lcc_yen").get<double>()), 14)
          << pad_left(money_text(p.at("vfm_yen").get<double>()), 14) << pad_left(percent_text(p.at("vfm_percent")), 9)
          << pad_left(break_even(p.at("break_even_construction_saving")), 9)
          << pad_left(break_even(p.at("break_even_om_saving")), 9) << "  " << p.at("name").get<std::string>()
          << (p.at("priority").get<bool>() ? "" : tr(" (基準未満、--all で検討)", " (below the thresholds, screened with --all)")) << "\n";
    }
    s << tr("  e_c*, e_o*: VFM が 0 になる施設整備費・維持管理費の削減率 (ほかのパラメータはそのまま)\n",
            "  e_c*, e_o*: the construction and O&M savings at which VFM = 0 (other parameters as set)\n");
    // ppp.md "Which projects": the others listed once, with cost and reason.
    bool heading = false;
    for (const auto& p : d.at("projects")) {
        if (p.value("screened", true)) continue;
        if (!heading) s << tr("  対象外: 基準未満 (--all で検討します)\n", "  Not screened, below the thresholds (--all screens them):\n");
        heading = true;
        s << "    " << p.at("name").get<std::string>() << tr("  事業費総額 ", "  total cost ")
          << money_text(p.at("total_project_cost_yen").get<double>()) << tr("、運営費 ", ", operating cost ")
          << money_text(p.at("annual_operating_cost_yen").get<double>()) << tr("/年 — ", "/yr — ")
          << (p.at("population_covered").get<bool>() ? tr("どちらの費用基準にも達しない", "below both cost thresholds")
                                                     : tr("人口が基準未満", "population below the threshold"))
          << "\n";
    }
    const json& sum = d.at("summary");
    s << tr("  優先的検討の対象: ", "  Subject to priority consideration: ") << sum.at("priority") << " / " << sum.at("projects")
      << tr(" 事業\n", " projects\n");
    if (!detail) {
        if (sum.at("screened").get<int>() > 0)
            s << tr("  (年度別の支払・感度分析・事業手法は --detail または --json で)\n",
                    "  (yearly payments, sensitivity and schemes: --detail or --json)\n");
        return s.str();
    }

    for (const auto& p : d.at("projects")) {
        if (!p.value("screened", true)) continue;
        s << "\n■ " << p.at("name").get<std::string>() << " (" << p.at("type_label").get<std::string>() << ")\n";
        s << tr("  建設費 C ", "  Construction cost C ") << money_text(p.at("construction_cost_yen").get<double>())
          << tr("、維持管理・運営費 O ", ", O&M O ") << money_text(p.at("annual_om_yen").get<double>()) << tr("/年", "/yr")
          << tr("、利用料収入 U ", ", fee income U ") << money_text(p.at("annual_fee_income_yen").get<double>())
          << tr("/年\n", "/yr\n");
        std::string own;
        for (const auto& [name, v] : p.at("parameters").items())
            if (v != d.at("parameters").at(name)) own += "  " + name + " = " + number_text(v);
        if (!own.empty()) s << tr("  この事業の設定:", "  Set for this project:") << own << "\n";
        s << tr("  優先的検討: ", "  Priority consideration: ");
        if (p.at("priority").get<bool>()) {
            s << tr("対象 — ", "yes — ");
            bool first = true;
            for (const auto& r : p.at("priority_reasons")) {
                s << (first ? "" : "; ") << reason_text(r.get<std::string>(), p);
                first = false;
            }
        } else if (!p.at("population_covered").get<bool>()) {
            s << tr("対象外 (人口が基準未満)", "no (population below the threshold)");
        } else {
            s << tr("対象外 (どちらの基準にも達しない)", "no (below both cost thresholds)");
        }
        s << "\n  PSC " << money_text(p.at("psc_yen").get<double>()) << ", PFI-LCC " << money_text(p.at("pfi_lcc_yen").get<double>())
          << ", VFM " << money_text(p.at("vfm_yen").get<double>()) << " (" << percent_text(p.at("vfm_percent")) << ")\n";
        cash_table(s, p, "psc", tr("PSC (公共が自ら実施) の年度別支払", "PSC (public delivery), payments per year"));
        cash_table(s, p, "pfi", tr("PFI-LCC (BTO・サービス購入型) の年度別支払", "PFI-LCC (BTO, service purchase), payments per year"));
        const json& sens = p.at("sensitivity");
        s << tr("  感度分析 VFM (%): 行 = 施設整備費の削減率 e_c, 列 = 割引率 r\n",
                "  Sensitivity, VFM (%): rows = construction saving e_c, columns = discount rate r\n");
        s << "    " << pad_left("e_c \\ r", 9);
        for (const auto& r : sens.at("discount_rate")) s << pad_left(number_text(r), 10);
        s << "\n";
        for (std::size_t i = 0; i < sens.at("construction_saving").size(); ++i) {
            s << "    " << pad_left(number_text(sens.at("construction_saving")[i]), 9);
            for (const auto& v : sens.at("vfm_percent")[i]) s << pad_left(percent_text(v), 10);
            s << "\n";
        }
        s << tr("  候補となる事業手法:\n", "  Candidate schemes:\n");
        for (const auto& c : p.at("schemes"))
            s << "    " << c.at("name").get<std::string>() << ": " << c.at("why").get<std::string>() << "\n";
    }
    return s.str();
}

} // namespace shisetsu::pipeline
