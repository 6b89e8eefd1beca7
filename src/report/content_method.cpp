// Section 6 of outputs.md: data and method (runs, parameters, rules).
#include "report/content_builder.hpp"

#include "core/lang.hpp"
#include "core/paths.hpp"

#include <filesystem>
#include <set>

namespace shisetsu::report::sections {

using nlohmann::json;

// 6. Data and method. The placement plan keeps it short: the runs, the
// parameters of the runs it shows, and the rules it rests on.
void Builder::method() {
    const bool plan = options_.kind == DocumentKind::placement_plan;
    section("s6.title", "method");
    paragraph(t_.format(plan ? "plan.method.intro" : "s6.intro", {{"version", program_version()}}));
    Table runs{t_["t.runs.title"], t_["t.runs.sheet"],
               {t_["col.run"], t_["col.started"], t_["col.command"], t_["col.user"], t_["col.input"], t_["col.sha256"], t_["col.version"]},
               {0.5, 1.7, 2.3, 0.9, 2.0, 1.8, 0.7}, {}, false};
    for (const auto& r : d_.runs) {
        std::string input = r.input_path.empty() ? "—" : std::filesystem::path(r.input_path).filename().string();
        std::string sha = r.input_sha256.empty() ? "—" : r.input_sha256.substr(0, 16) + "…";
        const bool kind_said = r.kind.empty() || r.command.find(r.kind) != std::string::npos;
        // Who ran it (overview.md "The multi-user backend"): the PostgreSQL
        // role, the login on SQLite; runs from before it was recorded: —.
        runs.rows.push_back({number_cell(r.run_id), text_cell(r.started_at), text_cell(r.command + (kind_said ? "" : " (" + r.kind + ")")),
                             text_cell(r.db_user.empty() ? "—" : r.db_user), text_cell(input), text_cell(sha), text_cell(r.program_version)});
    }
    table(std::move(runs));
    // Full checksums and parameters in the workbook and the HTML.
    std::set<long long> shown;
    for (const auto* r : {&d_.access, &d_.consolidate, &d_.ppp})
        if (*r) shown.insert((*r)->run_id);
    Table params{t_["t.params.title"], t_["t.params.sheet"], {t_["col.run"], t_["col.sha256"], t_["col.parameters"]},
                 {0.5, 3.0, 5.0}, {}, false};
    for (const auto& r : d_.runs) {
        if (r.input_sha256.empty() && (r.parameters_json.empty() || r.parameters_json == "{}")) continue;
        if (plan && !shown.contains(r.run_id)) continue;
        Cell p = text_cell(parameters_text(r.parameters_json));
        p.full = r.parameters_json;
        params.rows.push_back({number_cell(r.run_id), text_cell(r.input_sha256.empty() ? "—" : r.input_sha256), std::move(p)});
    }
    params.dense = true;  // long parameter lists: small type keeps the method on its pages
    if (!params.rows.empty()) table(std::move(params));
    subsection(t_["s6.rules.title"]);
    const std::vector<const char*> report_rules = {"s6.rules.lifecycle", "s6.rules.network", "s6.rules.optimization", "s6.rules.ppp", "s6.rules.report"};
    const std::vector<const char*> plan_rules = {"s6.rules.network", "s6.rules.optimization", "s6.rules.ppp", "s6.rules.report"};
    double urgent = 40;
    if (d_.lifecycle_result)
        urgent = number(d_.lifecycle_result->json.value("summary", json::object()).value("parameters", json::object()),
                        "urgent_condition", 40);
    for (const char* key : plan ? plan_rules : report_rules) paragraph(t_.format(key, {{"urgent", grouped(urgent)}}));
    note(t_["s6.sources"]);
}

} // namespace shisetsu::report::sections
