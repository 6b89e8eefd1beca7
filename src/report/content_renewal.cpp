// Section 3 of outputs.md: the renewal cost projection, the levelled schedule
// and the comparison of strategies.
#include "report/content_builder.hpp"

#include "core/years.hpp"
#include "report/charts.hpp"

#include <algorithm>
#include <map>

namespace shisetsu::report::sections {

using nlohmann::json;

// 3. Renewal cost projection.
BarChart Builder::renewal_chart(const StoredLifecycleTotals& run) const {
    BarChart c;
    std::map<std::string, std::vector<double>> by_kind;
    for (std::size_t i = 0; i < run.years.size(); ++i) {
        const auto& y = run.years[i];
        c.x_labels.push_back(std::to_string(y.year));
        c.x_keys.push_back(y.year);
        if (ja()) c.x_sublabels.push_back(wareki_year(y.year, true));
        json kinds = json::parse(y.by_kind_json, nullptr, false);
        if (!kinds.is_object()) continue;
        for (const auto& [k, v] : kinds.items()) {
            auto& series = by_kind[k];
            series.resize(run.years.size(), 0.0);
            if (v.is_number()) series[i] += v.get<double>();
        }
    }
    for (const auto& k : kind_order())
        if (auto it = by_kind.find(k); it != by_kind.end()) {
            c.stacks.push_back({d_.kind_name(k), kind_colour(k), it->second});
            by_kind.erase(it);
        }
    for (auto& [k, v] : by_kind) c.stacks.push_back({d_.kind_name(k), kind_colour(k), v});
    c.refs.push_back({t_.format("ref.average", {{"value", money(run.annual_average_yen)}}), {0.1, 0.1, 0.1}, true});
    c.refs.back().value = run.annual_average_yen;
    if (run.budget_yen) {
        c.refs.push_back({t_.format("ref.budget", {{"value", money(*run.budget_yen)}}), hex_colour("#CC0000"), false});
        c.refs.back().value = *run.budget_yen;
    }
    c.y_unit = units_.money_word;
    c.y_divisor = money_unit();
    return c;
}

void Builder::renewal() {
    section("s3.title", "renewal");
    const auto* standard = d_.latest_lifecycle("standard");
    const auto* extended = d_.latest_lifecycle("life_extension");
    if (!standard && !extended && d_.lifecycle.empty()) {
        not_run("lifecycle", "s3.not_run");
        return;
    }
    std::vector<const StoredLifecycleTotals*> runs;
    if (standard) runs.push_back(standard);
    if (extended) runs.push_back(extended);
    if (runs.empty()) runs.push_back(&d_.lifecycle.back());
    paragraph(t_["s3.intro"]);
    for (const auto* run : runs) {
        std::string title = t_.format("f.renewal", {{"strategy", d_.strategy_name(run->strategy)},
                                                     {"from", year_text(run->start_year)},
                                                     {"horizon", std::to_string(run->horizon)},
                                                     {"total", money(run->total_yen)},
                                                     {"average", money(run->annual_average_yen)}});
        figure(title, 270, [chart = renewal_chart(*run)](cairo_t* cr, double w, double h) { draw_bar_chart(cr, w, h, chart); });
    }
    if (!extended) not_run("lifecycle life_extension", "s3.no_life_extension");

    // Levelled schedule (optimization.md A).
    double levelled_total = 0;
    bool levelled = false;
    if (d_.level) {
        const json& l = d_.level->json;
        BarChart c;
        Series after{t_["series.levelled"], hex_colour("#0072B2"), {}}, before{t_["series.unlevelled"], hex_colour("#D55E00"), {}};
        for (const auto& y : l.value("years", json::array())) {
            int year = static_cast<int>(number(y, "year"));
            c.x_labels.push_back(std::to_string(year));
            c.x_keys.push_back(year);
            if (ja()) c.x_sublabels.push_back(wareki_year(year, true));
            after.values.push_back(number(y, "after_yen"));
            before.values.push_back(number(y, "before_yen"));
            levelled_total += number(y, "after_yen");
        }
        levelled = !after.values.empty();
        c.stacks.push_back(after);
        c.lines.push_back(before);
        if (l.contains("budget_yen") && l["budget_yen"].is_number())
            c.refs.push_back({t_.format("ref.budget", {{"value", money(l["budget_yen"].get<double>())}}), hex_colour("#CC0000"),
                              false, });
        if (!c.refs.empty()) c.refs.back().value = l["budget_yen"].get<double>();
        c.y_unit = units_.money_word;
        c.y_divisor = money_unit();
        figure(t_.format("f.levelled", {{"peak_before", money(number(l, "peak_before_yen"))},
                                         {"peak_after", money(number(l, "peak_after_yen"))}}),
               270, [c](cairo_t* cr, double w, double h) { draw_bar_chart(cr, w, h, c); });
        // Money first (what is spent), then the solver's own figures:
        // the objective weighs the overrun by M, so it is not an amount.
        const std::string mode = string_of(l, "mode");
        const json& parameters = l.value("parameters", json::object());
        std::string levelled_text = t_.format("s3.levelled", {{"peak_before", money(number(l, "peak_before_yen"))},
                                                              {"peak_after", money(number(l, "peak_after_yen"))},
                                                              {"penalty", money(number(l, "penalty_yen"))},
                                                              {"alpha", percent(number(parameters, "deferral_penalty"), 0)},
                                                              {"beta", percent(number(parameters, "advance_penalty"), 0)}});
        if (has_number(l, "budget_yen"))
            levelled_text += t_.format("s3.levelled.overrun", {{"budget", money(number(l, "budget_yen"))},
                                                               {"overrun", money(number(l, "overrun_yen"))}});
        paragraph(levelled_text);
        const std::string m = grouped(number(parameters, "overrun_penalty", 1000));
        solver_table("model.level", l,
                     mode == "budget" ? t_.format("objective.level.budget", {{"m", m},
                                                                            {"overrun", money(number(l, "overrun_yen"))},
                                                                            {"penalty", money(number(l, "penalty_yen"))}})
                     : mode == "peak" ? t_.format("objective.level.peak", {{"peak_after", money(number(l, "peak_after_yen"))}})
                                      : t_["objective.level.penalty"]);
    } else {
        not_run("level", "s3.level_not_run");
    }

    // Side by side, and the savings table.
    HBarChart compare;
    Series totals{t_["series.total"], hex_colour("#0072B2"), {}};
    Table savings{t_["t.savings.title"], t_["t.savings.sheet"],
                  {t_["col.strategy"], money_header("col.total"), money_header("col.average"), money_header("col.vs_standard"),
                   t_["col.vs_budget"]},
                  {3, 1.3, 1.3, 1.4, 1.2}, {}, false};
    auto add = [&](const std::string& label, double total, double average, std::optional<double> budget) {
        compare.groups.push_back(label);
        totals.values.push_back(total);
        double base = standard ? standard->total_yen : total;
        savings.rows.push_back({text_cell(label), money_cell(total), money_cell(average), money_cell(total - base),
                                budget && *budget > 0 ? number_cell(average / *budget, 2) : text_cell("—")});
    };
    for (const auto* run : runs) add(d_.strategy_name(run->strategy), run->total_yen, run->annual_average_yen, run->budget_yen);
    if (levelled) {
        const json& l = d_.level->json;
        int n = std::max<int>(1, static_cast<int>(l.value("years", json::array()).size()));
        std::optional<double> budget;
        if (l.contains("budget_yen") && l["budget_yen"].is_number()) budget = l["budget_yen"].get<double>();
        add(t_["series.levelled"], levelled_total, levelled_total / n, budget);
    }
    compare.series.push_back(totals);
    compare.value_text = [u = units_](double v) { return u.money(v); };
    compare.tick_text = [u = units_](double v) { return u.money(v, 0); };
    figure(t_["f.compare"], hbar_chart_height(compare),
           [compare](cairo_t* cr, double w, double h) { draw_hbar_chart(cr, w, h, compare); });
    if (levelled) {
        double later_yen = 0;
        long later = 0;
        for (const auto& e : d_.level->json.value("events", json::array()))
            if (e.contains("start_year") && e["start_year"].is_null()) { ++later; later_yen += number(e, "cost_yen"); }
        if (later > 0)
            note(t_.format("s3.levelled.later", {{"events", grouped(later)}, {"amount", money(later_yen)}}));
    }
    table(std::move(savings));

    // Every year, every strategy: the numbers behind the charts.
    Table years{t_["t.years.title"], t_["t.years.sheet"], {t_["col.year"]}, {1.6}, {}, false};
    for (const auto* run : runs) {
        years.columns.push_back(units_.with_unit(d_.strategy_name(run->strategy), units_.money_word));
        years.widths.push_back(1.6);
    }
    years.columns.push_back(money_header("col.backlog"));
    years.widths.push_back(1.2);
    const auto* first = runs.front();
    for (std::size_t i = 0; i < first->years.size(); ++i) {
        std::vector<Cell> row{text_cell(units_.year_short(first->years[i].year))};
        for (const auto* run : runs) row.push_back(i < run->years.size() ? money_cell(run->years[i].total_yen) : text_cell("—"));
        row.push_back(money_cell(first->years[i].backlog_yen));
        years.rows.push_back(std::move(row));
    }
    table(std::move(years));
}

} // namespace shisetsu::report::sections
