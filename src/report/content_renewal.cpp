// Section 3 of outputs.md: the renewal cost projection, the levelled schedule
// and the comparison of strategies.
#include "report/content_builder.hpp"

#include "core/years.hpp"
#include "lifecycle/output.hpp"
#include "report/charts.hpp"

#include <algorithm>
#include <cmath>
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

    compare_strategies(runs, levelled ? std::optional<double>(levelled_total) : std::nullopt);
    works();
}

// The strategies side by side (lifecycle.md "Output", outputs.md "What
// planners compare"): from the latest lifecycle run's comparison when it
// has one (単純更新 / 従来型 / 長寿命化型 over the same years, with the
// residual value and the net cost), else from the saved runs.
void Builder::compare_strategies(const std::vector<const StoredLifecycleTotals*>& runs, std::optional<double> levelled_total) {
    struct Side {
        std::string key, label;
        double total = 0, average = 0;
        std::optional<double> residual, net, eac;
        std::vector<double> years;
    };
    std::vector<Side> sides;
    int first_year = runs.front()->start_year, horizon = runs.front()->horizon;
    const json* cmp = nullptr;
    if (d_.lifecycle_result) {
        const json& c = d_.lifecycle_result->json.value("comparison", json());
        if (c.is_object() && c.contains("strategies") && c["strategies"].size() >= 2) cmp = &d_.lifecycle_result->json["comparison"];
    }
    if (cmp) {
        first_year = static_cast<int>(number(*cmp, "start_year"));
        horizon = static_cast<int>(number(*cmp, "horizon"));
        for (const auto& st : (*cmp)["strategies"]) {
            Side side{string_of(st, "strategy"), d_.strategy_name(string_of(st, "strategy")), number(st, "total_yen"),
                      number(st, "annual_average_yen"), number(st, "residual_value_yen"), number(st, "net_yen"),
                      number(st, "equivalent_annual_cost_yen"), {}};
            for (const auto& y : st.value("years", json::array())) side.years.push_back(number(y, "total_yen"));
            sides.push_back(std::move(side));
        }
        // Simple renewal first, the figure a 総合管理計画 states; then the others as compared.
        std::stable_partition(sides.begin(), sides.end(), [](const Side& s) { return s.key == "standard"; });
    } else {
        for (const auto* run : runs) {
            Side side{run->strategy, d_.strategy_name(run->strategy), run->total_yen, run->annual_average_yen, {}, {}, {}, {}};
            for (const auto& y : run->years) side.years.push_back(y.total_yen);
            sides.push_back(std::move(side));
        }
    }
    std::optional<double> budget = runs.front()->budget_yen;

    if (cmp) {
        subsection(t_["s3.compare.title"]);
        paragraph(t_.format("s3.compare.intro", {{"horizon", std::to_string(horizon)}, {"from", year_text(first_year)}}));
        // One chart: each strategy's cost per year.
        BarChart per_year;
        for (int i = 0; i < horizon; ++i) {
            per_year.x_labels.push_back(std::to_string(first_year + i));
            per_year.x_keys.push_back(first_year + i);
            if (ja()) per_year.x_sublabels.push_back(wareki_year(first_year + i, true));
        }
        static const char* colours[] = {"#D55E00", "#E69F00", "#009E73", "#0072B2", "#CC79A7"};
        for (std::size_t i = 0; i < sides.size(); ++i)
            per_year.lines.push_back({sides[i].label, hex_colour(colours[i % 5]), sides[i].years});
        if (budget) {
            per_year.refs.push_back({t_.format("ref.budget", {{"value", money(*budget)}}), hex_colour("#CC0000"), false});
            per_year.refs.back().value = *budget;
        }
        per_year.y_unit = units_.money_word;
        per_year.y_divisor = money_unit();
        figure(t_.format("f.compare_years", {{"horizon", std::to_string(horizon)}, {"from", year_text(first_year)}}), 250,
               [chart = std::move(per_year)](cairo_t* cr, double w, double h) { draw_bar_chart(cr, w, h, chart); });
        // The direction of each difference in words, on the net cost.
        std::string sentences;
        for (const auto& d : cmp->value("differences", json::array())) {
            const Side* a = nullptr;
            const Side* b = nullptr;
            for (const auto& side : sides) {
                if (side.key == string_of(d, "strategy")) a = &side;
                if (side.key == string_of(d, "against")) b = &side;
            }
            if (!a || !b) continue;
            const double diff = number(d, "net_difference_yen");
            sentences += (sentences.empty() ? "" : " ") +
                         t_.format("s3.compare.sentence", {{"a", a->label},
                                                           {"b", b->label},
                                                           {"amount", money(std::fabs(diff))},
                                                           {"share", percent(std::fabs(number(d, "net_difference_share")))},
                                                           {"direction", t_[diff < 0 ? "direction.less" : diff > 0 ? "direction.more" : "direction.equal"]},
                                                           {"total_a", money(a->total)},
                                                           {"total_b", money(b->total)},
                                                           {"eac_a", money(*a->eac)},
                                                           {"eac_b", money(*b->eac)}});
            // A net cost and an equivalent annual cost that point different
            // ways: say what each measures, so the council reads both right.
            if (lifecycle::eac_points_other_way(d))
                sentences += " " + t_.format("s3.compare.eac_note",
                                             {{"a", a->label},
                                              {"b", b->label},
                                              {"eac_direction", t_[number(d, "eac_difference_yen") > 0 ? "s3.compare.eac_higher"
                                                                                                       : "s3.compare.eac_lower"]},
                                              {"horizon", std::to_string(horizon)}});
        }
        if (!sentences.empty()) paragraph(sentences);
    }

    // One chart and one table of the totals.
    HBarChart compare;
    Series totals{t_["series.total"], hex_colour("#0072B2"), {}}, nets{t_["series.net"], hex_colour("#009E73"), {}};
    Table savings{t_["t.savings.title"], t_["t.savings.sheet"],
                  {t_["col.strategy"], money_header("col.total"), money_header("col.average")}, {3, 1.2, 1.1}, {}, false};
    if (cmp) {
        for (const char* key : {"col.residual", "col.net", "col.eac"}) {
            savings.columns.push_back(money_header(key));
            savings.widths.push_back(1.2);
        }
    }
    // The strategy the differences are taken against is named under the
    // table: in the header it made a six-line column.
    savings.columns.push_back(units_.with_unit(t_[cmp ? "col.net_vs_first" : "col.vs_standard"], units_.money_word));
    savings.widths.push_back(1.3);
    savings.columns.push_back(t_["col.vs_budget"]);
    savings.widths.push_back(1.1);
    auto add = [&](const std::string& label, double total, double average, std::optional<double> residual,
                   std::optional<double> net, std::optional<double> eac, std::optional<double> versus) {
        compare.groups.push_back(label);
        totals.values.push_back(total);
        nets.values.push_back(net ? *net : NAN);
        std::vector<Cell> row{text_cell(label), money_cell(total), money_cell(average)};
        if (cmp) {
            row.push_back(residual ? money_cell(*residual) : text_cell("—"));
            row.push_back(net ? money_cell(*net) : text_cell("—"));
            row.push_back(eac ? money_cell(*eac) : text_cell("—"));
        }
        row.push_back(versus ? money_cell(*versus) : text_cell("—"));
        row.push_back(budget && *budget > 0 ? number_cell(average / *budget, 2) : text_cell("—"));
        savings.rows.push_back(std::move(row));
    };
    for (const auto& side : sides) {
        std::optional<double> versus;
        if (cmp) versus = *side.net - *sides.front().net;
        else versus = side.total - sides.front().total;
        add(side.label, side.total, side.average, side.residual, side.net, side.eac, versus);
    }
    if (levelled_total) {
        const int n = std::max<int>(1, static_cast<int>(d_.level->json.value("years", json::array()).size()));
        add(t_["series.levelled"], *levelled_total, *levelled_total / n, std::nullopt, std::nullopt, std::nullopt,
            cmp ? std::nullopt : std::optional<double>(*levelled_total - sides.front().total));
    }
    compare.series.push_back(totals);
    if (cmp) compare.series.push_back(nets);
    compare.value_text = [u = units_](double v) { return u.money(v); };
    compare.tick_text = [u = units_](double v) { return u.money(v, 0); };
    figure(t_["f.compare"], hbar_chart_height(compare),
           [compare](cairo_t* cr, double w, double h) { draw_hbar_chart(cr, w, h, compare); });
    if (levelled_total) {
        double later_yen = 0;
        long later = 0;
        for (const auto& e : d_.level->json.value("events", json::array()))
            if (e.contains("start_year") && e["start_year"].is_null()) { ++later; later_yen += number(e, "cost_yen"); }
        if (later > 0)
            note(t_.format("s3.levelled.later", {{"events", grouped(later)}, {"amount", money(later_yen)}}));
    }
    table(std::move(savings));
    if (cmp) note(t_.format("s3.savings.versus", {{"strategy", sides.front().label}}));

    // Every year, every strategy: the numbers behind the charts.
    Table years{t_["t.years.title"], t_["t.years.sheet"], {t_["col.year"]}, {1.6}, {}, false};
    for (const auto& side : sides) {
        years.columns.push_back(units_.with_unit(side.label, units_.money_word));
        years.widths.push_back(1.6);
    }
    const auto* standard = d_.latest_lifecycle("standard");
    const bool backlog = standard && standard->start_year == first_year && static_cast<int>(standard->years.size()) == horizon;
    if (backlog) {
        years.columns.push_back(money_header("col.backlog"));
        years.widths.push_back(1.2);
    }
    for (int i = 0; i < horizon; ++i) {
        std::vector<Cell> row{text_cell(units_.year_short(first_year + i))};
        for (const auto& side : sides)
            row.push_back(static_cast<std::size_t>(i) < side.years.size() ? money_cell(side.years[static_cast<std::size_t>(i)])
                                                                           : text_cell("—"));
        if (backlog) row.push_back(money_cell(standard->years[static_cast<std::size_t>(i)].backlog_yen));
        years.rows.push_back(std::move(row));
    }
    table(std::move(years));
}

} // namespace shisetsu::report::sections
