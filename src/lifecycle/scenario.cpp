#include "lifecycle/scenario.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/years.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

namespace shisetsu::lifecycle {

using nlohmann::json;

namespace {

// ---------------------------------------------------------------------------
// Reading JSON parameter files with every problem named by file and key.

std::string join_key(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index_key(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

std::string shown(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    const std::string& file() const noexcept { return file_; }

    void fail(const std::string& key, const std::string& message) {
        problems_.push_back(InputProblem{file_, 0, key, message});
    }

    void throw_if_failed() {
        if (!problems_.empty()) throw InputError(std::move(problems_));
    }

    bool is_object(const json& value, const std::string& key) {
        if (value.is_object()) return true;
        fail(key, std::string(tr("オブジェクト {…} が必要です。値: ", "expected an object {…}, got ")) + shown(value));
        return false;
    }

    bool is_array(const json& value, const std::string& key) {
        if (value.is_array()) return true;
        fail(key, std::string(tr("配列 […] が必要です。値: ", "expected an array […], got ")) + shown(value));
        return false;
    }

    // Reports every key of `object` that is not in `allowed`.
    void only_keys(const json& object, const std::string& path, std::initializer_list<std::string_view> allowed) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
            std::string accepted;
            for (auto a : allowed) accepted += (accepted.empty() ? "" : ", ") + std::string(a);
            fail(join_key(path, it.key()),
                 std::string(tr("不明なキーです。使えるキー: ", "unknown key; accepted keys: ")) + accepted);
        }
    }

    std::optional<std::string> text(const json& value, const std::string& key, bool non_empty = true) {
        if (value.is_string() && (!non_empty || !value.get_ref<const std::string&>().empty()))
            return value.get<std::string>();
        fail(key, std::string(tr("文字列が必要です。値: ", "expected a non-empty string, got ")) + shown(value));
        return std::nullopt;
    }

    std::optional<bool> boolean(const json& value, const std::string& key) {
        if (value.is_boolean()) return value.get<bool>();
        fail(key, std::string(tr("true か false が必要です。値: ", "expected true or false, got ")) + shown(value));
        return std::nullopt;
    }

    // A whole number in [min, max] (40 and 40.0 both accepted).
    std::optional<int> integer(const json& value, const std::string& key, long min, long max) {
        if (value.is_number()) {
            const double v = value.get<double>();
            if (std::isfinite(v) && v == std::floor(v) && v >= static_cast<double>(min) &&
                v <= static_cast<double>(max))
                return static_cast<int>(v);
        }
        fail(key, std::string(tr("整数が必要です（", "expected a whole number in [")) + std::to_string(min) + "…" +
                      std::to_string(max) + tr("）。値: ", "], got ") + shown(value));
        return std::nullopt;
    }

    // A finite number ≥ min (or > min when `exclusive`).
    std::optional<double> number(const json& value, const std::string& key, double min, bool exclusive) {
        if (value.is_number()) {
            const double v = value.get<double>();
            if (std::isfinite(v) && (exclusive ? v > min : v >= min)) return v;
        }
        std::ostringstream bound;
        bound << (exclusive ? "> " : "≥ ") << min;
        fail(key, std::string(tr("数値が必要です（", "expected a number ")) + bound.str() +
                      tr("）。値: ", ", got ") + shown(value));
        return std::nullopt;
    }

private:
    std::string file_;
    std::vector<InputProblem> problems_;
};

json read_json_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError({InputProblem{path, 0, "", tr("ファイルを開けません", "cannot open the file")}});
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);  // UTF-8 BOM (Windows editors)
    try {
        return json::parse(bytes, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        throw InputError({InputProblem{path, 0, "",
                                       std::string(tr("JSON として読めません: ", "not valid JSON: ")) + e.what()}});
    }
}

// ---------------------------------------------------------------------------
// The pieces of the files (format: data/lifecycle/README.md).

std::optional<CostBasis> cost_basis_of(const std::string& text) {
    if (text == "rebuild") return CostBasis::rebuild;
    if (text == "renovation") return CostBasis::renovation;
    return std::nullopt;
}

void read_source(Scenario& s, Reader& r, const json& object) {
    if (auto it = object.find("source"); it != object.end()) {
        if (auto text = r.text(*it, "source")) s.sources.push_back(*text);
    }
}

void read_kinds(Scenario& s, Reader& r, const json& value, const std::string& path) {
    if (!r.is_object(value, path)) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string key = join_key(path, it.key());
        if (!r.is_object(*it, key)) continue;
        r.only_keys(*it, key, {"ja", "en"});
        KindLabel label = s.kinds.count(it.key()) ? s.kinds[it.key()] : KindLabel{it.key(), it.key()};
        if (auto v = it->find("ja"); v != it->end())
            if (auto t = r.text(*v, join_key(key, "ja"))) label.ja = *t;
        if (auto v = it->find("en"); v != it->end())
            if (auto t = r.text(*v, join_key(key, "en"))) label.en = *t;
        s.kinds[it.key()] = label;
    }
}

// One strategy in table form. The structural rules of lifecycle.md
// "Strategies" (events in ascending age, ending in the one rebuild, spread
// n ≥ 1) are checked here, where the key path in the file is still known.
std::optional<Strategy> read_strategy(Reader& r, const json& object, const std::string& path,
                                      bool top_level_file) {
    if (!r.is_object(object, path.empty() ? "(file)" : path)) return std::nullopt;
    if (top_level_file)
        r.only_keys(object, path,
                    {"key", "label_ja", "label_en", "requires_eligibility", "fallback", "events", "kinds", "source",
                     "description"});
    else
        r.only_keys(object, path,
                    {"key", "label_ja", "label_en", "requires_eligibility", "fallback", "events", "description"});

    Strategy s;
    bool ok = true;
    if (auto it = object.find("key"); it != object.end()) {
        if (auto t = r.text(*it, join_key(path, "key"))) s.key = *t; else ok = false;
        if (s.key == "none") {  // marks buildings that follow no strategy in the output
            r.fail(join_key(path, "key"), tr("none は予約語です", "\"none\" is reserved"));
            ok = false;
        }
    } else if (top_level_file) {
        s.key = "custom";
    } else {
        r.fail(join_key(path, "key"), tr("戦略のキーがありません", "the strategy needs a key"));
        ok = false;
    }
    s.label_ja = s.label_en = s.key;
    if (auto it = object.find("label_ja"); it != object.end())
        if (auto t = r.text(*it, join_key(path, "label_ja"))) s.label_ja = *t;
    if (auto it = object.find("label_en"); it != object.end())
        if (auto t = r.text(*it, join_key(path, "label_en"))) s.label_en = *t;
    if (auto it = object.find("requires_eligibility"); it != object.end()) {
        if (auto b = r.boolean(*it, join_key(path, "requires_eligibility"))) s.requires_eligibility = *b;
        else ok = false;
    }
    if (auto it = object.find("fallback"); it != object.end()) {
        if (auto t = r.text(*it, join_key(path, "fallback"))) s.fallback = *t; else ok = false;
    }
    if (s.requires_eligibility && s.fallback.empty()) s.fallback = "standard";

    const std::string events_key = join_key(path, "events");
    auto events = object.find("events");
    if (events == object.end()) {
        r.fail(events_key, tr("events（周期の表）がありません", "the strategy needs its events table"));
        return std::nullopt;
    }
    if (!r.is_array(*events, events_key)) return std::nullopt;
    if (events->empty()) {
        r.fail(events_key, tr("周期の表が空です。最後は建替え（rebuild）が必要です",
                              "the events table is empty; it must end in a rebuild"));
        return std::nullopt;
    }
    for (std::size_t i = 0; i < events->size(); ++i) {
        const json& e = (*events)[i];
        const std::string key = index_key(events_key, i);
        if (!r.is_object(e, key)) { ok = false; continue; }
        r.only_keys(e, key, {"kind", "age", "cost_basis", "factor", "spread", "label_ja", "label_en"});
        StrategyEvent ev;
        bool event_ok = true;
        if (auto it = e.find("kind"); it != e.end()) {
            if (auto t = r.text(*it, join_key(key, "kind"))) ev.kind = *t; else event_ok = false;
        } else {
            r.fail(join_key(key, "kind"), tr("kind がありません", "missing"));
            event_ok = false;
        }
        if (auto it = e.find("age"); it != e.end()) {
            if (auto v = r.integer(*it, join_key(key, "age"), 1, 1000)) ev.age_years = *v; else event_ok = false;
        } else {
            r.fail(join_key(key, "age"), tr("age（経過年数）がありません", "missing (years after the cycle's base year)"));
            event_ok = false;
        }
        if (auto it = e.find("cost_basis"); it != e.end()) {
            auto t = r.text(*it, join_key(key, "cost_basis"));
            auto basis = t ? cost_basis_of(*t) : std::nullopt;
            if (basis) ev.cost_basis = *basis;
            else {
                if (t) r.fail(join_key(key, "cost_basis"), "\"" + *t + "\"" +
                                  tr(": rebuild か renovation を指定してください", ": expected rebuild or renovation"));
                event_ok = false;
            }
        } else {
            r.fail(join_key(key, "cost_basis"), tr("cost_basis（rebuild か renovation）がありません",
                                                   "missing (rebuild or renovation)"));
            event_ok = false;
        }
        if (auto it = e.find("factor"); it != e.end()) {
            if (auto v = r.number(*it, join_key(key, "factor"), 0.0, false)) ev.factor = *v; else event_ok = false;
        }
        if (auto it = e.find("spread"); it != e.end()) {
            if (auto v = r.integer(*it, join_key(key, "spread"), 1, 1000)) ev.spread_years = *v; else event_ok = false;
        }
        if (!event_ok) { ok = false; continue; }
        if (!s.events.empty() && ev.age_years <= s.events.back().age_years) {
            r.fail(join_key(key, "age"), tr("経過年数は昇順（前の行より大きい値）にしてください",
                                            "ages must ascend (greater than the row before)"));
            ok = false;
        }
        const bool last = i + 1 == events->size();
        if (last && ev.kind != "rebuild") {
            r.fail(join_key(key, "kind"), tr("周期の最後は建替え（rebuild）でなければなりません",
                                             "the cycle must end in a rebuild"));
            ok = false;
        }
        if (!last && ev.kind == "rebuild") {
            r.fail(join_key(key, "kind"), tr("建替え（rebuild）は周期の最後に一度だけ置けます",
                                             "a rebuild ends the cycle: only the last event may be a rebuild"));
            ok = false;
        }
        s.events.push_back(ev);
    }
    if (!ok) return std::nullopt;
    return s;
}

void put_strategy(Scenario& s, Strategy strategy) {
    for (auto& existing : s.strategies)
        if (existing.key == strategy.key) {
            existing = std::move(strategy);
            return;
        }
    s.strategies.push_back(std::move(strategy));
}

void read_strategy_list(Scenario& s, Reader& r, const json& value, const std::string& path) {
    if (!r.is_array(value, path)) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string key = index_key(path, i);
        if (auto strategy = read_strategy(r, value[i], key, false)) {
            if (!seen.insert(strategy->key).second)
                r.fail(join_key(key, "key"), "\"" + strategy->key + "\"" +
                                                 tr(" が二度定義されています", " is defined twice"));
            put_strategy(s, std::move(*strategy));
        }
    }
}

// unit_costs.json: the full table of categories.
void read_category_table(Scenario& s, Reader& r, const json& value, const std::string& path) {
    if (!r.is_array(value, path)) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string key = index_key(path, i);
        const json& c = value[i];
        if (!r.is_object(c, key)) continue;
        r.only_keys(c, key, {"key", "name_ja", "name_en", "rebuild_yen_per_m2", "renovation_yen_per_m2"});
        CategoryCost cat;
        bool ok = true;
        for (auto [field, target] : {std::pair<const char*, std::string*>{"key", &cat.key},
                                     {"name_ja", &cat.name_ja}, {"name_en", &cat.name_en}}) {
            auto it = c.find(field);
            if (it == c.end()) { r.fail(join_key(key, field), tr("ありません", "missing")); ok = false; continue; }
            if (auto t = r.text(*it, join_key(key, field))) *target = *t; else ok = false;
        }
        for (auto [field, target] : {std::pair<const char*, double*>{"rebuild_yen_per_m2", &cat.rebuild_yen_per_m2},
                                     {"renovation_yen_per_m2", &cat.renovation_yen_per_m2}}) {
            auto it = c.find(field);
            if (it == c.end()) { r.fail(join_key(key, field), tr("ありません", "missing")); ok = false; continue; }
            if (auto v = r.number(*it, join_key(key, field), 0.0, false)) *target = *v; else ok = false;
        }
        if (!ok) continue;
        if (!seen.insert(cat.key).second) {
            r.fail(join_key(key, "key"), "\"" + cat.key + "\"" + tr(" が二度定義されています", " is defined twice"));
            continue;
        }
        s.categories.push_back(std::move(cat));
    }
}

// Scenario "unit_costs": {"school": {"rebuild_yen_per_m2": …}, …}, partial.
void read_unit_cost_overrides(Scenario& s, Reader& r, const json& value, const std::string& path) {
    if (!r.is_object(value, path)) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string key = join_key(path, it.key());
        auto k = category_key(it.key(), s.categories);
        CategoryCost* cat = nullptr;
        for (auto& c : s.categories)
            if (k && c.key == *k) cat = &c;
        if (!cat) {
            r.fail(key, std::string(tr("不明な分類です。使える値: ", "unknown category; accepted: ")) +
                            accepted_categories(s.categories));
            continue;
        }
        if (!r.is_object(*it, key)) continue;
        r.only_keys(*it, key, {"rebuild_yen_per_m2", "renovation_yen_per_m2"});
        if (auto v = it->find("rebuild_yen_per_m2"); v != it->end())
            if (auto n = r.number(*v, join_key(key, "rebuild_yen_per_m2"), 0.0, false)) cat->rebuild_yen_per_m2 = *n;
        if (auto v = it->find("renovation_yen_per_m2"); v != it->end())
            if (auto n = r.number(*v, join_key(key, "renovation_yen_per_m2"), 0.0, false))
                cat->renovation_yen_per_m2 = *n;
    }
}

void read_method_costs(Reader& r, const json& value, const std::string& key, std::map<std::string, double>& out) {
    if (!r.is_object(value, key)) return;
    for (auto m = value.begin(); m != value.end(); ++m)
        if (auto n = r.number(*m, join_key(key, m.key()), 0.0, false)) out[m.key()] = *n;
}

// infrastructure.json: the full table of asset types.
void read_infra_table(Scenario& s, Reader& r, const json& value, const std::string& path) {
    if (!r.is_array(value, path)) return;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string key = index_key(path, i);
        const json& a = value[i];
        if (!r.is_object(a, key)) continue;
        r.only_keys(a, key, {"key", "name_ja", "name_en", "quantity", "rule", "period_years", "spread",
                             "unit_cost_yen", "method_unit_cost_yen", "kind", "unknown_year"});
        InfraType t;
        bool ok = true;
        for (auto [field, target] : {std::pair<const char*, std::string*>{"key", &t.key},
                                     {"name_ja", &t.name_ja}, {"name_en", &t.name_en},
                                     {"quantity", &t.quantity}, {"kind", &t.kind}}) {
            auto it = a.find(field);
            if (it == a.end()) { r.fail(join_key(key, field), tr("ありません", "missing")); ok = false; continue; }
            if (auto v = r.text(*it, join_key(key, field))) *target = *v; else ok = false;
        }
        if (ok && t.quantity != "area_m2" && t.quantity != "length_m") {
            r.fail(join_key(key, "quantity"), tr("area_m2 か length_m を指定してください", "expected area_m2 or length_m"));
            ok = false;
        }
        if (auto it = a.find("rule"); it == a.end()) {
            r.fail(join_key(key, "rule"), tr("ありません", "missing"));
            ok = false;
        } else if (auto v = r.text(*it, join_key(key, "rule"))) {
            if (*v == "annual") t.rule = InfraType::Rule::annual;
            else if (*v == "cycle") t.rule = InfraType::Rule::cycle;
            else { r.fail(join_key(key, "rule"), tr("annual か cycle を指定してください", "expected annual or cycle")); ok = false; }
        } else ok = false;
        if (auto it = a.find("period_years"); it == a.end()) {
            r.fail(join_key(key, "period_years"), tr("ありません", "missing"));
            ok = false;
        } else if (auto v = r.integer(*it, join_key(key, "period_years"), 1, 1000)) t.period_years = *v;
        else ok = false;
        if (auto it = a.find("spread"); it != a.end()) {
            if (auto v = r.integer(*it, join_key(key, "spread"), 1, 1000)) t.spread_years = *v; else ok = false;
        }
        if (auto it = a.find("unit_cost_yen"); it != a.end() && !it->is_null()) {
            if (auto v = r.number(*it, join_key(key, "unit_cost_yen"), 0.0, false)) t.unit_cost_yen = *v; else ok = false;
        }
        if (auto it = a.find("method_unit_cost_yen"); it != a.end())
            read_method_costs(r, *it, join_key(key, "method_unit_cost_yen"), t.method_unit_cost_yen);
        if (auto it = a.find("unknown_year"); it != a.end()) {
            if (auto v = r.text(*it, join_key(key, "unknown_year"))) {
                if (*v == "annual") t.annual_when_year_unknown = true;
                else if (*v == "error") t.annual_when_year_unknown = false;
                else r.fail(join_key(key, "unknown_year"), tr("annual か error を指定してください", "expected annual or error"));
            }
        }
        if (ok) s.infrastructure.push_back(std::move(t));
    }
}

// Scenario "infrastructure": {"road": {"unit_cost_yen": …}, …}, partial.
void read_infra_overrides(Scenario& s, Reader& r, const json& value, const std::string& path) {
    if (!r.is_object(value, path)) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string key = join_key(path, it.key());
        InfraType* type = nullptr;
        for (auto& t : s.infrastructure)
            if (t.key == it.key()) type = &t;
        if (!type) {
            std::string accepted;
            for (const auto& t : s.infrastructure) accepted += (accepted.empty() ? "" : ", ") + t.key;
            r.fail(key, std::string(tr("不明なインフラ種別です。使える値: ", "unknown asset type; accepted: ")) + accepted);
            continue;
        }
        if (!r.is_object(*it, key)) continue;
        r.only_keys(*it, key, {"unit_cost_yen", "method_unit_cost_yen", "period_years", "spread"});
        if (auto v = it->find("unit_cost_yen"); v != it->end()) {
            if (v->is_null()) type->unit_cost_yen.reset();
            else if (auto n = r.number(*v, join_key(key, "unit_cost_yen"), 0.0, false)) type->unit_cost_yen = *n;
        }
        if (auto v = it->find("method_unit_cost_yen"); v != it->end())
            read_method_costs(r, *v, join_key(key, "method_unit_cost_yen"), type->method_unit_cost_yen);
        if (auto v = it->find("period_years"); v != it->end())
            if (auto n = r.integer(*v, join_key(key, "period_years"), 1, 1000)) type->period_years = *n;
        if (auto v = it->find("spread"); v != it->end())
            if (auto n = r.integer(*v, join_key(key, "spread"), 1, 1000)) type->spread_years = *n;
    }
}

// The keys of a scenario object (scenario_defaults.json and user scenarios).
void read_scenario_object(Scenario& s, Reader& r, const json& object) {
    r.only_keys(object, "",
                {"source", "description", "strategy", "start_year", "horizon", "backlog_years", "done_window_years",
                 "demolition_yen_per_m2", "eligible_structures", "min_concrete_strength", "budget_yen",
                 "urgent_condition", "priority_years", "min_condition_for_life_extension", "unit_costs",
                 "strategies", "kinds", "infrastructure"});
    read_source(s, r, object);
    if (auto it = object.find("description"); it != object.end()) r.text(*it, "description", false);
    // Tables first, so "strategy" and "unit_costs" can refer to what the file adds.
    if (auto it = object.find("kinds"); it != object.end()) read_kinds(s, r, *it, "kinds");
    if (auto it = object.find("strategies"); it != object.end()) {
        read_strategy_list(s, r, *it, "strategies");
        // A file that defines exactly one strategy and names none uses it.
        if (object.find("strategy") == object.end() && it->is_array() && it->size() == 1 &&
            (*it)[0].is_object() && (*it)[0].contains("key") && (*it)[0]["key"].is_string())
            s.strategy = (*it)[0]["key"].get<std::string>();
    }
    if (auto it = object.find("strategy"); it != object.end())
        if (auto t = r.text(*it, "strategy")) s.strategy = *t;
    if (auto it = object.find("start_year"); it != object.end()) {
        if (it->is_null()) s.start_year = 0;
        else if (auto v = r.integer(*it, "start_year", 1868, 9999)) s.start_year = *v;
    }
    if (auto it = object.find("horizon"); it != object.end())
        if (auto v = r.integer(*it, "horizon", 1, 1000)) s.horizon_years = *v;
    if (auto it = object.find("backlog_years"); it != object.end())
        if (auto v = r.integer(*it, "backlog_years", 1, 1000)) s.backlog_years = *v;
    if (auto it = object.find("done_window_years"); it != object.end())
        if (auto v = r.integer(*it, "done_window_years", 0, 1000)) s.done_window_years = *v;
    if (auto it = object.find("demolition_yen_per_m2"); it != object.end())
        if (auto v = r.number(*it, "demolition_yen_per_m2", 0.0, false)) s.demolition_yen_per_m2 = *v;
    if (auto it = object.find("min_concrete_strength"); it != object.end())
        if (auto v = r.number(*it, "min_concrete_strength", 0.0, false)) s.min_concrete_strength = *v;
    if (auto it = object.find("budget_yen"); it != object.end()) {
        if (it->is_null()) s.budget_yen.reset();
        else if (auto v = r.number(*it, "budget_yen", 0.0, true)) s.budget_yen = *v;
    }
    if (auto it = object.find("urgent_condition"); it != object.end())
        if (auto v = r.number(*it, "urgent_condition", 0.0, false)) s.urgent_condition = *v;
    if (auto it = object.find("priority_years"); it != object.end())
        if (auto v = r.integer(*it, "priority_years", 1, 1000)) s.priority_years = *v;
    if (auto it = object.find("min_condition_for_life_extension"); it != object.end()) {
        if (it->is_null()) s.min_condition_for_life_extension.reset();
        else if (auto v = r.number(*it, "min_condition_for_life_extension", 0.0, false))
            s.min_condition_for_life_extension = *v;
    }
    if (auto it = object.find("eligible_structures"); it != object.end()) {
        if (r.is_array(*it, "eligible_structures")) {
            std::vector<std::string> list;
            for (std::size_t i = 0; i < it->size(); ++i)
                if (auto t = r.text((*it)[i], index_key("eligible_structures", i))) list.push_back(*t);
            s.eligible_structures = std::move(list);
        }
    }
    if (auto it = object.find("unit_costs"); it != object.end()) read_unit_cost_overrides(s, r, *it, "unit_costs");
    if (auto it = object.find("infrastructure"); it != object.end())
        read_infra_overrides(s, r, *it, "infrastructure");
}

// ---------------------------------------------------------------------------
// Width folding for category names (lifecycle.md "Default unit costs").

// Half-width katakana U+FF61…U+FF9D → full-width.
constexpr char32_t kHalfKana[] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5,
    0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
    0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC,
    0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4,
    0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3};

bool takes_dakuten(char32_t c) {
    return (c >= 0x30AB && c <= 0x30C2 && (c - 0x30AB) % 2 == 0) || c == 0x30C4 || c == 0x30C6 || c == 0x30C8 ||
           (c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0);
}

bool takes_handakuten(char32_t c) { return c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0; }

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) {  // not UTF-8: keep the byte as is
            out.push_back(c);
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

const std::vector<CategoryCost>& default_categories() {
    // Read once: the importer asks for every row.
    static const std::vector<CategoryCost> categories = [] {
        Scenario s;
        const std::string path = data_path("lifecycle/unit_costs.json");
        Reader r(path);
        const json doc = read_json_file(path);
        if (r.is_object(doc, "(file)")) {
            r.only_keys(doc, "", {"source", "categories"});
            if (auto it = doc.find("categories"); it != doc.end()) read_category_table(s, r, *it, "categories");
            else r.fail("categories", tr("ありません", "missing"));
        }
        r.throw_if_failed();
        return s.categories;
    }();
    return categories;
}

} // namespace

// ---------------------------------------------------------------------------

const Strategy* Scenario::find_strategy(std::string_view key) const noexcept {
    for (const auto& s : strategies)
        if (s.key == key) return &s;
    return nullptr;
}

const CategoryCost* Scenario::find_category(std::string_view key) const noexcept {
    for (const auto& c : categories)
        if (c.key == key) return &c;
    return nullptr;
}

const InfraType* Scenario::find_infra(std::string_view key) const noexcept {
    for (const auto& t : infrastructure)
        if (t.key == key) return &t;
    return nullptr;
}

std::string Scenario::kind_label(std::string_view kind) const {
    auto it = kinds.find(std::string(kind));
    if (it == kinds.end()) return std::string(kind);
    return language() == Lang::ja ? it->second.ja : it->second.en;
}

std::string Scenario::strategy_label(std::string_view key) const {
    const Strategy* s = find_strategy(key);
    if (!s) return std::string(key);
    return language() == Lang::ja ? s->label_ja : s->label_en;
}

std::string category_match_key(std::string_view utf8) {
    const std::u32string in = decode_utf8(utf8);
    std::u32string folded;
    folded.reserve(in.size());
    for (char32_t c : in) {
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
        else if (c == 0x3000) c = U' ';
        if (c == 0xFF9E || c == 0xFF9F) {  // half-width (han)dakuten joins the kana before it
            if (!folded.empty() && c == 0xFF9E && takes_dakuten(folded.back())) { folded.back() += 1; continue; }
            if (!folded.empty() && c == 0xFF9E && folded.back() == 0x30A6) { folded.back() = 0x30F4; continue; }
            if (!folded.empty() && c == 0xFF9F && takes_handakuten(folded.back())) { folded.back() += 2; continue; }
            c = c == 0xFF9E ? 0x309B : 0x309C;
        } else if (c >= 0xFF61 && c <= 0xFF9D) {
            c = kHalfKana[c - 0xFF61];
        }
        if (c >= U'A' && c <= U'Z') c += 32;
        if (c == U' ' || c == U'\t' || c == U'_' || c == U'-' || c == 0x30FB) continue;  // ・
        folded.push_back(c);
    }
    const std::u32string suffix = U"施設";
    if (folded.size() > suffix.size() && folded.compare(folded.size() - suffix.size(), suffix.size(), suffix) == 0)
        folded.resize(folded.size() - suffix.size());
    std::string out;
    out.reserve(folded.size() * 3);
    for (char32_t c : folded) append_utf8(out, c);
    return out;
}

std::optional<std::string> category_key(std::string_view text, const std::vector<CategoryCost>& categories) {
    for (const auto& c : categories)  // the common case: the key itself
        if (c.key == text) return c.key;
    const std::string key = category_match_key(text);
    if (key.empty()) return std::nullopt;
    for (const auto& c : categories)
        if (key == category_match_key(c.key) || key == category_match_key(c.name_ja)) return c.key;
    return std::nullopt;
}

std::optional<std::string> category_key(std::string_view text) { return category_key(text, default_categories()); }

std::string accepted_categories(const std::vector<CategoryCost>& categories) {
    std::string out;
    for (const auto& c : categories) out += (out.empty() ? "" : ", ") + c.key + " (" + c.name_ja + ")";
    return out;
}

std::string accepted_categories() { return accepted_categories(default_categories()); }

Scenario load_defaults() {
    Scenario s;
    s.strategies.clear();
    s.categories.clear();
    const std::string files[] = {"lifecycle/unit_costs.json", "lifecycle/strategies.json",
                                 "lifecycle/infrastructure.json", "lifecycle/scenario_defaults.json"};
    for (const auto& relative : files) {
        const std::string path = data_path(relative);
        const json doc = read_json_file(path);
        Reader r(path);
        if (!r.is_object(doc, "(file)")) r.throw_if_failed();
        if (relative == files[0]) {
            r.only_keys(doc, "", {"source", "categories"});
            read_source(s, r, doc);
            if (auto it = doc.find("categories"); it != doc.end()) read_category_table(s, r, *it, "categories");
            else r.fail("categories", tr("ありません", "missing"));
        } else if (relative == files[1]) {
            r.only_keys(doc, "", {"source", "kinds", "strategies"});
            read_source(s, r, doc);
            if (auto it = doc.find("kinds"); it != doc.end()) read_kinds(s, r, *it, "kinds");
            if (auto it = doc.find("strategies"); it != doc.end()) read_strategy_list(s, r, *it, "strategies");
            else r.fail("strategies", tr("ありません", "missing"));
        } else if (relative == files[2]) {
            r.only_keys(doc, "", {"source", "asset_types"});
            read_source(s, r, doc);
            if (auto it = doc.find("asset_types"); it != doc.end()) read_infra_table(s, r, *it, "asset_types");
            else r.fail("asset_types", tr("ありません", "missing"));
        } else {
            // Every default lives in the data file, not in code (STYLE 10).
            for (const char* key : {"strategy", "horizon", "backlog_years", "done_window_years",
                                    "demolition_yen_per_m2", "eligible_structures", "min_concrete_strength",
                                    "budget_yen", "urgent_condition", "priority_years",
                                    "min_condition_for_life_extension"})
                if (!doc.contains(key)) r.fail(key, tr("既定値がありません", "the default is missing"));
            read_scenario_object(s, r, doc);
        }
        r.throw_if_failed();
    }
    validate(s, data_path("lifecycle/scenario_defaults.json"));
    return s;
}

void apply_file(Scenario& s, const std::string& path) {
    const json doc = read_json_file(path);
    Reader r(path);
    if (!r.is_object(doc, "(file)")) r.throw_if_failed();
    if (doc.contains("events")) {
        // (a) one strategy in table form; the scenario then uses it.
        if (auto it = doc.find("kinds"); it != doc.end()) read_kinds(s, r, *it, "kinds");
        read_source(s, r, doc);
        if (auto it = doc.find("description"); it != doc.end()) r.text(*it, "description", false);
        if (auto strategy = read_strategy(r, doc, "", true)) {
            s.strategy = strategy->key;
            put_strategy(s, std::move(*strategy));
        }
    } else {
        // (b) a scenario overriding any default.
        read_scenario_object(s, r, doc);
    }
    r.throw_if_failed();
    s.scenario_file = path;
    validate(s, path);
}

void validate(const Scenario& s, const std::string& file) {
    Reader r(file);
    std::set<std::string> keys;
    for (const auto& strategy : s.strategies) {
        const std::string key = "strategies." + strategy.key;
        if (!keys.insert(strategy.key).second)
            r.fail(key, tr("同じキーの戦略が二つあります", "two strategies have this key"));
        if (strategy.events.empty() || strategy.events.back().kind != "rebuild")
            r.fail(key + ".events", tr("周期の最後は建替え（rebuild）でなければなりません", "the cycle must end in a rebuild"));
        for (std::size_t i = 0; i < strategy.events.size(); ++i) {
            const auto& e = strategy.events[i];
            const std::string ek = index_key(key + ".events", i);
            if (e.spread_years < 1) r.fail(ek + ".spread", tr("1 以上が必要です", "must be at least 1"));
            if (e.age_years < 1 || (i > 0 && e.age_years <= strategy.events[i - 1].age_years))
                r.fail(ek + ".age", tr("経過年数は 1 以上の昇順にしてください", "ages must be ≥ 1 and ascend"));
            if (!(e.factor >= 0.0) || !std::isfinite(e.factor))
                r.fail(ek + ".factor", tr("0 以上の数値が必要です", "must be a number ≥ 0"));
            if (e.kind == "rebuild" && i + 1 != strategy.events.size())
                r.fail(ek + ".kind", tr("建替え（rebuild）は周期の最後だけに置けます", "only the last event may be a rebuild"));
        }
        if (strategy.requires_eligibility) {
            const Strategy* fallback = s.find_strategy(strategy.fallback);
            if (!fallback)
                r.fail(key + ".fallback", "\"" + strategy.fallback + "\"" +
                                              tr(" という戦略はありません", " is not a defined strategy"));
            else if (fallback->requires_eligibility)
                r.fail(key + ".fallback", tr("代替の戦略は適格性を要しないものにしてください",
                                             "the fallback must not itself require eligibility"));
        }
    }
    if (!s.find_strategy(s.strategy)) {
        std::string accepted;
        for (const auto& strategy : s.strategies) accepted += (accepted.empty() ? "" : ", ") + strategy.key;
        r.fail("strategy", "\"" + s.strategy + "\"" + tr(" という戦略はありません。使える値: ",
                                                          " is not a defined strategy; accepted: ") + accepted);
    }
    if (s.categories.empty()) r.fail("unit_costs", tr("分類がありません", "no categories"));
    for (const auto& c : s.categories)
        if (!(c.rebuild_yen_per_m2 >= 0.0) || !(c.renovation_yen_per_m2 >= 0.0))
            r.fail("unit_costs." + c.key, tr("単価は 0 以上にしてください", "unit costs must be ≥ 0"));
    if (s.start_year != 0 && (s.start_year < 1868 || s.start_year > 9999))
        r.fail("start_year", tr("1868 以降の年度が必要です", "expected a fiscal year from 1868"));
    if (s.horizon_years < 1) r.fail("horizon", tr("1 以上が必要です", "must be at least 1"));
    if (s.backlog_years < 1) r.fail("backlog_years", tr("1 以上が必要です", "must be at least 1"));
    if (s.done_window_years < 0) r.fail("done_window_years", tr("0 以上が必要です", "must be ≥ 0"));
    if (!(s.demolition_yen_per_m2 >= 0.0)) r.fail("demolition_yen_per_m2", tr("0 以上が必要です", "must be ≥ 0"));
    if (s.budget_yen && !(*s.budget_yen > 0.0)) r.fail("budget_yen", tr("正の値が必要です", "must be > 0"));
    if (!(s.urgent_condition >= 0.0 && s.urgent_condition <= 100.0))
        r.fail("urgent_condition", tr("0〜100 の健全度が必要です", "expected a condition (健全度) in [0, 100]"));
    if (s.priority_years < 1) r.fail("priority_years", tr("1 以上が必要です", "must be at least 1"));
    if (s.min_condition_for_life_extension &&
        !(*s.min_condition_for_life_extension >= 0.0 && *s.min_condition_for_life_extension <= 100.0))
        r.fail("min_condition_for_life_extension", tr("0〜100 の健全度が必要です", "expected a condition (健全度) in [0, 100]"));
    r.throw_if_failed();
}

Scenario load_scenario(const std::string& strategy_arg, std::optional<int> start_year, std::optional<int> horizon,
                       std::optional<double> budget_yen) {
    Scenario s = load_defaults();
    if (s.find_strategy(strategy_arg)) {
        s.strategy = strategy_arg;
    } else {
        std::error_code ec;
        const bool is_file = std::filesystem::is_regular_file(strategy_arg, ec);
        const bool looks_like_path = strategy_arg.find('/') != std::string::npos ||
                                     strategy_arg.find('\\') != std::string::npos ||
                                     (strategy_arg.size() > 5 && strategy_arg.ends_with(".json"));
        if (!is_file && !looks_like_path) {
            std::string accepted;
            for (const auto& strategy : s.strategies) accepted += strategy.key + ", ";
            throw InputError({InputProblem{"", 0, "--strategy",
                                           "\"" + strategy_arg + "\"" +
                                               tr(" という戦略はありません。使える値: ", " is not a strategy; accepted: ") +
                                               accepted + tr("または JSON ファイル", "or a JSON file")}});
        }
        apply_file(s, strategy_arg);
    }
    // Command-line values win over the file (lifecycle.md "Terms").
    std::vector<InputProblem> problems;
    if (start_year) {
        if (*start_year < 1868 || *start_year > 9999)
            problems.push_back({"", 0, "--start-year", tr("1868 以降の年度が必要です", "expected a fiscal year from 1868")});
        s.start_year = *start_year;
    }
    if (horizon) {
        if (*horizon < 1 || *horizon > 1000)
            problems.push_back({"", 0, "--horizon", tr("1～1000 年が必要です", "expected 1 to 1000 years")});
        s.horizon_years = *horizon;
    }
    if (budget_yen) {
        if (!(*budget_yen > 0.0) || !std::isfinite(*budget_yen))
            problems.push_back({"", 0, "--budget", tr("正の金額（円）が必要です", "expected a positive amount in yen")});
        s.budget_yen = *budget_yen;
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    if (s.start_year == 0) s.start_year = current_fiscal_year();
    return s;
}

} // namespace shisetsu::lifecycle
