// Local search for model A's stages (optimization.md "A"). The bounds come
// from the LP; what decides whether a stage is proven is how close a plan
// gets to them. With many events and a binding budget the LP spreads the
// cash so evenly over the years that a plan must match it to a fraction of
// the smallest event, so besides shifting one event the search exchanges
// sets of events between two years: a one-year shift of an event of spread n
// moves C/n between two years n apart, and the best subset of such shifts
// (meet in the middle over up to 24 of them) adjusts two years to within a
// few thousand yen.
#include "optimize/levelling_detail.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace shisetsu::optimize::detail {

namespace {

constexpr std::size_t kMaxItems = 24;  // shifts per exchange (2^12 subsets per half)
constexpr double kTiny = 1e-2;         // yen

// A schedule and its yearly cash less the budget, v_y = P_y − B_y.
class Schedule {
public:
    Schedule(const LevelModel& md, std::vector<int>& start) : md_(md), t_(start), head_(md.size()) {
        for (std::size_t i = 0; i < md.size(); ++i) head_[i] = md.prev[i] >= 0 ? head_[static_cast<std::size_t>(md.prev[i])] : i;
        refresh();
    }
    void refresh() {
        auto cash = cash_of(md_, t_);
        v_.resize(cash.size());
        for (std::size_t y = 0; y < cash.size(); ++y) v_[y] = cash[y] - md_.budget[y];
    }
    int years() const noexcept { return md_.horizon; }
    double v(int y) const noexcept { return v_[static_cast<std::size_t>(y)]; }
    int start(std::size_t i) const noexcept { return t_[i]; }
    std::size_t head(std::size_t i) const noexcept { return head_[i]; }
    void move(std::size_t i, int t) {
        add(i, t_[i], -1.0);
        t_[i] = t;
        add(i, t, 1.0);
    }
    // The start years event i may take given its neighbours: [lo, hi], and later.
    void range(std::size_t i, int& lo, int& hi, bool& later) const {
        lo = md_.first[i];
        hi = md_.last[i];
        later = md_.later[i] != 0;
        if (md_.prev[i] >= 0) {
            int tp = t_[static_cast<std::size_t>(md_.prev[i])];
            if (tp == kLater) hi = lo - 1;
            else lo = std::max(lo, tp + md_.spread[static_cast<std::size_t>(md_.prev[i])]);
        }
        if (md_.next[i] >= 0) {
            int tn = t_[static_cast<std::size_t>(md_.next[i])];
            if (tn != kLater) { hi = std::min(hi, tn - md_.spread[i]); later = false; }
        }
    }
    bool may_start(std::size_t i, int t) const {
        int lo, hi;
        bool later;
        range(i, lo, hi, later);
        return t == kLater ? later : (t >= lo && t <= hi);
    }
    // Years touched by a move of i to t (old and new), without repeats.
    void touched(std::size_t i, int t, std::vector<int>& ys) const {
        ys.clear();
        auto put = [&](int when) {
            if (when == kLater) return;
            for (int y = when; y < when + md_.spread[i] && y < md_.end_year(); ++y) {
                int k = y - md_.start_year;
                if (std::find(ys.begin(), ys.end(), k) == ys.end()) ys.push_back(k);
            }
        };
        put(t_[i]);
        put(t);
    }
    const LevelModel& model() const noexcept { return md_; }

private:
    void add(std::size_t i, int t, double sign) {
        if (t == kLater) return;
        for (int y = t; y < t + md_.spread[i] && y < md_.end_year(); ++y) v_[static_cast<std::size_t>(y - md_.start_year)] += sign * md_.part(i);
    }
    const LevelModel& md_;
    std::vector<int>& t_;
    std::vector<double> v_;
    std::vector<std::size_t> head_;
};

// One candidate shift of an exchange between years a and b: event i to
// start year t, moving `amount` from a to b (negative: from b to a), at a
// change of penalty `dp`.
struct Shift {
    std::size_t i;
    int t;
    double amount, dp;
};

// The one-year shifts (and moves of one-year events) that move cash between
// years a and b only; at most one per building so that they combine freely.
std::vector<Shift> exchange_shifts(const Schedule& s, const std::vector<std::vector<std::size_t>>& by_start, int a, int b,
                                   std::vector<int>& building_mark, int stamp, std::mt19937& rng) {
    const LevelModel& md = s.model();
    std::vector<Shift> out;
    const int ya = md.start_year + a, yb = md.start_year + b, d = b - a;
    auto consider = [&](int year, int spread, int new_start, double sign) {
        if (year < md.start_year || year >= md.end_year()) return;
        for (std::size_t i : by_start[static_cast<std::size_t>(year - md.start_year)]) {
            if (s.start(i) != year || md.spread[i] != spread) continue;
            auto h = s.head(i);
            if (building_mark[h] == stamp) continue;
            int t = spread == 1 ? new_start : year + new_start;  // spread 1: the target year; else a relative shift
            if (!s.may_start(i, t)) continue;
            building_mark[h] = stamp;
            out.push_back({i, t, sign * md.part(i), md.penalty(i, t) - md.penalty(i, year)});
        }
    };
    consider(ya, 1, yb, 1.0);   // one-year events at a move to b
    consider(yb, 1, ya, -1.0);  // and at b to a
    int n = std::abs(d);
    if (n >= 2) {
        if (d > 0) {
            consider(ya, n, 1, 1.0);       // [a, a+n) → [a+1, b]: a gives C/n to b
            consider(ya + 1, n, -1, -1.0); // [a+1, b] → [a, b): b gives to a
        } else {
            consider(ya - n + 1, n, -1, 1.0);  // [b+1, a] → [b, a): a gives to b
            consider(yb, n, 1, -1.0);          // [b, a) → [b+1, a]: b gives to a
        }
    }
    std::shuffle(out.begin(), out.end(), rng);
    return out;
}

struct Subset {
    double amount = 0.0, dp = 0.0;
    unsigned mask = 0;
};

std::vector<Subset> subsets(const std::vector<Shift>& items, std::size_t from, std::size_t count) {
    std::vector<Subset> out(std::size_t{1} << count);
    for (unsigned mask = 1; mask < out.size(); ++mask) {
        unsigned low = mask & (~mask + 1);
        auto k = static_cast<std::size_t>(__builtin_ctz(low));
        const Subset& base = out[mask ^ low];
        out[mask] = {base.amount + items[from + k].amount, base.dp + items[from + k].dp, mask};
    }
    return out;
}

void apply(Schedule& s, const std::vector<Shift>& items, std::size_t from, unsigned mask) {
    for (std::size_t k = 0; mask; ++k, mask >>= 1)
        if (mask & 1u) s.move(items[from + k].i, items[from + k].t);
}

std::vector<std::vector<std::size_t>> index_by_start(const Schedule& s) {
    const LevelModel& md = s.model();
    std::vector<std::vector<std::size_t>> by(static_cast<std::size_t>(md.horizon));
    for (std::size_t i = 0; i < md.size(); ++i)
        if (s.start(i) != kLater) by[static_cast<std::size_t>(s.start(i) - md.start_year)].push_back(i);
    return by;
}

// Whether `after` is below `before` in the order that compares the largest
// values first (the sorted vector of the years' v).
bool leximax_lower(std::vector<double> before, std::vector<double> after) {
    std::sort(before.rbegin(), before.rend());
    std::sort(after.rbegin(), after.rend());
    for (std::size_t k = 0; k < before.size(); ++k) {
        if (after[k] < before[k] - kTiny) return true;
        if (after[k] > before[k] + kTiny) return false;
    }
    return false;
}

double max_v(const Schedule& s) {
    double m = -kInfinity;
    for (int y = 0; y < s.years(); ++y) m = std::max(m, s.v(y));
    return m;
}

bool shifts_leximax(Schedule& s) {
    const LevelModel& md = s.model();
    bool improved = false;
    std::vector<int> ys;
    std::vector<double> before, after;
    for (std::size_t i = 0; i < md.size(); ++i) {
        int lo, hi;
        bool later;
        s.range(i, lo, hi, later);
        auto try_move = [&](int t) {
            if (t == s.start(i)) return;
            s.touched(i, t, ys);
            before.clear();
            for (int y : ys) before.push_back(s.v(y));
            int was = s.start(i);
            s.move(i, t);
            after.clear();
            for (int y : ys) after.push_back(s.v(y));
            if (leximax_lower(before, after)) improved = true;
            else s.move(i, was);
        };
        for (int t = lo; t <= hi; ++t) try_move(t);
        if (later) try_move(kLater);
    }
    return improved;
}

// Exchange between a (the higher) and b that brings both closest to their mean.
bool equalize(Schedule& s, const std::vector<std::vector<std::size_t>>& by_start, int a, int b, std::vector<int>& mark, int& stamp,
              std::mt19937& rng) {
    double gap = s.v(a) - s.v(b);
    if (gap <= kTiny) return false;
    auto items = exchange_shifts(s, by_start, a, b, mark, ++stamp, rng);
    if (items.empty()) return false;
    if (items.size() > kMaxItems) items.resize(kMaxItems);
    const double want = gap / 2;
    std::size_t h1 = items.size() / 2, h2 = items.size() - h1;
    auto left = subsets(items, 0, h1), right = subsets(items, h1, h2);
    std::sort(right.begin(), right.end(), [](const Subset& x, const Subset& y) { return x.amount < y.amount; });
    double best = kInfinity;
    unsigned bl = 0, br = 0;
    for (const auto& l : left) {
        auto it = std::lower_bound(right.begin(), right.end(), want - l.amount, [](const Subset& x, double w) { return x.amount < w; });
        for (int side = 0; side < 2; ++side) {
            auto jt = it;
            if (side == 1) {
                if (it == right.begin()) continue;
                --jt;
            }
            if (jt == right.end()) continue;
            double moved = l.amount + jt->amount;
            if (moved <= kTiny || moved >= gap - kTiny) continue;
            double err = std::abs(moved - want);
            if (err < best) { best = err; bl = l.mask; br = jt->mask; }
        }
    }
    if (best == kInfinity) return false;
    apply(s, items, 0, bl);
    apply(s, items, h1, br);
    return true;
}

// A relay from a through b to c: a gives s1 to b, b gives s2 to c, so that
// the largest of the three falls — what an exchange cannot do when a's
// neighbours are as high as a.
bool relay(Schedule& s, const std::vector<std::vector<std::size_t>>& by_start, int a, int b, int c, std::vector<int>& mark, int& stamp,
           std::mt19937& rng) {
    ++stamp;
    auto first = exchange_shifts(s, by_start, a, b, mark, stamp, rng);
    auto second = exchange_shifts(s, by_start, b, c, mark, stamp, rng);  // same stamp: other buildings only
    if (first.empty() || second.empty()) return false;
    const std::size_t half = kMaxItems / 2;
    // Keep the shifts that take cash from a (the first hop must lower it).
    std::stable_partition(first.begin(), first.end(), [](const Shift& x) { return x.amount > 0; });
    if (first.size() > half) first.resize(half);
    if (second.size() > half) second.resize(half);
    const double va = s.v(a), vb = s.v(b), vc = s.v(c);
    const double before = std::max({va, vb, vc});
    auto one = subsets(first, 0, first.size()), two = subsets(second, 0, second.size());
    std::sort(two.begin(), two.end(), [](const Subset& x, const Subset& y) { return x.amount < y.amount; });
    double best = before - kTiny;
    unsigned m1 = 0, m2 = 0;
    bool found = false;
    for (const auto& x : one) {
        if (x.amount <= kTiny) continue;
        double want = (vb + x.amount - vc) / 2;  // balances b and c
        auto it = std::lower_bound(two.begin(), two.end(), want, [](const Subset& q, double w) { return q.amount < w; });
        for (int side = 0; side < 2; ++side) {
            auto jt = it;
            if (side == 1) {
                if (it == two.begin()) continue;
                --jt;
            }
            if (jt == two.end()) continue;
            double after = std::max({va - x.amount, vb + x.amount - jt->amount, vc + jt->amount});
            if (after < best) { best = after; m1 = x.mask; m2 = jt->mask; found = true; }
        }
    }
    if (!found) return false;
    apply(s, first, 0, m1);
    apply(s, second, 0, m2);
    return true;
}

// The years whose events can trade cash with year a by one-year shifts.
std::vector<int> partners(const Schedule& s, int a) {
    std::vector<int> out;
    for (int b = std::max(0, a - 12); b <= std::min(s.years() - 1, a + 12); ++b)
        if (b != a) out.push_back(b);
    return out;
}

} // namespace

void level_search(const LevelModel& md, std::vector<int>& start, double target, Clock::time_point deadline, std::mt19937& rng) {
    Schedule s(md, start);
    std::vector<int> mark(md.size(), 0);
    int stamp = 0;
    int idle = 0;
    while (Clock::now() < deadline && idle < 3) {
        if (max_v(s) <= target + kTiny) return;
        bool improved = false;
        while (shifts_leximax(s) && Clock::now() < deadline) improved = true;
        auto by_start = index_by_start(s);
        std::vector<int> order(static_cast<std::size_t>(s.years()));
        for (int y = 0; y < s.years(); ++y) order[static_cast<std::size_t>(y)] = y;
        std::sort(order.begin(), order.end(), [&](int x, int y) { return s.v(x) > s.v(y); });
        for (int a : order) {
            if (Clock::now() >= deadline) break;
            for (int b = 0; b < s.years(); ++b)
                if (b != a && std::abs(b - a) <= 12 && equalize(s, by_start, a, b, mark, stamp, rng)) {
                    improved = true;
                    by_start = index_by_start(s);
                }
        }
        if (!improved) {
            // The highest years through a neighbour to a lower year.
            double top = max_v(s);
            for (int a : order) {
                if (Clock::now() >= deadline || s.v(a) < top - kTiny) break;
                for (int b : partners(s, a))
                    for (int c : partners(s, b))
                        if (c != a && s.v(c) < s.v(a) && relay(s, by_start, a, b, c, mark, stamp, rng)) {
                            improved = true;
                            by_start = index_by_start(s);
                        }
            }
        }
        s.refresh();  // drop the rounding drift of many small moves
        idle = improved ? 0 : idle + 1;
    }
}

namespace {

// Stage 2's cost of one year's v: M·max(0, v), and above the cap +∞ or, while
// a plan is being brought within the caps, a far steeper slope.
struct YearCost {
    double weight, cap, over_cap = 0.0;  // over_cap 0: the cap is a hard limit
    double operator()(double v) const {
        if (v > cap + kTiny) {
            if (over_cap <= 0) return kInfinity;
            return weight * std::max(0.0, v) + over_cap * (v - cap);
        }
        return weight * std::max(0.0, v);
    }
};

bool shifts_weighted(Schedule& s, const YearCost& f) {
    const LevelModel& md = s.model();
    bool improved = false;
    std::vector<int> ys;
    for (std::size_t i = 0; i < md.size(); ++i) {
        int lo, hi;
        bool later;
        s.range(i, lo, hi, later);
        auto try_move = [&](int t) {
            int was = s.start(i);
            if (t == was) return;
            s.touched(i, t, ys);
            double before = md.penalty(i, was), after = md.penalty(i, t);
            for (int y : ys) before += f(s.v(y));
            s.move(i, t);
            for (int y : ys) after += f(s.v(y));
            if (after < before - kTiny - 1e-12 * std::abs(before)) improved = true;
            else s.move(i, was);
        };
        for (int t = lo; t <= hi; ++t) try_move(t);
        if (later) try_move(kLater);
    }
    return improved;
}

// Each building's best schedule with the others fixed (its events never
// share a year, so the cost adds up over its events: a dynamic program).
bool buildings_weighted(Schedule& s, const YearCost& f) {
    const LevelModel& md = s.model();
    bool improved = false;
    std::vector<int> was, pick;
    for (std::size_t h = 0; h < md.size(); ++h) {
        if (md.prev[h] >= 0 || md.next[h] < 0) continue;  // single events: the shifts cover them
        auto chain = chain_of(md, h);
        was.clear();
        // The building's share of the objective now.
        double current = 0.0;
        for (std::size_t i : chain) {
            int t = s.start(i);
            was.push_back(t);
            current += md.penalty(i, t);
            if (t != kLater)
                for (int y = t; y < t + md.spread[i]; ++y) {
                    double v = s.v(y - md.start_year);
                    current += f(v) - f(v - md.part(i));
                }
        }
        for (std::size_t i : chain) s.move(i, kLater);  // the building's cash out
        auto cost_at = [&](std::size_t i, int t) {
            double own = md.penalty(i, t);
            if (t != kLater)
                for (int y = t; y < t + md.spread[i] && own < kInfinity; ++y) {
                    double v = s.v(y - md.start_year);
                    double after = f(v + md.part(i));
                    own = after >= kInfinity ? kInfinity : own + after - f(v);
                }
            return own;
        };
        double best = best_chain(md, chain, cost_at, pick);
        if (best < current - kTiny - 1e-12 * std::abs(current)) {
            for (std::size_t k = chain.size(); k-- > 0;) s.move(chain[k], pick[k]);
            improved = true;
        } else {
            for (std::size_t k = 0; k < chain.size(); ++k) s.move(chain[k], was[k]);
        }
    }
    return improved;
}

// The exchange between a and b of least weighted cost (penalty changes plus
// the two years' cost), exactly: the two years' cost is piecewise linear in
// the amount moved, so each piece is a linear search (sorted right halves and
// a range-minimum table).
bool exchange_weighted(Schedule& s, const YearCost& f, const std::vector<std::vector<std::size_t>>& by_start, int a, int b,
                       std::vector<int>& mark, int& stamp, std::mt19937& rng) {
    auto items = exchange_shifts(s, by_start, a, b, mark, ++stamp, rng);
    if (items.empty()) return false;
    if (items.size() > kMaxItems) items.resize(kMaxItems);
    const double va = s.v(a), vb = s.v(b);
    const double base = f(va) + f(vb);
    // Amounts moved a → b that keep both years within the cap (a hard one).
    double lo = va - f.cap - kTiny, hi = f.cap - vb + kTiny;
    if (lo > hi) return false;
    std::vector<double> cuts{lo};
    for (double x : {va, -vb})
        if (x > lo && x < hi) cuts.push_back(x);
    cuts.push_back(hi);
    std::sort(cuts.begin(), cuts.end());
    std::size_t h1 = items.size() / 2, h2 = items.size() - h1;
    auto left = subsets(items, 0, h1), right = subsets(items, h1, h2);
    std::sort(right.begin(), right.end(), [](const Subset& x, const Subset& y) { return x.amount < y.amount; });
    const std::size_t n = right.size();
    std::size_t levels = 1;
    while ((std::size_t{1} << levels) < n) ++levels;
    std::vector<std::vector<std::uint32_t>> table(levels + 1, std::vector<std::uint32_t>(n));
    double best = -kTiny - 1e-12 * std::abs(base);
    unsigned bl = 0, br = 0;
    bool found = false;
    for (std::size_t piece = 0; piece + 1 < cuts.size(); ++piece) {
        double p0 = cuts[piece], p1 = cuts[piece + 1];
        if (p1 <= p0) continue;
        // g(x) = f(va − x) + f(vb + x) is linear on the piece: its slope from two inner points.
        double q0 = p0 + 0.25 * (p1 - p0), q1 = p0 + 0.75 * (p1 - p0);
        double g0 = f(va - q0) + f(vb + q0), g1 = f(va - q1) + f(vb + q1);
        if (g0 >= kInfinity || g1 >= kInfinity) continue;
        double slope = q1 > q0 ? (g1 - g0) / (q1 - q0) : 0.0;
        auto key = [&](const Subset& x) { return x.dp + slope * x.amount; };
        for (std::size_t q = 0; q < n; ++q) table[0][q] = static_cast<std::uint32_t>(q);
        for (std::size_t l = 1; l <= levels; ++l)
            for (std::size_t q = 0; q + (std::size_t{1} << l) <= n; ++q) {
                auto x = table[l - 1][q], y = table[l - 1][q + (std::size_t{1} << (l - 1))];
                table[l][q] = key(right[x]) <= key(right[y]) ? x : y;
            }
        auto range_min = [&](std::size_t l, std::size_t r) {
            std::size_t k = 63 - static_cast<std::size_t>(__builtin_clzll(r - l + 1));
            auto x = table[k][l], y = table[k][r + 1 - (std::size_t{1} << k)];
            return key(right[x]) <= key(right[y]) ? x : y;
        };
        for (const auto& l : left) {
            auto first = std::lower_bound(right.begin(), right.end(), p0 - l.amount, [](const Subset& x, double w) { return x.amount < w; });
            auto last = std::upper_bound(right.begin(), right.end(), p1 - l.amount, [](double w, const Subset& x) { return w < x.amount; });
            if (first >= last) continue;
            auto j = range_min(static_cast<std::size_t>(first - right.begin()), static_cast<std::size_t>(last - right.begin()) - 1);
            double moved = l.amount + right[j].amount;
            double total = l.dp + right[j].dp + f(va - moved) + f(vb + moved) - base;
            if (total < best) { best = total; bl = l.mask; br = right[j].mask; found = true; }
        }
    }
    if (!found) return false;
    apply(s, items, 0, bl);
    apply(s, items, h1, br);
    return true;
}

double weighted_value(const Schedule& s, const YearCost& f) {
    const LevelModel& md = s.model();
    double v = 0.0;
    for (int y = 0; y < s.years(); ++y) v += f(s.v(y));
    for (std::size_t i = 0; i < md.size(); ++i) v += md.penalty(i, s.start(i));
    return v;
}

} // namespace

void penalty_search(const LevelModel& md, const StageSpec& spec, std::vector<int>& start, double target, Clock::time_point deadline,
                    std::mt19937& rng) {
    Schedule s(md, start);
    YearCost f{spec.overrun_weight, spec.cap};
    std::vector<int> mark(md.size(), 0);
    int stamp = 0;
    int idle = 0;
    while (Clock::now() < deadline && idle < 3) {
        if (weighted_value(s, f) <= target + kTiny) return;
        bool improved = false;
        while (Clock::now() < deadline && (shifts_weighted(s, f) | buildings_weighted(s, f))) improved = true;
        auto by_start = index_by_start(s);
        for (int a = 0; a < s.years() && Clock::now() < deadline; ++a)
            for (int b = 0; b < s.years(); ++b)
                if (b != a && std::abs(b - a) <= 12 && exchange_weighted(s, f, by_start, a, b, mark, stamp, rng)) {
                    improved = true;
                    by_start = index_by_start(s);
                }
        s.refresh();
        idle = improved ? 0 : idle + 1;
    }
}

void repair_caps(const LevelModel& md, const StageSpec& spec, std::vector<int>& start, Clock::time_point deadline) {
    // A yen above a cap weighs as much as 1,000 yen of overrun (or of penalty in mode peak).
    YearCost f{spec.overrun_weight, spec.cap, 1000.0 * std::max(1.0, spec.overrun_weight)};
    Schedule s(md, start);
    while (Clock::now() < deadline && (shifts_weighted(s, f) | buildings_weighted(s, f))) {
    }
}

} // namespace shisetsu::optimize::detail
