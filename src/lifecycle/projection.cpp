#include "lifecycle/projection.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "lifecycle/condition.hpp"
#include "lifecycle/residual.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shisetsu::lifecycle {

namespace {

bool same_ascii_nocase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
        if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
        if (x != y) return false;
    }
    return true;
}

// A strategy event reduced to indices for the inner loop (STYLE: no string
// maps there).
struct CompiledEvent {
    std::uint16_t kind = 0;
    int age_years = 0;
    int spread_years = 1;
    bool rebuild = false;  // ends the cycle
};

struct CompiledStrategy {
    std::vector<CompiledEvent> events;
    std::vector<double> unit_yen_per_m2;  // [category × events.size() + event]
    bool requires_eligibility = false;
    int fallback = -1;
};

class Engine {
public:
    Engine(const Scenario& s, Projection& p) : s_(s), p_(p) {
        y0_ = s.start_year;
        horizon_ = s.horizon_years;
        y_end_ = y0_ + horizon_ - 1;

        // Kinds: those of every strategy, then demolition and the
        // infrastructure kinds; unused ones are dropped at the end.
        for (const auto& strategy : s.strategies)
            for (const auto& e : strategy.events) kind_index(e.kind);
        demolition_kind_ = kind_index("demolition");
        for (const auto& t : s.infrastructure) infra_kind_.push_back(kind_index(t.kind));

        for (const auto& c : s.categories) p.categories.push_back(c.key);
        p.first_infrastructure_category = p.categories.size();
        for (const auto& t : s.infrastructure) p.categories.push_back(t.key);

        std::size_t longest = 1;
        for (std::size_t si = 0; si < s.strategies.size(); ++si) {
            const Strategy& strategy = s.strategies[si];
            CompiledStrategy cs;
            cs.requires_eligibility = strategy.requires_eligibility;
            for (std::size_t k = 0; k < s.strategies.size(); ++k)
                if (s.strategies[k].key == strategy.fallback) cs.fallback = static_cast<int>(k);
            for (const auto& e : strategy.events)
                cs.events.push_back({kind_index(e.kind), e.age_years, e.spread_years, e.kind == "rebuild"});
            for (const auto& c : s.categories)
                for (const auto& e : strategy.events) cs.unit_yen_per_m2.push_back(e.unit_cost_yen_per_m2(c));
            longest = std::max(longest, strategy.events.size());
            strategies_.push_back(std::move(cs));
            if (strategy.key == s.strategy) chosen_ = static_cast<int>(si);
        }
        status_.resize(longest);

        kinds_ = p.kinds.size();
        categories_ = p.categories.size();
        const auto years = static_cast<std::size_t>(horizon_);
        p.total_yen.assign(years, 0.0);
        p.backlog_yen.assign(years, 0.0);
        p.kind_yen.assign(years * kinds_, 0.0);
        p.category_yen.assign(years * categories_, 0.0);
    }

    void project_buildings(const std::vector<Building>& buildings) {
        p_.buildings.reserve(buildings.size());
        p_.events.reserve(buildings.size() * 4 + 16);
        for (std::size_t bi = 0; bi < buildings.size(); ++bi) {
            const Building& b = buildings[bi];
            BuildingResult r;
            r.building_id = b.building_id;
            r.floor_area_m2 = b.floor_area_m2;
            r.year_built = b.year_built;
            r.status = b.status.empty() ? "in_use" : b.status;
            r.condition = b.condition;
            r.part_ratings = b.part_ratings;
            r.first_event = static_cast<std::uint32_t>(p_.events.size());
            owner_ = static_cast<std::uint32_t>(bi);
            is_asset_ = false;

            if (b.category.empty()) {  // inventory.md: reported, not guessed
                p_.uncategorized.push_back(b.building_id);
                p_.buildings.push_back(std::move(r));
                continue;
            }
            const int category = category_index(b.category);
            bool ok = true;
            if (category < 0) {
                building_problem(b, "category", "\"" + b.category + "\"" +
                                                    tr(" は分類として不明です。使える値: ",
                                                       " is not a known category; accepted: ") +
                                                    accepted_categories(s_.categories));
                ok = false;
            }
            if (!(b.floor_area_m2 > 0.0) || !std::isfinite(b.floor_area_m2)) {
                building_problem(b, "floor_area_m2", tr("延床面積は正の値が必要です", "floor area must be > 0"));
                ok = false;
            }
            const bool in_use = r.status == "in_use";
            if (!in_use && r.status != "closed" && r.status != "demolish") {
                building_problem(b, "status", "\"" + b.status + "\"" +
                                                  tr(": in_use, closed, demolish のいずれかが必要です",
                                                     ": expected in_use, closed or demolish"));
                ok = false;
            }
            if (in_use && b.year_built <= 0) {
                building_problem(b, "year_built", tr("建築年度がありません", "year built is missing"));
                ok = false;
            }
            r.category = category;
            if (!ok) {
                p_.buildings.push_back(std::move(r));
                continue;
            }
            category_used_[static_cast<std::size_t>(category)] = true;

            if (in_use) {
                // lifecycle.md "Strategies": ineligible buildings follow the fallback.
                int strategy = chosen_;
                const CompiledStrategy* cs = &strategies_[static_cast<std::size_t>(strategy)];
                if (cs->requires_eligibility && !eligible_for_life_extension(b, s_)) {
                    strategy = cs->fallback;
                    cs = &strategies_[static_cast<std::size_t>(strategy)];
                }
                r.strategy = strategy;
                strategy_used_[static_cast<std::size_t>(strategy)] = true;
                r.urgent = is_urgent(b, s_.urgent_condition);
                if (!b.condition) ++p_.without_condition;
                const std::size_t m = cs->events.size();
                walk(cs->events.data(), m, cs->unit_yen_per_m2.data() + static_cast<std::size_t>(category) * m,
                     b.floor_area_m2, category, b.year_built, b.last_renovation_year, r.urgent);
            } else if (r.status == "demolish" && b.demolish_year) {
                // Rule 4: demolition unit cost × A in demolish_year. A year
                // already past is overdue and handled as backlog (rule 3).
                const int d = *b.demolish_year;
                if (d <= y_end_) {
                    const double cost = s_.demolition_yen_per_m2 * b.floor_area_m2;
                    if (d >= y0_) emit_scheduled(demolition_kind_, d, 1, cost, category);
                    else emit_backlog(demolition_kind_, d, 1, cost, category);
                }
            }
            r.event_count = static_cast<std::uint32_t>(p_.events.size() - r.first_event);
            p_.buildings.push_back(std::move(r));
        }
    }

    void project_assets(const std::vector<InfraAsset>& assets) {
        p_.assets.reserve(assets.size());
        for (std::size_t ai = 0; ai < assets.size(); ++ai) {
            const InfraAsset& a = assets[ai];
            AssetResult r;
            r.asset_id = a.asset_id;
            r.quantity = a.quantity;
            r.first_event = static_cast<std::uint32_t>(p_.events.size());
            owner_ = static_cast<std::uint32_t>(ai);
            is_asset_ = true;

            std::size_t type_index = s_.infrastructure.size();
            for (std::size_t t = 0; t < s_.infrastructure.size(); ++t)
                if (s_.infrastructure[t].key == a.asset_type) type_index = t;
            if (type_index == s_.infrastructure.size()) {
                std::string accepted;
                for (const auto& t : s_.infrastructure) accepted += (accepted.empty() ? "" : ", ") + t.key;
                asset_problem(a, "asset_type", "\"" + a.asset_type + "\"" +
                                                   tr(" はインフラ種別として不明です。使える値: ",
                                                      " is not a known asset type; accepted: ") + accepted);
                p_.assets.push_back(std::move(r));
                continue;
            }
            const InfraType& type = s_.infrastructure[type_index];
            const int category = static_cast<int>(p_.first_infrastructure_category + type_index);
            r.category = category;
            bool ok = true;
            if (!(a.quantity > 0.0) || !std::isfinite(a.quantity)) {
                asset_problem(a, "quantity", tr("数量（面積または延長）は正の値が必要です",
                                                "quantity (area or length) must be > 0"));
                ok = false;
            }
            // The asset's own unit cost overrides the default (model.hpp);
            // a sewer's method picks 更生管 (lifecycle.md "Infrastructure").
            std::optional<double> unit = type.unit_cost_yen;
            if (a.unit_cost_yen) {
                unit = *a.unit_cost_yen;
                if (!(*unit >= 0.0) || !std::isfinite(*unit)) {
                    asset_problem(a, "unit_cost_yen", tr("単価は 0 以上が必要です", "unit cost must be ≥ 0"));
                    ok = false;
                }
            } else if (!a.method.empty() && !type.method_unit_cost_yen.empty()) {
                auto it = type.method_unit_cost_yen.find(a.method);
                if (it != type.method_unit_cost_yen.end()) {
                    unit = it->second;
                } else {
                    std::string accepted;
                    for (const auto& [method, cost] : type.method_unit_cost_yen) accepted += ", " + method;
                    asset_problem(a, "method", "\"" + a.method + "\"" +
                                                   tr(" は工法として不明です。使える値: （空欄）",
                                                      " is not a known method; accepted: (blank)") + accepted);
                    ok = false;
                }
            }
            if (!unit) {
                asset_problem(a, "unit_cost_yen", std::string(tr("単価が必要です（", "a unit cost is required (")) +
                                                      (type.quantity == "length_m" ? tr("円/m", "yen/m")
                                                                                   : tr("円/㎡", "yen/m²")) +
                                                      tr("）", ")"));
                ok = false;
            }
            const bool annual = type.rule == InfraType::Rule::annual ||
                                (!a.year_built && type.annual_when_year_unknown);
            if (!annual && !a.year_built) {
                asset_problem(a, "year_built", tr("整備年度（布設年度）が必要です", "the year built or laid is required"));
                ok = false;
            }
            if (!ok) {
                p_.assets.push_back(std::move(r));
                continue;
            }
            category_used_[static_cast<std::size_t>(category)] = true;
            const std::uint16_t kind = infra_kind_[type_index];
            if (annual) {
                // quantity/period renewed every year (roads; bridges of unknown year).
                const double cost = a.quantity / type.period_years * *unit;
                for (int y = y0_; y <= y_end_; ++y) emit_scheduled(kind, y, 1, cost, category);
            } else {
                const CompiledEvent renewal{kind, type.period_years, type.spread_years, true};
                walk(&renewal, 1, &*unit, a.quantity, category, *a.year_built, std::nullopt, false);
            }
            r.event_count = static_cast<std::uint32_t>(p_.events.size() - r.first_event);
            p_.assets.push_back(std::move(r));
        }
    }

    void finish() {
        if (!problems_.empty()) throw InputError(std::move(problems_));
        // Keep the kinds of the strategies followed and every kind that has an
        // event; keep the categories that have a building or asset.
        std::vector<bool> kind_used(kinds_, false);
        for (std::size_t si = 0; si < strategies_.size(); ++si)
            if (strategy_used_[si])
                for (const auto& e : strategies_[si].events) kind_used[e.kind] = true;
        for (const auto& e : p_.events) kind_used[e.kind] = true;

        std::vector<int> kind_map(kinds_, -1), category_map(categories_, -1);
        std::vector<std::string> kinds, categories;
        for (std::size_t k = 0; k < kinds_; ++k)
            if (kind_used[k]) {
                kind_map[k] = static_cast<int>(kinds.size());
                kinds.push_back(p_.kinds[k]);
            }
        std::size_t first_infra = 0;
        for (std::size_t c = 0; c < categories_; ++c) {
            if (c == p_.first_infrastructure_category) first_infra = categories.size();
            if (category_used_[c]) {
                category_map[c] = static_cast<int>(categories.size());
                categories.push_back(p_.categories[c]);
            }
        }
        if (p_.first_infrastructure_category >= categories_) first_infra = categories.size();

        const auto years = static_cast<std::size_t>(horizon_);
        std::vector<double> kind_yen(years * kinds.size()), category_yen(years * categories.size());
        for (std::size_t y = 0; y < years; ++y) {
            for (std::size_t k = 0; k < kinds_; ++k)
                if (kind_map[k] >= 0) kind_yen[y * kinds.size() + static_cast<std::size_t>(kind_map[k])] =
                                          p_.kind_yen[y * kinds_ + k];
            for (std::size_t c = 0; c < categories_; ++c)
                if (category_map[c] >= 0)
                    category_yen[y * categories.size() + static_cast<std::size_t>(category_map[c])] =
                        p_.category_yen[y * categories_ + c];
        }
        for (auto& e : p_.events) e.kind = static_cast<std::uint16_t>(kind_map[e.kind]);
        for (auto& b : p_.buildings)
            if (b.category >= 0) b.category = category_map[static_cast<std::size_t>(b.category)];
        for (auto& a : p_.assets)
            if (a.category >= 0) a.category = category_map[static_cast<std::size_t>(a.category)];
        p_.kinds = std::move(kinds);
        p_.categories = std::move(categories);
        p_.first_infrastructure_category = first_infra;
        p_.kind_yen = std::move(kind_yen);
        p_.category_yen = std::move(category_yen);

        double total = 0.0;
        for (double v : p_.total_yen) total += v;
        p_.horizon_total_yen = total;
        p_.annual_average_yen = total / horizon_;
    }

    void prepare_flags() {
        category_used_.assign(categories_, false);
        strategy_used_.assign(strategies_.size(), false);
    }

private:
    std::uint16_t kind_index(const std::string& kind) {
        for (std::size_t k = 0; k < p_.kinds.size(); ++k)
            if (p_.kinds[k] == kind) return static_cast<std::uint16_t>(k);
        p_.kinds.push_back(kind);
        return static_cast<std::uint16_t>(p_.kinds.size() - 1);
    }

    int category_index(const std::string& text) {
        for (std::size_t c = 0; c < s_.categories.size(); ++c)
            if (s_.categories[c].key == text) return static_cast<int>(c);
        // A Japanese 大分類 name: fold once per distinct text.
        for (const auto& [name, index] : name_cache_)
            if (name == text) return index;
        int index = -1;
        if (auto key = category_key(text, s_.categories))
            for (std::size_t c = 0; c < s_.categories.size(); ++c)
                if (s_.categories[c].key == *key) index = static_cast<int>(c);
        name_cache_.emplace_back(text, index);
        return index;
    }

    void building_problem(const Building& b, const char* column, const std::string& message) {
        problems_.push_back(InputProblem{"buildings", 0, column, b.building_id + ": " + message});
    }
    void asset_problem(const InfraAsset& a, const char* column, const std::string& message) {
        problems_.push_back(InputProblem{"infrastructure", 0, column, a.asset_id + ": " + message});
    }

    // Adds equal parts of `amount` to years from … from+n−1 inside the
    // horizon; returns what was counted.
    double pay(int from, int n, double amount, std::uint16_t kind, int category, bool backlog) {
        const double part = amount / n;
        const int last = std::min(from + n - 1, y_end_);
        double counted = 0.0;
        for (int y = std::max(from, y0_); y <= last; ++y) {
            const auto i = static_cast<std::size_t>(y - y0_);
            p_.total_yen[i] += part;
            p_.kind_yen[i * kinds_ + kind] += part;
            p_.category_yen[i * categories_ + static_cast<std::size_t>(category)] += part;
            if (backlog) p_.backlog_yen[i] += part;
            counted += part;
        }
        return counted;
    }

    void push(std::uint16_t kind, EventStatus status, int year, int spread, int backlog_years, double cost,
              double counted) {
        Event e;
        e.owner = owner_;
        e.is_asset = is_asset_;
        e.kind = kind;
        e.status = status;
        e.year = year;
        e.spread_years = spread;
        e.backlog_years = backlog_years;
        e.cost_yen = cost;
        e.in_horizon_yen = counted;
        p_.events.push_back(e);
    }

    // Rule 2: paid in years e … e+n−1, parts after Y0+H−1 not counted.
    void emit_scheduled(std::uint16_t kind, int year, int spread, double cost, int category) {
        push(kind, EventStatus::scheduled, year, spread, 0, cost,
             pay(year, spread, cost, kind, category, false));
    }

    // Rule 3: the full cost spread evenly over Y0 … Y0+backlog_years−1.
    void emit_backlog(std::uint16_t kind, int year, int spread, double cost, int category) {
        push(kind, EventStatus::backlog, year, spread, s_.backlog_years, cost,
             pay(y0_, s_.backlog_years, cost, kind, category, true));
    }

    // lifecycle.md "Condition", urgency: in the first cycle (based on the
    // year built), when its rebuild is not overdue and none of its other
    // works is backlog or due before Y0 + backlog_years, the first one due
    // at or after Y0 + backlog_years becomes backlog. Returns its index, or
    // m when nothing changes. Events past the horizon have no status yet;
    // rule 1 (done) is applied to them here.
    std::size_t urgent_event(const CompiledEvent* events, std::size_t m, std::size_t in_horizon, int base,
                             std::optional<int> last_renovation_year) const {
        if (base + events[m - 1].age_years < y0_) return m;  // an overdue rebuild covers it
        for (std::size_t k = 0; k < in_horizon; ++k) {
            if (events[k].rebuild) continue;
            const int e = base + events[k].age_years;
            if (status_[k] == EventStatus::backlog ||
                (status_[k] == EventStatus::scheduled && e < y0_ + s_.backlog_years))
                return m;  // the work already due covers it
        }
        for (std::size_t k = 0; k + 1 < m; ++k) {
            const int e = base + events[k].age_years;
            if (events[k].rebuild || e < y0_ + s_.backlog_years) continue;
            const bool done = k < in_horizon ? status_[k] == EventStatus::done
                                             : last_renovation_year && e <= *last_renovation_year + s_.done_window_years;
            if (!done) return k;
        }
        return m;
    }

    // lifecycle.md "Scheduling rules": walks the cycles from `base` until an
    // event year passes the horizon. `unit` holds the unit cost of each
    // event (per m² or m), `quantity` the floor area or quantity.
    void walk(const CompiledEvent* events, std::size_t m, const double* unit, double quantity, int category,
              int base, std::optional<int> last_renovation_year, bool urgent) {
        for (bool first_cycle = true;; first_cycle = false) {
            // Events of this cycle up to the horizon's end ("stop once event
            // years pass the horizon"; ages ascend).
            std::size_t in_horizon = 0;
            while (in_horizon < m && base + events[in_horizon].age_years <= y_end_) ++in_horizon;

            int kept = -1;  // the most comprehensive overdue non-rebuild event
            for (std::size_t k = 0; k < in_horizon; ++k) {
                const int e = base + events[k].age_years;
                if (!events[k].rebuild && last_renovation_year &&
                    e <= *last_renovation_year + s_.done_window_years) {
                    status_[k] = EventStatus::done;        // rule 1
                } else if (e >= y0_) {
                    status_[k] = EventStatus::scheduled;   // rule 2
                } else if (events[k].rebuild) {
                    status_[k] = EventStatus::backlog;     // rule 3: an overdue rebuild is always backlog
                } else {
                    // Rule 3, first exception: only the highest unit cost
                    // (on a tie the latest, hence >=) survives; the others
                    // are skipped.
                    status_[k] = EventStatus::skipped;
                    if (kept < 0 || unit[k] >= unit[static_cast<std::size_t>(kept)]) kept = static_cast<int>(k);
                }
            }
            if (kept >= 0) {
                // Rule 3, second exception: skipped too when the next later
                // event with a unit cost at least its own (the rebuild at
                // the latest) falls before Y0 + 10. The 10 years are the
                // backlog period: renovating inside it would be paid while
                // the replacement is already due.
                const auto k = static_cast<std::size_t>(kept);
                std::size_t j = k + 1;
                while (j + 1 < m && unit[j] < unit[k]) ++j;
                if (base + events[j].age_years >= y0_ + s_.backlog_years) status_[k] = EventStatus::backlog;
            }
            const std::size_t brought = urgent && first_cycle
                                            ? urgent_event(events, m, in_horizon, base, last_renovation_year)
                                            : m;
            const std::size_t last = brought < m ? std::max(in_horizon, brought + 1) : in_horizon;
            for (std::size_t k = 0; k < last; ++k) {
                const CompiledEvent& ev = events[k];
                const int e = base + ev.age_years;
                const double cost = unit[k] * quantity;
                if (k == brought) {
                    emit_backlog(ev.kind, e, ev.spread_years, cost, category);
                    p_.events.back().condition = true;
                    continue;
                }
                if (k >= in_horizon) continue;  // past the horizon, before the one brought forward
                switch (status_[k]) {
                case EventStatus::scheduled: emit_scheduled(ev.kind, e, ev.spread_years, cost, category); break;
                case EventStatus::backlog: emit_backlog(ev.kind, e, ev.spread_years, cost, category); break;
                case EventStatus::done:
                case EventStatus::skipped: push(ev.kind, status_[k], e, ev.spread_years, 0, 0.0, 0.0); break;
                }
            }
            if (in_horizon < m) return;  // the rebuild is past the horizon
            // The rebuild starts the next cycle; an overdue one at Y0 (rule 3).
            base = std::max(base + events[m - 1].age_years, y0_);
        }
    }

    const Scenario& s_;
    Projection& p_;
    int y0_ = 0, y_end_ = 0, horizon_ = 0;
    std::size_t kinds_ = 0, categories_ = 0;
    std::vector<CompiledStrategy> strategies_;
    int chosen_ = 0;
    std::uint16_t demolition_kind_ = 0;
    std::vector<std::uint16_t> infra_kind_;
    std::vector<EventStatus> status_;
    std::vector<bool> category_used_, strategy_used_;
    std::vector<std::pair<std::string, int>> name_cache_;
    std::vector<InputProblem> problems_;
    std::uint32_t owner_ = 0;
    bool is_asset_ = false;
};

} // namespace

double discounted_in_horizon_yen(const Event& e, int start_year, int horizon, double rate) {
    int from = e.year, n = e.spread_years;
    if (e.status == EventStatus::backlog) { from = start_year; n = e.backlog_years; }
    if (e.cost_yen == 0.0 || n <= 0) return 0.0;
    const double part = e.cost_yen / n;
    const int last = std::min(from + n - 1, start_year + horizon - 1);
    double total = 0.0;
    for (int y = std::max(from, start_year); y <= last; ++y) total += part / std::pow(1.0 + rate, y - start_year);
    return total;
}

double annuity_factor(int years, double rate) {
    double total = 0.0;
    for (int t = 0; t < years; ++t) total += 1.0 / std::pow(1.0 + rate, t);
    return total;
}

const char* status_name(EventStatus status) noexcept {
    switch (status) {
    case EventStatus::scheduled: return "scheduled";
    case EventStatus::backlog: return "backlog";
    case EventStatus::done: return "done";
    case EventStatus::skipped: return "skipped";
    }
    return "scheduled";
}

const char* status_label(EventStatus status) noexcept {
    switch (status) {
    case EventStatus::scheduled: return tr("予定", "scheduled");
    case EventStatus::backlog: return tr("積み残し", "backlog");
    case EventStatus::done: return tr("実施済み", "done");
    case EventStatus::skipped: return tr("省略", "skipped");
    }
    return "";
}

std::optional<double> Projection::budget_ratio() const noexcept {
    if (!scenario.budget_yen) return std::nullopt;
    return annual_average_yen / *scenario.budget_yen;
}

std::optional<double> Projection::budget_gap_yen(std::size_t year_index) const noexcept {
    if (!scenario.budget_yen) return std::nullopt;
    return total_yen[year_index] - *scenario.budget_yen;
}

bool eligible_for_life_extension(const Building& b, const Scenario& s) {
    if (b.life_extension && !*b.life_extension) return false;
    if (b.concrete_strength && !(*b.concrete_strength >= s.min_concrete_strength)) return false;
    if (s.min_condition_for_life_extension && b.condition && *b.condition < *s.min_condition_for_life_extension)
        return false;
    for (const auto& structure : s.eligible_structures)
        if (same_ascii_nocase(structure, b.structure)) return true;
    return false;
}

Projection project(const std::vector<Building>& buildings, const std::vector<InfraAsset>& assets,
                   const Scenario& scenario) {
    if (scenario.start_year < 1868)
        throw InputError({InputProblem{scenario.scenario_file, 0, "start_year",
                                       tr("開始年度が設定されていません", "the start year is not set")}});
    validate(scenario, scenario.scenario_file);
    Projection p;
    p.scenario = scenario;
    Engine engine(scenario, p);
    engine.prepare_flags();
    engine.project_buildings(buildings);
    engine.project_assets(assets);
    engine.finish();
    for (auto& b : p.buildings) {
        b.residual_value_yen = residual_value_yen(p, b);
        p.residual_value_yen += b.residual_value_yen;
    }
    return p;
}

} // namespace shisetsu::lifecycle
